/**
 * How the loader turns PyYAML's errors into problems: which hint a problem carries (the trap's
 * when a cron or Jinja line caused it, else the syntax hint, else none at all) and the order of
 * problems (by position, whatever order construction found them in).
 */
import { describe, expect, it } from 'vitest'
import { loadYaml } from '../../src/yaml/load.js'

const load = (src: string) => loadYaml(new TextEncoder().encode(src))

describe('hints', () => {
  it("gives an unquoted cron the cron hint, not the scanner's alias hint", () => {
    const [p, ...rest] = load('ingest_cron_schedule: */5 * * * *\n').problems
    expect(rest).toEqual([])
    expect(p).toMatchObject({ ruleId: 'yaml/unquoted-cron', line: 1, column: 23 })
    expect(p!.hint).toBe(
      'quote the cron expression, for example: ingest_cron_schedule: "*/5 * * * *"'
    )
    expect(p!.message).toBe(
      "an unquoted cron expression starting with `*` is read as a YAML alias (while scanning an alias (line 1, column 23), expected alphabetic or numeric character, but found '/' (line 1, column 24))"
    )
  })

  it('gives an unquoted Jinja value the Jinja hint', () => {
    const [p] = load('ingest_sql: {% include "x.sql" %}\n').problems
    expect(p!.ruleId).toBe('yaml/unquoted-jinja')
    expect(p!.hint).toBe(
      'quote it or use a `>`/`|` block scalar: an unquoted `{` starts a YAML flow mapping'
    )
  })

  it("gives a plain syntax error the hint for PyYAML's problem", () => {
    const [p] = load('a: b: c\n').problems
    expect(p).toMatchObject({ ruleId: 'yaml/syntax', line: 1, column: 5 })
    expect(p!.hint).toBe(
      'quote a value that contains `: ` (for example `"a: b"`), or put the nested mapping on its own indented lines'
    )
  })

  it('carries no hint property at all where there is none', () => {
    // "expected '<document start>'" has no entry in syntax-hints.ts.
    const [p] = load('%YAML 1.1\na: 1\n').problems
    expect(p).toMatchObject({ ruleId: 'yaml/syntax', line: 2, column: 1 })
    expect(p!.message).toBe("expected '<document start>', but found '<scalar>'")
    expect('hint' in p!).toBe(false)
    const [bad] = load('a: !!float x\n').problems
    expect('hint' in bad!).toBe(false)
  })
})

describe('problem order', () => {
  it('sorts by line, then column', () => {
    // The inner duplicate is found first (values are built before the outer key is stored).
    const r = load('a: 1\na: {b: 1, b: 2}\nc: {d: 1, d: 2}\n')
    expect(r.problems.map((p) => [p.line, p.column])).toEqual([
      [2, 1],
      [2, 11],
      [3, 11]
    ])
    // A NEL warning is found before parsing, the duplicate key further up the file after it.
    const n = load('a: 1\na: 2\nb: "x\u0085y"\n')
    expect(n.problems.map((p) => [p.ruleId, p.line, p.column])).toEqual([
      ['yaml/duplicate-key', 2, 1],
      ['yaml/line-break-char', 3, 6]
    ])
  })
})

describe('documents that are just null', () => {
  it.each(['', '~\n', '---\n', 'null\n', '# only a comment\n'])('%j loads as None', (src) => {
    const r = load(src)
    expect(r).toMatchObject({ failed: false, root: null, problems: [] })
  })

  it('keeps a top-level non-null scalar', () => {
    expect(load('0\n').root).toMatchObject({ kind: 'scalar', pyType: 'int', value: 0 })
    expect(load('false\n').root).toMatchObject({ kind: 'scalar', pyType: 'bool', value: false })
  })
})
