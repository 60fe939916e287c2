/** loadYaml never throws, and every problem position lies inside the file. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadYaml } from '../../src/yaml/load.js'
import type { LoadResult } from '../../src/yaml/types.js'
import { CORPUS } from '../helpers/paths.js'
import { corpusFiles, mutate, rng } from './helpers/snippets.js'

function checkPositions(bytes: Uint8Array, r: LoadResult): void {
  // Count lines the way a reader does (\n, \r\n and lone \r), on the raw bytes.
  let lines = 1
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) lines++
  }
  expect(r.failed).toBe(r.problems.some((p) => p.severity === 'error'))
  for (const p of r.problems) {
    expect(p.ruleId).toMatch(/^yaml\/[a-z-]+$/)
    expect(p.ruleId).not.toBe('yaml/internal')
    expect(p.line).toBeGreaterThanOrEqual(1)
    expect(p.line).toBeLessThanOrEqual(lines + 1)
    expect(p.column).toBeGreaterThanOrEqual(1)
    expect(p.endLine).toBeGreaterThanOrEqual(p.line)
    expect(p.endLine).toBeLessThanOrEqual(lines + 1)
  }
}

const YAMLISH = fc.constantFrom(
  ...'abc-:?*&!|>#{}[],"\' \t\n\r%@`=<~'.split(''),
  'yes',
  '08',
  '1:30',
  '2001-02-30',
  '!!int',
  '!!python/name:x',
  '<<: ',
  '&a ',
  '*a',
  '---\n',
  '\u0085',
  '\u2028',
  '\u0000',
  '\ufeff',
  '{{ x }}',
  'x_cron_schedule: *'
)

describe('loadYaml is total', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const bytes = new TextEncoder().encode(s)
        checkPositions(bytes, loadYaml(bytes))
      }),
      { numRuns: 300, seed: 42 }
    )
  })

  it('never throws on YAML-ish token soup', () => {
    fc.assert(
      fc.property(fc.array(YAMLISH, { maxLength: 60 }), (parts) => {
        const bytes = new TextEncoder().encode(parts.join(''))
        checkPositions(bytes, loadYaml(bytes))
      }),
      { numRuns: 500, seed: 7 }
    )
  })

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        checkPositions(bytes, loadYaml(bytes))
      }),
      { numRuns: 300, seed: 3 }
    )
  })

  it.skipIf(!CORPUS.dir)('never throws on mutated corpus files', () => {
    const files = corpusFiles().map(([, b]) => new TextDecoder().decode(b))
    fc.assert(
      fc.property(fc.integer({ min: 0, max: files.length - 1 }), fc.integer(), (i, seed) => {
        const bytes = new TextEncoder().encode(mutate(files[i]!, rng(seed)))
        checkPositions(bytes, loadYaml(bytes))
      }),
      { numRuns: 300, seed: 11 }
    )
  })
})
