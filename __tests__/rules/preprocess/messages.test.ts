import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../../src/core/diagnostic.js'
import { toStated, type Stated } from '../../helpers/tree.js'
import { BATCH_PATH, diagnoseBatch } from '../model/harness.js'

// What the preprocess rules say: exact messages and hints, and the span they mark.

const params = (...lines: string[]): string =>
  `preprocess_params:\n${lines.map((l) => `  ${l}\n`).join('')}`

const said = (diags: readonly Diagnostic[]): Stated[] => diags.map(toStated)

const MAPPING_HINT =
  'Write it as a mapping, e.g. `preprocess_params: {diff_n: 1, smooth_n: 3, lags_n: 5, freq: null, freq_agg: mean}`.'
const unknown = (key: string, whose: string): string =>
  `preprocess_params key \`${key}\` is not a parameter of ${whose}: train and score fail with "unexpected keyword argument '${key}'".`

describe('preprocess/not-mapping', () => {
  it('plot enabled: the load crashes; marks the value', () => {
    expect(said(diagnoseBatch('preprocess_params: 5\n'))).toEqual([
      {
        ruleId: 'preprocess/not-mapping',
        severity: 'error',
        file: BATCH_PATH,
        at: [2, 20, 2, 21],
        message:
          'preprocess_params is not a mapping: the plot job calls preprocess_params.get("freq") while building, so the whole code location fails to load (AttributeError).',
        hint: MAPPING_HINT
      }
    ])
  })

  it('an empty value: marks the key', () => {
    expect(said(diagnoseBatch('preprocess_params:\n')).map((d) => d.at)).toEqual([[2, 1, 2, 18]])
  })

  it('plot disabled: train and score fail', () => {
    expect(said(diagnoseBatch('disable_plot: true\npreprocess_params: [1]\n'))).toEqual([
      {
        ruleId: 'preprocess/not-mapping',
        severity: 'error',
        file: BATCH_PATH,
        at: [3, 20, 3, 23],
        message:
          'preprocess_params is not a mapping: train and score pass it as **kwargs to preprocess(), so those runs fail (and enabling plot would crash the code location).',
        hint: MAPPING_HINT
      }
    ])
  })
})

describe('preprocess/unknown-param', () => {
  it('the default preprocess(): a near miss, or the accepted keys', () => {
    expect(said(diagnoseBatch(params('diff_m: 1', 'zzz: 2')))).toEqual([
      {
        ruleId: 'preprocess/unknown-param',
        severity: 'error',
        file: BATCH_PATH,
        at: [3, 3, 3, 9],
        message: unknown('diff_m', 'the default preprocess()'),
        hint: 'Did you mean `diff_n`?'
      },
      {
        ruleId: 'preprocess/unknown-param',
        severity: 'error',
        file: BATCH_PATH,
        at: [4, 3, 4, 6],
        message: unknown('zzz', 'the default preprocess()'),
        hint: 'Accepted keys: diff_n, smooth_n, lags_n, dropna, freq, freq_agg.'
      }
    ])
  })

  it('a near miss is at most two edits away', () => {
    const hint = (key: string): string | undefined => said(diagnoseBatch(params(key)))[0]?.hint
    expect(hint('difff_nn: 1')).toBe('Did you mean `diff_n`?')
    expect(hint('dxfff_nn: 1')).toBe(
      'Accepted keys: diff_n, smooth_n, lags_n, dropna, freq, freq_agg.'
    )
  })

  it('a custom preprocess(): "this preprocess()", its own keys', () => {
    const body =
      'preprocess_fn: |\n  def preprocess(df, window=3):\n      return df\n' +
      params('windw: 5', 'x: 1')
    expect(said(diagnoseBatch(body))).toEqual([
      {
        ruleId: 'preprocess/unknown-param',
        severity: 'error',
        file: BATCH_PATH,
        at: [6, 3, 6, 8],
        message: unknown('windw', 'this preprocess()'),
        hint: 'Did you mean `window`?'
      },
      {
        ruleId: 'preprocess/unknown-param',
        severity: 'error',
        file: BATCH_PATH,
        at: [7, 3, 7, 4],
        message: unknown('x', 'this preprocess()'),
        hint: 'Accepted keys: window.'
      }
    ])
  })

  it('a custom preprocess() that takes shuffle: shuffle is still not offered', () => {
    const body =
      'preprocess_fn: |\n  def preprocess(df, window=3, shuffle=False):\n      return df\n' +
      params('zzzzzz: 1')
    expect(said(diagnoseBatch(body))[0]?.hint).toBe('Accepted keys: window.')
  })

  it('shuffle', () => {
    expect(said(diagnoseBatch(params('shuffle: true')))).toEqual([
      {
        ruleId: 'preprocess/unknown-param',
        severity: 'error',
        file: BATCH_PATH,
        at: [3, 3, 3, 10],
        message:
          'preprocess_params must not set `shuffle`: the train job already calls preprocess(df, shuffle=True, **preprocess_params), so it fails with "got multiple values for keyword argument \'shuffle\'".',
        hint: 'Remove `shuffle`; training always shuffles and scoring never does.'
      }
    ])
  })

  it('a key YAML reads as another type', () => {
    expect(said(diagnoseBatch(params('on: 1', '3: 1')))).toEqual([
      {
        ruleId: 'preprocess/unknown-param',
        severity: 'error',
        file: BATCH_PATH,
        at: [3, 3, 3, 5],
        message:
          'preprocess_params key on is read by YAML as bool, not a string: **preprocess_params then fails with "keywords must be strings".',
        hint: 'Use one of the parameter names of preprocess(), quoted if YAML would read it as another type.'
      },
      expect.objectContaining({
        at: [4, 3, 4, 4],
        message:
          'preprocess_params key 3 is read by YAML as int, not a string: **preprocess_params then fails with "keywords must be strings".'
      })
    ])
  })

  it('inherited params a custom preprocess_fn rejects: blamed on the preprocess_fn key', () => {
    const body = 'preprocess_fn: |\n  def preprocess(df, diff_n=1):\n      return df\n'
    expect(said(diagnoseBatch(body))).toEqual([
      {
        ruleId: 'preprocess/unknown-param',
        severity: 'error',
        file: BATCH_PATH,
        at: [2, 1, 2, 14],
        message:
          'This preprocess_fn does not accept `smooth_n`, `lags_n`, `freq`, `freq_agg`, which the preprocess_params inherited from defaults.yaml pass to it: train and score fail with "unexpected keyword argument".',
        hint: 'Set preprocess_params in this batch to the keys your preprocess() accepts, or give it **kwargs.'
      }
    ])
  })

  it('inherited params a custom preprocess_fn takes: nothing', () => {
    const body =
      'preprocess_fn: |\n  def preprocess(df, diff_n=1, smooth_n=3, lags_n=5, freq=None, freq_agg="mean"):\n      return df\n'
    expect(said(diagnoseBatch(body))).toEqual([])
  })
})

describe('preprocess/not-mapping effect', () => {
  const effects = (body: string): (string | undefined)[] =>
    diagnoseBatch(body)
      .filter((d) => d.ruleId === 'preprocess/not-mapping')
      .map((d) => d.effect)

  it('crashes the load while plot is enabled; with plot disabled only train and score fail', () => {
    expect(effects('preprocess_params: 5\n')).toEqual(['load-crash'])
    expect(effects('disable_plot: true\npreprocess_params: 5\n')).toEqual(['job-fails'])
  })
})

describe('preprocess/freq-without-agg', () => {
  const HINT = "Add `freq_agg: 'mean'` (or 'sum') next to freq."
  it('missing freq_agg, plot enabled', () => {
    expect(said(diagnoseBatch(params("freq: '10min'")))).toEqual([
      {
        ruleId: 'preprocess/freq-without-agg',
        severity: 'error',
        file: BATCH_PATH,
        at: [3, 3, 3, 7],
        message:
          'preprocess_params sets freq but not freq_agg: the merge with defaults.yaml is shallow, so the default freq_agg is lost and the plot job resamples with freq_agg None (ValueError).',
        hint: HINT
      }
    ])
  })

  it('missing freq_agg, plot disabled: a warning, "once plot is enabled"', () => {
    expect(said(diagnoseBatch(`disable_plot: true\n${params("freq: '1h'")}`))).toEqual([
      {
        ruleId: 'preprocess/freq-without-agg',
        severity: 'warning',
        file: BATCH_PATH,
        at: [4, 3, 4, 7],
        message:
          'preprocess_params sets freq but not freq_agg: the merge with defaults.yaml is shallow, so the default freq_agg is lost and the plot job resamples with freq_agg None (ValueError) once plot is enabled.',
        hint: HINT
      }
    ])
  })

  it('freq_agg null fails every job, plot or not', () => {
    const expected = {
      ruleId: 'preprocess/freq-without-agg',
      severity: 'error',
      file: BATCH_PATH,
      message:
        'preprocess_params sets freq with freq_agg null: preprocess() raises "Unsupported aggregation method: None", so train, score and plot fail.',
      hint: HINT
    }
    expect(said(diagnoseBatch(params("freq: '10min'", 'freq_agg: null')))).toEqual([
      { ...expected, at: [3, 3, 3, 7] }
    ])
    expect(
      said(diagnoseBatch(`disable_plot: true\n${params("freq: '10min'", 'freq_agg: ~')}`))
    ).toEqual([{ ...expected, at: [4, 3, 4, 7] }])
  })
})

describe('preprocess/deprecated-freq', () => {
  it('marks the value and suggests the new alias', () => {
    expect(said(diagnoseBatch(params("freq: 'H'", 'freq_agg: mean')))).toEqual([
      {
        ruleId: 'preprocess/deprecated-freq',
        severity: 'warning',
        file: BATCH_PATH,
        at: [3, 9, 3, 12],
        message:
          'freq \'H\' uses a pandas offset alias that pandas 2.2 deprecates and pandas 3 rejects ("Invalid frequency"): resampling fails once pandas is upgraded.',
        hint: "Use 'h'."
      }
    ])
  })

  it('keeps signs, decimals and anchors', () => {
    const hint = (freq: string): string | undefined =>
      said(diagnoseBatch(params(`freq: '${freq}'`, 'freq_agg: mean')))[0]?.hint
    expect(hint('-1.5H-x')).toBe("Use '-1.5h-x'.")
    expect(hint('+2T')).toBe("Use '+2min'.")
    expect(hint(' BA-JUN ')).toBe("Use 'BYE-JUN'.")
    expect(hint('AS')).toBe("Use 'YS'.")
    expect(hint('1.25H')).toBe("Use '1.25h'.")
    // A day-of-month anchor: semi-month end on the 15th, every two semi-months on the 1st.
    expect(hint('SM-15')).toBe("Use 'SME-15'.")
    expect(hint('2SM-1')).toBe("Use '2SME-1'.")
  })

  it('a value over 64 characters, a non-string or an unparsable one is left alone', () => {
    const none = (freq: string): unknown[] =>
      said(diagnoseBatch(params(`freq: ${freq}`, 'freq_agg: mean')))
    expect(none(`'${'1H'.repeat(33)}'`)).toEqual([])
    expect(none(`'${'1H'.repeat(32)}'`)).toHaveLength(1)
    expect(none('5')).toEqual([])
    expect(none("'1H!'")).toEqual([])
  })
})
