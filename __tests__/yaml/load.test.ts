import { describe, expect, it } from 'vitest'
import { loadYaml } from '../../src/yaml/load.js'
import { problemMark } from './helpers/pyyaml.js'
import { getEntry, type YMap, type YNode, type YScalar } from '../../src/yaml/node.js'
import { PyTimestamp, toPlain } from './helpers/plain.js'

const enc = new TextEncoder()
const load = (src: string | Uint8Array) => loadYaml(typeof src === 'string' ? enc.encode(src) : src)

function valueOf(src: string, key = 'a'): YScalar {
  const r = load(src)
  expect(r.failed, JSON.stringify(r.problems)).toBe(false)
  const root = r.root as YMap
  const e = root.entries.find((x) => x.key.kind === 'scalar' && x.key.value === key)
  expect(e, `key ${key}`).toBeDefined()
  expect(e!.value.kind).toBe('scalar')
  return e!.value as YScalar
}

describe('YAML 1.1 scalars as PyYAML resolves them (contract §1.2)', () => {
  it.each([
    ['yes', 'bool', true],
    ['No', 'bool', false],
    ['on', 'bool', true],
    ['OFF', 'bool', false],
    ['y', 'str', 'y'],
    ['n', 'str', 'n'],
    ['tRUE', 'str', 'tRUE'],
    ['010', 'int', 8],
    ['0o17', 'str', '0o17'],
    ['0x1F', 'int', 31],
    ['0b101', 'int', 5],
    ['1_000', 'int', 1000],
    ['1:30', 'int', 90],
    ['0:20', 'str', '0:20'],
    ['190:20:30.15', 'float', 685230.15],
    ['1e3', 'str', '1e3'],
    ['1.0e+3', 'float', 1000],
    ['.inf', 'float', Infinity],
    ['-.inf', 'float', -Infinity],
    ['08', 'str', '08'],
    ['-.5', 'str', '-.5'],
    ['.5', 'float', 0.5],
    ['.', 'str', '.'],
    ['~', 'null', null],
    ['', 'null', null],
    ['2001-12-14', 'date', '2001-12-14'],
    ['2001-12-14t21:59:43.10-05:00', 'datetime', '2001-12-14T21:59:43.100000-05:00'],
    ['2001-12-14 21:59:43Z', 'datetime', '2001-12-14T21:59:43+00:00'],
    ['2001-1-1', 'str', '2001-1-1'],
    ['"yes"', 'str', 'yes'],
    ['! yes', 'bool', true],
    ['! "12"', 'int', 12],
    ['!!int " 12"', 'int', 12],
    ['!!float "1"', 'float', 1],
    ['!!null "abc"', 'null', null],
    ['!!str 010', 'str', '010'],
    ['!!binary aGVsbG8=', 'binary', 'aGVsbG8=']
  ] as const)('a: %s → %s %s', (text, pyType, value) => {
    const v = valueOf(`a: ${text}\n`)
    expect(v.pyType).toBe(pyType)
    expect(v.value).toBe(value)
  })

  it('reads .nan as NaN', () => {
    expect(valueOf('a: .NaN\n').value).toBeNaN()
  })

  it('keeps no trailing newline on a block scalar that ends the file', () => {
    expect(valueOf('a: |\n  x').value).toBe('x')
    expect(valueOf('a: |\n  x\n').value).toBe('x\n')
    expect(valueOf('a: >').value).toBe('')
  })

  it('records spans and source of scalars', () => {
    const r = load('k: "v"\n')
    const e = getEntry(r.root as YMap, 'k')!
    expect(e.key).toMatchObject({ start: 0, end: 1, plain: true, source: 'k' })
    expect(e.value).toMatchObject({ start: 3, end: 6, plain: false, source: '"v"', value: 'v' })
  })
})

describe('merge keys and Python dict semantics', () => {
  it('puts merged keys first, lets written keys win and marks merged entries', () => {
    const r = load('base: &b {x: 1, y: 2}\nm:\n  z: 0\n  <<: *b\n  y: 3\n')
    const m = getEntry(r.root as YMap, 'm')!.value as YMap
    expect(
      m.entries.map((e) => [(e.key as YScalar).value, (e.value as YScalar).value, e.merged])
    ).toEqual([
      ['x', 1, true],
      ['y', 3, false],
      ['z', 0, false]
    ])
    expect(r.problems).toEqual([])
  })

  it('lets earlier maps win in a merge list', () => {
    const r = load('a: &a {x: 1}\nb: &b {x: 2, z: 3}\nc:\n  <<: [*a, *b]\n')
    expect(toPlain(r.root!)).toMatchObject({ c: { x: 1, z: 3 } })
  })

  it('rejects merging a scalar (yaml/bad-value at the value)', () => {
    const r = load('c:\n  <<: 1\n')
    expect(r.problems[0]).toMatchObject({ ruleId: 'yaml/bad-value', line: 2, column: 7 })
  })

  it('collapses keys Python considers equal: first key object, last value', () => {
    const r = load('1: a\ntrue: b\n1.0: c\n')
    const root = r.root as YMap
    expect(root.entries).toHaveLength(1)
    expect(root.entries[0]!.key).toMatchObject({ pyType: 'int', value: 1 })
    expect(root.entries[0]!.value).toMatchObject({ value: 'c' })
    expect(r.problems.map((p) => [p.ruleId, p.line, p.column])).toEqual([
      ['yaml/duplicate-key', 2, 1],
      ['yaml/duplicate-key', 3, 1]
    ])
  })

  it('never finds a string key equal to a key of another type, in small and indexed mappings', () => {
    // 'null', 'nan' and strings with ':' look like other types' internal hashes; Python keeps
    // them apart from None, .nan and the numbers.
    const pairs = "'null': a\n~: b\n'nan': c\n.nan: d\n'n:1': e\n1: f\n'str:x': g\n'x': h\n"
    for (const prefix of ['', Array.from({ length: 10 }, (_, i) => `p${i}: ${i}\n`).join('')]) {
      const r = load(prefix + pairs)
      expect(r.problems).toEqual([])
      expect((r.root as YMap).entries).toHaveLength(8 + (prefix ? 10 : 0))
    }
    const dup = load("'a:b': 1\nq: 0\na:b: 2\n")
    expect(dup.problems.map((p) => [p.ruleId, p.line, p.column])).toEqual([
      ['yaml/duplicate-key', 3, 1]
    ])
  })

  it('does not flag a key that overrides a merged key', () => {
    expect(load('b: &b {x: 1}\nm:\n  <<: *b\n  x: 2\n').problems).toEqual([])
  })
})

interface Row {
  readonly name: string
  readonly src: string | Uint8Array
  readonly ruleId: string
  readonly line: number
  readonly column: number
  readonly fails?: boolean
}

const ROWS: Row[] = [
  {
    name: 'bad indentation',
    src: 'a:\n  b: 1\n c: 2\n',
    ruleId: 'yaml/syntax',
    line: 3,
    column: 2
  },
  { name: 'tab separator', src: 'a:\tb\n', ruleId: 'yaml/syntax', line: 1, column: 3 },
  {
    name: 'tab in plain scalar',
    src: 'x: 1\na: b\tc\n',
    ruleId: 'yaml/syntax',
    line: 2,
    column: 5
  },
  { name: 'tab indentation', src: 'a:\n\tb: 1\n', ruleId: 'yaml/syntax', line: 2, column: 1 },
  {
    name: 'unclosed quote',
    src: 'x: 1\na: "abc\nb: 1\n',
    ruleId: 'yaml/syntax',
    line: 4,
    column: 1
  },
  {
    name: 'quote closed only by an escape',
    src: 'a: "abc\\"\n',
    ruleId: 'yaml/syntax',
    line: 2,
    column: 1
  },
  { name: 'unclosed bracket', src: 'a: [1, 2\nb: 1\n', ruleId: 'yaml/syntax', line: 2, column: 2 },
  { name: 'a: b: c', src: 'a: b: c\n', ruleId: 'yaml/syntax', line: 1, column: 5 },
  { name: 'empty implicit key', src: 'a: 1\n: v\n', ruleId: 'yaml/syntax', line: 2, column: 1 },
  // `]` is a URI character: the tag is `!!str]` and the sequence never closes.
  { name: 'tag glued to ]', src: 'a: [!!str]\n', ruleId: 'yaml/syntax', line: 2, column: 1 },
  { name: '%YAML 2.0', src: '%YAML 2.0\n---\na: 1\n', ruleId: 'yaml/syntax', line: 1, column: 1 },
  {
    name: 'unquoted cron',
    src: 'a: 1\ningest_cron_schedule: */10 * * * *\n',
    ruleId: 'yaml/unquoted-cron',
    line: 2,
    column: 24
  },
  {
    name: 'unquoted cron, all stars',
    src: 'alert_cron_schedule: * * * * *\n',
    ruleId: 'yaml/unquoted-cron',
    line: 1,
    column: 23
  },
  {
    name: 'unquoted jinja {{ }}',
    src: 'a: 1\ningest_sql: {{ var }}\n',
    ruleId: 'yaml/unquoted-jinja',
    line: 2,
    column: 14
  },
  {
    name: 'unquoted jinja {% %}',
    src: 'ingest_sql: {% include "x.sql" %}\n',
    ruleId: 'yaml/unquoted-jinja',
    line: 1,
    column: 14
  },
  {
    name: 'second document',
    src: 'a: 1\n---\nb: 2\n',
    ruleId: 'yaml/multi-document',
    line: 2,
    column: 1
  },
  {
    name: '!!python tag',
    src: 'a: !!python/object/apply:os.system ["ls"]\n',
    ruleId: 'yaml/unsafe-tag',
    line: 1,
    column: 4
  },
  { name: 'local tag', src: 'a: !custom 1\n', ruleId: 'yaml/unsafe-tag', line: 1, column: 4 },
  {
    name: 'invalid UTF-8',
    src: Uint8Array.from([
      0x61, 0x3a, 0x20, 0x6f, 0x6b, 0x0a, 0x62, 0x3a, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a
    ]),
    ruleId: 'yaml/encoding',
    line: 2,
    column: 7
  },
  { name: 'NUL', src: 'a: 1\u0000\nb: 2\n', ruleId: 'yaml/non-printable', line: 1, column: 5 },
  {
    name: 'ESC in a comment',
    src: 'a: 1\n# \u001b\n',
    ruleId: 'yaml/non-printable',
    line: 2,
    column: 3
  },
  // PyYAML ends the plain scalar at the NEL and finds `y` on its line 2 without a `:`.
  {
    name: 'NEL in a plain value',
    src: 'a: x\u0085y\n',
    ruleId: 'yaml/line-break-char',
    line: 1,
    column: 5
  },
  {
    name: 'LS in a quoted value',
    src: 'a: "x\u2028y"\n',
    ruleId: 'yaml/line-break-char',
    line: 1,
    column: 6,
    fails: false
  },
  {
    name: 'too deep',
    src: '['.repeat(401) + ']'.repeat(401),
    ruleId: 'yaml/too-deep',
    line: 1,
    column: 401
  },
  {
    name: 'recursive alias',
    src: 'a: &a [*a]\n',
    ruleId: 'yaml/recursive-alias',
    line: 1,
    column: 8
  },
  {
    name: 'impossible date',
    src: 'x: 1\na: 2001-02-30\n',
    ruleId: 'yaml/bad-value',
    line: 2,
    column: 4
  },
  {
    name: 'invalid !!binary',
    src: 'a: !!binary "not base64!"\n',
    ruleId: 'yaml/bad-value',
    line: 1,
    column: 4
  },
  { name: 'a: =', src: 'a: =\n', ruleId: 'yaml/bad-value', line: 1, column: 4 },
  { name: 'a: <<', src: 'a: <<\n', ruleId: 'yaml/bad-value', line: 1, column: 4 },
  { name: '!!bool "y"', src: 'a: !!bool "y"\n', ruleId: 'yaml/bad-value', line: 1, column: 4 },
  { name: 'unhashable key', src: '? [a, b]\n: 1\n', ruleId: 'yaml/bad-value', line: 1, column: 3 },
  {
    name: 'duplicate key',
    src: 'a: 1\nb: 2\na: 3\n',
    ruleId: 'yaml/duplicate-key',
    line: 3,
    column: 1,
    fails: false
  },
  {
    name: 'duplicate anchor',
    src: 'a: &x 1\nb: &x 2\n',
    ruleId: 'yaml/duplicate-anchor',
    line: 2,
    column: 4
  },
  {
    name: 'undefined alias',
    src: 'a: 1\nb: *nope\n',
    ruleId: 'yaml/undefined-alias',
    line: 2,
    column: 4
  },
  {
    name: 'int beyond 2^53',
    src: 'a: 12345678901234567890\n',
    ruleId: 'yaml/int-precision',
    line: 1,
    column: 4,
    fails: false
  }
]

describe('problems: rule id, line and column', () => {
  it.each(ROWS)('$name → $ruleId at $line:$column', (row) => {
    const r = load(row.src)
    // line:column is PyYAML's problem mark (the end of the range when it has a context mark).
    const first = r.problems[0]
    expect(
      first && { ruleId: first.ruleId, ...problemMark(first) },
      JSON.stringify(r.problems)
    ).toEqual({
      ruleId: row.ruleId,
      line: row.line,
      column: row.column
    })
    expect(r.failed).toBe(row.fails ?? true)
    if (r.failed) expect(r.root).toBeUndefined()
  })

  it('names the first line in a duplicate-key message and hints at quoting', () => {
    expect(load('a: 1\nb: 2\na: 3\n').problems[0]!.message).toContain('line 1')
    expect(load('ingest_cron_schedule: */5 * * * *\n').problems[0]!.hint).toMatch(/quote/)
    expect(load('ingest_sql: {{ x }}\n').problems[0]!.hint).toMatch(/quote/)
  })

  it('rejects files over maxBytes without parsing them', () => {
    const r = loadYaml(enc.encode('a: [\n'), { maxBytes: 4 })
    expect(r.problems.map((p) => [p.ruleId, p.line, p.column])).toEqual([['yaml/too-large', 1, 1]])
  })

  it('honours a configured maxDepth and alias budget', () => {
    expect(loadYaml(enc.encode('a: [[1]]\n'), { maxDepth: 2 }).problems[0]!.ruleId).toBe(
      'yaml/too-deep'
    )
    const r = loadYaml(enc.encode('a: &a [1, 2, 3]\nb: [*a, *a]\n'), { maxAliasExpansion: 5 })
    expect(r.problems[0]).toMatchObject({ ruleId: 'yaml/alias-bomb', line: 2, column: 9 })
  })
})

describe('document shapes handled by other rules', () => {
  it.each(['', '# only a comment\n', '---\n', '\n\n'])(
    '%j loads as None without problems',
    (src) => {
      const r = load(src)
      expect(r).toMatchObject({ root: null, failed: false, problems: [] })
    }
  )

  it('returns a top-level list or scalar as a node', () => {
    expect(load('- a\n- b\n').root).toMatchObject({ kind: 'seq' })
    expect(load('42\n').root).toMatchObject({ kind: 'scalar', pyType: 'int', value: 42 })
  })

  it('keeps non-string keys as they are', () => {
    const root = load('on: 1\n').root as YMap
    expect(root.entries[0]!.key).toMatchObject({ pyType: 'bool', value: true })
  })

  it('normalises CRLF and drops the BOM', () => {
    const r = load('\ufeffa: 1\r\nb: 2\r\n')
    expect(r.text).toBe('a: 1\nb: 2\n')
    expect(r.lineStarts).toEqual([0, 5, 10])
  })
})

describe('toPlain', () => {
  it('builds null-prototype objects with Python-json keys and PyTimestamp dates', () => {
    const plain = toPlain(
      load('yes: 1\n~: 2\n3: [a, 2001-01-02]\nd: 2001-01-02 03:04:05\n').root!
    ) as Record<string, unknown>
    expect(Object.getPrototypeOf(plain)).toBeNull()
    expect(Object.keys(plain)).toEqual(['3', 'true', 'null', 'd'])
    const list = plain['3'] as unknown[]
    expect(list[0]).toBe('a')
    expect(list[1]).toBeInstanceOf(PyTimestamp)
    expect(list[1]).toMatchObject({ kind: 'date', iso: '2001-01-02' })
    expect(plain['d']).toMatchObject({ kind: 'datetime', iso: '2001-01-02T03:04:05' })
    expect(toPlain(null)).toBeNull()
  })

  it('is safe against __proto__ keys', () => {
    const plain = toPlain(load('__proto__: {polluted: 1}\n').root!) as Record<string, unknown>
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(plain['__proto__']).toMatchObject({ polluted: 1 })
  })
})

function kinds(n: YNode): string {
  return n.kind
}
it('aliases share the anchored node', () => {
  const root = load('a: &x {k: 1}\nb: *x\n').root as YMap
  expect(root.entries[1]!.value).toBe(root.entries[0]!.value)
  expect(kinds(root.entries[1]!.value)).toBe('map')
})

describe('duplicate keys in large mappings (indexed past the first 8 keys)', () => {
  it('keeps the last value, warns at the later key, and collapses Python-equal keys', () => {
    const keys = Array.from({ length: 12 }, (_, i) => `k${i}: ${i}`)
    const text =
      [...keys, 'k3: late', '1: one', 'true: yes-key', '1.0: float-key'].join('\n') + '\n'
    const r = loadYaml(Buffer.from(text))
    const root = r.root as YMap
    expect((getEntry(root, 'k3')?.value as YScalar).value).toBe('late')
    // 12 distinct k-keys plus one Python key for 1 == True == 1.0.
    expect(root.entries).toHaveLength(13)
    const dup = r.problems.filter((p) => p.ruleId === 'yaml/duplicate-key')
    expect(dup.map((p) => [p.line, p.column])).toEqual([
      [13, 1],
      [15, 1],
      [16, 1]
    ])
  })
})

describe("positions and messages as PyYAML's", () => {
  it('spans a scanner error from its context mark to its problem mark and names both', () => {
    const p = load('a: 1\nb\nc: 2\n').problems[0]!
    expect(p).toMatchObject({ ruleId: 'yaml/syntax', line: 2, column: 1, endLine: 3, endColumn: 1 })
    expect(p.message).toBe(
      "while scanning a simple key (line 2, column 1), could not find expected ':' (line 3, column 1)"
    )
    expect(p.hint).toMatch(/`: `/)
  })

  it('keeps a parser error at its problem mark and names the collection it is in', () => {
    const p = load('a:\n  b: 1\n c: 2\n').problems[0]!
    expect(p).toMatchObject({ ruleId: 'yaml/syntax', line: 3, column: 2, endLine: 3 })
    expect(p.message).toBe(
      "while parsing a block mapping (line 1, column 1), expected <block end>, but found '<block mapping start>' (line 3, column 2)"
    )
  })

  it('counts columns in characters: an emoji is one column', () => {
    const p = load('😀😀: a: b\n').problems[0]!
    expect(p).toMatchObject({ ruleId: 'yaml/syntax', line: 1, column: 6 })
    expect(p.message).toBe('mapping values are not allowed here')
  })

  it('puts a tag error at the tag and a duplicate anchor at its second &', () => {
    expect(load('a: !custom 1\n').problems[0]).toMatchObject({ line: 1, column: 4 })
    const dup = load('a: &x 1\nb: &x 2\n').problems[0]!
    expect(dup).toMatchObject({ ruleId: 'yaml/duplicate-anchor', line: 2, column: 4 })
    expect(dup.message).toContain('first occurrence (line 1, column 4)')
  })

  it('accepts what the YAML 1.2 lexer refused and PyYAML loads', () => {
    for (const src of [
      'metric_batch: "gsod"#note\n',
      'q: "select\nfrom t"\n',
      'metric_tags: [a,\nb]\n',
      'k: [-]\n',
      'k: !<!> v\n',
      'a: 1\n...\n...\n'
    ]) {
      expect({ src, problems: load(src).problems }).toEqual({ src, problems: [] })
    }
    expect(toPlain(load('metric_batch: "gsod"#note\n').root ?? null)).toEqual({
      metric_batch: 'gsod'
    })
  })

  it('rejects what PyYAML rejects and the YAML 1.2 lexer loaded', () => {
    for (const src of ['k: [:a]\n', '%TAG !e! x\n%TAG !e! y\n---\na: 1\n', 'a: &a[ v\n', '...\n']) {
      expect({ src, failed: load(src).failed }).toEqual({ src, failed: true })
    }
    // A BOM that is not the first character is content: the key is '\ufeffdb'.
    const r = load('metric_batch: x\n\ufeffdb: y\n')
    expect((r.root as YMap).entries.map((e) => (e.key as YScalar).value)).toEqual([
      'metric_batch',
      '\ufeffdb'
    ])
  })
})

describe('NEL, LS and PS: line breaks for PyYAML, not for editors', () => {
  const value = (src: string): unknown => {
    const r = load(src)
    expect(r.failed, JSON.stringify(r.problems)).toBe(false)
    return toPlain(r.root ?? null)
  }

  // Each value is what PyYAML 6.0.3 SafeLoader gives (checked with .venv's PyYAML).
  it.each([
    ['plain, continued', 'a: x\u0085  y\nb: 1\n', { a: 'x y', b: 1 }],
    ['plain, LS continued', 'a: x\u2028  y\nb: 1\n', { a: 'x\u2028y', b: 1 }],
    ['single-quoted', "a: 'x\u0085y'\n", { a: 'x y' }],
    ['single-quoted, two NEL', "a: 'x\u0085\u0085y'\n", { a: 'x\ny' }],
    ['single-quoted, PS', "a: 'x\u2029y'\n", { a: 'x\u2029y' }],
    ['double-quoted', 'a: "x\u0085y"\n', { a: 'x y' }],
    ['double-quoted, escaped NEL', 'a: "x\\\u0085y"\n', { a: 'xy' }],
    ['double-quoted, LS then newline', 'a: "x\u2028\ny"\n', { a: 'x\u2028\ny' }],
    ['literal', 'a: |\n  x\u0085  y\n  z\n', { a: 'x\ny\nz\n' }],
    ['literal, LS', 'a: |\n  x\u2028  y\n  z\n', { a: 'x\u2028y\nz\n' }],
    ['folded', 'a: >\n  x\u0085  y\n  z\n', { a: 'x y z\n' }],
    ['between entries', 'a: 1\u2029b: 2\n', { a: 1, b: 2 }],
    ['ending a comment', 'a: 1 # c\u0085b: 2\n', { a: 1, b: 2 }]
  ])('%s loads as PyYAML gives it', (_name, src, want) => {
    expect(value(src)).toEqual(want)
  })

  it('warns once per file (suspicious), at the first one, counting the others', () => {
    const r = load('a: "x\u0085y"\nb: "\u2028"\n')
    expect(r.failed).toBe(false)
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toMatchObject({
      ruleId: 'yaml/line-break-char',
      severity: 'warning',
      line: 1,
      column: 6,
      endLine: 1,
      endColumn: 7
    })
    expect(r.problems[0]!.message).toContain('#x0085 (NEL)')
    expect(r.problems[0]!.message).toContain('and 1 more')
  })

  it("reports PyYAML's error at editor lines, naming PyYAML's lines in the message", () => {
    // PyYAML: line 3 (the NEL ends its line 1); the editor: line 2.
    const r = load('a: "x\u0085y"\nb: @\n')
    const err = r.problems.find((p) => p.severity === 'error')!
    expect(err).toMatchObject({ ruleId: 'yaml/syntax', line: 2, column: 4 })
    expect(err.message).toContain('(line 3, column 4)')
    expect(problemMark(err)).toEqual({ line: 3, column: 4 })
    // With a context mark, both are PyYAML's in the message; the range is the editor's.
    const key = load('a: x\u0085y\n').problems.find((p) => p.severity === 'error')!
    expect(key).toMatchObject({ line: 1, column: 6, endLine: 2, endColumn: 1 })
    expect(key.message).toBe(
      "while scanning a simple key (line 2, column 1), could not find expected ':' (line 3, column 1)"
    )
  })

  it("names PyYAML's line in a constructor error after one", () => {
    const err = load('x: "\u2028"\na: !custom 1\n').problems.find((p) => p.severity === 'error')!
    expect(err).toMatchObject({ ruleId: 'yaml/unsafe-tag', line: 2, column: 4 })
    expect(problemMark(err)).toEqual({ line: 3, column: 4 })
  })

  it('still refuses a control character after a NEL (PyYAML reader)', () => {
    const r = load('a: "x\u0085y"\nb: \u0007\n')
    expect(r.problems.map((p) => [p.ruleId, p.line, p.column])).toEqual([
      ['yaml/non-printable', 2, 4]
    ])
  })
})
