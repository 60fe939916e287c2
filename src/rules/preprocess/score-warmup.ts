import { getEntry } from '../../yaml/node.js'
import type { BatchRule } from '../types.js'
import { intValue } from '../yaml-keys/scalars.js'
import { preprocessSignature } from './signature.js'

/** The shipped preprocess() signature defaults, used when preprocess_params omits a key. */
const SIGNATURE_DEFAULTS = { diff_n: 1, smooth_n: 3, lags_n: 5 } as const

/**
 * Scoring pulls `score_max_n` rows per metric; the default preprocess() drops the first
 * `diff_n + max(smooth_n - 1, 0) + lags_n` of them (NaNs from diff, rolling mean and lags), so
 * a window no longer than that leaves nothing to score.
 */
export const scoreWarmupRule: BatchRule = {
  kind: 'batch',
  meta: [
    {
      id: 'preprocess/score-warmup',
      severity: 'warning',
      effect: 'suspicious',
      description:
        'score_max_n is not larger than the preprocessing warm-up (diff_n + smooth_n - 1 + lags_n): scoring produces no scores.'
    }
  ],
  check(batch, ctx, report) {
    const scoreEntry = batch.get('score_max_n')
    const paramsEntry = batch.get('preprocess_params')
    const scoreMax = intValue(scoreEntry?.entry.value)
    const params = paramsEntry?.entry.value
    if (!scoreEntry || scoreMax === undefined || params?.kind !== 'map') return
    const sig = preprocessSignature(batch, ctx)
    if (sig?.kind !== 'known' || !sig.isDefault) return
    const read = (key: keyof typeof SIGNATURE_DEFAULTS): number | undefined => {
      const node = getEntry(params, key)?.value
      return node === undefined ? SIGNATURE_DEFAULTS[key] : intValue(node)
    }
    const diff = read('diff_n')
    const smooth = read('smooth_n')
    const lags = read('lags_n')
    if (diff === undefined || smooth === undefined || lags === undefined) return
    const warmup = Math.max(diff, 0) + Math.max(smooth - 1, 0) + Math.max(lags, 0)
    if (scoreMax > warmup) return
    // Point at what this file changed: score_max_n unless only preprocess_params is its own.
    const atParams = scoreEntry.fromDefaults && paramsEntry && !paramsEntry.fromDefaults
    const at = atParams ? paramsEntry : scoreEntry
    report({
      ruleId: 'preprocess/score-warmup',
      doc: at.doc,
      span: atParams ? at.entry.key : at.entry.value,
      message: `score_max_n (${scoreMax}) is not larger than the preprocessing warm-up (diff_n ${diff} + smooth_n-1 ${Math.max(smooth - 1, 0)} + lags_n ${lags} = ${warmup}): every scored row is dropped, so no scores (and no alerts) are produced.`,
      hint: `Set score_max_n to at least ${warmup + 1}, or reduce diff_n/smooth_n/lags_n.`
    })
  }
}
