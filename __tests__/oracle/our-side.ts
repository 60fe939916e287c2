/**
 * What WE say about a variant: the diagnostics, which of them claim the code location fails to
 * load, and the definitions our plan model says Anomstack creates, in the same flat form as the
 * oracle's answer so the two compare as sets.
 */
import type { Diagnostic } from '../../src/core/diagnostic.js'
import type { FileTree } from '../../src/core/tree.js'
import { expectedDefinitionsOf } from '../../src/action/expected-definitions.js'
import { buildAnomstackEnv } from '../../src/config/env.js'
import type { ExpectedDefinitions } from '../../src/dagster/verify.js'
import { planModelFromResult, type PlannedGlobalJob } from '../../src/plan/model.js'
import { validateTree } from '../../src/validate.js'
import type { LocationSnapshot } from '../../src/dagster/snapshot.js'
import type { RealLoad } from './oracle-client.js'
import type { Tree } from './variants.js'

/** True when a diagnostic says the whole code location fails to load (its `effect`). */
export function claimsLoadCrash(d: Diagnostic): boolean {
  return d.severity === 'error' && d.effect === 'load-crash'
}

/** The summary job as our plan has it: one variant per outcome, with the batches giving it when read first. */
export interface SummaryAlternative {
  /** `job:…` and `schedule:…` definitions of this outcome (the job name for one batch of it). */
  readonly definitionsFor: (firstBatch: string) => readonly string[]
  readonly batches: readonly string[]
}

export interface OurVerdict {
  readonly diagnostics: readonly Diagnostic[]
  readonly crashClaims: readonly Diagnostic[]
  /**
   * `job:…`, `schedule:… job=… cron=… status=…`, `sensor:…` (sorted): every definition our plan
   * says the location has, except the summary job (it depends on the first batch Anomstack reads).
   */
  readonly definitions: readonly string[]
  /** The summary job's possible outcomes (empty when our plan has none). */
  readonly summary: readonly SummaryAlternative[]
  /** What the post-reload verification expects (as `reload`/`watch` build it: no git changes). */
  readonly expected: ExpectedDefinitions
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

/**
 * An env file that gives the code location exactly `env` as its process environment: every
 * value single-quoted (python-dotenv then unescapes only `\\` and `\'`).
 */
export function envFileText(env: Readonly<Record<string, string>>): string {
  return Object.entries(env)
    .map(([k, v]) => `${k}='${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'\n`)
    .join('')
}

const scheduleKey = (name: string, job: string, cron: unknown, status: string): string =>
  `schedule:${name} job=${job} cron=${JSON.stringify(cron ?? null)} status=${status}`

function summaryAlternatives(job: PlannedGlobalJob | undefined): SummaryAlternative[] {
  if (!job) return []
  return job.variants.map((v) => ({
    batches: v.batches,
    definitionsFor: (first: string) => {
      // A disabled summary is named after the batch that built it.
      const name = v.job === 'summary' ? 'summary' : `${first}_summary_disabled`
      return [`job:${name}`, scheduleKey(`${name}_schedule`, name, v.cron, v.defaultStatus)]
    }
  }))
}

/** Our verdict on a variant loaded with `env` as the code location's process environment. */
export function ourVerdict(tree: Tree, env: Readonly<Record<string, string>>): OurVerdict {
  const hasEnv = Object.keys(env).length > 0
  const result = validateTree(
    fileTreeOf(tree),
    hasEnv ? { env: buildAnomstackEnv('.env', envFileText(env)) } : {}
  )
  const plan = planModelFromResult(result)
  const defs: string[] = []
  for (const b of plan.batches) {
    if (!b.enabled) continue
    for (const j of b.jobs) defs.push(`job:${j}`)
    for (const s of b.schedules) defs.push(scheduleKey(s.name, s.job, s.cron, s.defaultStatus))
  }
  for (const g of plan.globalJobs) {
    if (g.origin === 'first-batch') continue
    for (const v of g.variants) {
      defs.push(`job:${v.job}`)
      defs.push(scheduleKey(v.schedule, v.job, v.cron, v.defaultStatus))
    }
  }
  for (const s of plan.sensors) defs.push(`sensor:${s}`)
  return {
    diagnostics: result.diagnostics,
    crashClaims: result.diagnostics.filter(claimsLoadCrash),
    definitions: [...new Set(defs)].sort(),
    summary: summaryAlternatives(plan.globalJobs.find((g) => g.origin === 'first-batch')),
    expected: expectedDefinitionsOf(result.views, new Map(), [])
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

export interface PlanDiff {
  /** Real definitions our plan does not list. */
  readonly missing: readonly string[]
  /** Definitions our plan lists that the real location does not have. */
  readonly extra: readonly string[]
}

/**
 * Our plan against the real definitions. The summary job is compared as the outcome our plan
 * gives for the batch the real get_specs read first (`load.specs[0]`, os.walk order here).
 */
export function diffPlan(ours: OurVerdict, load: RealLoad): PlanDiff {
  const first = load.specs?.[0]
  const alt = ours.summary.find((a) => first !== undefined && a.batches.includes(first))
  const o = new Set([...ours.definitions, ...(alt && first ? alt.definitionsFor(first) : [])])
  const r = new Set(realDefinitions(load))
  return {
    missing: [...r].filter((d) => !o.has(d)),
    extra: [...o].filter((d) => !r.has(d))
  }
}

const running = (status: string): 'RUNNING' | 'STOPPED' =>
  status === 'RUNNING' ? 'RUNNING' : 'STOPPED'

/** The oracle's answer as the location snapshot the post-reload verification reads. */
export function realSnapshot(load: RealLoad): LocationSnapshot {
  return {
    name: 'anomstack',
    loadStatus: 'LOADED',
    versionKey: load.id,
    updatedTimestamp: 0,
    state: 'loaded',
    repositories: [
      {
        name: '__repository__',
        jobs: [...(load.jobs ?? [])],
        schedules: (load.schedules ?? []).map((s) => ({
          name: s.name,
          // A list of crons has no single string; the verification skips such schedules' crons.
          cronSchedule: typeof s.cron === 'string' ? s.cron : JSON.stringify(s.cron),
          status: running(s.status),
          defaultStatus: running(s.status)
        })),
        sensors: (load.sensors ?? []).map((s) => ({ name: s.name, status: running(s.status) }))
      }
    ]
  }
}
