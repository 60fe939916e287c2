import { describe, expect, it } from 'vitest'
import { loadedBatches } from '../../../src/rules/dagster/batches.js'
import { validate } from '../schedule/harness.js'

// Which batch files reach Dagster as get_specs returns them: the name-collision, missing-key and
// schedule rules, the plan and the reload check all count only these, so a file that cannot be
// a batch (no usable metric_batch, disabled) must never be among them.

/** The files of the loaded batches, relative to metrics/. */
function loadedFiles(files: Record<string, string>): string[] {
  return loadedBatches(validate(files).views).map((v) => v.doc.path.replace(/^metrics\//, ''))
}

describe('loadedBatches', () => {
  it('keeps enabled batches with a valid name, in path order', () => {
    expect(
      loadedFiles({ 'a/a.yaml': 'metric_batch: a\n', 'b/b.yaml': 'metric_batch: b\n' })
    ).toEqual(['a/a.yaml', 'b/b.yaml'])
  })

  it.each([
    ['no metric_batch', 'ingest_sql: select 1\n'],
    ['a metric_batch YAML reads as an int', 'metric_batch: 123\n'],
    ['a metric_batch list', 'metric_batch: [x]\n'],
    ['an invalid name', 'metric_batch: a-b\n'],
    ['a disabled batch', 'metric_batch: c\ndisable_batch: true\n']
  ])('leaves out a file with %s', (_what, text) => {
    expect(loadedFiles({ 'a/a.yaml': 'metric_batch: a\n', 'b/b.yaml': text })).toEqual(['a/a.yaml'])
  })
})
