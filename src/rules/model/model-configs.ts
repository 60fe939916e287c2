import type { BatchRule } from '../types.js'
import type { YMap, YNode } from '../../yaml/node.js'
import { getEntry } from '../../yaml/node.js'
import { excerpt, strValue } from '../yaml-keys/scalars.js'
import { judgeModelName } from './pyod-names.js'

/**
 * `model_configs` items as the train job uses them: the PyOD class is imported by name, and
 * each model is saved as `{metric_name}_{model_tag}.pkl` and scored into a column per tag.
 */
export const modelConfigsRule: BatchRule = {
  kind: 'batch',
  meta: [
    {
      id: 'model/unknown-name',
      severity: 'error',
      effect: 'job-fails',
      description:
        'A model_configs model_name Anomstack cannot import from pyod.models (wrong case, alias, or module name differs): the train run fails.'
    },
    {
      id: 'model/unsupported-name',
      severity: 'warning',
      effect: 'job-fails',
      description:
        'A PyOD model that imports but cannot be trained from a YAML config (supervised, needs torch/suod/xgboost, MAD with lags, LSCP).'
    },
    {
      id: 'model/duplicate-tag',
      severity: 'error',
      effect: 'suspicious',
      description:
        'Two model_configs items with the same model_tag (default ""): their pickle files and score columns collide.'
    }
  ],
  check(batch, _ctx, report) {
    const entry = batch.get('model_configs')
    if (entry?.entry.value.kind !== 'seq') return
    const doc = entry.doc
    const firstByTag = new Map<string, YNode>()
    for (const item of entry.entry.value.items) {
      if (item.kind !== 'map') continue
      const nameNode = getEntry(item, 'model_name')?.value
      const name = strValue(nameNode)
      if (nameNode && name !== undefined) {
        const verdict = judgeModelName(name)
        if (verdict.kind === 'unknown') {
          report({
            ruleId: 'model/unknown-name',
            doc,
            span: nameNode,
            message: `model_name \`${excerpt(name)}\` cannot be loaded: Anomstack imports pyod.models.${excerpt(name.toLowerCase())}.${excerpt(name)}, which does not exist, so the train run fails.`,
            hint: verdict.hint
          })
        } else if (verdict.kind === 'broken' && !(name === 'MAD' && lagsAreZero(batch))) {
          report({
            ruleId: 'model/unsupported-name',
            doc,
            span: nameNode,
            message: `model_name \`${excerpt(name)}\` loads, but ${verdict.why}: the train run will fail.`,
            hint: 'Use a detector that fits with plain fit(X), such as IForest, PCA, KNN or ECOD.'
          })
        }
      }
      const tag = tagOf(item)
      if (tag === undefined) continue
      const at = getEntry(item, 'model_tag')?.value ?? item
      const first = firstByTag.get(tag.value)
      if (first === undefined) {
        firstByTag.set(tag.value, at)
        continue
      }
      report({
        ruleId: 'model/duplicate-tag',
        doc,
        span: at,
        message: `model_tag ${tag.value === '' ? '"" (the default when model_tag is omitted)' : `\`${tag.value}\``} is used by an earlier model_configs item: both models save to the same pickle file and score column, so one overwrites the other.`,
        hint: 'Give every item in model_configs its own model_tag.'
      })
    }
  }
}

/** The tag the item gets: its string `model_tag`, or "" when absent; undefined for other types. */
function tagOf(item: YMap): { value: string } | undefined {
  const node = getEntry(item, 'model_tag')?.value
  if (node === undefined) return { value: '' }
  const s = strValue(node)
  return s === undefined ? undefined : { value: s }
}

/** MAD works when the feature vector is one column: the default preprocess with `lags_n: 0`. */
function lagsAreZero(batch: Parameters<BatchRule['check']>[0]): boolean {
  const params = batch.get('preprocess_params')?.entry.value
  if (params?.kind !== 'map') return false
  const lags = getEntry(params, 'lags_n')?.value
  return lags?.kind === 'scalar' && lags.pyType === 'int' && lags.value === 0
}
