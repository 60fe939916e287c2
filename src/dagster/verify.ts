/**
 * Check that what Dagster loaded after a reload matches what the metrics config says should be
 * there. Pure. A mismatch usually means the webserver reads another copy of the metrics folder
 * (a different checkout, an image baked at build time, a volume not mounted).
 */
import { nameFew } from '../core/few.js'
import { allJobs, allSchedules, type LocationSnapshot } from './snapshot.js'

/** One metric batch as the config describes it (names from the generated-names module). */
export interface ExpectedBatch {
  /** `metric_batch`. */
  name: string
  /** False for a batch with `disable_batch` truthy, or one deleted from the config. */
  enabled: boolean
  /** How this change set touched the batch; only sharpens the messages. */
  change?: 'added' | 'removed' | 'modified' | 'unchanged'
  /** Jobs the batch generates (for a disabled/deleted batch: the jobs it used to generate). */
  jobs: string[]
  /** Schedules the batch generates, with the cron each should run on. */
  schedules: { name: string; cron: string }[]
}

/**
 * A job the location defines once, not per batch, when several definitions are right: the summary
 * job comes from whichever batch Anomstack reads first (os.walk order on the server), so any of
 * the candidates' variants may be the loaded one.
 */
export interface ExpectedGlobalJob {
  /** `summary`. */
  name: string
  /** Any one of these is right; `cron` is absent when the config's value is not a string. */
  variants: { job: string; schedule: string; cron?: string }[]
}

export interface ExpectedDefinitions {
  batches: ExpectedBatch[]
  globalJobs?: ExpectedGlobalJob[]
}

export type MismatchKind =
  'location-not-loaded' | 'missing-job' | 'stale-job' | 'missing-schedule' | 'cron-mismatch'

export interface Mismatch {
  kind: MismatchKind
  batch?: string
  /** The job or schedule names concerned (first one is the one the message names). */
  names: string[]
  /** Plain text; names are wrapped in backticks. Escape before putting it in HTML. */
  message: string
}

const WHERE = "is this webserver reading this repository's metrics folder?"

/** Cron strings compare equal when only their whitespace differs. */
function sameCron(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().split(/\s+/).join(' ')
  return norm(a) === norm(b)
}

function andMore(names: string[], what: string): string {
  const rest = names.length - 1
  return rest > 0 ? ` (nor ${rest} other ${what}${rest === 1 ? '' : 's'} of the batch)` : ''
}

/**
 * Compare the reloaded location with the expected definitions.
 *
 * Checks, per batch: every job of an enabled batch exists; no job of a disabled or deleted batch
 * is still loaded; every schedule of an enabled batch exists and runs on the configured cron.
 * Schedule status is not checked: Dagster keeps the state someone set in the UI over the code's
 * default, so a difference there is normal.
 */
export function verifyLoaded(after: LocationSnapshot, expected: ExpectedDefinitions): Mismatch[] {
  if (after.state !== 'loaded') {
    return [
      {
        kind: 'location-not-loaded',
        names: [],
        message: `code location \`${after.name}\` has no definitions to check (${after.state === 'error' ? 'it failed to load' : 'it is still loading'})`
      }
    ]
  }
  const jobs = allJobs(after)
  const schedules = allSchedules(after)
  const out: Mismatch[] = []
  for (const batch of expected.batches) {
    const b = `batch \`${batch.name}\``
    if (batch.enabled) {
      const missing = batch.jobs.filter((j) => !jobs.has(j))
      if (missing.length > 0) {
        const first = `\`${missing[0]}\``
        const lead =
          batch.change === 'added'
            ? `${b} was added, but no ${first} job appeared after reload`
            : `${b} should have a ${first} job, but the reloaded location has none`
        out.push({
          kind: 'missing-job',
          batch: batch.name,
          names: missing,
          message: `${lead}${andMore(missing, 'job')}: ${WHERE}`
        })
      }
      const missingSchedules = batch.schedules.filter((s) => !schedules.has(s.name))
      // A missing job already explains its missing schedule; report schedules only on their own.
      if (missing.length === 0 && missingSchedules.length > 0) {
        out.push({
          kind: 'missing-schedule',
          batch: batch.name,
          names: missingSchedules.map((s) => s.name),
          message: `${b} should have a \`${missingSchedules[0]!.name}\` schedule, but the reloaded location has none${andMore(
            missingSchedules.map((s) => s.name),
            'schedule'
          )}: ${WHERE}`
        })
      }
      for (const want of batch.schedules) {
        const got = schedules.get(want.name)
        if (got && !sameCron(got.cronSchedule, want.cron)) {
          out.push({
            kind: 'cron-mismatch',
            batch: batch.name,
            names: [want.name],
            message: `schedule \`${want.name}\` runs on \`${got.cronSchedule}\` after reload, but the config says \`${want.cron}\`: ${WHERE}`
          })
        }
      }
    } else {
      const stale = batch.jobs.filter((j) => jobs.has(j))
      if (stale.length > 0) {
        const what =
          batch.change === 'removed' ? `${b} was removed` : `${b} is disabled (\`disable_batch\`)`
        out.push({
          kind: 'stale-job',
          batch: batch.name,
          names: stale,
          message: `${what}, but its job \`${stale[0]}\` is still loaded after reload${andMore(stale, 'job')}: ${WHERE}`
        })
      }
    }
  }
  for (const global of expected.globalJobs ?? []) {
    const found = verifyGlobalJob(global, jobs, schedules)
    if (found) out.push(found)
  }
  return out
}

/**
 * One global job: fine when some variant's job is loaded and, where the config gives a cron, its
 * schedule runs on it. Only when no candidate first batch explains what loaded is it a mismatch.
 */
function verifyGlobalJob(
  global: ExpectedGlobalJob,
  jobs: ReadonlySet<string>,
  schedules: ReadonlyMap<string, { cronSchedule: string }>
): Mismatch | undefined {
  const present = global.variants.filter((v) => jobs.has(v.job))
  const names = [...new Set(global.variants.map((v) => v.job))]
  const which = `whichever batch Anomstack reads first builds it (one of ${nameSome(names)})`
  if (present.length === 0) {
    return {
      kind: 'missing-job',
      names,
      message: `the reloaded location has no \`${global.name}\` job: ${which}: ${WHERE}`
    }
  }
  const fits = present.some((v) => {
    const got = schedules.get(v.schedule)
    return v.cron === undefined ? true : got !== undefined && sameCron(got.cronSchedule, v.cron)
  })
  if (fits) return undefined
  const v = present[0]!
  const got = schedules.get(v.schedule)
  const crons = [...new Set(present.flatMap((p) => (p.cron === undefined ? [] : [p.cron])))]
  return got
    ? {
        kind: 'cron-mismatch',
        names: [v.schedule],
        message: `schedule \`${v.schedule}\` runs on \`${got.cronSchedule}\` after reload, but no batch Anomstack could read first says so (the config says one of ${nameSome(crons)}): ${WHERE}`
      }
    : {
        kind: 'missing-schedule',
        names: [v.schedule],
        message: `the \`${v.job}\` job has no \`${v.schedule}\` schedule after reload: ${WHERE}`
      }
}

/** A few names in backticks and how many more (the candidates can be every batch). */
function nameSome(names: readonly string[]): string {
  return nameFew(
    names.slice(0, 3).map((n) => `\`${n}\``),
    3,
    names.length
  )
}

/** Mismatches that share one cause, so the summary says it once. */
export interface MismatchGroup {
  /** Plain text, names in backticks, ending with the likely reason. */
  readonly cause: string
  readonly mismatches: readonly Mismatch[]
}

const isAre = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

/** The part of a generated name after its batch name (`_ingest` for `sales_ingest`). */
function suffixOf(m: Mismatch): string | undefined {
  const name = m.names[0]
  if (m.batch === undefined || name === undefined || !name.startsWith(m.batch)) return undefined
  const suffix = name.slice(m.batch.length)
  return suffix === '' ? undefined : suffix
}

/**
 * Group mismatches by cause: the same kind on the same job or schedule family (the name after
 * the batch name), in first-seen order. One linear pass. A group of one keeps its own message.
 */
export function groupMismatches(mismatches: readonly Mismatch[]): MismatchGroup[] {
  const groups = new Map<string, { kind: MismatchKind; suffix?: string; list: Mismatch[] }>()
  for (const m of mismatches) {
    const suffix = m.kind === 'cron-mismatch' ? undefined : suffixOf(m)
    const key = `${m.kind}\0${suffix ?? ''}`
    const g = groups.get(key)
    if (g) g.list.push(m)
    else groups.set(key, { kind: m.kind, ...(suffix !== undefined ? { suffix } : {}), list: [m] })
  }
  return [...groups.values()].map(({ kind, suffix, list }) => {
    const first = list[0]!
    if (list.length === 1) return { cause: first.message, mismatches: list }
    const n = list.length
    const family = suffix !== undefined ? `\`…${suffix}\`` : ''
    let lead: string
    switch (kind) {
      case 'missing-job':
        lead = `${isAre(n, 'batch has', 'batches have')} no ${family || 'expected'} job after reload`
        break
      case 'missing-schedule':
        lead = `${isAre(n, 'batch has', 'batches have')} no ${family || 'expected'} schedule after reload`
        break
      case 'stale-job':
        lead = `${isAre(n, 'disabled or removed batch still has', 'disabled or removed batches still have')} ${family ? `a ${family}` : 'a'} job loaded`
        break
      case 'cron-mismatch':
        lead = `${isAre(n, 'schedule runs', 'schedules run')} on another cron than the config says`
        break
      case 'location-not-loaded':
        lead = `${isAre(n, 'code location has', 'code locations have')} no definitions to check`
        break
    }
    return { cause: kind === 'location-not-loaded' ? lead : `${lead}: ${WHERE}`, mismatches: list }
  })
}
