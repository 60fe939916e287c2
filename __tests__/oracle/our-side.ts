/**
 * What WE say about a variant: the diagnostics, which of them claim the code location fails to
 * load, and the definitions our plan model says Anomstack creates, in the same flat form as the
 * oracle's answer so the two compare as sets.
 */
import type { Diagnostic } from '../../src/core/diagnostic.js'
import type { FileTree } from '../../src/core/tree.js'
import { planModelFromResult } from '../../src/plan/model.js'
import { ruleMetaById } from '../../src/rules/registry.js'
import { validateTree } from '../../src/validate.js'
import type { RealLoad } from './oracle-client.js'
import type { Tree } from './variants.js'

const META = ruleMetaById()

/**
 * True when a diagnostic says the whole code location fails to load: its rule's `effect` when
 * the rule is classified, else its wording (every such message says "fails to load").
 */
export function claimsLoadCrash(d: Diagnostic): boolean {
  if (d.severity !== 'error') return false
  const effect = META.get(d.ruleId)?.effect
  if (effect !== undefined) return effect === 'load-crash'
  return /fails? to load/.test(d.message)
}

export interface OurVerdict {
  readonly diagnostics: readonly Diagnostic[]
  readonly crashClaims: readonly Diagnostic[]
  /** `job:…`, `schedule:… job=… cron=… status=…`, `sensor:…` (sorted). */
  readonly definitions: readonly string[]
}

export function fileTreeOf(tree: Tree): FileTree {
  const enc = new TextEncoder()
  return {
    metricsDir: 'metrics',
    entries: [...tree].map(([p, text]) => ({
      kind: 'file' as const,
      path: `metrics/${p}`,
      bytes: enc.encode(text)
    }))
  }
}

const scheduleKey = (name: string, job: string, cron: unknown, status: string): string =>
  `schedule:${name} job=${job} cron=${JSON.stringify(cron ?? null)} status=${status}`

/**
 * Our verdict on a variant. `env` is the process environment the real load ran with: the
 * validator does not read one yet (issue 10's environment part adds it); the integrator wires
 * it here when it lands.
 */
export function ourVerdict(tree: Tree, _env: Readonly<Record<string, string>>): OurVerdict {
  const result = validateTree(fileTreeOf(tree))
  const plan = planModelFromResult(result)
  const defs: string[] = []
  for (const b of plan.batches) {
    if (!b.enabled) continue
    for (const j of b.jobs) defs.push(`job:${j}`)
    for (const s of b.schedules) defs.push(scheduleKey(s.name, s.job, s.cron, s.defaultStatus))
  }
  return {
    diagnostics: result.diagnostics,
    crashClaims: result.diagnostics.filter(claimsLoadCrash),
    definitions: [...new Set(defs)].sort()
  }
}

/** The oracle's answer in the same flat form. */
export function realDefinitions(load: RealLoad): string[] {
  const defs = [
    ...(load.jobs ?? []).map((j) => `job:${j}`),
    ...(load.schedules ?? []).map((s) => scheduleKey(s.name, s.job, s.cron, s.status)),
    ...(load.sensors ?? []).map((s) => `sensor:${s.name}`)
  ]
  return defs.sort()
}

/**
 * Definitions Anomstack creates whatever the batches say (env-gated ones included). The plan
 * model does not list them yet (issue 10 "Global jobs missing from the plan"), so the suite
 * reports them as one known gap instead of once per variant.
 */
export function isGlobalDefinition(def: string): boolean {
  return /^(sensor:|job:(cleanup_disk_space|retention_cleanup|config_reload)\b|schedule:(cleanup_disk_space|retention_cleanup|config_reload)_schedule\b)/.test(
    def
  )
}

export interface PlanDiff {
  /** Real definitions our plan does not list. */
  readonly missing: readonly string[]
  /** Definitions our plan lists that the real location does not have. */
  readonly extra: readonly string[]
}

export function diffDefinitions(
  ours: readonly string[],
  real: readonly string[],
  keep: (def: string) => boolean
): PlanDiff {
  const o = new Set(ours.filter(keep))
  const r = new Set(real.filter(keep))
  return {
    missing: [...r].filter((d) => !o.has(d)),
    extra: [...o].filter((d) => !r.has(d))
  }
}
