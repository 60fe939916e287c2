import * as core from './workflow-commands.js'
import { createDagsterClient } from '../dagster/client.js'
import { parseHeaderLines } from '../dagster/headers.js'
import { reloadLocations, type ReloadReport } from '../dagster/reload.js'
import { groupMismatches } from '../dagster/verify.js'
import { verifyReport } from '../dagster/verify-report.js'
import {
  reloadHeadline,
  renderReloadSection,
  repositoriesOutput
} from '../dagster/reload-summary.js'
import { escapeHtml } from '../report/escape.js'
import type { JsonValue } from '../report/json.js'
import type { Analysis } from './analyse.js'
import type { Inputs } from './inputs.js'
import type { ReloadPublication } from './publish.js'
import { expectedDefinitions } from './expected-definitions.js'
import { logLine, warning } from './output.js'
import type { Plan } from '../plan/compute-plan.js'
import { comparePlannedLoaded, renderPlannedVsLoaded } from '../plan/planned-vs-loaded.js'

const log = logLine

/**
 * Reloads the Dagster code location(s), then checks that what loaded matches the validated
 * config. Never throws: every failure becomes a failed, explained publication.
 */
export async function reloadStep(
  inputs: Inputs,
  analysis: Analysis,
  plan?: Plan
): Promise<ReloadPublication> {
  core.startGroup('Reload Dagster')
  try {
    const client = createDagsterClient({
      url: inputs.dagsterUrl,
      ...(inputs.dagsterToken ? { token: inputs.dagsterToken } : {}),
      ...(inputs.dagsterHeaders.trim() ? { headers: parseHeaderLines(inputs.dagsterHeaders) } : {}),
      timeoutMs: inputs.timeoutMs,
      log
    })
    const report = await reloadLocations(client, {
      locations: [...inputs.locations],
      reloadWorkspace: inputs.reloadWorkspace,
      timeoutMs: inputs.timeoutMs,
      log
    })
    const { byLocation: mismatches, count: mismatchCount } = verifyReport(
      report,
      expectedDefinitions(analysis)
    )
    for (const [name, found] of Object.entries(mismatches)) {
      // One warning per cause, not one per batch: eleven batches missing the same job are one problem.
      for (const g of groupMismatches(found))
        warning(`${name}: ${g.cause}`, { title: 'Reload verification' })
    }
    if (report.failure) log(`Reload failed: ${report.failure.message}`)
    for (const l of report.locations) {
      log(
        `${l.name}: ${l.ok ? 'loaded' : `failed: ${l.failure?.message ?? 'unknown error'}`} (${Math.round(l.durationMs)} ms)`
      )
    }
    const failure =
      report.failure?.message ?? report.locations.find((l) => !l.ok)?.failure?.message ?? undefined
    // Planned vs loaded only means something when the plan compared against a base commit.
    const diffs = report.locations.flatMap((l) => (l.ok && l.diff ? [l.diff] : []))
    const alignment =
      plan?.compared && diffs.length > 0
        ? renderPlannedVsLoaded(comparePlannedLoaded(plan, diffs))
        : ''
    return {
      reloaded: report.ok,
      headline: reloadHeadline(report),
      ...(failure !== undefined && !report.ok ? { failure } : {}),
      summaryHtml:
        renderReloadSection(report, { uiUrl: inputs.dagsterUrl, mismatches }) + alignment,
      repositoriesJson: repositoriesOutput(report),
      report: toJson(report, mismatchCount)
    }
  } catch (e: unknown) {
    // Bad input (header lines, an insecure URL with a token...): explain, do not reload.
    const message = e instanceof Error ? e.message : String(e)
    log(`Reload not attempted: ${message}`)
    return {
      reloaded: false,
      headline: `reload not attempted: ${message.replace(/\s+/g, ' ').trim()}`,
      failure: message,
      summaryHtml: `<h3>❌ Dagster reload not attempted</h3>\n<p>${escapeHtml(message)}</p>\n`,
      repositoriesJson: JSON.stringify({ ok: false, failure: { kind: 'config', message } }),
      report: { ok: false, failure: message }
    }
  } finally {
    core.endGroup()
  }
}

function toJson(report: ReloadReport, mismatches: number): JsonValue {
  const base = JSON.parse(repositoriesOutput(report)) as Record<string, JsonValue>
  return { ...base, verificationMismatches: mismatches }
}
