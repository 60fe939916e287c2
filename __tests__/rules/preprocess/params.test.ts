import { describe, expect, it } from 'vitest'
import { at, DEFAULTS, DEFAULTS_PATH, diagnose, diagnoseBatch, hits } from '../model/harness.js'

const params = (...lines: string[]): string =>
  `preprocess_params:\n${lines.map((l) => `  ${l}\n`).join('')}`

describe('preprocess/not-mapping', () => {
  it.each([
    ['preprocess_params: [1, 2]\n', 2, 20],
    ['preprocess_params: diff_n=1\n', 2, 20],
    ['preprocess_params:\n', 2, 1],
    ['preprocess_params: null\n', 2, 20]
  ])('reports %j', (body, line, column) => {
    expect(hits(diagnoseBatch(body), 'preprocess/not-mapping')).toEqual([
      at('preprocess/not-mapping', line, column)
    ])
  })

  it('is still an error when plot is disabled (train and score fail)', () => {
    expect(hits(diagnoseBatch('disable_plot: true\npreprocess_params: []\n'))).toEqual([
      at('preprocess/not-mapping', 3, 20)
    ])
  })

  it('is downgraded in a disabled batch', () => {
    expect(hits(diagnoseBatch('disable_batch: true\npreprocess_params: []\n'))).toEqual([
      at('preprocess/not-mapping', 3, 20, 'warning')
    ])
  })

  it('accepts a mapping', () => {
    expect(hits(diagnoseBatch(params('diff_n: 0')))).toEqual([])
  })
})

describe('preprocess/unknown-param', () => {
  it.each([['diff_n: 2'], ['smooth_n: 0'], ['lags_n: 3'], ['dropna: false'], ['freq: null']])(
    'accepts %s',
    (line) => {
      expect(hits(diagnoseBatch(params(line)))).toEqual([])
    }
  )

  it('reports unknown keys with the default preprocess_fn', () => {
    const d = diagnoseBatch(params('diff_n: 1', 'lag_n: 2', 'window: 3'))
    expect(hits(d)).toEqual([
      at('preprocess/unknown-param', 4, 3),
      at('preprocess/unknown-param', 5, 3)
    ])
    expect(d[0]?.hint).toContain('lags_n')
  })

  it('reports shuffle, which train already passes', () => {
    expect(hits(diagnoseBatch(params('shuffle: true')))).toEqual([
      at('preprocess/unknown-param', 3, 3)
    ])
  })

  it('reports a key YAML reads as a non-string', () => {
    expect(hits(diagnoseBatch(params('on: 1')))).toEqual([at('preprocess/unknown-param', 3, 3)])
  })

  it('accepts any key when a custom preprocess_fn takes it, but never shuffle', () => {
    const body = `preprocess_fn: |\n  def preprocess(df, window=3, shuffle=False):\n      return df\n${params('window: 5', 'shuffle: true', 'diff_n: 1')}`
    expect(hits(diagnoseBatch(body))).toEqual([
      at('preprocess/unknown-param', 7, 3),
      at('preprocess/unknown-param', 8, 3)
    ])
  })

  it('accepts any key (but shuffle) for a preprocess(**kwargs)', () => {
    const body = `preprocess_fn: |\n  def preprocess(df, **kwargs):\n      return df\n${params('anything: 5')}`
    expect(hits(diagnoseBatch(body))).toEqual([])
  })

  it('reads the signature of an edited defaults/python/preprocess.py', () => {
    const d = diagnose({
      [DEFAULTS_PATH]: DEFAULTS,
      'metrics/defaults/python/preprocess.py':
        'import pandas as pd\n\ndef preprocess(\n    df,\n    diff_n=1,\n    smooth_n=3,\n    lags_n=5,\n    freq=None,\n    freq_agg="mean",\n    window=2,\n):\n    return df\n',
      'metrics/b/b.yaml': `metric_batch: b\n${params('window: 5', 'dropna: true')}`
    })
    expect(hits(d)).toEqual([at('preprocess/unknown-param', 4, 3)])
  })

  it('blames a custom preprocess_fn that rejects the params inherited from defaults', () => {
    const body =
      'preprocess_fn: |\n  def preprocess(df, diff_n=1, smooth_n=3, lags_n=5):\n      return df\n'
    expect(hits(diagnoseBatch(body))).toEqual([at('preprocess/unknown-param', 2, 1)])
  })

  it('checks nothing but shuffle for a custom preprocess_fn it cannot read', () => {
    const body = `preprocess_fn: >\n  {% include "./b/pre.py" %}\n${params('window: 5')}`
    expect(hits(diagnoseBatch(body))).toEqual([])
  })
})

describe('preprocess/freq-without-agg', () => {
  it('reports freq without freq_agg at the freq key', () => {
    expect(hits(diagnoseBatch(params('diff_n: 1', "freq: '10min'")))).toEqual([
      at('preprocess/freq-without-agg', 4, 3)
    ])
  })

  it('reports freq with freq_agg null', () => {
    expect(hits(diagnoseBatch(params("freq: '10min'", 'freq_agg: null')))).toEqual([
      at('preprocess/freq-without-agg', 3, 3)
    ])
  })

  it('is a warning when plot is disabled', () => {
    expect(hits(diagnoseBatch(`disable_plot: true\n${params("freq: '1h'")}`))).toEqual([
      at('preprocess/freq-without-agg', 4, 3, 'warning')
    ])
  })

  it.each([["freq: '10min'\n  freq_agg: sum"], ['freq: null'], ['freq: ~'], ['diff_n: 1']])(
    'accepts %j',
    (line) => {
      expect(hits(diagnoseBatch(params(line)))).toEqual([])
    }
  )
})

describe('preprocess/deprecated-freq', () => {
  it.each([
    ['H', 'h'],
    ['1H', '1h'],
    ['5T', '5min'],
    ['30S', '30s'],
    ['10L', '10ms'],
    ['U', 'us'],
    ['N', 'ns'],
    ['1H30T', '1h30min'],
    ['M', 'ME'],
    ['Q-DEC', 'QE-DEC'],
    ['A', 'YE'],
    ['2BH', '2bh']
  ])('warns on %s, suggesting %s', (freq, fixed) => {
    const d = diagnoseBatch(params(`freq: '${freq}'`, 'freq_agg: mean'))
    expect(hits(d)).toEqual([at('preprocess/deprecated-freq', 3, 9, 'warning')])
    expect(d[0]?.hint).toContain(`'${fixed}'`)
  })

  it.each([['10min'], ['1h'], ['D'], ['MS'], ['5s'], ['W-SUN'], ['ME'], ['YS'], ['1h 30min']])(
    'accepts %s',
    (freq) => {
      expect(hits(diagnoseBatch(params(`freq: '${freq}'`, 'freq_agg: mean')))).toEqual([])
    }
  )
})

describe('preprocess/deprecated-freq on hostile input', () => {
  it('scans a long letter run in linear time', () => {
    const freq = `${'a'.repeat(60)}!`
    const started = Date.now()
    expect(hits(diagnoseBatch(params(`freq: '${freq}'`, 'freq_agg: mean')))).toEqual([])
    expect(Date.now() - started).toBeLessThan(2000)
  })
})
