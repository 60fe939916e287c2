import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { countBySeverity } from '../core/diagnostic.js'
import { verdictOf, type FailOn } from '../core/verdict.js'
import { planAnnotations } from '../report/annotations.js'
import { escapeHtml } from '../report/escape.js'
import { emitAnnotations } from '../report/emit.js'
import { renderSummary, type SummaryModel } from '../report/summary.js'
import { toJsonReport, type JsonValue } from '../report/json.js'
import { VERSION } from '../version.js'
import type { Analysis } from './analyse.js'
import type { RunContext } from './context.js'
import { notice, setOutput, writeReport, writeStdout, writeSummary } from './output.js'

/** What the reload step hands to the reporters. */
export interface ReloadPublication {
  readonly reloaded: boolean
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

/** Annotations, job summary, outputs and the JSON report: renders only, decides nothing. */
export async function publish(
  a: Analysis,
  ctx: RunContext,
  failOn: FailOn,
  reload: ReloadPublication | undefined,
  skippedReload: string | undefined,
  planHtml: string | undefined
): Promise<{ failed: boolean }> {
  const verdict = verdictOf(a.diagnostics, failOn)
  const counts = countBySeverity(a.diagnostics)

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
  const model: SummaryModel = {
    verdict,
    counts,
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
    ...(a.changedLines ? { changedLines: a.changedLines } : {}),
    ...(reloadHtml ? { reloadHtml } : {}),
    ...(planHtml ? { planHtml } : {}),
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
      verdict,
      event: ctx.eventName,
      range: rangeText(a),
      changedFiles: model.changedFiles,
      affectedBatches: model.affectedBatches,
      restartNeeded: restart,
      ...(reload ? { reload: reload.report } : {})
    })
  )

  const failed = verdict === 'failed'
  setOutput('valid', String(!failed))
  setOutput('errors', String(counts.error))
  setOutput('warnings', String(counts.warning))
  setOutput('changed-files', JSON.stringify(model.changedFiles))
  // Removed batches are affected too: a workflow reading only this output must see a deletion.
  const affectedNames = [
    ...new Set([...a.classification.affectedBatches, ...a.classification.removedBatches])
  ].sort()
  setOutput('affected-batches', JSON.stringify(affectedNames))
  setOutput('reloaded', String(reload?.reloaded ?? false))
  setOutput('repositories', reload?.repositoriesJson ?? '{}')
  setOutput('report-path', reportPath)
  return { failed }
}
