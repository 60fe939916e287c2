import type { BatchRule } from '../types.js'
import { intValue } from '../yaml-keys/scalars.js'

/**
 * train.sql keeps rows with `metric_recency_rank >= train_min_n and <= train_max_n`, so a
 * minimum above the maximum selects nothing and no model is ever trained.
 */
export const trainWindowRule: BatchRule = {
  kind: 'batch',
  meta: [
    {
      id: 'train/min-above-max',
      severity: 'error',
      effect: 'job-fails',
      description:
        'train_min_n greater than train_max_n: train.sql selects no rows, so no model is trained.'
    }
  ],
  check(batch, _ctx, report) {
    const minEntry = batch.get('train_min_n')
    const maxEntry = batch.get('train_max_n')
    const min = intValue(minEntry?.entry.value)
    const max = intValue(maxEntry?.entry.value)
    if (!minEntry || !maxEntry || min === undefined || max === undefined || min <= max) return
    // Point at the value this file changed; when both are inherited, at train_min_n.
    const at = minEntry.fromDefaults && !maxEntry.fromDefaults ? maxEntry : minEntry
    report({
      ruleId: 'train/min-above-max',
      doc: at.doc,
      span: at.entry.value,
      message: `train_min_n (${min}) is greater than train_max_n (${max}): train.sql keeps ranks >= ${min} and <= ${max}, which is empty, so no model is trained.`,
      hint: 'train_min_n drops the newest n-1 points; keep it at or below train_max_n.'
    })
  }
}
