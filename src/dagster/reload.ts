/**
 * Hot-reload Dagster code locations and report what changed.
 *
 * Order of work: health check (`/server_info`, gives the version), one workspace read (the
 * "before" definitions and the list of locations), then one reload per location, one after the
 * other (Dagster does not serialise concurrent reloads of a location; the last one would win).
 * Everything runs inside one deadline.
 */
import type { DagsterClient } from './client.js'
import { DagsterClientError, DagsterTimeoutError, DagsterUnreachableError } from './errors.js'
import {
  RELOAD_LOCATION_MUTATION,
  RELOAD_WORKSPACE_MUTATION,
  WORKSPACE_QUERY,
  WORKSPACE_STATUS_QUERY,
  type GqlLocationEntry,
  type GqlLocationStatus,
  type GqlPythonError,
  type LoadStatus,
  type ReloadLocationData,
  type ReloadWorkspaceData,
  type WorkspaceQueryData,
  type WorkspaceStatusQueryData
} from './queries.js'
import {
  diffSnapshots,
  toLoadError,
  toSnapshot,
  type DefinitionsDiff,
  errorHeadline,
  type LoadError,
  type LocationSnapshot
} from './snapshot.js'

/** Why a location (or the whole run) failed. */
export type FailureKind =
  | 'load-error'
  | 'not-found'
  | 'ambiguous-location'
  | 'no-locations'
  | 'not-supported'
  | 'unauthorized'
  | 'python-error'
  | 'unexpected'
  | 'skipped'
  | DagsterClientError['kind']

export interface Failure {
  kind: FailureKind
  /** Plain sentence; server text in it is scrubbed but NOT escaped (escape when rendering). */
  message: string
  /** What to change. */
  hint?: string
  /** For `python-error`: the server-side exception, stack included. */
  error?: LoadError
}

export interface LocationReport {
  name: string
  ok: boolean
  failure?: Failure
  before?: LocationSnapshot
  after?: LocationSnapshot
  /** Present when the location loaded after the reload. */
  diff?: DefinitionsDiff
  /** Whether `versionKey` changed; undefined when there is no "before" to compare. */
  versionChanged?: boolean
  /** `loadStatus` in the mutation's own reply (`LOADED` at once = synchronous reload). */
  mutationLoadStatus?: LoadStatus
  /** True when the result had to be polled for (Dagster+ `LOADING`, or a lost reply). */
  polled: boolean
  warnings: string[]
  /** Mutation (+ polling) time. */
  durationMs: number
}

export interface ReloadReport {
  ok: boolean
  /** Base URL of the webserver, without credentials. */
  serverUrl: string
  dagsterVersion?: string
  mode: 'location' | 'workspace'
  locations: LocationReport[]
  /** Location names seen in the workspace before the reload. */
  availableLocations: string[]
  /** A failure before any location could be reloaded (unreachable, ambiguous name, …). */
  failure?: Failure
  warnings: string[]
  durationMs: number
}

export interface ReloadOptions {
  /** Locations to reload; empty = the only one (or, with `reloadWorkspace`, all). */
  locations: string[]
  /** Use `reloadWorkspace` (re-reads workspace.yaml, reloads every location). */
  reloadWorkspace: boolean
  /** Deadline for everything, retries and polling included. */
  timeoutMs: number
  /** Poll interval while a location is `LOADING`. Default 2 s. */
  pollIntervalMs?: number
  log?: (line: string) => void
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>
  /** Injected for tests; epoch ms. */
  now?: () => number
}

interface Ctx {
  client: DagsterClient
  deadline: number
  pollIntervalMs: number
  log: (line: string) => void
  sleep: (ms: number) => Promise<void>
  now: () => number
  available: string[]
}

const UNCHANGED_VERSION_WARNING =
  'the location reports the same version key before and after the reload, so its code server did not re-import the code. ' +
  'This is what a code server started with `dagster api grpc` does: start it with `dagster code-server start` instead (or restart it) so reloads pick up changes.'

/**
 * Reload the requested code locations and describe the result. Never throws for server-side
 * or network problems: they end up in `failure` fields with `ok: false`.
 */
export async function reloadLocations(
  client: DagsterClient,
  opts: ReloadOptions
): Promise<ReloadReport> {
  const now = opts.now ?? Date.now
  const start = now()
  const ctx: Ctx = {
    client,
    deadline: start + opts.timeoutMs,
    pollIntervalMs: opts.pollIntervalMs ?? 2_000,
    log: opts.log ?? (() => undefined),
    sleep: opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now,
    available: []
  }
  const report: ReloadReport = {
    ok: false,
    serverUrl: client.baseUrl,
    mode: opts.reloadWorkspace ? 'workspace' : 'location',
    locations: [],
    availableLocations: [],
    warnings: [],
    durationMs: 0
  }
  try {
    const info = await client.getServerInfo({ deadline: ctx.deadline })
    if (info.dagsterVersion !== undefined) report.dagsterVersion = info.dagsterVersion
    const workspace = await readWorkspace(ctx)
    report.dagsterVersion ??= workspace.version
    const entries = workspace.entries
    ctx.available = entries.map((e) => e.name).sort()
    report.availableLocations = ctx.available

    const requested = [...new Set(opts.locations.map((l) => l.trim()).filter((l) => l !== ''))]
    const targets = chooseTargets(requested, ctx.available, opts.reloadWorkspace)
    if ('failure' in targets) {
      report.failure = targets.failure
    } else if (opts.reloadWorkspace) {
      report.locations = await reloadWholeWorkspace(ctx, targets.names, entries)
    } else {
      for (const name of targets.names) {
        const previous = report.locations[report.locations.length - 1]
        if (previous?.failure && isTransport(previous.failure.kind)) {
          report.locations.push(skipped(name, previous.failure))
          continue
        }
        report.locations.push(
          await reloadOne(
            ctx,
            name,
            entries.find((e) => e.name === name)
          )
        )
      }
    }
  } catch (e: unknown) {
    if (e instanceof ServerFailure) report.failure = e.failure
    else if (e instanceof DagsterClientError) report.failure = { kind: e.kind, message: e.message }
    else throw e
  }
  report.ok =
    report.failure === undefined &&
    report.locations.length > 0 &&
    report.locations.every((l) => l.ok)
  report.durationMs = now() - start
  return report
}

function isTransport(kind: FailureKind): boolean {
  return kind === 'unreachable' || kind === 'timeout'
}

function skipped(name: string, cause: Failure): LocationReport {
  return {
    name,
    ok: false,
    failure: {
      kind: 'skipped',
      message: `not reloaded: the webserver stopped answering while reloading an earlier location (${cause.kind})`
    },
    polled: false,
    warnings: [],
    durationMs: 0
  }
}

async function readWorkspace(
  ctx: Ctx
): Promise<{ version: string | undefined; entries: GqlLocationEntry[] }> {
  const data = await ctx.client.request<WorkspaceQueryData>(WORKSPACE_QUERY, undefined, {
    deadline: ctx.deadline
  })
  const ws = data.workspaceOrError
  if (ws.__typename === 'Workspace' && 'locationEntries' in ws) {
    return { version: data.version, entries: ws.locationEntries }
  }
  throw new ServerFailure(pythonOrUnexpected(ws, 'reading the workspace'))
}

/** Read one location's entry with its definitions; poll if it is still loading. */
async function readEntry(ctx: Ctx, name: string): Promise<GqlLocationEntry> {
  const { entries } = await readWorkspace(ctx)
  const entry = entries.find((e) => e.name === name)
  if (!entry) {
    throw new ServerFailure({
      kind: 'not-found',
      message: `code location \`${name}\` disappeared from the workspace after the reload (${listAvailable(
        entries.map((e) => e.name).sort()
      )})`
    })
  }
  if (entry.loadStatus !== 'LOADED' || entry.locationOrLoadError === null) {
    return pollUntilLoaded(ctx, name, undefined)
  }
  return entry
}

/** A server-side failure that ends the run (not a transport error). */
class ServerFailure extends DagsterClientError {
  constructor(readonly failure: Failure) {
    super('graphql', failure.message)
  }
}

function pythonOrUnexpected(
  value: { __typename: string; message?: string },
  doing: string
): Failure {
  if (value.__typename === 'PythonError' && 'stack' in value) {
    const error = toLoadError(value as GqlPythonError)
    return {
      kind: 'python-error',
      message: `the webserver raised an error while ${doing}: ${error.message.trim()}`,
      error
    }
  }
  return {
    kind: 'unexpected',
    message: `the webserver returned an unexpected result type \`${value.__typename}\` while ${doing}${
      value.message ? `: ${value.message}` : ''
    }`
  }
}

function chooseTargets(
  requested: string[],
  available: string[],
  wholeWorkspace: boolean
): { names: string[] } | { failure: Failure } {
  if (requested.length > 0) return { names: requested }
  if (available.length === 0) {
    return {
      failure: {
        kind: 'no-locations',
        message: 'the webserver has no code locations in its workspace',
        hint: 'check the workspace.yaml the webserver was started with'
      }
    }
  }
  if (available.length === 1 || wholeWorkspace) return { names: available }
  return {
    failure: {
      kind: 'ambiguous-location',
      message: `the webserver has ${available.length} code locations (${available.map((n) => `\`${n}\``).join(', ')}); say which to reload`,
      hint: 'set the location input to one or more of these names (or reload the whole workspace)'
    }
  }
}

function listAvailable(available: string[]): string {
  return available.length > 0
    ? `available: ${available.map((n) => `\`${n}\``).join(', ')}`
    : 'the workspace has no code locations'
}

async function reloadOne(
  ctx: Ctx,
  name: string,
  beforeEntry: GqlLocationEntry | undefined
): Promise<LocationReport> {
  const started = ctx.now()
  const report: LocationReport = { name, ok: false, polled: false, warnings: [], durationMs: 0 }
  if (beforeEntry) report.before = toSnapshot(beforeEntry)
  ctx.log(`reloading code location ${name}`)
  try {
    let entry: GqlLocationEntry | undefined
    try {
      const data = await ctx.client.request<ReloadLocationData>(
        RELOAD_LOCATION_MUTATION,
        { name },
        { deadline: ctx.deadline, idempotent: false }
      )
      const result = data.reloadRepositoryLocation
      switch (result.__typename) {
        case 'WorkspaceLocationEntry': {
          const status = result as GqlLocationStatus
          report.mutationLoadStatus = status.loadStatus
          if (status.loadStatus === 'LOADED' && status.locationOrLoadError !== null) {
            // The mutation's own reply resolves definitions against the old workspace
            // (measured on 1.13.28), so read them again.
            entry = await readEntry(ctx, name)
          } else {
            ctx.log(
              `code location ${name} is ${status.loadStatus}; waiting for it to finish loading`
            )
            report.polled = true
            entry = await pollUntilLoaded(ctx, name, undefined)
          }
          break
        }
        case 'RepositoryLocationNotFound':
          report.failure = {
            kind: 'not-found',
            message: `code location \`${name}\` does not exist on this webserver (${listAvailable(ctx.available)})`,
            hint: 'set the location input to one of the available names (the `location_name` in workspace.yaml)'
          }
          break
        case 'ReloadNotSupported':
          report.failure = {
            kind: 'not-supported',
            message: `the webserver says code location \`${name}\` cannot be reloaded (${messageOf(result)})`,
            hint:
              'this kind of location is updated by redeploying it (on Dagster+: a new build through dagster-cloud), ' +
              'or by restarting its code server; a reload cannot pick up the change'
          }
          break
        case 'UnauthorizedError':
          report.failure = unauthorized(name, messageOf(result))
          break
        default:
          report.failure = pythonOrUnexpected(result, `reloading \`${name}\``)
      }
    } catch (e: unknown) {
      if (
        !(e instanceof DagsterUnreachableError) ||
        e instanceof StillLoadingError ||
        !e.maybeProcessed ||
        !report.before
      )
        throw e
      // The mutation may have run (a proxy cut a slow reload, say): find out by polling.
      report.warnings.push(
        `the reload request got no usable answer (${e.message}); checked the workspace instead to see whether the reload happened`
      )
      report.polled = true
      entry = await pollUntilLoaded(ctx, name, report.before.versionKey)
    }
    if (entry !== undefined) finishLoaded(report, entry)
  } catch (e: unknown) {
    if (e instanceof ServerFailure) report.failure = e.failure
    else if (e instanceof DagsterClientError) report.failure = { kind: e.kind, message: e.message }
    else throw e
  }
  report.durationMs = ctx.now() - started
  ctx.log(
    report.ok
      ? `reloaded code location ${name} in ${report.durationMs} ms`
      : `reloading code location ${name} failed: ${report.failure?.message ?? 'unknown'}`
  )
  return report
}

function messageOf(value: { message?: string }): string {
  return value.message ?? 'no message'
}

function unauthorized(name: string, serverMessage: string): Failure {
  return {
    kind: 'unauthorized',
    message: `the webserver refused to reload \`${name}\` (UnauthorizedError: ${serverMessage})`,
    hint:
      'an open-source webserver started with `--read-only` cannot reload: point at one started without it. ' +
      'On Dagster+, use a user token whose role may reload code locations (Editor or higher for this deployment and location).'
  }
}

/** Fill `after`, `diff`, `ok` and warnings from the entry the reload produced. */
function finishLoaded(report: LocationReport, entry: GqlLocationEntry): void {
  const after = toSnapshot(entry)
  report.after = after
  if (report.before) report.versionChanged = after.versionKey !== report.before.versionKey
  if (after.state === 'error' && after.error) {
    const user = after.error.userError
    report.failure = {
      kind: 'load-error',
      message: `code location \`${report.name}\` failed to load: ${errorHeadline(user.className, user.message)}`,
      hint: 'the webserver now shows only this error: every job and schedule of the location is gone until a reload succeeds. Fix the code or config and reload again.',
      error: after.error
    }
    return
  }
  if (after.state !== 'loaded') {
    report.failure = {
      kind: 'unexpected',
      message: `code location \`${report.name}\` is ${after.loadStatus} with no definitions and no error`
    }
    return
  }
  report.ok = true
  if (report.before) report.diff = diffSnapshots(report.before, after)
  if (report.versionChanged === false) report.warnings.push(UNCHANGED_VERSION_WARNING)
}

/**
 * Poll the workspace until `name` is `LOADED` (and, with `oldVersion`, carries another version
 * key), then read its definitions.
 */
async function pollUntilLoaded(
  ctx: Ctx,
  name: string,
  oldVersion: string | undefined
): Promise<GqlLocationEntry> {
  const started = ctx.now()
  let lastStatus = 'not yet seen'
  // The one message for running out of time while polling, whichever step noticed it.
  const stillLoading = (): DagsterTimeoutError =>
    new StillLoadingError(
      `code location \`${name}\` was still loading after the timeout (${formatElapsed(ctx.now() - started)} of polling; last status: ${lastStatus})`,
      0,
      true
    )
  for (;;) {
    const left = ctx.deadline - ctx.now()
    if (left <= 0) throw stillLoading()
    await ctx.sleep(Math.min(ctx.pollIntervalMs, left))
    if (ctx.deadline - ctx.now() <= 0) throw stillLoading()
    let data: WorkspaceStatusQueryData
    try {
      data = await ctx.client.request<WorkspaceStatusQueryData>(WORKSPACE_STATUS_QUERY, undefined, {
        deadline: ctx.deadline
      })
    } catch (e: unknown) {
      if (e instanceof DagsterTimeoutError) throw stillLoading()
      throw e
    }
    const ws = data.workspaceOrError
    if (ws.__typename !== 'Workspace' || !('locationEntries' in ws)) {
      throw new ServerFailure(pythonOrUnexpected(ws, 'polling the workspace'))
    }
    const status = ws.locationEntries.find((e) => e.name === name)
    if (!status) {
      throw new ServerFailure({
        kind: 'not-found',
        message: `code location \`${name}\` disappeared from the workspace while reloading (${listAvailable(
          ws.locationEntries.map((e) => e.name).sort()
        )})`
      })
    }
    lastStatus = status.loadStatus
    if (status.loadStatus !== 'LOADED') continue
    if (oldVersion !== undefined && status.versionKey === oldVersion) {
      lastStatus = 'LOADED with the old version'
      continue
    }
    const full = await readWorkspace(ctx)
    const entry = full.entries.find((e) => e.name === name)
    if (entry && entry.locationOrLoadError !== null) return entry
  }
}

/** Polling ran out of time: the reload did reach the server, so polling again would not help. */
class StillLoadingError extends DagsterTimeoutError {
  override readonly name: string = 'StillLoadingError'
}

/** `95_000` → `1 min 35 s`, `4_200` → `4.2 s`, `250` → `250 ms`. */
function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const s = Math.round(ms / 1000)
  return `${Math.floor(s / 60)} min ${s % 60} s`
}

async function reloadWholeWorkspace(
  ctx: Ctx,
  targets: string[],
  beforeEntries: GqlLocationEntry[]
): Promise<LocationReport[]> {
  const started = ctx.now()
  ctx.log('reloading the whole workspace')
  const reports: LocationReport[] = targets.map((name) => {
    const before = beforeEntries.find((e) => e.name === name)
    return {
      name,
      ok: false,
      polled: false,
      warnings: [],
      durationMs: 0,
      ...(before ? { before: toSnapshot(before) } : {})
    }
  })
  let failure: Failure | undefined
  let entries: GqlLocationStatus[] = []
  try {
    const data = await ctx.client.request<ReloadWorkspaceData>(
      RELOAD_WORKSPACE_MUTATION,
      undefined,
      { deadline: ctx.deadline, idempotent: false }
    )
    const result = data.reloadWorkspace
    if (result.__typename === 'Workspace' && 'locationEntries' in result) {
      entries = result.locationEntries
    } else if (result.__typename === 'UnauthorizedError') {
      failure = unauthorized('the workspace', messageOf(result))
    } else {
      failure = pythonOrUnexpected(result, 'reloading the workspace')
    }
  } catch (e: unknown) {
    if (!(e instanceof DagsterClientError)) throw e
    failure = { kind: e.kind, message: e.message }
  }
  const names = entries.map((e) => e.name).sort()
  for (const report of reports) {
    if (failure) {
      report.failure = failure
      continue
    }
    const status = entries.find((e) => e.name === report.name)
    if (!status) {
      report.failure = {
        kind: 'not-found',
        message: `code location \`${report.name}\` is not in the reloaded workspace (${listAvailable(names)})`,
        hint: 'set the location input to one of the available names (the `location_name` in workspace.yaml)'
      }
      continue
    }
    report.mutationLoadStatus = status.loadStatus
    try {
      report.polled = status.loadStatus !== 'LOADED' || status.locationOrLoadError === null
      finishLoaded(report, await readEntry(ctx, report.name))
    } catch (e: unknown) {
      if (e instanceof ServerFailure) report.failure = e.failure
      else if (e instanceof DagsterClientError)
        report.failure = { kind: e.kind, message: e.message }
      else throw e
    }
  }
  const duration = ctx.now() - started
  for (const report of reports) report.durationMs = duration
  return reports
}
