import { describe, expect, it } from 'vitest'
import { at, DEFAULTS_PATH, diagnoseBatch, hits } from '../model/harness.js'

describe('storage/table-key-shape', () => {
  it.each([
    ['duckdb', 'metrics'],
    ['duckdb', 'my_schema.metrics'],
    ['sqlite', 'metrics'],
    ['clickhouse', 'metrics'],
    ['clickhouse', 'db.metrics'],
    ['bigquery', 'project.dataset.metrics'],
    ['snowflake', 'DB.SCHEMA.METRICS'],
    ['motherduck', 'a.b.c.d']
  ])('accepts db %s with %s', (db, key) => {
    const body = `db: ${db}\ntable_key: "${key}"\ndisable_delete: true\n`
    expect(hits(diagnoseBatch(body))).toEqual([])
  })

  it.each([
    ['duckdb', 'a.b.c', 'error'],
    ['duckdb', 'schema.', 'error'],
    ['sqlite', 'main.metrics', 'error'],
    ['clickhouse', 'a.b.c', 'error'],
    ['bigquery', 'metrics', 'error'],
    ['bigquery', 'a.b.c.d', 'error'],
    ['bigquery', 'dataset.metrics', 'warning'],
    ['snowflake', 'SCHEMA.METRICS', 'error'],
    ['snowflake', 'A.B.C.D', 'error'],
    ['duckdb', '', 'error']
  ])('reports db %s with %j (%s) at the table_key value', (db, key, severity) => {
    expect(
      hits(diagnoseBatch(`db: ${db}\ntable_key: "${key}"\n`), 'storage/table-key-shape')
    ).toEqual([at('storage/table-key-shape', 3, 12, severity)])
  })

  it('reports an inherited table_key at defaults.yaml', () => {
    const d = diagnoseBatch('db: snowflake\ndisable_delete: true\n')
    expect(hits(d)).toEqual([at('storage/table-key-shape', 2, 12, 'error', DEFAULTS_PATH)])
    expect(d[0]?.hint).toContain('metrics/b/b.yaml')
  })
})

describe('storage/model-path-scheme', () => {
  it.each([['local://./models'], ['gs://bucket/models'], ['s3://bucket/prefix']])(
    'accepts %s',
    (path) => {
      expect(hits(diagnoseBatch(`model_path: "${path}"\n`))).toEqual([])
    }
  )

  it.each([
    ['./models', 'local://'],
    ['/abs/models', 'local://'],
    ['gcs://bucket/models', 'gs://bucket/models'],
    ['S3://bucket', 's3://bucket'],
    ['file:///tmp/models', 'local://']
  ])('reports %s', (path, hintPart) => {
    const d = diagnoseBatch(`model_path: "${path}"\n`)
    expect(hits(d)).toEqual([at('storage/model-path-scheme', 2, 13)])
    expect(d[0]?.hint).toContain(hintPart)
  })
})

describe('storage/delete-unsupported', () => {
  it.each([
    ['bigquery', 'p.d.t'],
    ['snowflake', 'D.S.T']
  ])('warns on %s with the delete job enabled (schedule STOPPED)', (db, key) => {
    expect(hits(diagnoseBatch(`db: ${db}\ntable_key: ${key}\n`))).toEqual([
      at('storage/delete-unsupported', 2, 5, 'warning')
    ])
  })

  it('is an error when the delete schedule is RUNNING', () => {
    const body = "db: bigquery\ntable_key: p.d.t\ndelete_default_schedule_status: 'RUNNING'\n"
    expect(hits(diagnoseBatch(body))).toEqual([at('storage/delete-unsupported', 2, 5, 'error')])
  })

  it.each([['disable_delete: true'], ['disable_delete: 1'], ["disable_delete: 'no'"]])(
    'accepts a truthy %s',
    (flag) => {
      expect(hits(diagnoseBatch(`db: bigquery\ntable_key: p.d.t\n${flag}\n`))).toEqual([])
    }
  )

  it.each([['duckdb'], ['sqlite'], ['clickhouse']])('ignores %s', (db) => {
    expect(hits(diagnoseBatch(`db: ${db}\n`))).toEqual([])
  })
})
