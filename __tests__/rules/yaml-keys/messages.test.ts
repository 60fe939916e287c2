import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../../src/core/diagnostic.js'
import { toStatedOf } from '../../helpers/tree.js'
import { BATCH_PATH, DEFAULTS, DEFAULTS_PATH, diagnoseBatch } from '../model/harness.js'

// What yaml-keys/non-string-key says for each type, at the top level and in metric-name maps.

const said = (diags: readonly Diagnostic[]) => toStatedOf('yaml-keys/non-string-key', diags)

const TOP =
  'not a string: every job of this batch renders its templates with template.render(**spec), which raises TypeError("keywords must be strings"): every job of the batch fails when it runs (and the summary job, when this batch is read first).'

describe('yaml-keys/non-string-key messages', () => {
  it('top-level keys of each type: errors, with a quoted hint', () => {
    const top = (line: number, end: number, key: string, type: string) => ({
      severity: 'error',
      file: BATCH_PATH,
      at: [line, 1, line, end],
      message: `top-level key \`${key}\` is read by YAML 1.1 as ${type}, ${TOP}`,
      hint: `Quote it: '${key}':`
    })
    expect(
      said(
        diagnoseBatch(
          'yes: 1\n123: x\n1.5: y\n~: z\n2024-01-01: d\n2024-01-01 10:00:00: t\n"ok": 1\n'
        )
      )
    ).toEqual([
      top(2, 4, 'yes', 'a boolean'),
      top(3, 4, '123', 'an integer'),
      top(4, 4, '1.5', 'a float'),
      top(5, 2, '~', 'null (None)'),
      top(6, 11, '2024-01-01', 'a date'),
      top(7, 20, '2024-01-01 10:00:00', 'a timestamp')
    ])
  })

  it('a binary key', () => {
    expect(said(diagnoseBatch('!!binary aGk=: 1\n')).map((d) => d.message)).toEqual([
      `top-level key \`!!binary aGk=\` is read by YAML 1.1 as bytes, ${TOP}`
    ])
  })

  it('a key written with quotes: the hint doubles them, as a single-quoted YAML key must', () => {
    expect(said(diagnoseBatch("!!int '12': x\n")).map((d) => d.hint)).toEqual([
      "Quote it: '!!int ''12''':"
    ])
  })

  it('in defaults.yaml: every batch inherits it', () => {
    expect(said(diagnoseBatch('', DEFAULTS + 'off: 1\n'))).toEqual([
      {
        severity: 'error',
        file: DEFAULTS_PATH,
        at: [31, 1, 31, 4],
        message:
          'top-level key `off` is read by YAML 1.1 as a boolean, not a string: every batch inherits it, and every job renders its templates with template.render(**spec), which raises TypeError("keywords must be strings"): every job of every batch fails when it runs.',
        hint: "Quote it: 'off':"
      }
    ])
  })

  it('metric-name maps: a warning, it never matches', () => {
    const body = 'metric_tags:\n  on: {a: 1}\n  "m": {}\ntholdalert_thresholds:\n  12: {upper: 1}\n'
    expect(said(diagnoseBatch(body))).toEqual([
      {
        severity: 'warning',
        file: BATCH_PATH,
        at: [3, 3, 3, 5],
        message:
          'metric_tags key `on` is read by YAML 1.1 as a boolean, not a string: it never matches a metric_name, which is a string.',
        hint: "Quote it: 'on':"
      },
      {
        severity: 'warning',
        file: BATCH_PATH,
        at: [6, 3, 6, 5],
        message:
          'tholdalert_thresholds key `12` is read by YAML 1.1 as an integer, not a string: it never matches a metric_name, which is a string.',
        hint: "Quote it: '12':"
      }
    ])
    expect(said(diagnoseBatch('metric_tags: [1]\n'))).toEqual([])
  })
})
