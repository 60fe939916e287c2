import type { DefinitionsDiff } from '../dagster/snapshot.js'
import { escapeHtml } from '../report/escape.js'
import type { Plan } from './compute-plan.js'

/** One kind of change, as planned from the config and as seen in Dagster after the reload. */
export interface PlannedLoadedRow {
  readonly what: string
  readonly planned: readonly string[]
  readonly loaded: readonly string[]
  /** Planned but not seen in Dagster. */
  readonly missing: readonly string[]
  /** Seen in Dagster but not planned (another change deployed, or a stale webserver). */
  readonly unexpected: readonly string[]
}

export interface PlannedVsLoaded {
  readonly rows: readonly PlannedLoadedRow[]
  readonly matches: boolean
}

function row(what: string, planned: Iterable<string>, loaded: Iterable<string>): PlannedLoadedRow {
  const p = [...new Set(planned)].sort()
  const l = [...new Set(loaded)].sort()
  const ls = new Set(l)
  const ps = new Set(p)
  return {
    what,
    planned: p,
    loaded: l,
    missing: p.filter((n) => !ls.has(n)),
    unexpected: l.filter((n) => !ps.has(n))
  }
}

/**
 * Lines the plan (what the config change should do) up with what the reload did (the before/after
 * diff of each reloaded location). Pure.
 */
export function comparePlannedLoaded(
  plan: Plan,
  diffs: readonly DefinitionsDiff[]
): PlannedVsLoaded {
  // Net changes: a job that moves between batches (the `summary` job follows the first batch) is
  // created on one and removed on another in the plan, but Dagster sees no change at all.
  const created = new Set(plan.batches.flatMap((b) => b.jobsCreated))
  const removed = new Set(plan.batches.flatMap((b) => b.jobsRemoved))
  const rows = [
    row(
      'jobs created',
      [...created].filter((j) => !removed.has(j)),
      diffs.flatMap((d) => d.jobsAdded)
    ),
    row(
      'jobs removed',
      [...removed].filter((j) => !created.has(j)),
      diffs.flatMap((d) => d.jobsRemoved)
    ),
    row(
      'cron changes',
      plan.batches.flatMap((b) => b.cronChanges.map((c) => c.schedule)),
      diffs.flatMap((d) =>
        d.schedulesChanged
          .filter((s) => s.before.cronSchedule !== s.after.cronSchedule)
          .map((s) => s.name)
      )
    )
  ]
  return { rows, matches: rows.every((r) => r.missing.length === 0 && r.unexpected.length === 0) }
}

const MAX_NAMES = 8

function names(list: readonly string[]): string {
  if (list.length === 0) return '—'
  const shown = list.slice(0, MAX_NAMES).map((n) => `<code>${escapeHtml(n)}</code>`)
  return shown.join(', ') + (list.length > MAX_NAMES ? `, … ${list.length - MAX_NAMES} more` : '')
}

/** A small table for the job summary's reload section. */
export function renderPlannedVsLoaded(c: PlannedVsLoaded): string {
  const head = c.matches
    ? '<p>✅ What loaded matches the plan.</p>'
    : '<p>⚠️ What loaded differs from the plan (see the differences below).</p>'
  const body = c.rows
    .map(
      (r) =>
        `<tr><td>${r.what}</td><td>${r.planned.length}</td><td>${r.loaded.length}</td><td>${
          r.missing.length + r.unexpected.length === 0
            ? '✅'
            : `planned, not loaded: ${names(r.missing)}<br>loaded, not planned: ${names(r.unexpected)}`
        }</td></tr>`
    )
    .join('\n')
  return `<h4>Planned vs loaded</h4>\n${head}\n<table>\n<thead><tr><th>Change</th><th>Planned</th><th>Loaded</th><th>Difference</th></tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n`
}
