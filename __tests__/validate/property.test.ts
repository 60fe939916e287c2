import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import path from 'node:path'
import { readMetricsTree } from '../../src/config/read-tree.js'
import { validateTree } from '../../src/validate.js'
import type { FileTree, TreeEntry } from '../../src/core/tree.js'
import { CORPUS, CORPUS_METRICS } from '../helpers/paths.js'

const TOKENS = [
  '\t',
  ':',
  '- ',
  '"',
  "'",
  '*',
  '&a ',
  '*a',
  '!!str ',
  '{',
  '}',
  '[',
  ']',
  ',',
  '\n',
  '? ',
  '|',
  '>',
  '<<: ',
  '~',
  'yes',
  '08',
  '1:30',
  '1e3',
  '2001-02-30',
  '#',
  '%',
  '@',
  '{% include "../x" %}',
  'metric_batch: ',
  '\u0000',
  '\u0085',
  'disable_train: true\n',
  '_cron_schedule: "*/0 * * * *"\n'
]

/** Replace one batch file's text with a mutated copy (insertions, deletions, duplications). */
const mutation = fc.record({
  file: fc.nat(),
  edits: fc.array(
    fc.record({
      at: fc.nat(),
      kind: fc.constantFrom('insert', 'delete', 'dup'),
      token: fc.constantFrom(...TOKENS),
      len: fc.integer({ min: 1, max: 20 })
    }),
    { minLength: 1, maxLength: 4 }
  )
})

describe.skipIf(!CORPUS.dir)('validateTree on mutated corpus files', () => {
  it('never throws, and every diagnostic points inside its file', async () => {
    const tree = await readMetricsTree(path.dirname(CORPUS_METRICS), 'metrics')
    const yamlIdx = tree.entries.flatMap((e, i) =>
      e.kind === 'file' && e.path.endsWith('.yaml') ? [i] : []
    )
    fc.assert(
      fc.property(mutation, ({ file, edits }) => {
        const idx = yamlIdx[file % yamlIdx.length]!
        const entry = tree.entries[idx] as Extract<TreeEntry, { kind: 'file' }>
        let text = Buffer.from(entry.bytes).toString('utf8')
        for (const e of edits) {
          const at = e.at % (text.length + 1)
          if (e.kind === 'insert') text = text.slice(0, at) + e.token + text.slice(at)
          else if (e.kind === 'delete') text = text.slice(0, at) + text.slice(at + e.len)
          else text = text.slice(0, at) + text.slice(at, at + e.len) + text.slice(at)
        }
        const entries = [...tree.entries]
        entries[idx] = { kind: 'file', path: entry.path, bytes: Buffer.from(text, 'utf8') }
        const mutated: FileTree = { metricsDir: tree.metricsDir, entries }
        const result = validateTree(mutated)
        expect(result.diagnostics.filter((d) => d.ruleId === 'internal/rule-crashed')).toEqual([])
        for (const d of result.diagnostics) {
          const source = result.texts.get(d.file)
          const lines = source === undefined ? 1 : source.split('\n').length
          expect(d.line).toBeGreaterThanOrEqual(1)
          expect(d.column).toBeGreaterThanOrEqual(1)
          expect(d.line).toBeLessThanOrEqual(lines)
          expect(d.endLine).toBeGreaterThanOrEqual(d.line)
          expect(d.endLine).toBeLessThanOrEqual(lines)
        }
      }),
      { numRuns: 300, seed: 20261125 }
    )
  })
})
