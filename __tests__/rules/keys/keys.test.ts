import { describe, expect, it } from 'vitest'
import { suggestKey, editDistance } from '../../../src/rules/keys/suggest.js'
import { templateNames } from '../../../src/rules/keys/jinja-refs.js'
import { hits, validate } from '../batch/harness.js'

const A = 'metric_batch: a\ningest_sql: select 1\n'

describe('keys/* rules', () => {
  it.each([
    ['live keys', A + 'alert_methods: email\ndisable_alerts: true\n'],
    ['a non-string key (yaml-keys/non-string-key reports it)', A + 'on: 1\n'],
    [
      'a custom key used by ingest_sql',
      'metric_batch: a\nmy_param: 3\ningest_sql: select {{ my_param }}\n'
    ]
  ])('accepts %s', (_name, text) => {
    expect(hits({ 'a/a.yaml': text }, 'keys/').filter((h) => h.severity !== 'notice')).toEqual([])
  })

  const invalid: [string, string, string, 'error' | 'warning' | 'notice', number, number][] = [
    ['a misspelt key', A + 'alerts_methods: email\n', 'keys/unknown', 'warning', 3, 1],
    [
      'a custom key used inside {% if %}',
      'metric_batch: a\nflag: 1\ningest_sql: "{% if flag %}select 1{% endif %}"\n',
      'keys/unknown',
      'notice',
      2,
      1
    ],
    [
      'a custom key tested with is defined',
      'metric_batch: a\nlimit_n: 1\ningest_sql: "select {% if limit_n is defined %}1{% endif %}"\n',
      'keys/unknown',
      'notice',
      2,
      1
    ],
    ['model_config', A + 'model_config: {model_name: PCA}\n', 'keys/deprecated', 'warning', 3, 1],
    ['preprocess_diff_n', A + 'preprocess_diff_n: 1\n', 'keys/deprecated', 'warning', 3, 1],
    [
      'the legacy system prompt (still honoured)',
      A + 'llmalert_anomaly_agent_system_prompt: hi\n',
      'keys/deprecated',
      'notice',
      3,
      1
    ],
    ['disable_alert', A + 'disable_alert: true\n', 'keys/dead', 'warning', 3, 1],
    ['gcp_project_id', A + 'gcp_project_id: p\n', 'keys/dead', 'warning', 3, 1],
    ['metrics_dir', A + 'metrics_dir: ./m\n', 'keys/dead', 'warning', 3, 1],
    ['ingest_sql_file', A + 'ingest_sql_file: q.sql\n', 'keys/doc-only', 'warning', 3, 1],
    ['schedule', A + 'schedule: "0 * * * *"\n', 'keys/doc-only', 'warning', 3, 1],
    [
      'a doc-only name used as a template variable',
      'metric_batch: a\ndataset: d\ningest_sql: select * from {{ dataset }}.t\n',
      'keys/doc-only',
      'notice',
      2,
      1
    ]
  ]
  it.each(invalid)('reports %s', (_name, text, ruleId, severity, line, column) => {
    expect(hits({ 'a/a.yaml': text }, 'keys/')).toEqual([
      { ruleId, severity, file: 'a/a.yaml', line, column }
    ])
  })

  it('finds a custom key used in an included file', () => {
    const files = {
      'a/a.yaml': 'metric_batch: a\nmy_table: t\ningest_sql: >\n  {% include "./a/q.sql" %}\n',
      'a/q.sql': 'select * from {{ my_table }}'
    }
    expect(hits(files, 'keys/')).toEqual([
      { ruleId: 'keys/unknown', severity: 'notice', file: 'a/a.yaml', line: 2, column: 1 }
    ])
  })

  it('finds a custom key in defaults.yaml used by a batch template', () => {
    const files = {
      'defaults/defaults.yaml': 'db: duckdb\nmy_schema: s\n',
      'a/a.yaml': 'metric_batch: a\ningest_sql: select * from {{ my_schema }}.t\n'
    }
    expect(hits(files, 'keys/')).toEqual([
      {
        ruleId: 'keys/unknown',
        severity: 'notice',
        file: 'defaults/defaults.yaml',
        line: 2,
        column: 1
      }
    ])
  })

  it('suggests the live key', () => {
    const d = validate({ 'a/a.yaml': A + 'alerts_methods: email\n' }).diagnostics.find(
      (x) => x.ruleId === 'keys/unknown'
    )
    expect(d?.hint).toContain('`alert_methods`')
  })

  it('reports keys inherited from defaults.yaml only at defaults.yaml', () => {
    const files = {
      'defaults/defaults.yaml': 'db: duckdb\ndisable_alert: false\n',
      'a/a.yaml': A,
      'b/b.yaml': 'metric_batch: b\ningest_sql: select 1\n'
    }
    expect(hits(files, 'keys/')).toEqual([
      {
        ruleId: 'keys/dead',
        severity: 'warning',
        file: 'defaults/defaults.yaml',
        line: 2,
        column: 1
      }
    ])
  })
})

describe('suggestKey', () => {
  it.each([
    ['alerts_methods', 'alert_methods'],
    ['methods_alert', 'alert_methods'],
    ['ingest_cron_schedul', 'ingest_cron_schedule'],
    ['tabel_key', 'table_key'],
    ['Metric_Batch', 'metric_batch'],
    ['cron_schedule_ingest', 'ingest_cron_schedule'],
    ['dbs', 'db'],
    // the same words reordered, with a plural: nothing within two edits, found by its words
    ['batch_metrics', 'metric_batch'],
    // a stray separator at either end adds no word
    ['_methods_alert', 'alert_methods'],
    ['methods_alert_', 'alert_methods']
  ])('%s → %s', (typo, expected) => {
    expect(suggestKey(typo)).toBe(expected)
  })

  it.each(['completely_unrelated', 'xyz', 'my_param'])('has nothing for %s', (name) => {
    expect(suggestKey(name)).toBeUndefined()
  })

  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('tabel', 'table')).toBe(1)
    expect(editDistance('abc', 'abc')).toBe(0)
    expect(editDistance('', 'ab')).toBe(2)
  })
})

describe('templateNames', () => {
  it('collects names inside Jinja tags only', () => {
    const names = templateNames(
      'select a from {{ t }} {% if x is defined %}{{ y | int }}{% endif %} where z'
    )
    expect([...names].sort()).toEqual(['defined', 'endif', 'if', 'int', 'is', 't', 'x', 'y'])
  })
})
