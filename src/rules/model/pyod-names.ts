import { nearMisses } from './edit-distance.js'

/**
 * PyOD class names as Anomstack loads them:
 * `getattr(importlib.import_module(f"pyod.models.{name.lower()}"), name)` (contract §2.3), so a
 * name works only when it is the exact class name and its module is the lowercased name.
 */

/** Loadable and fitted with a plain `fit(X)`. */
export const WORKING_MODELS: readonly string[] = [
  'ABOD',
  'CBLOF',
  'CD',
  'COF',
  'COPOD',
  'ECOD',
  'GMM',
  'HBOS',
  'IForest',
  'INNE',
  'KDE',
  'KNN',
  'KPCA',
  'LMDD',
  'LOCI',
  'LODA',
  'LOF',
  'MCD',
  'OCSVM',
  'PCA',
  'QMCD',
  'RGraph',
  'ROD',
  'Sampling',
  'SOD',
  'SOS',
  'HDBSCAN'
]

const TORCH = 'needs `torch`, which Anomstack does not install'

/** Loadable, but fails when trained from a YAML config: why. */
export const BROKEN_MODELS: ReadonlyMap<string, string> = new Map([
  ['MAD', 'only fits univariate data, so it fails unless `preprocess_params.lags_n` is 0'],
  ['LSCP', 'needs a `detector_list` of detector objects, which YAML cannot express'],
  ['XGBOD', 'is supervised (`fit(X, y)`) and needs `xgboost`; Anomstack calls `fit(X)`'],
  ['DevNet', 'is supervised (`fit(X, y)`) and needs `torch`; Anomstack calls `fit(X)`'],
  ['SUOD', 'needs the `suod` package, which Anomstack does not install'],
  ['AE1SVM', TORCH],
  ['ALAD', TORCH],
  ['AnoGAN', TORCH],
  ['DIF', TORCH],
  ['LUNAR', TORCH],
  ['MO_GAAL', TORCH],
  ['SO_GAAL', TORCH],
  ['VAE', TORCH]
])

/** PyOD classes whose module is not the lowercased class name. */
const MODULE_MISMATCH: ReadonlyMap<string, string> = new Map([
  ['AutoEncoder', 'auto_encoder'],
  ['DeepSVDD', 'deep_svdd'],
  ['FeatureBagging', 'feature_bagging']
])

/** Names people write for a detector that PyOD (and so Anomstack) calls something else. */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['isolationforest', 'IForest'],
  ['isolation_forest', 'IForest'],
  ['iforest', 'IForest'],
  ['oneclasssvm', 'OCSVM'],
  ['localoutlierfactor', 'LOF'],
  ['kneighbors', 'KNN'],
  ['kneighbours', 'KNN'],
  ['ellipticenvelope', 'MCD'],
  ['mincovdet', 'MCD']
])

export type ModelNameVerdict =
  | { readonly kind: 'ok' }
  | { readonly kind: 'broken'; readonly why: string }
  | { readonly kind: 'unknown'; readonly hint: string }

/** What Anomstack's train job will make of `model_name`. */
export function judgeModelName(name: string): ModelNameVerdict {
  if (WORKING_MODELS.includes(name)) return { kind: 'ok' }
  const why = BROKEN_MODELS.get(name)
  if (why !== undefined) return { kind: 'broken', why }
  return { kind: 'unknown', hint: unknownHint(name) }
}

const ALL_LOADABLE = [...WORKING_MODELS, ...BROKEN_MODELS.keys()]

function unknownHint(name: string): string {
  const module = MODULE_MISMATCH.get(name)
  if (module !== undefined) {
    return `PyOD defines ${name} in pyod.models.${module}, not pyod.models.${name.toLowerCase()}, so Anomstack cannot load it; pick a loadable detector such as IForest, PCA or KNN.`
  }
  const lower = name.toLowerCase()
  const sameCase = ALL_LOADABLE.find((n) => n.toLowerCase() === lower)
  if (sameCase !== undefined) return `Model names are case-sensitive: use \`${sameCase}\`.`
  const alias = ALIASES.get(lower.replace(/[\s-]/g, ''))
  if (alias !== undefined) return `PyOD calls this detector \`${alias}\`.`
  const close = nearMisses(name, ALL_LOADABLE)
  if (close.length > 0) return `Did you mean ${close.map((n) => `\`${n}\``).join(' or ')}?`
  return `Use a PyOD class name Anomstack can load: ${WORKING_MODELS.join(', ')}.`
}
