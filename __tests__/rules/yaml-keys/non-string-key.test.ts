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

  it.each([['on: true'], ['yes: 1'], ['123: x'], ['~: x']])(
    'a non-string top-level key (%s) fails every job of the batch: error',
    (line) => {
      const result = diagnoseBatch(`${line}\n`)
      expect(hits(result)).toEqual([at('yaml-keys/non-string-key', 2, 1, 'error')])
      const d = result.find((x) => x.ruleId === 'yaml-keys/non-string-key')
      expect(d?.effect).toBe('job-fails')
      expect(d?.message).toContain('keywords must be strings')
    }
  )

  it('reports a non-string top-level key in defaults.yaml once, as an error', () => {
    expect(hits(diagnoseBatch('', `${DEFAULTS}no: 1\n`))).toEqual([
      at('yaml-keys/non-string-key', 31, 1, 'error', DEFAULTS_PATH)
    ])
  })

  it('leaves nested tag keys alone', () => {
    expect(hits(diagnoseBatch('metric_tags:\n  m1:\n    yes: p1\n'))).toEqual([])
  })
})
