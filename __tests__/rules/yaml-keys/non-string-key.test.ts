import { describe, expect, it } from 'vitest'
import { at, DEFAULTS, DEFAULTS_PATH, diagnoseBatch, hits } from '../model/harness.js'

describe('yaml-keys/non-string-key', () => {
  it.each([['yes'], ['no'], ['on'], ['off'], ['123'], ['1:30'], ['2024-01-01'], ['null'], ['1.5']])(
    'warns on metric_tags key %s',
    (key) => {
      expect(hits(diagnoseBatch(`metric_tags:\n  ${key}:\n    priority: p1\n`))).toEqual([
        at('yaml-keys/non-string-key', 3, 3, 'warning')
      ])
    }
  )

  it.each([["'yes'"], ['"123"'], ['y'], ['n'], ['metric_1']])(
    'accepts metric_tags key %s',
    (key) => {
      expect(hits(diagnoseBatch(`metric_tags:\n  ${key}:\n    priority: p1\n`))).toEqual([])
    }
  )

  it('warns on tholdalert_thresholds keys', () => {
    const body = 'tholdalert_thresholds:\n  m1: {upper: 1}\n  404: {upper: 1}\n'
    expect(hits(diagnoseBatch(body))).toEqual([at('yaml-keys/non-string-key', 4, 3, 'warning')])
  })

  it('warns on a non-string top-level key', () => {
    expect(hits(diagnoseBatch('on: true\n'))).toEqual([
      at('yaml-keys/non-string-key', 2, 1, 'warning')
    ])
  })

  it('warns on a non-string top-level key in defaults.yaml once', () => {
    expect(hits(diagnoseBatch('', `${DEFAULTS}no: 1\n`))).toEqual([
      at('yaml-keys/non-string-key', 31, 1, 'warning', DEFAULTS_PATH)
    ])
  })

  it('leaves nested tag keys alone', () => {
    expect(hits(diagnoseBatch('metric_tags:\n  m1:\n    yes: p1\n'))).toEqual([])
  })
})
