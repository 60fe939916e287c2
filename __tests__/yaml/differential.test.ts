/**
 * Differential test against real PyYAML (pure-Python SafeLoader): snippets of every category in
 * yaml-parity.md §1.1, seeded corpus mutants and the real corpus. Values are compared typed and
 * in dict order; error vs. no error must agree except for the documented residual differences.
 */
import { describe, expect, it } from 'vitest'
import { loadYaml } from '../../src/yaml/load.js'
import { toPlain } from './helpers/plain.js'
import { corpusFiles, corpusMutants, snippets } from './helpers/snippets.js'
import { CORPUS } from '../helpers/paths.js'
import { difference, expectedDifference, problemMark, pyyamlLoadAll } from './helpers/pyyaml.js'

interface Case {
  readonly name: string
  readonly bytes: Uint8Array
}

// Without the upstream corpus (see __tests__/helpers/paths.ts) only the snippets are compared.
const hasCorpus = CORPUS.dir !== undefined
const corpus = hasCorpus ? corpusFiles() : []
const cases: Case[] = [
  ...snippets().map((bytes, i) => ({ name: `snippet#${i}`, bytes })),
  ...(hasCorpus ? corpusMutants(400, 20240601) : []).map((bytes, i) => ({
    name: `mutantA#${i}`,
    bytes
  })),
  ...(hasCorpus ? corpusMutants(400, 77) : []).map((bytes, i) => ({ name: `mutantB#${i}`, bytes })),
  ...corpus.map(([name, bytes]) => ({ name: `corpus:${name}`, bytes }))
]

describe('loadYaml vs PyYAML safe_load', () => {
  const py = pyyamlLoadAll(cases.map((c) => c.bytes))
  const decoder = new TextDecoder()
  const unexpected: string[] = []
  const expected = new Map<string, number>()
  let pyErrors = 0
  let marked = 0
  let sameLine = 0
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!
    const js = loadYaml(c.bytes)
    const ref = py[i]!
    if ('error' in ref) {
      pyErrors++
      const mine = js.problems.find((p) => p.severity === 'error')
      if (ref.line !== undefined && mine) {
        marked++
        const at = problemMark(mine)
        if (at.line === ref.line) sameLine++
        else if (process.env.SHOW_LINES) {
          console.log(
            `${ref.error}@${ref.line}:${ref.column} vs ${mine.ruleId}@${mine.line}:${mine.column} ${ref.message.split('\n').slice(0, 3).join(' / ')} || ${mine.message}`
          )
        }
      }
    }
    const diff = difference(py[i]!, js)
    if (!diff) continue
    const cls = expectedDifference(py[i]!, js)
    if (cls) expected.set(cls, (expected.get(cls) ?? 0) + 1)
    else
      unexpected.push(`${c.name} ${JSON.stringify(decoder.decode(c.bytes).slice(0, 120))}: ${diff}`)
  }

  it('agrees on every input except the documented residual differences', () => {
    console.log(
      `PyYAML differential: ${cases.length} inputs (${pyErrors} rejected by PyYAML), ` +
        `${unexpected.length} unexpected mismatches, expected differences: ` +
        JSON.stringify(Object.fromEntries(expected)) +
        `; first error on PyYAML's problem line in ${sameLine}/${marked} marked rejections`
    )
    expect(unexpected).toEqual([])
  })

  it.skipIf(!hasCorpus)('loads all corpus files identically, with no problems at all', () => {
    expect(corpus.length).toBe(28)
    for (const [name, bytes] of corpus) {
      const js = loadYaml(bytes)
      expect({ name, problems: js.problems }).toEqual({ name, problems: [] })
    }
  })

  it.skipIf(!hasCorpus)('loads the corpus quickly when warm (printed, not asserted)', () => {
    const times: number[] = []
    let failures = 0
    for (let round = 0; round < 30; round++) {
      const t0 = performance.now()
      for (const [, bytes] of corpus) {
        const r = loadYaml(bytes)
        if (r.failed) failures++
        toPlain(r.root ?? null)
      }
      times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    console.log(
      `warm loadYaml+toPlain of ${corpus.length} corpus files: median ${times[15]!.toFixed(2)} ms, ` +
        `min ${times[0]!.toFixed(2)} ms`
    )
    expect(failures).toBe(0)
  })
})
