/**
 * Cross-file messages name a few other files plus a count: a clash between n files gives n
 * diagnostics of bounded size, so the report grows linearly (4,000 files with one metric_batch
 * used to crash with "Invalid string length", 20,000 ran out of heap).
 */
import { describe, expect, it } from 'vitest'
import { validateTree } from '../../src/validate.js'
import { renderJson } from '../../src/report/json.js'
import { memoryTree } from '../helpers/tree.js'

const DEFAULTS = 'db: duckdb\ntable_key: metrics\n'

function sameNameTree(n: number, name: (i: number) => string) {
  const files: Record<string, string> = { 'defaults/defaults.yaml': DEFAULTS }
  for (let i = 0; i < n; i++) {
    files[`b${String(i).padStart(5, '0')}.yaml`] =
      `metric_batch: ${name(i)}\ningest_sql: select 1\n`
  }
  return memoryTree(files)
}

describe('batch-name clashes between many files', () => {
  it('reports 20,000 files with one metric_batch once each, with a linear report', () => {
    const n = 20_000
    const result = validateTree(sameNameTree(n, () => 'same'))
    const dups = result.diagnostics.filter((d) => d.ruleId === 'batch/duplicate-name')
    expect(dups).toHaveLength(n)
    const first = dups.find((d) => d.file === 'metrics/b00000.yaml')
    expect(first?.message).toContain(
      'is also used by metrics/b00001.yaml, metrics/b00002.yaml, metrics/b00003.yaml and 19996 more:'
    )
    const report = renderJson({ toolVersion: 'test', diagnostics: result.diagnostics })
    // Every diagnostic is a bounded record: well under 2 KB each.
    expect(report.length).toBeLessThan(2_000 * result.diagnostics.length)
    expect(JSON.parse(report).counts.error).toBeGreaterThanOrEqual(n)
  })

  it('gives one name-collision per batch, naming a few clashing batches plus a count', () => {
    // `foo` (read last) generates the graphs of `foo_get_alerts`, `foo_save_alerts`, ... and the
    // op `foo_change_alerts_op`: each was claimed first by a different batch.
    const names = [
      'foo_get',
      'foo_save',
      'foo_save_change',
      'foo_detect_threshold',
      'foo_change',
      'foo'
    ]
    const result = validateTree(sameNameTree(names.length, (i) => names[i] ?? 'x'))
    const clashes = result.diagnostics.filter((d) => d.ruleId === 'dagster/name-collision')
    const onFoo = clashes.filter((d) => d.file === 'metrics/b00005.yaml')
    expect(onFoo).toHaveLength(1)
    expect(onFoo[0]?.message).toMatch(
      /^Batch `foo` defines the same names as batch `foo_detect_threshold` in metrics\/b00003.yaml \(op `foo_detect_threshold_alerts`, a graph there\), batch `foo_get` in .* and 2 more: /
    )
  })
})
