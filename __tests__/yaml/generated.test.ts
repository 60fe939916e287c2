/**
 * Generator-based differential test against real PyYAML SafeLoader (scripts/pyyaml-dump.py, one
 * Python process for the whole batch): accept/reject, problem line and column, and resolved
 * values, on seeded documents of three families (helpers/generate.ts) plus a fixed list of past
 * disagreements. Where CSafeLoader differs from SafeLoader it is counted, not followed.
 *
 * YAML_DIFF_SEED picks another seed (a fresh set), YAML_DIFF_COUNT the documents per family;
 * YAML_DIFF_SHOW=1 prints every disagreement; YAML_DIFF_DUMP=file.json writes the documents with
 * PyYAML's results (and CSafeLoader's where it differs).
 */
import { writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { corpusTrees, generate } from './helpers/generate.js'
import { compare, report } from './helpers/compare.js'
import { pyyamlLoadAll } from './helpers/pyyaml.js'
import { REGRESSIONS } from './helpers/regressions.js'

const SEED = Number(process.env['YAML_DIFF_SEED'] ?? 20261202)
const PER_FAMILY = Number(process.env['YAML_DIFF_COUNT'] ?? 1500)

const trees = corpusTrees()

describe('loadYaml vs PyYAML SafeLoader on generated documents', () => {
  it('agrees on every past disagreement (regression list)', () => {
    const cases = REGRESSIONS.map((text) => ({ family: 'structure' as const, text }))
    const t = compare(cases, pyyamlLoadAll(cases.map((c) => new TextEncoder().encode(c.text))))
    report('regressions', t)
    expect(t.verdictDiffs).toEqual([])
    expect(t.lineDiffs).toEqual([])
    expect(t.columnDiffs).toEqual([])
    expect(t.messageDiffs).toEqual([])
  })

  it.skipIf(trees.missing !== undefined)(
    `agrees on seed ${SEED} (${PER_FAMILY} per family; ${trees.missing ?? 'corpus found'})`,
    () => {
      const cases = generate(SEED, {
        mutant: PER_FAMILY,
        scalar: PER_FAMILY,
        structure: PER_FAMILY
      })
      const bytes = cases.map((c) => new TextEncoder().encode(c.text))
      const py = pyyamlLoadAll(bytes, { csafe: true })
      const dump = process.env['YAML_DIFF_DUMP']
      if (dump) writeFileSync(dump, JSON.stringify(cases.map((c, i) => ({ ...c, py: py[i] }))))
      const t = compare(cases, py)
      report(`seed ${SEED}`, t)
      expect(cases.length).toBe(3 * PER_FAMILY)
      expect(t.verdictDiffs).toEqual([])
      expect(t.messageDiffs).toEqual([])
      // NEL/LS/PS documents are compared in full (verdict, values, PyYAML's line): both outcomes.
      expect(t.lineBreakLoaded).toBeGreaterThan(20)
      expect(t.lineBreakDocs - t.lineBreakLoaded).toBeGreaterThan(20)
      expect(t.sameLine / t.marked).toBeGreaterThanOrEqual(0.99)
      expect(t.sameColumn / t.marked).toBeGreaterThanOrEqual(0.95)
    },
    180_000
  )
})
