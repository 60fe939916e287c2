import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ParseCache } from '../../src/config/parse-cache.js'
import { validateTree } from '../../src/validate.js'
import {
  dagsterFingerprint,
  dagsterInputs,
  diffHashes,
  fileHashes
} from '../../src/local/fingerprint.js'
import { isRootConfigName } from '../../src/local/root-files.js'
import { memoryTree } from '../helpers/tree.js'
import { REPO_ROOT } from '../helpers/paths.js'

const DEFAULTS = readFileSync(
  path.join(REPO_ROOT, 'python/fixture_location/metrics/defaults/defaults.yaml'),
  'utf8'
)

function bigTree(n: number, changed?: number): Record<string, string> {
  const files: Record<string, string> = { 'defaults/defaults.yaml': DEFAULTS }
  for (let i = 0; i < n; i++) {
    const cron = i === changed ? '*/9 * * * *' : '*/5 * * * *'
    files[`b${i}/b${i}.yaml`] =
      `metric_batch: b${i}\ningest_sql: select ${i} as metric_value\ningest_cron_schedule: "${cron}"\n`
  }
  return files
}

describe('content-addressed parse cache', () => {
  it('parses each distinct file once across validations of a 1,500-batch tree', () => {
    const cache = new ParseCache()
    const first = validateTree(memoryTree(bigTree(1500)), { parseCache: cache })
    expect(cache.stats().misses).toBe(1501)
    const again = validateTree(memoryTree(bigTree(1500)), { parseCache: cache })
    expect(cache.stats().misses).toBe(1501)
    expect(again.diagnostics).toEqual(first.diagnostics)
    validateTree(memoryTree(bigTree(1500, 7)), { parseCache: cache })
    expect(cache.stats().misses).toBe(1502)
  })

  it('gives the same result as no cache, problems and positions included', () => {
    const files = {
      ...bigTree(3),
      'b1/b1.yaml': 'metric_batch: b1\nmetric_batch: b1\ningest_cron_schedule: "61 * * * *"\n'
    }
    const cache = new ParseCache()
    validateTree(memoryTree(files), { parseCache: cache })
    const cached = validateTree(memoryTree(files), { parseCache: cache })
    const plain = validateTree(memoryTree(files))
    expect(cached.diagnostics).toEqual(plain.diagnostics)
    expect(plain.diagnostics.some((d) => d.ruleId === 'schedule/cron-invalid')).toBe(true)
  })

  it('keys by content and load options, and a sweep forgets what the tree no longer has', () => {
    const cache = new ParseCache()
    const a = Buffer.from('a: 1\n')
    cache.load(a)
    cache.load(Buffer.from('a: 1\n'))
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1 })
    cache.load(a, { maxBytes: 2 })
    expect(cache.stats().misses).toBe(2)
    cache.sweep()
    cache.load(Buffer.from('b: 2\n'))
    cache.sweep()
    expect(cache.stats().entries).toBe(1)
  })
})

describe('what watch counts as a change Dagster sees', () => {
  const files = {
    'defaults/defaults.yaml': DEFAULTS,
    'a/a.yaml': `metric_batch: a\ningest_sql: "{% include 'a/q.sql' %}"\n`,
    'a/q.sql': 'select 1\n',
    'skip/skip.yaml': `metric_batch: skip\ndisable_batch: true\ningest_sql: "{% include 'skip/q.sql' %}"\n`,
    'skip/q.sql': 'select 2\n',
    'README.md': 'notes\n'
  }
  const result = validateTree(memoryTree(files))
  const hashes = fileHashes(memoryTree(files))
  const inputs = dagsterInputs(result, hashes)

  it('every YAML file and what enabled batches include; not files only a disabled batch reads', () => {
    expect(inputs.has('metrics/a/q.sql')).toBe(true)
    expect(inputs.has('metrics/skip/skip.yaml')).toBe(true)
    expect(inputs.has('metrics/skip/q.sql')).toBe(false)
    expect(inputs.has('metrics/README.md')).toBe(false)
  })

  it('the fingerprint moves with content, not with anything else', () => {
    const fp = dagsterFingerprint(inputs, hashes)
    const same = fileHashes(memoryTree({ ...files }))
    expect(dagsterFingerprint(inputs, same)).toBe(fp)
    expect(diffHashes(hashes, same)).toEqual({ added: [], modified: [], removed: [] })
    const sql = fileHashes(memoryTree({ ...files, 'a/q.sql': 'select 3\n' }))
    expect(dagsterFingerprint(inputs, sql)).not.toBe(fp)
    const skipSql = fileHashes(
      memoryTree({ ...files, 'skip/q.sql': 'select 3\n', 'README.md': 'x' })
    )
    expect(dagsterFingerprint(inputs, skipSql)).toBe(fp)
    expect(diffHashes(hashes, skipSql).modified).toEqual([
      'metrics/README.md',
      'metrics/skip/q.sql'
    ])
  })

  it('root files that need a container restart', () => {
    for (const n of [
      '.env',
      'workspace.yaml',
      'dagster.yaml',
      'dagster_cloud.yaml',
      'docker-compose.yaml',
      'docker-compose.dev.yml',
      'compose.yaml'
    ])
      expect(isRootConfigName(n), n).toBe(true)
    for (const n of ['.env.example', 'Makefile', 'metrics', 'README.md', 'docker-compose.yaml.bak'])
      expect(isRootConfigName(n), n).toBe(false)
  })
})
