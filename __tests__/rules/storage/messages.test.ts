import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../../src/core/diagnostic.js'
import { toStated, type Stated } from '../../helpers/tree.js'
import { DEFAULTS, DEFAULTS_PATH, diagnose, diagnoseBatch, BATCH_PATH } from '../model/harness.js'

// What the storage rules say: exact messages and hints, and the value they mark.

const said = (diags: readonly Diagnostic[]): Stated[] => diags.map(toStated)

describe('storage/table-key-shape', () => {
  const shape = (db: string, key: string): Stated[] =>
    said(diagnoseBatch(`db: ${db}\ntable_key: "${key}"\ndisable_delete: true\n`))
  const one = (
    severity: Stated['severity'],
    end: number,
    message: string,
    hint: string
  ): Stated[] => [
    {
      ruleId: 'storage/table-key-shape',
      severity,
      file: BATCH_PATH,
      at: [3, 12, 3, end],
      message,
      hint
    }
  ]

  it('an empty part, for any db', () => {
    const message = (k: string): string =>
      `table_key \`${k}\` has an empty name part: the SQL Anomstack renders with it is invalid.`
    const hint = 'Remove the stray dot or fill in the missing name.'
    expect(shape('duckdb', 'schema. ')).toEqual(one('error', 22, message('schema. '), hint))
    expect(shape('snowflake', 'a..b')).toEqual(one('error', 18, message('a..b'), hint))
    expect(shape('duckdb', '')).toEqual(one('error', 14, message(''), hint))
  })

  it('duckdb and clickhouse: at most two parts', () => {
    expect(shape('duckdb', 'a.b.c')).toEqual(
      one(
        'error',
        19,
        'table_key `a.b.c` has 3 parts, but db duckdb accepts `table` or `schema.table`: saving metrics fails.',
        'Use `table` or `schema.table`.'
      )
    )
    expect(shape('clickhouse', 'a.b.c')).toEqual(
      one(
        'error',
        19,
        'table_key `a.b.c` has 3 parts, but db clickhouse accepts `table` or `database.table`: saving metrics fails.',
        'Use `table` or `database.table`.'
      )
    )
    expect(shape('clickhouse', 'a.b')).toEqual([])
  })

  it('sqlite: no dot at all', () => {
    expect(shape('sqlite', 'main.metrics')).toEqual(
      one(
        'error',
        26,
        'table_key `main.metrics` contains a dot, but db sqlite has no schemas: saving metrics fails.',
        'Use a plain table name, e.g. `metrics`.'
      )
    )
  })

  it('bigquery: three parts; two only work with a project variable', () => {
    const need = (k: string, n: string): string =>
      `table_key \`${k}\` has ${n}, but db bigquery needs \`project.dataset.table\` (or \`dataset.table\` with ANOMSTACK_GCP_PROJECT_ID): saving metrics fails.`
    expect(shape('bigquery', 'metrics')).toEqual(
      one('error', 21, need('metrics', '1 part'), 'Use `project.dataset.table`.')
    )
    expect(shape('bigquery', 'a.b.c.d')).toEqual(
      one('error', 21, need('a.b.c.d', '4 parts'), 'Use `project.dataset.table`.')
    )
    expect(shape('bigquery', 'dataset.metrics')).toEqual(
      one(
        'warning',
        29,
        'table_key `dataset.metrics` is `dataset.table`: the BigQuery writer asserts a project, so this works only when ANOMSTACK_GCP_PROJECT_ID is set.',
        'Use `project.dataset.table`, or make sure ANOMSTACK_GCP_PROJECT_ID is set wherever the jobs run.'
      )
    )
  })

  it('snowflake: exactly three parts', () => {
    const need = (k: string, n: string): string =>
      `table_key \`${k}\` has ${n}, but db snowflake needs exactly \`DATABASE.SCHEMA.TABLE\`: the Snowflake writer indexes three parts and saving fails.`
    const hint =
      'Use `DATABASE.SCHEMA.TABLE` (identifiers are quoted, so keep the case you created them with).'
    expect(shape('snowflake', 'SCHEMA.METRICS')).toEqual(
      one('error', 28, need('SCHEMA.METRICS', '2 parts'), hint)
    )
    expect(shape('snowflake', 'A')).toEqual(one('error', 15, need('A', '1 part'), hint))
  })

  it('a long key is cut in the message', () => {
    const key = 'x'.repeat(70) + '.a.b'
    expect(shape('duckdb', key)[0]?.message).toBe(
      `table_key \`${'x'.repeat(59)}…\` has 3 parts, but db duckdb accepts \`table\` or \`schema.table\`: saving metrics fails.`
    )
  })

  it('an inherited table_key that only the batch\u2019s db rejects: reported at defaults.yaml, naming the batch', () => {
    expect(said(diagnoseBatch('db: snowflake\ndisable_delete: true\n'))).toEqual([
      {
        ruleId: 'storage/table-key-shape',
        severity: 'error',
        file: DEFAULTS_PATH,
        at: [2, 12, 2, 21],
        message:
          'table_key `metrics` has 1 part, but db snowflake needs exactly `DATABASE.SCHEMA.TABLE`: the Snowflake writer indexes three parts and saving fails. (The table_key comes from defaults.yaml; batch `b` sets db snowflake.)',
        hint: 'Set table_key in metrics/b/b.yaml. Use `DATABASE.SCHEMA.TABLE` (identifiers are quoted, so keep the case you created them with).'
      }
    ])
  })

  it('db and table_key both from defaults.yaml: no batch to name', () => {
    const defaults = DEFAULTS.replace('table_key: "metrics"', 'table_key: "a.b.c"')
    expect(said(diagnoseBatch('disable_delete: true\n', defaults))).toEqual([
      {
        ruleId: 'storage/table-key-shape',
        severity: 'error',
        file: DEFAULTS_PATH,
        at: [2, 12, 2, 19],
        message:
          'table_key `a.b.c` has 3 parts, but db duckdb accepts `table` or `schema.table`: saving metrics fails.',
        hint: 'Use `table` or `schema.table`.'
      }
    ])
  })

  it('a batch table_key under an inherited db is the batch\u2019s own problem', () => {
    const defaults = DEFAULTS.replace('db: "duckdb"', 'db: "sqlite"')
    expect(said(diagnoseBatch('table_key: "a.b"\n', defaults))).toMatchObject([
      {
        file: BATCH_PATH,
        at: [2, 12, 2, 17],
        message:
          'table_key `a.b` contains a dot, but db sqlite has no schemas: saving metrics fails.',
        hint: 'Use a plain table name, e.g. `metrics`.'
      }
    ])
  })

  it('a non-string db or table_key is left to the schema', () => {
    expect(said(diagnoseBatch('db: 1\ntable_key: "a.b.c"\n')).map((d) => d.ruleId)).toEqual([])
    expect(said(diagnoseBatch('db: duckdb\ntable_key: 5\n')).map((d) => d.ruleId)).toEqual([])
  })
})

describe('storage/model-path-scheme', () => {
  const path = (p: string): Stated[] => said(diagnoseBatch(`model_path: "${p}"\n`))
  const message = (p: string): string =>
    `model_path \`${p}\` has no supported scheme: the train run fails with "model_path ... not supported" and scoring finds no models.`
  const prefix = (p: string): string =>
    `Prefix it with local://, gs:// or s3:// (e.g. \`local://${p}\`). ANOMSTACK_MODEL_PATH, when set, overrides it.`

  it('no scheme: suggests local://, at the value', () => {
    expect(path('./models')).toEqual([
      {
        ruleId: 'storage/model-path-scheme',
        severity: 'error',
        file: BATCH_PATH,
        at: [2, 13, 2, 23],
        message: message('./models'),
        hint: prefix('./models')
      }
    ])
    expect(path('/abs/models')[0]?.hint).toBe(prefix('/abs/models'))
  })

  it('another scheme is replaced, any case', () => {
    expect(path('file:///tmp/models')[0]?.hint).toBe(prefix('/tmp/models'))
    expect(path('FTP+x.y-z://h/p')[0]?.hint).toBe(prefix('h/p'))
  })

  it('gcs:// (any case) becomes gs://', () => {
    expect(path('gcs://bucket/models')[0]).toMatchObject({
      message: message('gcs://bucket/models'),
      hint: 'Google Cloud Storage paths use `gs://`: `gs://bucket/models`.'
    })
    expect(path('GCS://b/m')[0]?.hint).toBe('Google Cloud Storage paths use `gs://`: `gs://b/m`.')
    expect(path('xgcs://b/m')[0]?.hint).toBe(prefix('b/m'))
  })

  it('a scheme in the wrong case', () => {
    expect(path('S3://bucket')[0]?.hint).toBe('Schemes are case-sensitive: write `s3://bucket`.')
    expect(path('Local://x')[0]?.hint).toBe('Schemes are case-sensitive: write `local://x`.')
    expect(path('GS://b')[0]?.hint).toBe('Schemes are case-sensitive: write `gs://b`.')
  })

  it('long paths are cut in the message and the hint', () => {
    const long = 'ftp://x/' + 'y'.repeat(70)
    expect(path(long)[0]).toMatchObject({
      message: message(`ftp://x/${'y'.repeat(51)}…`),
      hint: prefix(`x/${'y'.repeat(57)}…`)
    })
  })

  it('an inherited bad model_path is reported where it is written', () => {
    const defaults = DEFAULTS.replace('model_path: "local://./models"', 'model_path: "./m"')
    const d = said(
      diagnose({ [DEFAULTS_PATH]: defaults, [BATCH_PATH]: 'metric_batch: b\n' })
    ).filter((x) => x.ruleId === 'storage/model-path-scheme')
    expect(d.map((x) => [x.file, x.at])).toEqual([[DEFAULTS_PATH, [3, 13, 3, 18]]])
  })
})

describe('storage/delete-unsupported', () => {
  const hint =
    'Add `disable_delete: true` to this batch and prune old rows with your warehouse tools.'

  it('STOPPED: a warning that explains when it fails', () => {
    expect(said(diagnoseBatch('db: bigquery\ntable_key: p.d.t\n'))).toEqual([
      {
        ruleId: 'storage/delete-unsupported',
        severity: 'warning',
        file: BATCH_PATH,
        at: [2, 5, 2, 13],
        message:
          'db bigquery does not support the delete job (NotImplementedError when it runs); its schedule is STOPPED, so it fails only when started by hand or switched on.',
        hint
      }
    ])
  })

  it('RUNNING (exactly): an error', () => {
    const running = "db: snowflake\ntable_key: D.S.T\ndelete_default_schedule_status: 'RUNNING'\n"
    expect(said(diagnoseBatch(running))).toEqual([
      {
        ruleId: 'storage/delete-unsupported',
        severity: 'error',
        file: BATCH_PATH,
        at: [2, 5, 2, 14],
        message:
          'db snowflake does not support the delete job (NotImplementedError when it runs), and delete_default_schedule_status is RUNNING, so every scheduled delete run fails.',
        hint
      }
    ])
    const lower = "db: snowflake\ntable_key: D.S.T\ndelete_default_schedule_status: 'running'\n"
    expect(
      said(diagnoseBatch(lower)).filter((d) => d.ruleId === 'storage/delete-unsupported')
    ).toMatchObject([{ severity: 'warning' }])
  })
})
