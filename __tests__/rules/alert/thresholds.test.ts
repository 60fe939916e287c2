import { describe, expect, it } from 'vitest'
import { at, diagnoseBatch, hits } from '../model/harness.js'

const enabled = 'disable_tholdalert: False\n'

describe('alert/threshold-inverted', () => {
  it('accepts upper >= lower, one-sided and equal bounds', () => {
    const body = `${enabled}tholdalert_thresholds:\n  m1:\n    upper: 10\n    lower: 0\n  m2:\n    upper: 5\n  m3:\n    lower: 1\n    upper: 1\n`
    expect(hits(diagnoseBatch(body))).toEqual([])
  })

  it('reports upper < lower at upper', () => {
    const body = `${enabled}tholdalert_thresholds:\n  m1:\n    lower: 10\n    upper: 0.5\n`
    expect(hits(diagnoseBatch(body))).toEqual([at('alert/threshold-inverted', 6, 12)])
  })

  it('is still an error while threshold alerts are disabled (it bites once they are enabled)', () => {
    const body = 'tholdalert_thresholds:\n  m1: {upper: 0, lower: 10}\n'
    expect(hits(diagnoseBatch(body))).toEqual([at('alert/threshold-inverted', 3, 15, 'error')])
  })

  it('skips non-numeric bounds (the schema reports them)', () => {
    const body = `${enabled}tholdalert_thresholds:\n  m1: {upper: '0', lower: 10}\n`
    expect(hits(diagnoseBatch(body))).toEqual([])
  })
})

describe('alert/threshold-not-serialisable', () => {
  it('reports a date value, even with threshold alerts disabled', () => {
    const body = 'tholdalert_thresholds:\n  m1:\n    upper: 2024-01-01\n'
    expect(hits(diagnoseBatch(body))).toEqual([at('alert/threshold-not-serialisable', 4, 12)])
  })

  it('reports timestamps nested in extra keys', () => {
    const body = `${enabled}tholdalert_thresholds:\n  m1:\n    upper: 3\n    note: {since: 2024-01-01 10:00:00}\n`
    expect(hits(diagnoseBatch(body))).toEqual([at('alert/threshold-not-serialisable', 6, 19)])
  })

  it('accepts quoted dates and numbers', () => {
    const body = "tholdalert_thresholds:\n  m1:\n    upper: 3\n    note: '2024-01-01'\n"
    expect(hits(diagnoseBatch(body))).toEqual([])
  })
})

describe('aliased threshold maps', () => {
  it('reports bounds shared through an alias once, at the anchor', () => {
    const body = `${enabled}tholdalert_thresholds:\n  m1: &b {upper: 0, lower: 10}\n  m2: *b\n`
    expect(hits(diagnoseBatch(body))).toEqual([at('alert/threshold-inverted', 4, 18)])
  })
})
