/**
 * SafeConstructor's failures and Python dict semantics, one document each: rule id, range and the
 * exact message (reworded from PyYAML's ConstructorError for Anomstack users; the verdicts are
 * PyYAML's, checked against it by the generated and recorded differential tests).
 */
import { describe, expect, it } from 'vitest'
import { loadYaml } from '../../src/yaml/load.js'
import type { YMap } from '../../src/yaml/node.js'

const load = (src: string) => loadYaml(new TextEncoder().encode(src))

/** [ruleId, 'line:column-endLine:endColumn', message] of every problem. */
const problems = (src: string) =>
  load(src).problems.map((p) => [
    p.ruleId,
    `${p.line}:${p.column}-${p.endLine}:${p.endColumn}`,
    p.message
  ])

describe('values SafeConstructor refuses', () => {
  it.each([
    [
      'a: 2001-02-30\n',
      '1:4-1:14',
      "cannot construct !!timestamp from '2001-02-30': ValueError: day is out of range for month"
    ],
    [
      'a: !!float x\n',
      '1:4-1:13',
      "cannot construct !!float from 'x': ValueError: could not convert string to float: 'x'"
    ],
    ['a: !!bool "maybe"\n', '1:4-1:18', "cannot construct !!bool from 'maybe': KeyError: 'maybe'"],
    [
      `a: !!int "${'9'.repeat(50)}x"\n`,
      '1:4-1:63',
      `cannot construct !!int from '${'9'.repeat(37)}...': ValueError: invalid literal for int() with base 10: '${'9'.repeat(50)}x'`
    ],
    [
      'a: <<\n',
      '1:4-1:6',
      "could not determine a constructor for the tag 'tag:yaml.org,2002:merge' (a plain '<<' value)"
    ],
    [
      'a: =\n',
      '1:4-1:5',
      "could not determine a constructor for the tag 'tag:yaml.org,2002:value' (a plain '=' value)"
    ],
    [
      'a: {<<: x}\n',
      '1:9-1:10',
      'expected a mapping or list of mappings for merging, but found scalar'
    ],
    [
      'a:\n  <<:\n  b: 1\n',
      '2:6-2:6',
      'expected a mapping or list of mappings for merging, but found scalar'
    ],
    ['a: {<<: [1]}\n', '1:10-1:11', 'expected a mapping for merging, but found scalar'],
    ['a: {<<: [[1]]}\n', '1:10-1:13', 'expected a mapping for merging, but found sequence'],
    ['a: {<<: [{b: 1}, ~]}\n', '1:18-1:19', 'expected a mapping for merging, but found scalar'],
    ['a: !!omap [[a]]\n', '1:12-1:15', 'expected a mapping of length 1, but found sequence'],
    ['a: !!omap [a]\n', '1:12-1:13', 'expected a mapping of length 1, but found scalar'],
    ['a: !!pairs [~]\n', '1:13-1:14', 'expected a mapping of length 1, but found scalar'],
    [
      'a: !!omap [{a: 1, b: 2}]\n',
      '1:12-1:24',
      'expected a single mapping item, but found 2 items'
    ],
    ['a: !!map x\n', '1:4-1:11', '!!map expects a collection, but found a scalar'],
    ['a: !!seq x\n', '1:4-1:11', '!!seq expects a collection, but found a scalar'],
    ['a: !!set x\n', '1:4-1:11', '!!set expects a collection, but found a scalar'],
    ['a: !!omap x\n', '1:4-1:12', '!!omap expects a collection, but found a scalar'],
    ['a: !!pairs x\n', '1:4-1:13', '!!pairs expects a collection, but found a scalar'],
    ['a: !!map [1]\n', '1:4-1:13', '!!map expects a mapping, but found a sequence'],
    ['a: !!set [1]\n', '1:4-1:13', '!!set expects a mapping, but found a sequence'],
    ['a: !!seq {b: 1}\n', '1:4-1:16', '!!seq expects a sequence, but found a mapping'],
    ['a: !!omap {b: 1}\n', '1:4-1:17', '!!omap expects a sequence, but found a mapping'],
    ['a: !!pairs {b: 1}\n', '1:4-1:18', '!!pairs expects a sequence, but found a mapping'],
    ['a: !!int [1]\n', '1:4-1:13', 'expected a scalar node, but found sequence'],
    ['a: !!str {b: 1}\n', '1:4-1:16', 'expected a scalar node, but found mapping'],
    [
      '? [a, b]\n: 1\n',
      '1:3-1:4',
      'while constructing a mapping (line 1, column 1), found unhashable key (line 1, column 3)'
    ],
    [
      'x: 1\n? {a: 1}\n: 1\n',
      '2:3-2:4',
      'while constructing a mapping (line 1, column 1), found unhashable key (line 2, column 3)'
    ]
  ])('%j → yaml/bad-value at %s', (src, range, message) => {
    const r = load(src)
    expect(r.failed).toBe(true)
    expect(r.root).toBeUndefined()
    expect(problems(src)).toEqual([['yaml/bad-value', range, message]])
  })

  it.each([
    ['a: !foo x\n', '1:4-1:10'],
    ['a: !foo [1]\n', '1:4-1:12'],
    ['a: !foo {b: 1}\n', '1:4-1:15']
  ])('%j → yaml/unsafe-tag at %s (a scalar, a sequence, a mapping)', (src, range) => {
    expect(problems(src)).toEqual([
      ['yaml/unsafe-tag', range, "could not determine a constructor for the tag '!foo'"]
    ])
  })

  it('keeps the key range of an unhashable flow key on a Jinja line, naming the Jinja cause', () => {
    const r = load('ingest_sql: {{ x }}\n')
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toMatchObject({
      ruleId: 'yaml/unquoted-jinja',
      line: 1,
      column: 14,
      endLine: 1,
      endColumn: 15
    })
    expect(r.problems[0]!.message).toContain(
      '(while constructing a mapping (line 1, column 13), found unhashable key (line 1, column 14))'
    )
  })

  it('refuses a mapping that merges itself, at the mapping', () => {
    expect(problems('a: &x {<<: *x}\n')).toEqual([
      [
        'yaml/recursive-alias',
        '1:4-1:15',
        'recursive merge: a mapping merges itself (refused on purpose)'
      ]
    ])
  })
})

describe('keys as Python dict keys', () => {
  const keys = (src: string) => {
    const r = load(src)
    expect(r.failed).toBe(false)
    return (r.root as YMap).entries.map((e) => [
      e.key.kind === 'scalar' ? e.key.source : e.key.kind,
      e.value.kind === 'scalar' ? e.value.value : e.value.kind
    ])
  }

  it('compares aware datetimes by instant and naive ones by their fields', () => {
    expect(keys('2001-12-14T21:59:43-05:00: a\n2001-12-15T02:59:43Z: b\n')).toEqual([
      ['2001-12-14T21:59:43-05:00', 'b']
    ])
    expect(keys('2001-12-14T21:59:43+01:30: a\n2001-12-14T20:29:43Z: b\n')).toEqual([
      ['2001-12-14T21:59:43+01:30', 'b']
    ])
    expect(keys('2001-12-14 21:59:43: a\n2001-12-14T21:59:43: b\n')).toHaveLength(1)
    expect(keys('2001-12-14T21:59:43.1Z: a\n2001-12-14T21:59:43.2Z: b\n')).toHaveLength(2)
    expect(keys('2001-12-14T21:59:43.5Z: a\n2001-12-14T21:59:43Z: b\n')).toHaveLength(2)
    expect(keys('2001-12-14T21:59:43Z: a\n2001-12-14T21:59:44Z: b\n')).toHaveLength(2)
    expect(keys('2001-12-14T21:59:43Z: a\n2001-12-14T21:59:43: b\n')).toHaveLength(2)
  })

  it('treats 1, 1.0 and true as one key, and 0, -0.0 and false as another', () => {
    expect(keys('1: a\n1.0: b\ntrue: c\n0: d\n-0.0: e\nfalse: f\n')).toEqual([
      ['1', 'c'],
      ['0', 'f']
    ])
    expect(keys('~: a\nnull: b\n.nan: c\n.NaN: d\n')).toEqual([
      ['null', 'b'],
      // PyYAML returns one NaN object, so the first key stays (the NaN is not equal to itself).
      ['.nan', 'd']
    ])
  })

  it('warns at each later duplicate, sorted by position even when an inner one is found first', () => {
    expect(problems('a: 1\na: {b: 1, b: 2}\n')).toEqual([
      [
        'yaml/duplicate-key',
        '2:1-2:2',
        "duplicate key 'a' (first at line 1); PyYAML silently keeps this later value"
      ],
      [
        'yaml/duplicate-key',
        '2:11-2:12',
        "duplicate key 'b' (first at line 2); PyYAML silently keeps this later value"
      ]
    ])
  })
})

describe('integers beyond a double', () => {
  it('warns that a huge int is approximate, even where it becomes Infinity', () => {
    expect(problems('a: 123456789012345678901234567890\n')).toEqual([
      [
        'yaml/int-precision',
        '1:4-1:34',
        'integer 123456789012345678901234567890 is beyond 2^53; it is read here as 1.2345678901234568e+29'
      ]
    ])
    const huge = '0x' + 'f'.repeat(300)
    const r = load(`a: ${huge}\n`)
    expect(r.failed).toBe(false)
    expect(r.problems.map((p) => [p.ruleId, p.severity, p.message])).toEqual([
      [
        'yaml/int-precision',
        'warning',
        `integer ${huge.slice(0, 37)}... is beyond 2^53; it is read here as Infinity`
      ]
    ])
    expect(problems('a: 9007199254740991\n')).toEqual([])
  })
})
