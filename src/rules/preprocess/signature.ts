import type { BatchView } from '../../config/model.js'
import type { RuleContext } from '../types.js'
import { strValue } from '../yaml-keys/scalars.js'

/** Keyword parameters of Anomstack's shipped `defaults/python/preprocess.py` (besides `df`). */
export const DEFAULT_PREPROCESS_PARAMS: readonly string[] = [
  'diff_n',
  'smooth_n',
  'lags_n',
  'shuffle',
  'dropna',
  'freq',
  'freq_agg'
]

const DEFAULT_INCLUDE = 'defaults/python/preprocess.py'

/**
 * Keyword names the batch's `preprocess()` accepts, or `any` when it takes `**kwargs`.
 * `isDefault`: the function comes from the shipped include (so its warm-up is known).
 */
export type PreprocessSignature =
  | { readonly kind: 'known'; readonly params: ReadonlySet<string>; readonly isDefault: boolean }
  | { readonly kind: 'any' }

/** Undefined when it cannot be known statically (a custom template without `def preprocess`). */
export function preprocessSignature(
  batch: BatchView,
  ctx: RuleContext
): PreprocessSignature | undefined {
  const fn = strValue(batch.get('preprocess_fn')?.entry.value)
  if (fn === undefined) return undefined
  if (fn.includes(DEFAULT_INCLUDE)) {
    // Someone may have edited the shipped file; read it when the tree has it.
    const text = ctx.fileText(`${ctx.metricsDir}/${DEFAULT_INCLUDE}`)
    const parsed = text === undefined ? undefined : parseSignature(text, true)
    return parsed ?? { kind: 'known', params: new Set(DEFAULT_PREPROCESS_PARAMS), isDefault: true }
  }
  return parseSignature(fn, false)
}

const DEF = /^[ \t]*def[ \t]+preprocess[ \t]*\(([^)]*)\)/m

function parseSignature(source: string, isDefault: boolean): PreprocessSignature | undefined {
  const m = DEF.exec(source)
  if (!m) return undefined
  const names: string[] = []
  for (const raw of (m[1] ?? '').split(',')) {
    const p = raw.trim()
    if (p === '' || p === '*' || p === '/') continue
    if (p.startsWith('**')) return { kind: 'any' }
    if (p.startsWith('*')) continue
    const name = /^[A-Za-z_]\w*/.exec(p)?.[0]
    if (name !== undefined) names.push(name)
  }
  // The first parameter receives the DataFrame positionally; passing it again is a TypeError.
  return { kind: 'known', params: new Set(names.slice(1)), isDefault }
}
