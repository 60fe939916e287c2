/**
 * The working-tree reader: a metrics link may reach only files git tracks (outside git: files
 * inside the repository root), and an include of a broken link or a FIFO is an error on the
 * including batch, as Jinja's loader (os.path.isfile) fails on it like on a missing file.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readMetricsTree } from '../../src/config/read-tree.js'
import { validateTree } from '../../src/validate.js'

const roots: string[] = []
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true })
})

const SECRET_VALUE = 'AWS_SECRET=sup3r-s3cret-value'

function workspace(withGit: boolean): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ahr-links-'))
  roots.push(root)
  const w = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    writeFileSync(path.join(root, rel), text)
  }
  w('metrics/defaults/defaults.yaml', 'db: duckdb\ntable_key: metrics\n')
  w('shared/tracked.yaml', 'metric_batch: tracked\ningest_sql: select 1\n')
  w('.env', `${SECRET_VALUE}: 1\nmetric_batch: x\n`)
  symlinkSync('../shared/tracked.yaml', path.join(root, 'metrics/tracked.yaml'))
  symlinkSync('../.env', path.join(root, 'metrics/env.yaml'))
  if (withGit) {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: root })
    git('init', '-q', '.')
    git('add', 'metrics', 'shared')
    git('commit', '-q', '-m', 'base')
  }
  return root
}

describe('links to files of the workspace', () => {
  it('in git: a link to a tracked file is read, one to an untracked .env is an error that never shows it', async () => {
    const root = workspace(true)
    const tree = await readMetricsTree(root, 'metrics')
    const result = validateTree(tree)
    expect(result.batches.map((b) => b.name)).toEqual(['tracked'])
    const env = result.diagnostics.filter((d) => d.file === 'metrics/env.yaml')
    expect(env.map((d) => [d.ruleId, d.severity])).toEqual([
      ['file/untracked-link-target', 'error']
    ])
    expect(JSON.stringify(result.diagnostics)).not.toContain('sup3r')
    expect(JSON.stringify(result.diagnostics)).not.toContain('AWS_SECRET')
  })

  it('outside git: any file inside the repository root may be linked', async () => {
    const root = workspace(false)
    const result = validateTree(await readMetricsTree(root, 'metrics'))
    expect(result.diagnostics.some((d) => d.ruleId === 'file/untracked-link-target')).toBe(false)
    expect(result.batches.map((b) => b.name).sort()).toEqual(['tracked', 'x'])
  })
})

describe('an include of something that is no file', () => {
  it.each([
    ['a broken link', (p: string) => symlinkSync('nowhere.sql', p)],
    ['a FIFO', (p: string) => execFileSync('mkfifo', [p])]
  ])('%s is an include/missing error on the including batch', async (_what, make) => {
    const root = mkdtempSync(path.join(tmpdir(), 'ahr-inc-'))
    roots.push(root)
    mkdirSync(path.join(root, 'metrics/defaults'), { recursive: true })
    mkdirSync(path.join(root, 'metrics/b'))
    writeFileSync(path.join(root, 'metrics/defaults/defaults.yaml'), 'db: duckdb\n')
    writeFileSync(
      path.join(root, 'metrics/b/b.yaml'),
      'metric_batch: b\ningest_sql: |\n  {% include "./b/query.sql" %}\n'
    )
    make(path.join(root, 'metrics/b/query.sql'))
    const result = validateTree(await readMetricsTree(root, 'metrics'))
    const onBatch = result.diagnostics.filter(
      (d) => d.file === 'metrics/b/b.yaml' && d.ruleId.startsWith('include/')
    )
    expect(onBatch.map((d) => [d.ruleId, d.severity, d.line])).toEqual([
      ['include/missing', 'error', 3]
    ])
    expect(onBatch[0]?.message).toContain('a broken link or not a regular file')
  })
})
