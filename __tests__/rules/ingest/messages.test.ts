import { describe, expect, it } from 'vitest'
import { said } from '../batch/harness.js'

// What the ingest rules say: exact messages and hints, and the span they mark.

const MISSING_TAIL =
  ': every ingest run of this batch raises ValueError("No ingest_sql or ingest_fn specified").'
const MISSING_HINT =
  'Add `ingest_sql: >` (a query returning metric_timestamp, metric_name, metric_value) or `ingest_fn: >` (Python defining ingest()); to keep a file, use {% include "./<path under metrics>" %}.'
const include = (key: string, target: string): string =>
  `To run the file's contents, include it (paths are relative to metrics/): \`${key}: >\` then \`{% include "${target}" %}\` on the next line.`

describe('ingest/missing-source', () => {
  const missing = (
    text: string,
    at: readonly [number, number, number],
    what: string
  ): ReturnType<typeof said> => {
    const found = said({ 'a/a.yaml': text }, 'ingest/')
    expect(found).toEqual([
      {
        ruleId: 'ingest/missing-source',
        severity: 'error',
        file: 'a/a.yaml',
        line: at[0],
        column: at[1],
        end: [at[0], at[2]],
        message: what + MISSING_TAIL,
        hint: MISSING_HINT
      }
    ])
    return found
  }

  it('neither key: marks the metric_batch key wherever it is', () => {
    missing('metric_batch: a\n', [1, 1, 13], 'Neither `ingest_sql` nor `ingest_fn` is set')
    missing(
      'db: duckdb\nmetric_batch: a\n',
      [2, 1, 13],
      'Neither `ingest_sql` nor `ingest_fn` is set'
    )
  })

  it('names the empty keys', () => {
    missing('metric_batch: a\ningest_sql: ""\n', [1, 1, 13], '`ingest_sql` is empty')
    missing('metric_batch: a\ningest_fn:\n', [1, 1, 13], '`ingest_fn` is empty')
    missing(
      'metric_batch: a\ningest_sql: ""\ningest_fn:\n',
      [1, 1, 13],
      '`ingest_sql` and `ingest_fn` are empty'
    )
  })

  it('without metric_batch: marks the first key, or the whole empty mapping', () => {
    const first = said({ 'a/a.yaml': 'db: duckdb\n' }, 'ingest/')
    expect(first.map((d) => [d.line, d.column, d.end])).toEqual([[1, 1, [1, 3]]])
    const empty = said({ 'a/a.yaml': '{}\n' }, 'ingest/')
    expect(empty.map((d) => [d.line, d.column, d.end])).toEqual([[1, 1, [1, 3]]])
  })
})

describe('ingest/both-sources', () => {
  it('marks the ignored ingest_fn key', () => {
    expect(
      said({ 'a/a.yaml': 'metric_batch: a\ningest_sql: select 1\ningest_fn: x\n' }, 'ingest/')
    ).toEqual([
      {
        ruleId: 'ingest/both-sources',
        severity: 'warning',
        file: 'a/a.yaml',
        line: 3,
        column: 1,
        end: [3, 10],
        message:
          'Both `ingest_sql` and `ingest_fn` are set: Anomstack uses `ingest_sql` and silently ignores `ingest_fn`.',
        hint: 'Remove the one you do not want.'
      }
    ])
  })

  it('an ingest_fn inherited from defaults.yaml is not this batch\u2019s doing', () => {
    const files = {
      'defaults/defaults.yaml': 'db: duckdb\ntable_key: metrics\ningest_fn: "def ingest(): 1"\n',
      'a/a.yaml': 'metric_batch: a\ningest_sql: select 1\n'
    }
    expect(said(files, 'ingest/')).toEqual([])
  })

  it('an empty ingest_fn is no second source', () => {
    expect(
      said({ 'a/a.yaml': 'metric_batch: a\ningest_sql: select 1\ningest_fn: ""\n' }, 'ingest/')
    ).toEqual([])
  })
})

describe('ingest/bare-filename', () => {
  it('SQL: hints the include of the file that exists', () => {
    expect(
      said(
        { 'a/a.yaml': 'metric_batch: a\ningest_sql: query.sql\n', 'a/query.sql': 'select 1' },
        'ingest/'
      )
    ).toEqual([
      {
        ruleId: 'ingest/bare-filename',
        severity: 'error',
        file: 'a/a.yaml',
        line: 2,
        column: 13,
        end: [2, 22],
        message:
          '`ingest_sql: query.sql` is not a file reference: Anomstack runs the text "query.sql" itself as SQL, so every ingest run fails.',
        hint: include('ingest_sql', './a/query.sql')
      }
    ])
  })

  it('Python, trimmed: guesses the file beside the batch', () => {
    expect(said({ 'a/a.yaml': 'metric_batch: a\ningest_fn: " ingest.py "\n' }, 'ingest/')).toEqual([
      {
        ruleId: 'ingest/bare-filename',
        severity: 'error',
        file: 'a/a.yaml',
        line: 2,
        column: 12,
        end: [2, 25],
        message:
          '`ingest_fn: ingest.py` is not a file reference: Anomstack runs the text "ingest.py" itself as Python, so every ingest run fails.',
        hint: include('ingest_fn', './a/ingest.py')
      }
    ])
  })

  it('a path below the batch folder, existing or not', () => {
    expect(
      said(
        { 'a/a.yaml': 'metric_batch: a\ningest_sql: sub/q.sql\n', 'a/sub/q.sql': '' },
        'ingest/'
      )[0]?.hint
    ).toBe(include('ingest_sql', './a/sub/q.sql'))
    expect(
      said({ 'a/a.yaml': 'metric_batch: a\ningest_sql: x/y/q.sql\n' }, 'ingest/')[0]?.hint
    ).toBe(include('ingest_sql', './a/q.sql'))
  })

  it('in defaults.yaml, reported there with a guess beside it', () => {
    const files = {
      'defaults/defaults.yaml': 'db: duckdb\ntable_key: t\ningest_sql: q.sql\n',
      'a/a.yaml': 'metric_batch: a\n'
    }
    expect(said(files, 'ingest/')).toEqual([
      {
        ruleId: 'ingest/bare-filename',
        severity: 'error',
        file: 'defaults/defaults.yaml',
        line: 3,
        column: 13,
        end: [3, 18],
        message:
          '`ingest_sql: q.sql` is not a file reference: Anomstack runs the text "q.sql" itself as SQL, so every ingest run fails.',
        hint: include('ingest_sql', './defaults/q.sql')
      }
    ])
  })

  it('an ignored ingest_fn, or a value with spaces, is not reported', () => {
    expect(
      said(
        { 'a/a.yaml': 'metric_batch: a\ningest_sql: select 1\ningest_fn: i.py\n' },
        'ingest/bare'
      )
    ).toEqual([])
    expect(said({ 'a/a.yaml': 'metric_batch: a\ningest_sql: my q.sql\n' }, 'ingest/')).toEqual([])
    expect(said({ 'a/a.yaml': 'metric_batch: a\ningest_sql: q.sqlx\n' }, 'ingest/')).toEqual([])
    expect(said({ 'a/a.yaml': 'metric_batch: a\ningest_sql: xq.sql y\n' }, 'ingest/')).toEqual([])
  })
})

describe('include/bare-filename', () => {
  it('other templates: "such" runs fail, SQL or Python by the key', () => {
    const found = said(
      {
        'a/a.yaml':
          'metric_batch: a\ningest_sql: select 1\ntrain_sql: t.sql\npreprocess_fn: p.py\n',
        't.sql': ''
      },
      'include/bare'
    )
    expect(found).toEqual([
      {
        ruleId: 'include/bare-filename',
        severity: 'error',
        file: 'a/a.yaml',
        line: 3,
        column: 12,
        end: [3, 17],
        message:
          '`train_sql: t.sql` is not a file reference: Anomstack runs the text "t.sql" itself as SQL, so every such run fails.',
        hint: include('train_sql', './t.sql')
      },
      {
        ruleId: 'include/bare-filename',
        severity: 'error',
        file: 'a/a.yaml',
        line: 4,
        column: 16,
        end: [4, 20],
        message:
          '`preprocess_fn: p.py` is not a file reference: Anomstack runs the text "p.py" itself as Python, so every such run fails.',
        hint: include('preprocess_fn', './a/p.py')
      }
    ])
  })

  it('a template inherited from defaults.yaml is reported once, at defaults.yaml', () => {
    const files = {
      'defaults/defaults.yaml': 'db: duckdb\ntable_key: t\ntrain_sql: t.sql\n',
      'a/a.yaml': 'metric_batch: a\ningest_sql: select 1\n',
      'b/b.yaml': 'metric_batch: b\ningest_sql: select 1\n'
    }
    expect(said(files, 'include/bare').map((d) => [d.file, d.line])).toEqual([
      ['defaults/defaults.yaml', 3]
    ])
  })
})
