import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../../src/core/diagnostic.js'
import { toStated, type Stated } from '../../helpers/tree.js'
import { BATCH_PATH, diagnoseBatch } from '../model/harness.js'

// What the alert rules say: exact messages and hints, and the value they mark.

const said = (diags: readonly Diagnostic[]): Stated[] => diags.map(toStated)

const COMMA_HINT = 'Use a comma list of `email` and/or `slack`, e.g. "email,slack".'

describe('alert/methods', () => {
  const one = (body: string, at: number[], message: string, hint: string) =>
    expect(said(diagnoseBatch(body))).toEqual([
      { ruleId: 'alert/methods', severity: 'warning', file: BATCH_PATH, at, message, hint }
    ])

  it('empty', () => {
    one(
      'alert_methods: ""\n',
      [2, 16, 2, 18],
      'alert_methods is empty: no alert is sent (alerts are still saved).',
      COMMA_HINT
    )
    expect(said(diagnoseBatch('alert_methods: "  "\n'))[0]?.message).toBe(
      'alert_methods is empty: no alert is sent (alerts are still saved).'
    )
  })

  it('the wrong case: names the methods to lower-case', () => {
    one(
      'alert_methods: "Email,SLACK"\n',
      [2, 16, 2, 29],
      'alert_methods `Email,SLACK` does not contain lower-case `email` or `slack`: Anomstack matches case-sensitively, so no alert is sent.',
      'Write `email,slack` in lower case.'
    )
    one(
      'tholdalert_methods: "EMAIL"\n',
      [2, 21, 2, 28],
      'tholdalert_methods `EMAIL` does not contain lower-case `email`: Anomstack matches case-sensitively, so no alert is sent.',
      'Write `email` in lower case.'
    )
  })

  it('no known method', () => {
    one(
      'alert_methods: teams\n',
      [2, 16, 2, 21],
      'alert_methods `teams` names neither email nor slack: Anomstack ignores other methods, so no alert is sent.',
      COMMA_HINT
    )
  })

  it('extra tokens next to a real method, trimmed, empty ones skipped', () => {
    one(
      'alert_methods: "email, teams,,sms"\n',
      [2, 16, 2, 35],
      'alert_methods lists `teams`, `sms`, which Anomstack ignores: only email and slack are sent.',
      'Remove the unsupported methods (Anomstack only sends email and slack).'
    )
    expect(said(diagnoseBatch('alert_methods: "slack, my_email"\n'))).toEqual([])
  })

  it('a list is matched item by item', () => {
    one(
      'alert_methods: [Email, 3]\n',
      [2, 16, 2, 26],
      'alert_methods lists neither `email` nor `slack` exactly (a list is matched item by item, case-sensitively), so no alert is sent.',
      'Use the string "email,slack", or list the items `email` and/or `slack` in lower case.'
    )
    expect(said(diagnoseBatch('alert_methods: [teams, slack]\n'))).toEqual([])
    expect(said(diagnoseBatch('tholdalert_methods: [emails]\n')).map((d) => d.at)).toEqual([
      [2, 21, 2, 29]
    ])
  })

  it('a value of another type is the schema\u2019s', () => {
    expect(said(diagnoseBatch('alert_methods: 3\n'))).toEqual([])
  })
})

describe('alert/exclude-unquoted', () => {
  it('an empty list renders `not in ()`, or `in ()` for the include list', () => {
    expect(said(diagnoseBatch('train_exclude_metrics: []\n'))).toEqual([
      {
        ruleId: 'alert/exclude-unquoted',
        severity: 'error',
        file: BATCH_PATH,
        at: [2, 24, 2, 26],
        message:
          'train_exclude_metrics is an empty list: it renders `metric_name not in ()`, which is not valid SQL on most databases.',
        hint: 'Remove train_exclude_metrics, or list at least one metric as "\'name\'".'
      }
    ])
    expect(said(diagnoseBatch('change_include_metrics: []\n'))[0]?.message).toBe(
      'change_include_metrics is an empty list: it renders `metric_name in ()`, which is not valid SQL on most databases.'
    )
  })

  it('an unquoted item names the db; a quoted one passes; quotes are doubled in the hint', () => {
    expect(said(diagnoseBatch('score_exclude_metrics: [m1, "\'m2\'", "it\'s"]\n'))).toEqual([
      {
        ruleId: 'alert/exclude-unquoted',
        severity: 'error',
        file: BATCH_PATH,
        at: [2, 25, 2, 27],
        message:
          'score_exclude_metrics item `m1` has no SQL quotes: it renders `metric_name not in (m1)`, which the SQL translation turns into a column name, so the query fails on duckdb.',
        hint: 'Write it with SQL quotes inside YAML quotes: - "\'m1\'"'
      },
      {
        ruleId: 'alert/exclude-unquoted',
        severity: 'error',
        file: BATCH_PATH,
        at: [2, 37, 2, 43],
        message:
          "score_exclude_metrics item `it's` has no SQL quotes: it renders `metric_name not in (it's)`, which the SQL translation turns into a column name, so the query fails on duckdb.",
        hint: "Write it with SQL quotes inside YAML quotes: - \"'it''s'\""
      }
    ])
  })

  it('a lone quote is no SQL literal', () => {
    expect(said(diagnoseBatch('alert_exclude_metrics: ["\'"]\n')).map((d) => d.at)).toEqual([
      [2, 25, 2, 28]
    ])
    expect(said(diagnoseBatch('alert_exclude_metrics: [" \'m\' "]\n'))).toEqual([])
  })

  it('sqlite: a warning, "only by accident"; an unknown db type: "this db"', () => {
    expect(said(diagnoseBatch('db: sqlite\nalert_exclude_metrics: [m1]\n'))).toEqual([
      {
        ruleId: 'alert/exclude-unquoted',
        severity: 'warning',
        file: BATCH_PATH,
        at: [3, 25, 3, 27],
        message:
          'alert_exclude_metrics item `m1` has no SQL quotes: it renders `metric_name not in (m1)`, which the SQL translation turns into a column name, so the query works on sqlite only by accident.',
        hint: 'Write it with SQL quotes inside YAML quotes: - "\'m1\'"'
      }
    ])
    const other = said(diagnoseBatch('db: 3\nchange_include_metrics: [m1]\n')).filter(
      (d) => d.ruleId === 'alert/exclude-unquoted'
    )
    expect(other.map((d) => [d.severity, d.message])).toEqual([
      [
        'error',
        'change_include_metrics item `m1` has no SQL quotes: it renders `metric_name in (m1)`, which the SQL translation turns into a column name, so the query fails on this db.'
      ]
    ])
    expect(
      said(diagnoseBatch('db: sqlite\nchange_exclude_metrics: []\n')).map((d) => d.severity)
    ).toEqual(['warning'])
  })

  it('non-string items and non-lists are left to the schema', () => {
    expect(said(diagnoseBatch('alert_exclude_metrics: [1, null]\n'))).toEqual([])
    expect(said(diagnoseBatch('alert_exclude_metrics: m1\n'))).toEqual([])
  })
})

describe('alert/threshold-inverted', () => {
  const HINT = 'Swap the bounds: alerts fire when value > upper or value < lower.'
  it('threshold alerts off (the default): says when it bites; marks upper', () => {
    expect(
      said(diagnoseBatch('tholdalert_thresholds:\n  m1:\n    upper: 1\n    lower: 5.5\n'))
    ).toEqual([
      {
        ruleId: 'alert/threshold-inverted',
        severity: 'error',
        file: BATCH_PATH,
        at: [4, 12, 4, 13],
        message:
          'upper (1) is below lower (5.5): every value is either above upper or below lower, so this metric alerts on every ingest once threshold alerts are enabled.',
        hint: HINT
      }
    ])
  })

  it('threshold alerts on: every ingest alerts; equal or right-way bounds pass', () => {
    const body =
      'disable_tholdalert: false\ntholdalert_thresholds:\n  m1: {upper: 1, lower: 2}\n  m2: {upper: 2, lower: 1}\n  m3: {upper: 2, lower: 2}\n'
    expect(said(diagnoseBatch(body))).toEqual([
      {
        ruleId: 'alert/threshold-inverted',
        severity: 'error',
        file: BATCH_PATH,
        at: [4, 15, 4, 16],
        message:
          'upper (1) is below lower (2): every value is either above upper or below lower, so this metric alerts on every ingest.',
        hint: HINT
      }
    ])
  })

  it('a missing or non-numeric bound is not compared', () => {
    const body =
      'disable_tholdalert: false\ntholdalert_thresholds:\n  m1: {upper: 1}\n  m2: {lower: 5}\n  m3: {upper: "1", lower: 5}\n  m4: 7\n'
    expect(said(diagnoseBatch(body))).toEqual([])
  })
})

describe('alert/threshold-not-serialisable', () => {
  it('dates, datetimes and bytes, values and keys, anywhere in the entry', () => {
    const body =
      'tholdalert_thresholds:\n  m1: {upper: 2024-01-01, x: !!binary aGk=, 2024-01-01 10:00:00: 1}\n  m2: [1, 2024-02-02]\n'
    const tail =
      ', which json.dumps cannot encode: the ingest job fails when it adds threshold metadata, even with threshold alerts disabled.'
    const hint = 'Quote it to keep it a string, or use a number.'
    const d = (at: number[], message: string) => ({
      ruleId: 'alert/threshold-not-serialisable',
      severity: 'error',
      file: BATCH_PATH,
      at,
      message: message + tail,
      hint
    })
    expect(said(diagnoseBatch(body))).toEqual([
      d([3, 15, 3, 25], '`2024-01-01` is read by YAML as a date'),
      d([3, 30, 3, 43], '`!!binary aGk=` is read by YAML as a bytes value'),
      d([3, 45, 3, 64], '`2024-01-01 10:00:00` is read by YAML as a datetime'),
      d([4, 11, 4, 21], '`2024-02-02` is read by YAML as a date')
    ])
  })

  it('an alias is visited once', () => {
    const body = 'tholdalert_thresholds:\n  m1: &d {upper: 2024-01-01}\n  m2: *d\n'
    expect(said(diagnoseBatch(body)).map((d) => d.at)).toEqual([[3, 18, 3, 28]])
  })
})
