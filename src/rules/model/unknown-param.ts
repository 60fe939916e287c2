import type { BatchRule } from '../types.js'
import type { YNode } from '../../yaml/node.js'
import { getEntry, keyString } from '../../yaml/node.js'
import { excerpt, strValue } from '../yaml-keys/scalars.js'
import { nearMisses } from './edit-distance.js'
import { PYOD_SIGNATURES, PYOD_VERSION } from './pyod-signatures.generated.js'

/**
 * `model_params` keys the PyOD constructor does not take. Anomstack's train op calls
 * `model_class(**model_params)` (anomstack/ml/train.py), so an unknown key raises
 * `TypeError: KNN.__init__() got an unexpected keyword argument ...` in the train run; the code
 * location loads, because nothing builds a model at load time.
 */
export const unknownParamRule: BatchRule = {
  kind: 'batch',
  meta: [
    {
      id: 'model/unknown-param',
      severity: 'error',
      effect: 'job-fails',
      description: `A model_configs model_params key the PyOD constructor does not accept (checked against the constructor signatures of pyod ${PYOD_VERSION}, Anomstack's pin), or a non-string key: the train run fails with a TypeError.`
    }
  ],
  check(batch, _ctx, report) {
    const entry = batch.get('model_configs')
    if (entry?.entry.value.kind !== 'seq') return
    const doc = entry.doc
    for (const item of entry.entry.value.items) {
      if (item.kind !== 'map') continue
      const name = strValue(getEntry(item, 'model_name')?.value)
      const sig = name === undefined ? undefined : PYOD_SIGNATURES.get(name)
      // Unknown or unbuildable names are model/unknown-name and model/unsupported-name.
      if (name === undefined || sig?.params == null || sig.acceptsKwargs) continue
      const params = getEntry(item, 'model_params')?.value
      if (params?.kind !== 'map' || params.isSet) continue
      for (const { key } of params.entries) {
        const keyText = strValue(key)
        if (keyText !== undefined && sig.params.includes(keyText)) continue
        report({
          ruleId: 'model/unknown-param',
          doc,
          span: key,
          message: unknownMessage(name, key, keyText),
          hint: suggest(keyText, sig.params)
        })
      }
    }
  }
}

function unknownMessage(name: string, key: YNode, keyText: string | undefined): string {
  const model = excerpt(name)
  if (keyText === undefined) {
    return `model_params key ${excerpt(keyString(key))} is not a string: ${model}(**model_params) raises "TypeError: keywords must be strings" and the train run fails.`
  }
  return `\`${excerpt(keyText)}\` is not a parameter of PyOD's ${model} (pyod ${PYOD_VERSION}): the train run fails with "TypeError: ${model}.__init__() got an unexpected keyword argument".`
}

/** The closest accepted names, or the whole list when nothing is close. */
function suggest(keyText: string | undefined, params: readonly string[]): string {
  const all = `Accepted parameters: ${params.join(', ')}.`
  if (keyText === undefined) return all
  const lower = keyText.toLowerCase()
  const sameCase = params.find((p) => p.toLowerCase() === lower)
  if (sameCase !== undefined) return `Parameter names are case-sensitive: use \`${sameCase}\`.`
  const close = nearMisses(keyText, params)
  if (close.length > 0) return `Did you mean ${close.map((p) => `\`${p}\``).join(' or ')}?`
  return all
}
