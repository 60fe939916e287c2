import { describe, expect, it } from 'vitest'
import { JINJA_SYNTAX_HINT } from '../../../src/config/jinja-syntax.js'
import { said } from '../batch/harness.js'

// What the include and template rules say: exact messages and hints, and the span they mark.

const A = 'examples/a/a.yaml'
const Q = 'examples/a/q.sql'
const block = (target: string, key = 'ingest_sql'): string =>
  `metric_batch: a\n${key}: >\n  {% include "${target}" %}\n`

const NOT_A_FILE =
  'is not a file under the metrics folder (missing, a broken link or not a regular file)'
const ROOT_HINT =
  'Write the path relative to metrics/, for example {% include "./examples/<batch>/<file>.sql" %}.'

describe('include/* on a direct include', () => {
  const direct = (target: string, why: string) =>
    `\`ingest_sql\` includes "${target}", which ${why}: the ingest job fails with TemplateNotFound when it renders \`ingest_sql\`.`

  it('include/missing: marks the path inside the tag', () => {
    expect(said({ [A]: block('./examples/a/nope.sql') }, 'include/')).toEqual([
      {
        ruleId: 'include/missing',
        severity: 'error',
        file: A,
        line: 3,
        column: 15,
        end: [3, 36],
        message: direct('./examples/a/nope.sql', NOT_A_FILE),
        hint: ROOT_HINT
      }
    ])
  })

  it.each([
    [
      './q.sql',
      'include/batch-relative',
      22,
      "is relative to the including file's folder, but Jinja resolves every include from the metrics folder"
    ],
    [
      '../a/q.sql',
      'include/parent-path',
      25,
      'contains a `..` segment, which Jinja never resolves'
    ],
    [
      'examples\\a\\q.sql',
      'include/backslash',
      31,
      'uses backslashes, which are part of the file name on Linux'
    ]
  ])('%s: the hint names the file that exists', (target, ruleId, end, why) => {
    expect(said({ [A]: block(target), [Q]: '' }, 'include/')).toEqual([
      {
        ruleId,
        severity: 'error',
        file: A,
        line: 3,
        column: 15,
        end: [3, end],
        message: direct(target, why),
        hint: 'Use {% include "./examples/a/q.sql" %}.'
      }
    ])
  })
})

describe('include/* inside an included file', () => {
  it('names the chain and the file to fix', () => {
    expect(
      said(
        {
          [A]: block('./examples/a/q.sql'),
          [Q]: 'select 1\n{% include "./examples/a/gone.sql" %}'
        },
        'include/'
      )
    ).toEqual([
      {
        ruleId: 'include/missing',
        severity: 'error',
        file: A,
        line: 3,
        column: 15,
        end: [3, 33],
        message: `\`ingest_sql\` includes metrics/examples/a/q.sql, which includes "./examples/a/gone.sql"; that path ${NOT_A_FILE}: the ingest job fails with TemplateNotFound when it renders \`ingest_sql\`.`,
        hint: `Fix the include in metrics/examples/a/q.sql. ${ROOT_HINT}`
      }
    ])
  })

  it('two levels down: the whole chain, and the last file to fix', () => {
    expect(
      said(
        {
          [A]: block('./examples/a/q.sql'),
          [Q]: '{% include "./examples/a/r.sql" %}',
          'examples/a/r.sql': '{% include "r2.sql" %}',
          'examples/a/r2.sql': ''
        },
        'include/'
      )
    ).toEqual([
      {
        ruleId: 'include/batch-relative',
        severity: 'error',
        file: A,
        line: 3,
        column: 15,
        end: [3, 33],
        message:
          '`ingest_sql` includes metrics/examples/a/q.sql → metrics/examples/a/r.sql, which includes "r2.sql"; that path is relative to the including file\'s folder, but Jinja resolves every include from the metrics folder: the ingest job fails with TemplateNotFound when it renders `ingest_sql`.',
        hint: 'Fix the include in metrics/examples/a/r.sql. Use {% include "./examples/a/r2.sql" %}.'
      }
    ])
  })

  it('names who renders the key: the dashboard', () => {
    expect(
      said(
        { [A]: block('./examples/a/q.sql', 'dashboard_sql'), [Q]: '{% include "gone" %}' },
        'include/'
      ).map((d) => d.message)
    ).toEqual([
      `\`dashboard_sql\` includes metrics/examples/a/q.sql, which includes "gone"; that path ${NOT_A_FILE}: the dashboard fails with TemplateNotFound when it renders \`dashboard_sql\`.`
    ])
  })

  it('preprocess_fn is rendered by two jobs: they fail', () => {
    expect(said({ [A]: block('./nope.py', 'preprocess_fn') }, 'include/')).toMatchObject([
      {
        ruleId: 'include/missing',
        message: `\`preprocess_fn\` includes "./nope.py", which ${NOT_A_FILE}: the train and score jobs fail with TemplateNotFound when they render \`preprocess_fn\`.`
      }
    ])
  })
})

describe('include/syntax', () => {
  it('is reported in the included file, naming the key that includes it', () => {
    expect(said({ [A]: block('./examples/a/q.sql'), [Q]: 'a\nb {{ x ' }, 'include/')).toEqual([
      {
        ruleId: 'include/syntax',
        severity: 'error',
        file: Q,
        line: 2,
        column: 3,
        end: [2, 5],
        message:
          "Jinja cannot parse this included file (unexpected end of template, expected 'end of print statement'). `ingest_sql` includes it, so the ingest job fails with TemplateSyntaxError when it renders `ingest_sql`.",
        hint: JINJA_SYNTAX_HINT
      }
    ])
  })

  it('with preprocess_fn: the train and score jobs fail when they render it', () => {
    expect(
      said(
        { [A]: block('./examples/a/q.sql', 'preprocess_fn'), [Q]: 'select {% if %}' },
        'include/'
      )
    ).toEqual([
      {
        ruleId: 'include/syntax',
        severity: 'error',
        file: Q,
        line: 1,
        column: 8,
        end: [1, 16],
        message:
          "Jinja cannot parse this included file (Expected an expression, got 'end of statement block'). `preprocess_fn` includes it, so the train and score jobs fail with TemplateSyntaxError when they render `preprocess_fn`.",
        hint: JINJA_SYNTAX_HINT
      }
    ])
  })

  it('a file included twice is reported once', () => {
    const twice =
      block('./examples/a/q.sql') + 'score_sql: >\n  {% include "./examples/a/q.sql" %}\n'
    expect(said({ [A]: twice, [Q]: '{{ x ' }, 'include/').map((d) => d.file)).toEqual([Q])
  })
})

describe('template/syntax', () => {
  it('marks the tag Jinja stops at, naming the job', () => {
    expect(
      said({ [A]: 'metric_batch: a\ningest_sql: "select {% if x %}1"\n' }, 'template/')
    ).toEqual([
      {
        ruleId: 'template/syntax',
        severity: 'error',
        file: A,
        line: 2,
        column: 21,
        end: [2, 31],
        message:
          "Jinja cannot parse `ingest_sql` (Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'.): the ingest job fails with TemplateSyntaxError every time it renders it.",
        hint: JINJA_SYNTAX_HINT
      }
    ])
  })

  it('preprocess_fn: the train and score jobs fail every time they render it', () => {
    expect(
      said(
        { [A]: 'metric_batch: a\npreprocess_fn: |\n  def f():\n    return "{{ }}"\n' },
        'template/'
      )
    ).toEqual([
      {
        ruleId: 'template/syntax',
        severity: 'error',
        file: A,
        line: 4,
        column: 13,
        end: [4, 18],
        message:
          "Jinja cannot parse `preprocess_fn` (Expected an expression, got 'end of print statement'): the train and score jobs fail with TemplateSyntaxError every time they render it.",
        hint: JINJA_SYNTAX_HINT
      }
    ])
  })

  it('the dashboard', () => {
    expect(
      said(
        { [A]: 'metric_batch: a\ningest_sql: s\ndashboard_sql: "{% foo %}"\n' },
        'template/'
      ).map((d) => [d.line, d.column, d.end, d.message])
    ).toEqual([
      [
        3,
        17,
        [3, 26],
        "Jinja cannot parse `dashboard_sql` (Encountered unknown tag 'foo'.): the dashboard fails with TemplateSyntaxError every time it renders it."
      ]
    ])
  })

  it('a value without a brace, or not a string, is not parsed', () => {
    expect(said({ [A]: 'metric_batch: a\ningest_sql: "select %}"\n' }, 'template/')).toEqual([])
    expect(said({ [A]: 'metric_batch: a\ningest_sql: s\ntrain_sql: [1]\n' }, 'template/')).toEqual(
      []
    )
  })
})

describe('include hints', () => {
  const hint = (target: string, files: Record<string, string> = {}): string[] =>
    said({ [A]: block(target), ...files }, 'include/').map((d) => `${d.ruleId}: ${d.hint}`)

  it('a path that repeats the metrics folder, or an absolute one: the tail that exists', () => {
    expect(hint('metrics/examples/a/q.sql', { [Q]: '' })).toEqual([
      'include/missing: Use {% include "./examples/a/q.sql" %}.'
    ])
    expect(hint('/abs/x/examples/a/q.sql', { [Q]: '' })).toEqual([
      'include/missing: Use {% include "./examples/a/q.sql" %}.'
    ])
  })

  it('no file to point at: the general form', () => {
    expect(hint('../b/q.sql')).toEqual([`include/parent-path: ${ROOT_HINT}`])
    expect(hint('../../../q.sql')).toEqual([`include/parent-path: ${ROOT_HINT}`])
    expect(hint('x\\y.sql')).toEqual([`include/backslash: ${ROOT_HINT}`])
  })

  it('inside an included file, `ignore missing` is honoured per include', () => {
    expect(
      said(
        {
          [A]: block('./examples/a/q.sql'),
          [Q]: '{% include "gone.sql" ignore missing %}{% include \'g2.sql\' %}'
        },
        'include/'
      ).map((d) => d.message)
    ).toEqual([
      `\`ingest_sql\` includes metrics/examples/a/q.sql, which includes "g2.sql"; that path ${NOT_A_FILE}: the ingest job fails with TemplateNotFound when it renders \`ingest_sql\`.`
    ])
  })
})

describe('include resolution edge cases', () => {
  const ids = (files: Record<string, string>): string[] =>
    said(files, 'include/').map((d) => `${d.ruleId} ${d.line}:${d.column} ${d.hint ?? ''}`)

  it('`ignore missing` with any spacing after either quote', () => {
    const text = (tail: string): string =>
      `metric_batch: a\ningest_sql: |\n  {% include "nope.sql"${tail} %}\n`
    expect(ids({ [A]: text('   ignore \t missing') })).toEqual([])
    expect(
      ids({ [A]: "metric_batch: a\ningest_sql: |\n  {% include 'nope.sql'ignore missing %}\n" })
    ).toEqual([])
    expect(ids({ [A]: text(' ignore missing_x') })).toHaveLength(1)
  })

  it('`ignore missing` only covers the include it follows, not an earlier one', () => {
    const text =
      'metric_batch: a\ningest_sql: |\n  {% include "nope.sql" %}{% include "b.sql" ignore missing %}\n'
    expect(ids({ [A]: text })).toEqual([`include/missing 3:15 ${ROOT_HINT}`])
  })

  it('a ./ path that climbs out of the batch folder but stays under metrics/', () => {
    expect(ids({ [A]: block('./../a/q.sql'), [Q]: '' })).toEqual([
      'include/parent-path 3:15 Use {% include "./examples/a/q.sql" %}.'
    ])
  })

  it('a deep include chain stops after the depth limit', () => {
    const files: Record<string, string> = { [A]: block('./examples/a/f0.sql') }
    for (let i = 0; i < 20; i++)
      files[`examples/a/f${i}.sql`] = `{% include "./examples/a/f${i + 1}.sql" %}`
    // f20 includes f21, which does not exist: 21 files deep, past the limit of 16.
    expect(ids(files)).toEqual([])
    const short: Record<string, string> = { [A]: block('./examples/a/f0.sql') }
    for (let i = 0; i < 3; i++)
      short[`examples/a/f${i}.sql`] = `{% include "./examples/a/f${i + 1}.sql" %}`
    expect(ids(short)).toHaveLength(1)
  })

  it('a file included twice in one chain is explored once', () => {
    const files = {
      [A]: block('./examples/a/q.sql'),
      [Q]: '{% include "./examples/a/r.sql" %}{% include "./examples/a/r.sql" %}',
      'examples/a/r.sql': '{% include "gone.sql" %}'
    }
    expect(ids(files)).toHaveLength(1)
  })
})
