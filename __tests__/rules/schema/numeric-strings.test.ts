import { describe, expect, it } from 'vitest'
import { rules as schemaRules } from '../../../src/rules/schema/index.js'
import { validateTree } from '../../../src/validate.js'
import { memoryTree } from '../../helpers/tree.js'

const DEFAULTS = 'db: duckdb\ntable_key: metrics\ndisable_tholdalert: true\n'

function run(body: string, defaults = DEFAULTS) {
  const tree = memoryTree({
    'defaults/defaults.yaml': defaults,
    'a/a.yaml': `metric_batch: a\n${body}`
  })
  return validateTree(tree, { rules: schemaRules }).diagnostics.map((d) => ({
    ruleId: d.ruleId,
    severity: d.severity,
    effect: d.effect,
    line: d.line,
    column: d.column
  }))
}

describe('schema/type: numeric strings and thresholds, as the real jobs treat them', () => {
  it.each([
    ['alert_threshold: "0.8"', 18],
    ['train_max_n: "2500"', 14],
    ['train_max_n: 1e3', 14],
    ['score_max_n: " 25 "', 14]
  ])('%s only reaches rendered SQL: a warning, the jobs run', (line, column) => {
    expect(run(`${line}\n`)).toEqual([
      { ruleId: 'schema/type', severity: 'warning', effect: 'suspicious', line: 2, column }
    ])
  })

  it.each([['llmalert_smooth_n: "3"'], ['train_max_n: "many"'], ['ingest_metric_rounding: "4"']])(
    '%s is an error (Python computes with it, or it is not a number)',
    (line) => {
      const d = run(`${line}\n`)
      expect(d).toHaveLength(1)
      expect(d[0]).toMatchObject({ ruleId: 'schema/type', severity: 'error', line: 2 })
    }
  )

  it.each([['tholdalert_thresholds: [m1, m2]'], ['tholdalert_thresholds: "m1"']])(
    '%s while threshold alerts are off is not an error',
    (line) => {
      expect(run(`${line}\n`)).toEqual([
        { ruleId: 'schema/type', severity: 'warning', effect: 'ignored', line: 2, column: 24 }
      ])
      // disable_tholdalert defaults to true in the job when no file sets it.
      expect(run(`${line}\n`, 'db: duckdb\n')[0]?.severity).toBe('warning')
    }
  )

  it('the same thresholds with threshold alerts on are an error', () => {
    const d = run('disable_tholdalert: false\ntholdalert_thresholds: [m1]\n')
    expect(d).toEqual([
      { ruleId: 'schema/type', severity: 'error', effect: 'job-fails', line: 3, column: 24 }
    ])
  })
})

describe('schema/type on tholdalert_thresholds: what it says', () => {
  function said(body: string) {
    const tree = memoryTree({
      'defaults/defaults.yaml': DEFAULTS,
      'a/a.yaml': `metric_batch: a\n${body}`
    })
    return validateTree(tree, { rules: schemaRules }).diagnostics.map((d) => [
      d.line,
      d.severity,
      d.message,
      d.hint
    ])
  }

  it('threshold alerts off: the schema message, and why nothing fails today', () => {
    expect(said('tholdalert_thresholds: [m1]\ntrain_max_n: x\n')).toEqual([
      [3, 'error', '`train_max_n` must be an integer, not a string.', 'Write an integer.'],
      [
        2,
        'warning',
        '`tholdalert_thresholds` must be a mapping, not a list. Threshold alerts are off (disable_tholdalert), so nothing fails today; turning them on would.',
        'Write a mapping.'
      ]
    ])
  })

  it('only the value of tholdalert_thresholds itself is downgraded', () => {
    expect(said('tholdalert_thresholds:\n  m1: [1]\n')).toEqual([
      [3, 'error', '`tholdalert_thresholds.m1` must be a mapping, not a list.', 'Write a mapping.']
    ])
  })
})
