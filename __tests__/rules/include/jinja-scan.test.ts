import { describe, expect, it } from 'vitest'
import { scanJinja } from '../../../src/config/jinja-scan.js'
import { extractIncludes } from '../../../src/config/includes.js'
import { templateNames } from '../../../src/rules/keys/jinja-refs.js'
import { hits, validate } from '../batch/harness.js'

const MB = 1024 * 1024

describe('the shared Jinja scanner', () => {
  it('splits tags like Jinja: strings and brackets do not end a tag, comments and raw are inert', () => {
    const text =
      '{{ "}}" ~ x }} {% include "a.sql" %}{# {% include "b.sql" %} #}' +
      '{% raw %}{% include "c.sql" %}{% endraw %}{%- include \'d.sql\' -%}{{ {"k": y} }}'
    expect(extractIncludes(text).map((r) => [r.path, text.slice(r.start, r.end)])).toEqual([
      ['a.sql', 'a.sql'],
      ['d.sql', 'd.sql']
    ])
    expect([...templateNames(text)].sort()).toEqual(expect.arrayContaining(['x', 'y', 'include']))
    expect(scanJinja(text).error).toBeUndefined()
  })

  it.each([
    ['{{', 'unexpected end of template'],
    ['{% include ', 'unexpected end of template'],
    ['{#', 'missing end of comment tag'],
    ['{% raw %}', "missing end of raw directive ('endraw')"]
  ])('1 MB of unterminated %s is one linear pass that reports the error', (open, message) => {
    const text = open.repeat(Math.ceil(MB / open.length))
    expect(text.length).toBeGreaterThanOrEqual(MB)
    const scan = scanJinja(text)
    expect(scan.error).toMatchObject({ message: expect.stringContaining(message) })
    expect(scan.error?.offset).toBe(0)
    expect(extractIncludes(text).filter((r) => r.literal)).toEqual([])
    expect(templateNames(text).size).toBeLessThanOrEqual(1)
  })

  it('1 MB of complete tags is scanned in one pass, every include found', () => {
    const unit = '{% include "x.sql" %}'
    const text = unit.repeat(Math.ceil(MB / unit.length))
    const refs = extractIncludes(text)
    expect(refs).toHaveLength(Math.ceil(MB / unit.length))
    expect(refs.at(-1)).toMatchObject({ path: 'x.sql', literal: true })
  })

  it('an unterminated tag after good ones keeps the good ones and reports where Jinja fails', () => {
    const text = 'select {{ a }}\nfrom t\nwhere {{ b'
    const scan = scanJinja(text)
    expect(scan.tags).toHaveLength(1)
    expect(scan.error?.offset).toBe(text.indexOf('{{ b'))
  })

  it('an unterminated comment or raw block with nothing after it is no error (Jinja 3.1 stops reading)', () => {
    // Jinja drops one trailing newline, then its lexer ends without a failure at the very end.
    for (const text of [
      'select {#',
      'a {#\n',
      'a {#-',
      '{% raw %}',
      '{% raw %}\r\n',
      '{% raw -%}  \n\n'
    ])
      expect(scanJinja(text).error, JSON.stringify(text)).toBeUndefined()
    for (const text of ['{# ', '{#\n\n', '{# x', '{% raw %} ', '{% raw %}x'])
      expect(scanJinja(text).error, JSON.stringify(text)).toBeDefined()
  })

  it('an unbalanced bracket inside a tag is the error Jinja raises', () => {
    expect(scanJinja('{{ x) }}').error).toMatchObject({ message: "unexpected ')'", offset: 4 })
  })
})

describe('include/syntax', () => {
  it('reports a Jinja syntax error in an included file at the included file, line and column', () => {
    const files = {
      'a/a.yaml': 'metric_batch: a\ningest_sql: >\n  {% include "./a/q.sql" %}\n',
      'a/q.sql': 'select\n  {{ col }}\nfrom t where x = {{ y\n'
    }
    const d = validate(files).diagnostics.filter((x) => x.ruleId === 'include/syntax')
    expect(d.map((x) => [x.severity, x.effect, x.file, x.line, x.column])).toEqual([
      ['error', 'job-fails', 'metrics/a/q.sql', 3, 18]
    ])
    expect(d[0]?.message).toContain('TemplateSyntaxError')
  })

  it('a well-formed included file is fine', () => {
    const files = {
      'a/a.yaml': 'metric_batch: a\ningest_sql: >\n  {% include "./a/q.sql" %}\n',
      'a/q.sql': 'select {{ "}}" }} {# c #} {% raw %}{{{% endraw %}\n'
    }
    expect(hits(files, 'include/')).toEqual([])
  })
})

describe('include/syntax: the parser, not only the lexer', () => {
  it('reports an unclosed {% if %} in an included file at its opening tag', () => {
    const files = {
      'a/a.yaml': 'metric_batch: a\ningest_sql: >\n  {% include "./a/q.sql" %}\n',
      'a/q.sql': 'select 1\n{% if x %}\n  and y\n'
    }
    const d = validate(files).diagnostics.filter((x) => x.ruleId === 'include/syntax')
    expect(d.map((x) => [x.file, x.line, x.column])).toEqual([['metrics/a/q.sql', 2, 1]])
    expect(d[0]?.message).toContain("The innermost block that needs to be closed is 'if'")
  })
})

describe('template/syntax', () => {
  it.each([
    // [value as written in the YAML file, line, column of the tag Jinja stops at]
    ['ingest_sql: "select {% if x %} 1"\n', 2, 21],
    ['ingest_sql: >\n  select 1\n  {% for r in rows %}\n', 4, 3],
    ['train_sql: |\n  select 1 {% endif %}\n', 3, 12],
    ['score_sql: "select {{ }}"\n', 2, 20],
    ['ingest_fn: |\n  def ingest():\n      {% break %}\n', 4, 7]
  ])('reports %j at line %i, column %i', (yaml, line, column) => {
    const files = { 'a/a.yaml': `metric_batch: a\n${yaml}` }
    const d = validate(files).diagnostics.filter((x) => x.ruleId === 'template/syntax')
    expect(d.map((x) => [x.severity, x.effect, x.file, x.line, x.column])).toEqual([
      ['error', 'job-fails', 'metrics/a/a.yaml', line, column]
    ])
    expect(d[0]?.message).toContain('fails with TemplateSyntaxError')
  })

  it('accepts well-formed templates, raw blocks and comments', () => {
    const files = {
      'a/a.yaml':
        'metric_batch: a\ningest_sql: >\n  select {% if x %}1{% else %}2{% endif %} {# {% if %} #}\n  {% raw %}{% for %}{% endraw %}\n'
    }
    expect(hits(files, 'template/')).toEqual([])
  })

  it('checks a template inherited from defaults.yaml once, at defaults.yaml', () => {
    const files = {
      'defaults/defaults.yaml': 'db: duckdb\nalert_sql: "select {% if x %}"\n',
      'a/a.yaml': 'metric_batch: a\n',
      'b/b.yaml': 'metric_batch: b\n'
    }
    const d = validate(files).diagnostics.filter((x) => x.ruleId === 'template/syntax')
    expect(d.map((x) => [x.file, x.line, x.column])).toEqual([
      ['metrics/defaults/defaults.yaml', 2, 20]
    ])
    expect(d[0]?.message).toContain('the alert job')
  })

  it('does not check ingest_fn when ingest_sql is set (Anomstack never renders it)', () => {
    const files = {
      'a/a.yaml': 'metric_batch: a\ningest_sql: select 1\ningest_fn: "{% if %}"\n'
    }
    expect(hits(files, 'template/')).toEqual([])
  })
})
