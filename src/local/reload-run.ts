/**
 * One local reload: the action's sequence (health check, workspace, reload, poll, verify) on the
 * shared core, plus the local explanations of what went wrong (which URL, how it was chosen).
 */
import { createDagsterClient, type DagsterClient } from '../dagster/client.js'
import { parseHeaderLines } from '../dagster/headers.js'
import { reloadLocations, type Failure, type ReloadReport } from '../dagster/reload.js'
import type { ExpectedDefinitions } from '../dagster/verify.js'
import { verifyReport, type ReportMismatches } from '../dagster/verify-report.js'
import type { DagsterTarget } from './dagster-target.js'
import { describeSource } from './dagster-target.js'
import type { DagsterFlags } from './options.js'

export interface LocalReload {
  readonly report: ReloadReport
  readonly mismatches: ReportMismatches
  /** Nothing answered (or not in time): the caller may retry later. */
  readonly down: boolean
}

/**
 * @throws DagsterClientError (bad URL, token over plain http) or HeaderParseError: a usage problem,
 *   found before anything is sent.
 */
export function localClient(
  target: DagsterTarget,
  flags: DagsterFlags,
  options: { log?: (line: string) => void; maxAttempts?: number } = {}
): DagsterClient {
  const headers = flags.headers.length > 0 ? parseHeaderLines(flags.headers.join('\n')) : undefined
  return createDagsterClient({
    url: target.url,
    ...(target.token !== undefined ? { token: target.token } : {}),
    ...(headers ? { headers } : {}),
    timeoutMs: flags.timeoutMs,
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.log ? { log: options.log } : {})
  })
}

export async function reloadAndVerify(
  client: DagsterClient,
  flags: DagsterFlags,
  expected: ExpectedDefinitions,
  log?: (line: string) => void
): Promise<LocalReload> {
  const report = await reloadLocations(client, {
    locations: [...flags.locations],
    reloadWorkspace: false,
    timeoutMs: flags.timeoutMs,
    pollIntervalMs: 500,
    ...(log ? { log } : {})
  })
  const failures = [report.failure, ...report.locations.map((l) => l.failure)]
  const down =
    report.locations.every((l) => !l.ok) &&
    failures.some((f) => f !== undefined && (f.kind === 'unreachable' || f.kind === 'timeout'))
  return { report, mismatches: verifyReport(report, expected), down }
}

/** True when the webserver never proved to be Dagster (no version from `/server_info`). */
function notDagster(report: ReloadReport, failure: Failure): boolean {
  if (report.dagsterVersion !== undefined) return false
  if (failure.kind === 'http' || failure.kind === 'graphql') return true
  return /not a Dagster webserver reply/.test(failure.message)
}

/**
 * The run-level failure in local terms: nothing listening (which URL, chosen how, what to do), a
 * webserver that is not Dagster, an unknown location (with the real ones), else the core message.
 */
export function explainRunFailure(
  report: ReloadReport,
  failure: Failure,
  target: DagsterTarget
): { message: string; hint?: string } {
  const where = `${report.serverUrl} (${describeSource(target.source)})`
  if (notDagster(report, failure)) {
    return {
      message: `${where} answered, but it is not a Dagster webserver: ${failure.message}`,
      hint: 'point --dagster-url (or DAGSTER_URL, DAGSTER_HOST/DAGSTER_PORT) at the Dagster webserver, including its --path-prefix if it has one'
    }
  }
  if (failure.kind === 'unreachable' || failure.kind === 'timeout') {
    return {
      message: `no Dagster webserver answered at ${where}: ${failure.message}`,
      hint: 'start Dagster (e.g. `docker compose up -d`), or say where it is with --dagster-url, DAGSTER_URL or DAGSTER_HOST/DAGSTER_PORT'
    }
  }
  if (failure.kind === 'ambiguous-location') {
    return {
      message: failure.message,
      hint: `pass --location once per location to reload (available: ${report.availableLocations.join(', ')})`
    }
  }
  return { message: failure.message, ...(failure.hint ? { hint: failure.hint } : {}) }
}

/** A location failure in local terms (the unknown-location hint names the flag, not the input). */
export function explainLocationFailure(
  failure: Failure,
  available: readonly string[]
): { message: string; hint?: string } {
  if (failure.kind === 'not-found') {
    return {
      message: failure.message,
      hint: `use --location with one of: ${available.length > 0 ? available.join(', ') : '(none)'} (the location_name in workspace.yaml)`
    }
  }
  return { message: failure.message, ...(failure.hint ? { hint: failure.hint } : {}) }
}

/**
 * The version-key warning rewritten for a local setup: the usual cause is a `dagster api grpc`
 * code server (docker compose's `anomstack_code` service) that must be restarted to re-import.
 */
export const VERSION_UNCHANGED_LOCAL =
  'the code location reports the same version key as before the reload, so its code server did not re-import your code. ' +
  'A code server started with `dagster api grpc` never re-imports: restart it (e.g. `docker compose restart <code-server service>`), ' +
  'or run it with `dagster code-server start` so reloads pick up changes.'
