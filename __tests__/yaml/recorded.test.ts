/**
 * The PyYAML differential test (generated.test.ts) from a recording, for runs without a Python
 * venv (the Stryker sandbox of `npm run test:mutation`). fixtures/pyyaml-recorded.json holds the
 * documents (the regression list plus a seeded sample of the three generator families) with what
 * real PyYAML SafeLoader made of each; it is written by real PyYAML only:
 *
 *   UPDATE_RECORDING=1 npx vitest run __tests__/yaml/recorded.test.ts
 *
 * (needs .venv or a python3 with PyYAML, and the corpus trees of helpers/generate.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { compare } from './helpers/compare.js'
import { corpusTrees, generate, type Generated } from './helpers/generate.js'
import { findPython, pyyamlLoadAll, type PyResult } from './helpers/pyyaml.js'
import { REGRESSIONS } from './helpers/regressions.js'

const FILE = new URL('./fixtures/pyyaml-recorded.json', import.meta.url)
const SEED = 20261202
const PER_FAMILY = 1000

/**
 * Rejections where our problem mark is not PyYAML's (the generated test tolerates 1% of lines):
 * PyYAML builds a sequence's items only after the enclosing mapping (non-deep construction), so
 * a bad tag later in the mapping is reported before a plain `<<` inside an earlier sequence.
 */
const KNOWN_MARK_DIFFS: readonly string[] = [
  'table_key: [nO, Infinity]\nmetric_batch:\n  - <<\nk: !a,b c\nmetric_tags: |\n  select -63_.0e-1\n'
]

interface Recording {
  readonly pyyaml: string
  readonly seed: number
  readonly perFamily: number
  readonly cases: readonly (Generated & { readonly py: PyResult })[]
}

function record(): Recording {
  const trees = corpusTrees()
  if (trees.missing) throw new Error(`cannot record: ${trees.missing}`)
  const docs: Generated[] = [
    ...[...REGRESSIONS, ...KNOWN_MARK_DIFFS].map((text) => ({
      family: 'structure' as const,
      text
    })),
    ...generate(SEED, { mutant: PER_FAMILY, scalar: PER_FAMILY, structure: PER_FAMILY })
  ]
  const enc = new TextEncoder()
  const py = pyyamlLoadAll(docs.map((d) => enc.encode(d.text)))
  const version = spawnSync(findPython(), ['-c', 'import yaml; print(yaml.__version__)'], {
    encoding: 'utf8'
  }).stdout.trim()
  return {
    pyyaml: version,
    seed: SEED,
    perFamily: PER_FAMILY,
    cases: docs.map((d, i) => ({ ...d, py: py[i]! }))
  }
}

if (process.env['UPDATE_RECORDING'] === '1')
  writeFileSync(FILE, JSON.stringify(record(), null, 0) + '\n')
const recording = JSON.parse(readFileSync(FILE, 'utf8')) as Recording

describe(`loadYaml vs PyYAML ${recording.pyyaml} SafeLoader (recorded)`, () => {
  it('the recording covers loads and rejections of every family', () => {
    expect(recording.cases.length).toBe(
      REGRESSIONS.length + KNOWN_MARK_DIFFS.length + 3 * recording.perFamily
    )
    for (const family of ['mutant', 'scalar', 'structure'] as const) {
      const of = recording.cases.filter((c) => c.family === family)
      expect(of.some((c) => 'ok' in c.py)).toBe(true)
      expect(of.some((c) => 'error' in c.py)).toBe(true)
    }
  })

  it("agrees on every verdict and loaded value, and on the problem mark and PyYAML's words of each rejection", () => {
    const t = compare(
      recording.cases,
      recording.cases.map((c) => c.py)
    )
    expect(t.verdictDiffs).toEqual([])
    expect(t.messageDiffs).toEqual([])
    const known = KNOWN_MARK_DIFFS.map((text) => `structure ${JSON.stringify(text)}:`)
    const unexplained = [...t.lineDiffs, ...t.columnDiffs].filter(
      (d) => !known.some((k) => d.startsWith(k))
    )
    expect(unexplained).toEqual([])
    expect(t.lineDiffs.length + t.columnDiffs.length).toBe(KNOWN_MARK_DIFFS.length)
    expect(t.marked).toBeGreaterThan(0)
  })
})
