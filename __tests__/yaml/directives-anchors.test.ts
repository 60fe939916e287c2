/**
 * Directives, node properties and empty scalars, each with what real PyYAML 6.0.3 SafeLoader
 * does with it (recorded here by hand from `yaml.safe_load`; the recorded and generated
 * differential suites cover the common cases): verdict, value or problem mark and words.
 */
import { describe, expect, it } from 'vitest'
import { loadYaml } from '../../src/yaml/load.js'
import { problemMark } from './helpers/pyyaml.js'
import { toPlain } from './helpers/plain.js'

const load = (src: string) => loadYaml(new TextEncoder().encode(src))

describe('what PyYAML loads', () => {
  it.each([
    ['%YAML 1.2\n---\na: 1\n', { a: 1 }],
    ['%TAG !! tag:yaml.org,2002:\n---\na: !!int "3"\n', { a: 3 }],
    ['a: &x !!int "1"\nb: *x\n', { a: 1, b: 1 }],
    ['a: !!str &x 1\nb: *x\n', { a: '1', b: '1' }],
    ['a: &x\nb: *x\n', { a: null, b: null }],
    ['--- &x\n- 1\n', [1]],
    ['--- !!map\na: 1\n', { a: 1 }],
    ['---\n...\n', null],
    ['--- |\n  x\n', 'x\n']
  ])('%j', (src, value) => {
    const r = load(src)
    expect(r.failed, JSON.stringify(r.problems)).toBe(false)
    expect(r.root === null ? null : toPlain(r.root!)).toEqual(value)
  })
})

describe('what PyYAML refuses', () => {
  it.each([
    ['%YAML 1.1\n%YAML 1.1\n---\na: 1\n', 'yaml/syntax', 2, 1, 'found duplicate YAML directive'],
    [
      '%YAML 2.0\n---\na: 1\n',
      'yaml/syntax',
      1,
      1,
      'found incompatible YAML document (version 1.* is required)'
    ],
    [
      '%TAG !! tag:example.com,2000:\n---\na: !!foo x\n',
      'yaml/unsafe-tag',
      3,
      4,
      "could not determine a constructor for the tag 'tag:example.com,2000:foo'"
    ],
    [
      '[a]: &x b\n',
      'yaml/bad-value',
      1,
      1,
      'while constructing a mapping (line 1, column 1), found unhashable key (line 1, column 1)'
    ]
  ])('%j → %s at %i:%i', (src, ruleId, line, column, words) => {
    const r = load(src)
    expect(r.failed).toBe(true)
    const p = r.problems[0]!
    expect({ ruleId: p.ruleId, ...problemMark(p) }).toEqual({ ruleId, line, column })
    expect(p.message).toContain(words)
  })

  it.each([
    ['a: !!int ""\n', "cannot construct !!int from '': IndexError: string index out of range"],
    ['a: !!float ""\n', "cannot construct !!float from '': IndexError: string index out of range"],
    ['a: !!bool ""\n', "cannot construct !!bool from '': KeyError: ''"],
    [
      'a: !!binary "é"\n',
      "cannot construct !!binary from 'é': failed to convert base64 data into ascii"
    ]
  ])('%j → yaml/bad-value in Python words', (src, message) => {
    const r = load(src)
    expect(r.failed).toBe(true)
    expect(r.problems.map((p) => [p.ruleId, p.line, p.column])).toEqual([['yaml/bad-value', 1, 4]])
    expect(r.problems[0]!.message.startsWith(message)).toBe(true)
  })
})
