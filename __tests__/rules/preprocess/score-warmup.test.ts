import { describe, expect, it } from 'vitest'
import { at, DEFAULTS, DEFAULTS_PATH, diagnoseBatch, hits } from '../model/harness.js'

describe('preprocess/score-warmup', () => {
  it('accepts the defaults (25 > 1 + 2 + 5)', () => {
    expect(hits(diagnoseBatch(''))).toEqual([])
  })

  it('accepts score_max_n one above the warm-up', () => {
    expect(hits(diagnoseBatch('score_max_n: 9\n'))).toEqual([])
  })

  it.each([['score_max_n: 8\n'], ['score_max_n: 1\n']])('warns on %j', (body) => {
    expect(hits(diagnoseBatch(body))).toEqual([at('preprocess/score-warmup', 2, 14, 'warning')])
  })

  it('points at preprocess_params when only they are set by the batch', () => {
    const body = 'preprocess_params:\n  diff_n: 5\n  smooth_n: 11\n  lags_n: 10\n'
    expect(hits(diagnoseBatch(body))).toEqual([at('preprocess/score-warmup', 2, 1, 'warning')])
  })

  it('uses the preprocess() signature defaults for keys left out of a partial mapping', () => {
    // lags_n 20 + diff_n 1 + smooth_n 3-1 = 23 < 25: fine; lags_n 22 → 25 ≥ 25: warn
    expect(hits(diagnoseBatch('preprocess_params:\n  lags_n: 20\n'))).toEqual([])
    expect(hits(diagnoseBatch('preprocess_params:\n  lags_n: 22\n'))).toEqual([
      at('preprocess/score-warmup', 2, 1, 'warning')
    ])
  })

  it('reports a problem in defaults.yaml itself at defaults.yaml', () => {
    const defaults = DEFAULTS.replace('score_max_n: 25', 'score_max_n: 5')
    expect(hits(diagnoseBatch('', defaults))).toEqual([
      at('preprocess/score-warmup', 15, 14, 'warning', DEFAULTS_PATH)
    ])
  })

  it('skips a custom preprocess_fn (warm-up unknown)', () => {
    const body =
      'score_max_n: 2\npreprocess_fn: |\n  def preprocess(df, **kwargs):\n      return df\n'
    expect(hits(diagnoseBatch(body))).toEqual([])
  })
})
