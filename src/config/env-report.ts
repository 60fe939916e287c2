import type { Diagnostic } from '../core/diagnostic.js'
import { positionAt } from '../core/positions.js'
import type { BatchView } from './model.js'
import type { Finding } from '../rules/types.js'
import type { EnvValue } from './env-file.js'
import { isSecretName, REDACTED, type AnomstackEnv } from './env.js'

const byOffsetCache = new WeakMap<AnomstackEnv, EnvValue[]>()

/** The variable whose statement holds `offset` (bindings are in file order, non-overlapping). */
export function variableAt(env: AnomstackEnv, offset: number): EnvValue | undefined {
  let list = byOffsetCache.get(env)
  if (!list) {
    list = [...env.vars.values()].sort((a, b) => a.binding.nameStart - b.binding.nameStart)
    byOffsetCache.set(env, list)
  }
  let lo = 0
  let hi = list.length - 1
  let hit: EnvValue | undefined
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const v = list[mid]!
    if (v.binding.nameStart <= offset) {
      hit = v
      lo = mid + 1
    } else hi = mid - 1
  }
  return hit && offset <= Math.max(hit.binding.valueEnd, hit.binding.nameEnd) ? hit : undefined
}

/**
 * What a batch rule's finding on an overridden key needs to say when it points into the env
 * file: which variable, that the value is a string, and for flags how to write it in an env file.
 */
export function envNote(f: Finding, env: AnomstackEnv): { message: string; hint?: string } {
  const v = variableAt(env, f.span.start)
  if (!v) return { message: '' }
  const message = ` (Set by ${v.name} in ${env.path}; an environment value is always a string.)`
  if (f.ruleId === 'flags/not-bool') {
    return {
      message,
      hint: `Any non-empty value of ${v.name} (even "False" or "0") is truthy; to keep the part enabled, delete the line or leave it empty (\`${v.name}=\`).`
    }
  }
  return { message }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Secrets never leave in any output: every value of a credential-looking variable (see
 * isSecretName) is replaced in every message and hint, whichever rule wrote it.
 */
export function redactEnvSecrets(
  diagnostics: readonly Diagnostic[],
  env: AnomstackEnv
): Diagnostic[] {
  const secrets = [...env.vars.values()]
    .filter((v) => isSecretName(v.name) && v.value.length >= 3)
    .map((v) => v.value)
    .sort((a, b) => b.length - a.length)
  if (secrets.length === 0) return [...diagnostics]
  const re = new RegExp(secrets.map(escapeRegex).join('|'), 'g')
  const scrub = (s: string): string => s.replace(re, REDACTED)
  return diagnostics.map((d) => {
    re.lastIndex = 0
    const message = scrub(d.message)
    const hint = d.hint === undefined ? undefined : scrub(d.hint)
    return message === d.message && hint === d.hint
      ? d
      : { ...d, message, ...(hint !== undefined ? { hint } : {}) }
  })
}

/** One override as the plan shows it. */
export interface AppliedOverride {
  readonly batch: string
  readonly key: string
  readonly variable: string
  /** The value, or REDACTED for a credential-looking variable. */
  readonly shown: string
  /** 1-based line of the variable in the env file. */
  readonly line: number
}

/**
 * Every environment override that reached a batch view, for the plan (in batch order, then
 * key order). Values of credential-looking variables are never included.
 */
export function appliedOverrides(
  views: readonly BatchView[],
  env: AnomstackEnv | undefined
): AppliedOverride[] {
  if (!env) return []
  const out: AppliedOverride[] = []
  for (const view of views) {
    if (view.name === undefined) continue
    for (const e of view.entries) {
      if (e.doc !== env.doc) continue
      const v = variableAt(env, e.entry.key.start)
      if (!v) continue
      out.push({
        batch: view.name,
        key: e.name,
        variable: v.name,
        shown: isSecretName(v.name) ? REDACTED : v.value,
        line: positionAt(env.doc.load.lineStarts, v.binding.nameStart).line
      })
    }
  }
  return out
}
