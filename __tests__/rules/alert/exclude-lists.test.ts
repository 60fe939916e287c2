import { describe, expect, it } from 'vitest'
import { at, diagnoseBatch, hits } from '../model/harness.js'

const KEYS = [
  'train_exclude_metrics',
  'score_exclude_metrics',
  'alert_exclude_metrics',
  'change_exclude_metrics',
  'change_include_metrics'
]

describe('alert/exclude-unquoted', () => {
  it.each(KEYS)('accepts SQL-quoted items in %s', (key) => {
    expect(hits(diagnoseBatch(`${key}:\n  - "'m1'"\n  - "'m2'"\n`))).toEqual([])
  })

  it.each(KEYS)('reports plain items in %s on duckdb', (key) => {
    expect(hits(diagnoseBatch(`${key}:\n  - "'m1'"\n  - m2\n`))).toEqual([
      at('alert/exclude-unquoted', 4, 5)
    ])
  })

  it('is a warning on sqlite', () => {
    expect(hits(diagnoseBatch('db: sqlite\ntrain_exclude_metrics:\n  - m1\n'))).toEqual([
      at('alert/exclude-unquoted', 4, 5, 'warning')
    ])
  })

  it('reports an empty list', () => {
    expect(hits(diagnoseBatch('score_exclude_metrics: []\n'))).toEqual([
      at('alert/exclude-unquoted', 2, 24)
    ])
  })

  it('reports items on bigquery and snowflake', () => {
    const body =
      "db: snowflake\ntable_key: A.B.C\ndisable_delete: true\nalert_exclude_metrics: ['m1', \"'m2'\"]\n"
    expect(hits(diagnoseBatch(body))).toEqual([at('alert/exclude-unquoted', 5, 25)])
  })

  it('accepts the empty SQL string literal, two quotes and nothing between', () => {
    expect(hits(diagnoseBatch(`train_exclude_metrics:\n  - "''"\n`))).toEqual([])
  })

  it.each([["m1'"], ["'m1"], ["'"]])(
    'reports %j: a quote on one side only is no literal',
    (item) => {
      expect(hits(diagnoseBatch(`train_exclude_metrics:\n  - "${item}"\n`))).toEqual([
        at('alert/exclude-unquoted', 3, 5)
      ])
    }
  )

  it('ignores tholdalert_exclude_metrics (plain names by design)', () => {
    expect(hits(diagnoseBatch('tholdalert_exclude_metrics:\n  - m1\n'))).toEqual([])
  })
})
