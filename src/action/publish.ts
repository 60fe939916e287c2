import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Verdict } from '../core/verdict.js'
import type { PlanSection } from '../plan/section.js'
import { renderWhenThingsRun } from '../plan/when-things-run.js'
import { planAnnotations } from '../report/annotations.js'
import { escapeHtml } from '../report/escape.js'
import { emitAnnotations } from '../report/emit.js'
import { renderSummary, type SummaryModel, type SummaryReload } from '../report/summary.js'
import { BLOCKED_BY_ERRORS } from './decide-reload.js'
import { toJsonReport, type JsonValue } from '../report/json.js'
import { VERSION } from '../version.js'
import type { Analysis } from './analyse.js'
import type { RunContext } from './context.js'
import { notice, setOutput, writeReport, writeStdout, writeSummary } from './output.js'

/** What the reload step hands to the reporters. */
export interface ReloadPublication {
  readonly reloaded: boolean
  /** For the summary headline: `anomstack reloaded in 2.2 s, 8 jobs added` or `reload failed: …` (plain text). */
  readonly headline: string
  /** Why it failed, in one line (server text already scrubbed of secrets). */
  readonly failure?: string
  /** Our own, already escaped HTML for the job summary. */
  readonly summaryHtml: string
  /** The `repositories` output (JSON text). */
  readonly repositoriesJson: string
  /** For the JSON report. */
  readonly report: JsonValue
}

const CHANGE_WORD: Record<string, string> = {
  added: 'added',
  modified: 'changed',
  deleted: 'removed',
  renamed: 'renamed'
}

function rangeText(a: Analysis): string {
  const c = a.changes
  if (c.all) return `all files (${c.reason ?? 'no base commit'})`
  return `${(c.base ?? '?').slice(0, 12)}..${c.head.slice(0, 12)}`
}

export interface PublishInput {
  readonly reload: ReloadPublication | undefined
  /** Why the reload was not attempted (absent when it was). */
  readonly skippedReload?: string
  /** A Dagster URL is set: the headline then always says what happened to the reload. */
  readonly reloadConfigured: boolean
  readonly plan?: PlanSection
}

function summaryReload(input: PublishInput): SummaryReload | undefined {
  const r = input.reload
  if (r)
    return r.reloaded
      ? { state: 'reloaded', text: r.headline }
      : { state: 'failed', text: r.headline }
  if (!input.reloadConfigured) return undefined
  const blocked = input.skippedReload === BLOCKED_BY_ERRORS
  return {
    state: 'not-reloaded',
    blocked,
    ...(input.skippedReload !== undefined && !blocked ? { reason: input.skippedReload } : {})
  }
}

/**
 * Annotations, job summary, outputs and the JSON report: renders the verdict it is given,
 * decides nothing.
 */
export async function publish(
  a: Analysis,
  ctx: RunContext,
  verdict: Verdict,
  input: PublishInput
): Promise<void> {
  const { reload, skippedReload } = input

  emitAnnotations(
    planAnnotations(a.diagnostics, a.changedLines ? { changedLines: a.changedLines } : {}),
    writeStdout
  )

  const changedByFile = new Map(a.metricsChanges.map((f) => [f.path, f.status]))
  // A defaults.yaml change affects every batch: look batches up by name, not by scanning.
  const batchByName = new Map(a.head.batches.map((b) => [b.name, b]))
  const affected = a.classification.affectedBatches.map((name) => {
    const info = batchByName.get(name)
    const status = info ? changedByFile.get(info.file) : undefined
    return {
      name,
      ...(info ? { file: info.file } : {}),
      change: status ? (CHANGE_WORD[status] ?? status) : 'affected by a shared file'
    }
  })
  const removed = a.classification.removedBatches.map((name) => ({ name, change: 'removed' }))
  const restart = a.classification.restartNeeded.map((f) => ({
    file: f.path,
    reason: 'a hot reload re-reads metrics YAML only; this file needs a redeploy or restart'
  }))
  for (const r of restart) notice(`${r.file}: ${r.reason}.`, { title: 'Restart needed' })

  const reloadHtml =
    reload?.summaryHtml ??
    (skippedReload ? `<p>Not reloaded: ${escapeHtml(skippedReload)}.</p>\n` : undefined)
  const planHtml = input.plan?.markdown
  const whenHtml = input.plan ? renderWhenThingsRun(input.plan.plan) : ''
  const headlineReload = summaryReload(input)
  const model: SummaryModel = {
    verdict,
    ...(headlineReload ? { reload: headlineReload } : {}),
    event: ctx.eventName,
    range: rangeText(a),
    filesChecked: a.head.yamlFiles,
    changedFiles: a.metricsChanges.map((f) => ({
      path: f.path,
      status: f.status,
      ...(f.previousPath ? { previousPath: f.previousPath } : {})
    })),
    affectedBatches: [...affected, ...removed],
    restartNeeded: restart,
    diagnostics: a.diagnostics,
    sources: a.head.texts,
    ...(a.changedLines ? { changedLines: a.changedLines } : {}),
    ...(reloadHtml ? { reloadHtml } : {}),
    ...(planHtml ? { planHtml } : {}),
    ...(whenHtml ? { whenHtml } : {}),
    timings: a.timings,
    ...(ctx.repository && ctx.sha
      ? {
          linkBase: `${ctx.serverUrl}/${ctx.repository.owner}/${ctx.repository.repo}/blob/${ctx.sha}/`
        }
      : {})
  }
  if (process.env['GITHUB_STEP_SUMMARY']) {
    await writeSummary(renderSummary(model))
  }

  const reportPath = path.join(ctx.runnerTemp, 'anomstack-hot-reload', 'report.json')
  await mkdir(path.dirname(reportPath), { recursive: true })
  await writeReport(
    reportPath,
    toJsonReport({
      toolVersion: VERSION,
      diagnostics: a.diagnostics,
      verdict: verdict.outcome,
      event: ctx.eventName,
      range: rangeText(a),
      changedFiles: model.changedFiles,
      affectedBatches: model.affectedBatches,
      restartNeeded: restart,
      ...(reload ? { reload: reload.report } : {})
    })
  )

  // `valid`: no errors (after the pre-existing downgrade), whatever fail-on says. `passed`: the
  // step passed under fail-on. See the contract table in the README.
  setOutput('valid', String(verdict.valid))
  setOutput('passed', String(verdict.passed))
  setOutput('errors', String(verdict.errors))
  setOutput('warnings', String(verdict.warnings))
  setOutput('changed-files', JSON.stringify(model.changedFiles))
  // Removed batches are affected too: a workflow reading only this output must see a deletion.
  const affectedNames = [
    ...new Set([...a.classification.affectedBatches, ...a.classification.removedBatches])
  ].sort()
  setOutput('affected-batches', JSON.stringify(affectedNames))
  setOutput('reloaded', String(reload?.reloaded ?? false))
  setOutput('repositories', reload?.repositoriesJson ?? '{}')
  setOutput('report-path', reportPath)
}
