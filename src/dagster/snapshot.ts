/**
 * Plain-data views of a code location (what is loaded, or why not) and the difference between
 * two of them. Pure: built from GraphQL replies, consumed by the report, verify and summary.
 */
import type { GqlLocationEntry, GqlPythonError, InstigationStatus, LoadStatus } from './queries.js'

export interface ScheduleSnapshot {
  name: string
  cronSchedule: string
  /** Current state (stored state wins over the code's default once someone toggled it). */
  status: InstigationStatus
  defaultStatus: InstigationStatus
  executionTimezone?: string
}

export interface SensorSnapshot {
  name: string
  status: InstigationStatus
}

export interface RepositorySnapshot {
  name: string
  /** Sorted; Dagster's hidden implicit asset jobs (`__ASSET_JOB…`) left out. */
  jobs: string[]
  schedules: ScheduleSnapshot[]
  sensors: SensorSnapshot[]
}

/** A Python exception as Dagster reports it, with the chain of causes. */
export interface LoadError {
  message: string
  className?: string
  stack: string[]
  /** `raise … from` (explicit) or "during handling of" links, outermost first. */
  chain: { message: string; className?: string; stack: string[]; isExplicitLink: boolean }[]
  /**
   * The user's own exception: the innermost link of the chain (Dagster wraps it in
   * `DagsterUserCodeLoadError`), or the error itself when there is no chain.
   */
  userError: { message: string; className?: string }
}

/** One code location as the webserver sees it at one moment. */
export interface LocationSnapshot {
  name: string
  loadStatus: LoadStatus
  versionKey: string
  updatedTimestamp: number
  /** `loaded`: definitions available; `error`: the code failed to load; `loading`: not yet known. */
  state: 'loaded' | 'error' | 'loading'
  repositories: RepositorySnapshot[]
  error?: LoadError
}

export interface ScheduleChange {
  name: string
  before: { cronSchedule: string; status: InstigationStatus }
  after: { cronSchedule: string; status: InstigationStatus }
}

/** What appeared, disappeared or changed between two snapshots (names across all repositories). */
export interface DefinitionsDiff {
  jobsAdded: string[]
  jobsRemoved: string[]
  schedulesAdded: string[]
  schedulesRemoved: string[]
  schedulesChanged: ScheduleChange[]
  sensorsAdded: string[]
  sensorsRemoved: string[]
}

/**
 * `ClassName: message` for one Python error, without repeating the class name: Dagster's
 * `message` is Python's `format_exception_only` text, which already starts with the class name
 * (fully qualified for non-builtins, e.g. `dagster._core.errors.DagsterUserCodeLoadError: …`).
 */
export function errorHeadline(className: string | undefined, message: string): string {
  const text = message.trim()
  if (!className) return text
  const escaped = className.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  if (new RegExp(`^(?:[A-Za-z_][\\w]*\\.)*${escaped}:`).test(text)) return text
  return `${className}: ${text}`
}

/** Convert a Dagster `PythonError` into a {@link LoadError}. */
export function toLoadError(error: GqlPythonError): LoadError {
  const chain = (error.errorChain ?? []).map((link) => ({
    message: link.error.message,
    ...(link.error.className ? { className: link.error.className } : {}),
    stack: link.error.stack ?? [],
    isExplicitLink: link.isExplicitLink
  }))
  const innermost = chain.length > 0 ? chain[chain.length - 1]! : undefined
  const user = innermost ?? {
    message: error.message,
    ...(error.className ? { className: error.className } : {})
  }
  return {
    message: error.message,
    ...(error.className ? { className: error.className } : {}),
    stack: error.stack ?? [],
    chain,
    userError: {
      message: user.message.trim(),
      ...(user.className ? { className: user.className } : {})
    }
  }
}

/** Convert a `WorkspaceLocationEntry` into a {@link LocationSnapshot}. */
export function toSnapshot(entry: GqlLocationEntry): LocationSnapshot {
  const base = {
    name: entry.name,
    loadStatus: entry.loadStatus,
    versionKey: entry.versionKey,
    updatedTimestamp: entry.updatedTimestamp
  }
  const loe = entry.locationOrLoadError
  if (entry.loadStatus === 'LOADING' || loe === null) {
    return { ...base, state: 'loading', repositories: [] }
  }
  if (loe.__typename === 'RepositoryLocation' && 'repositories' in loe) {
    return {
      ...base,
      state: 'loaded',
      repositories: loe.repositories.map((repo) => ({
        name: repo.name,
        jobs: repo.jobs
          .map((j) => j.name)
          .filter((n) => !n.startsWith('__ASSET_JOB'))
          .sort(),
        schedules: repo.schedules
          .map((s) => ({
            name: s.name,
            cronSchedule: s.cronSchedule,
            status: s.scheduleState.status,
            defaultStatus: s.defaultStatus,
            ...(s.executionTimezone ? { executionTimezone: s.executionTimezone } : {})
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        sensors: repo.sensors
          .map((s) => ({ name: s.name, status: s.sensorState.status }))
          .sort((a, b) => a.name.localeCompare(b.name))
      }))
    }
  }
  if (loe.__typename === 'PythonError' && 'stack' in loe) {
    return { ...base, state: 'error', repositories: [], error: toLoadError(loe) }
  }
  return {
    ...base,
    state: 'error',
    repositories: [],
    error: {
      message: `the server returned an unknown result type \`${loe.__typename}\``,
      stack: [],
      chain: [],
      userError: { message: `unknown result type ${loe.__typename}` }
    }
  }
}

/** All job names of a snapshot, across repositories. */
export function allJobs(snapshot: LocationSnapshot): Set<string> {
  return new Set(snapshot.repositories.flatMap((r) => r.jobs))
}

/** All schedules of a snapshot by name, across repositories. */
export function allSchedules(snapshot: LocationSnapshot): Map<string, ScheduleSnapshot> {
  return new Map(snapshot.repositories.flatMap((r) => r.schedules.map((s) => [s.name, s] as const)))
}

function allSensors(snapshot: LocationSnapshot): Set<string> {
  return new Set(snapshot.repositories.flatMap((r) => r.sensors.map((s) => s.name)))
}

function added(before: Set<string>, after: Set<string>): string[] {
  return [...after].filter((n) => !before.has(n)).sort()
}

/**
 * Compare two snapshots. A location that failed to load has no definitions, so a failed reload
 * shows everything as removed; callers report the load error instead of that diff.
 */
export function diffSnapshots(before: LocationSnapshot, after: LocationSnapshot): DefinitionsDiff {
  const jobsBefore = allJobs(before)
  const jobsAfter = allJobs(after)
  const schedBefore = allSchedules(before)
  const schedAfter = allSchedules(after)
  const sensorsBefore = allSensors(before)
  const sensorsAfter = allSensors(after)
  const schedulesChanged: ScheduleChange[] = []
  for (const [name, b] of schedBefore) {
    const a = schedAfter.get(name)
    if (a && (a.cronSchedule !== b.cronSchedule || a.status !== b.status)) {
      schedulesChanged.push({
        name,
        before: { cronSchedule: b.cronSchedule, status: b.status },
        after: { cronSchedule: a.cronSchedule, status: a.status }
      })
    }
  }
  schedulesChanged.sort((x, y) => x.name.localeCompare(y.name))
  return {
    jobsAdded: added(jobsBefore, jobsAfter),
    jobsRemoved: added(jobsAfter, jobsBefore),
    schedulesAdded: added(new Set(schedBefore.keys()), new Set(schedAfter.keys())),
    schedulesRemoved: added(new Set(schedAfter.keys()), new Set(schedBefore.keys())),
    schedulesChanged,
    sensorsAdded: added(sensorsBefore, sensorsAfter),
    sensorsRemoved: added(sensorsAfter, sensorsBefore)
  }
}
