import { describe, expect, it } from 'vitest'
import { hits, validate } from '../batch/harness.js'

describe('ingest/* rules', () => {
  it.each([
    ['inline SQL', 'metric_batch: a\ningest_sql: select 1\n'],
    ['an ingest_fn include', 'metric_batch: a\ningest_fn: >\n  {% include "./a/i.py" %}\n'],
    [
      'an empty ingest_sql falls through to ingest_fn',
      'metric_batch: a\ningest_sql: ""\ningest_fn: "def ingest(): pass"\n'
    ],
    ['SQL that merely ends in .sql words', 'metric_batch: a\ningest_sql: select x from t.sql\n']
  ])('accepts %s', (_name, text) => {
    expect(hits({ 'a/a.yaml': text, 'a/i.py': '' }, 'ingest/')).toEqual([])
  })

  it.each([
    ['neither source', 'db: duckdb\nmetric_batch: a\n', 'ingest/missing-source', 'error', 2, 1],
    [
      'only an empty ingest_sql',
      'metric_batch: a\ningest_sql: ""\n',
      'ingest/missing-source',
      'error',
      1,
      1
    ],
    [
      'a doc-only ingest_sql_file',
      'metric_batch: a\ningest_sql_file: q.sql\n',
      'ingest/missing-source',
      'error',
      1,
      1
    ],
    [
      'both sources',
      'metric_batch: a\ningest_sql: select 1\ningest_fn: "def ingest(): pass"\n',
      'ingest/both-sources',
      'warning',
      3,
      1
    ],
    [
      'a bare .sql file name',
      'metric_batch: a\ningest_sql: query.sql\n',
      'ingest/bare-filename',
      'error',
      2,
      13
    ],
    [
      'a bare .py file name',
      'metric_batch: a\ningest_fn: ./ingest.py\n',
      'ingest/bare-filename',
      'error',
      2,
      12
    ]
  ])('reports %s', (_name, text, ruleId, severity, line, column) => {
    expect(hits({ 'a/a.yaml': text }, 'ingest/')).toEqual([
      { ruleId, severity, file: 'a/a.yaml', line, column }
    ])
  })

  it.each([
    ['train_sql: train.sql', 3, 12],
    ['preprocess_fn: prep.py', 3, 16],
    ['dashboard_sql: "dash.sql"', 3, 16]
  ])('reports a bare file name in another template: %s', (line, l, c) => {
    expect(
      hits({ 'a/a.yaml': `metric_batch: a\ningest_sql: select 1\n${line}\n` }, 'include/bare')
    ).toEqual([
      { ruleId: 'include/bare-filename', severity: 'error', file: 'a/a.yaml', line: l, column: c }
    ])
  })

  it('hints an include of the file next to the batch', () => {
    const d = validate({
      'a/a.yaml': 'metric_batch: a\ningest_sql: query.sql\n',
      'a/query.sql': ''
    }).diagnostics.find((x) => x.ruleId === 'ingest/bare-filename')
    expect(d?.hint).toContain('{% include "./a/query.sql" %}')
  })

  it('takes the ingest source from defaults.yaml into account', () => {
    const files = {
      'defaults/defaults.yaml': 'db: duckdb\ningest_sql: select 1\n',
      'a/a.yaml': 'metric_batch: a\n'
    }
    expect(hits(files, 'ingest/')).toEqual([])
  })

  it('does not ask defaults.yaml itself for an ingest source', () => {
    expect(hits({ 'a/a.yaml': 'metric_batch: a\ningest_sql: select 1\n' }, 'ingest/')).toEqual([])
  })

  it('downgrades a missing source in a disabled batch to a warning', () => {
    const files = {
      'a/a.yaml': 'metric_batch: a\ndisable_batch: true\n',
      'b/b.yaml': 'metric_batch: b\ningest_sql: select 1\n'
    }
    expect(hits(files, 'ingest/')).toEqual([
      { ruleId: 'ingest/missing-source', severity: 'warning', file: 'a/a.yaml', line: 1, column: 1 }
    ])
  })
})
