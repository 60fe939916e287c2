/**
 * Hostile inputs must give the right problem in bounded time and never abort or hang the
 * process (yaml-parity.md §3: a second stack overflow inside `yaml` kills Node).
 */
import { describe, expect, it } from 'vitest'
import { loadYaml } from '../../src/yaml/load.js'

const enc = new TextEncoder()
const first = (src: string | Uint8Array) => {
  const r = loadYaml(typeof src === 'string' ? enc.encode(src) : src)
  return { failed: r.failed, problem: r.problems[0] }
}

function billionLaughs(): string {
  const lines = [`a0: &a0 [${Array(9).fill('"lol"').join(', ')}]`]
  for (let i = 1; i <= 10; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`
    )
  return lines.join('\n') + '\n'
}

describe('hostile input', () => {
  it('reports 100,000 duplicates of one key, each naming the line before, keeping the last value', () => {
    const n = 100_000
    const r = loadYaml(enc.encode('metric_batch: x\n' + 'k: 1\n'.repeat(n - 1) + 'k: 2\n'))
    expect(r.failed).toBe(false)
    const dups = r.problems.filter((p) => p.ruleId === 'yaml/duplicate-key')
    expect(dups).toHaveLength(n - 1)
    expect(dups[0]).toMatchObject({ line: 3, column: 1, severity: 'warning' })
    expect(dups[0]!.message).toContain('first at line 2')
    expect(dups.at(-1)).toMatchObject({ line: n + 1, column: 1 })
    expect(dups.at(-1)!.message).toContain(`first at line ${n}`)
    const root = r.root
    expect(root?.kind).toBe('map')
    if (root?.kind !== 'map') return
    expect(root.entries).toHaveLength(2)
    expect(root.entries[1]!.value).toMatchObject({ pyType: 'int', value: 2 })
  })

  it('rejects the 11×9 billion-laughs file as yaml/alias-bomb', () => {
    const r = first(billionLaughs())
    expect(r.failed).toBe(true)
    expect(r.problem).toMatchObject({ ruleId: 'yaml/alias-bomb' })
    expect(r.problem!.line).toBeGreaterThan(1)
  })

  it('accepts one anchor merged 1,000 times (PyYAML loads it)', () => {
    const keys = Array.from({ length: 50 }, (_, i) => `  k${i}: ${i}`).join('\n')
    const uses = Array.from({ length: 1000 }, (_, i) => `m${i}:\n  <<: *base\n  own: ${i}`).join(
      '\n'
    )
    const r = loadYaml(enc.encode(`base: &base\n${keys}\n${uses}\n`))
    expect(r.problems).toEqual([])
    expect(r.failed).toBe(false)
  })

  it('survives 100k-deep flow nesting twice in one process (yaml/too-deep)', () => {
    const deepSeq = '['.repeat(100_000) + ']'.repeat(100_000)
    const deepMap = '{a: '.repeat(100_000) + '1' + '}'.repeat(100_000)
    for (const src of [deepSeq, deepMap, deepSeq, deepMap]) {
      const r = first(src)
      expect(r.problem).toMatchObject({ ruleId: 'yaml/too-deep', line: 1 })
    }
    // A normal file still loads afterwards.
    expect(first('a: 1\n').failed).toBe(false)
  })

  it('rejects block nesting deeper than 400 and accepts 400', () => {
    const nest = (n: number) =>
      Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n'
    expect(first(nest(401)).problem).toMatchObject({ ruleId: 'yaml/too-deep', line: 401 })
    expect(first(nest(400)).failed).toBe(false)
  })

  it('rejects deep nesting built from chained aliases', () => {
    const lines = ['a0: &a0 ' + '['.repeat(300) + ']'.repeat(300)]
    lines.push('a1: &a1 ' + '['.repeat(300) + '*a0' + ']'.repeat(300))
    expect(first(lines.join('\n') + '\n').problem).toMatchObject({ ruleId: 'yaml/too-deep' })
  })

  it('reports invalid UTF-8 at the bad byte', () => {
    const bytes = Uint8Array.from([...enc.encode('a: 1\nb: x'), 0xc3, 0x28, 0x0a])
    expect(first(bytes).problem).toMatchObject({ ruleId: 'yaml/encoding', line: 2, column: 5 })
  })

  it('reports NUL and binary bytes', () => {
    expect(first(Uint8Array.from([0x61, 0x3a, 0x20, 0x00, 0x0a])).problem).toMatchObject({
      ruleId: 'yaml/non-printable',
      line: 1,
      column: 4
    })
    const binary = Uint8Array.from([0x61, 0x3a, 0x20, 0x31, 0x0a, 0x00, 0x01, 0x02, 0xff, 0xfe])
    expect(first(binary).problem).toMatchObject({ ruleId: 'yaml/encoding', line: 2, column: 4 })
  })

  it('does not parse a file over 1 MiB', () => {
    const big = enc.encode('a: [\n' + 'x'.repeat(1024 * 1024))
    const r = loadYaml(big)
    expect(r.problems.map((p) => [p.ruleId, p.line, p.column])).toEqual([['yaml/too-large', 1, 1]])
    expect(r.root).toBeUndefined()
  })

  it('accepts exactly 1 MiB', () => {
    const src = 'a: "' + 'x'.repeat(1024 * 1024 - 6) + '"\n'
    expect(enc.encode(src).length).toBe(1024 * 1024)
    expect(first(src).failed).toBe(false)
  })

  it('turns a large map with many keys into a result quickly (no quadratic duplicate check)', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `k${i}: ${i}`)
    const r = loadYaml(enc.encode(lines.join('\n') + '\nk0: again\n'))
    expect(r.problems.map((p) => [p.ruleId, p.line])).toEqual([['yaml/duplicate-key', 20_001]])
  })
})
