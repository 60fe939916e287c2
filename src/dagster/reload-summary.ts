/**
 * Render a {@link ReloadReport} for the job summary (HTML inside GitHub Markdown) and as the JSON
 * `repositories` output. Pure. Every string that came from the server or the config is escaped;
 * the only raw HTML is ours.
 */
import { escapeHtml } from '../report/escape.js'
import { codeSpansHtml } from '../report/rich-text.js'
import type { Failure, LocationReport, ReloadReport } from './reload.js'
import { errorHeadline, type DefinitionsDiff, type LoadError } from './snapshot.js'
import { groupMismatches, type Mismatch } from './verify.js'

export interface ReloadSectionOptions {
  /** Public Dagster UI base URL for the link (http/https only; anything else is not linked). */
  uiUrl?: string
  /** Results of `verifyLoaded`, per location name. */
  mismatches?: Readonly<Record<string, readonly Mismatch[]>>
}

const MAX_NAMES = 25
const MAX_STACK_LINES = 200
const MAX_MISMATCHES_LISTED = 100

/** Escaped text on one line (a raw newline inside an HTML block could end the block), names as `<code>`. */
function oneLine(text: string): string {
  return codeSpansHtml(text.replace(/\s*[\r\n\u0085\u2028\u2029]+\s*/g, ' ').trim())
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

function nameList(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMES).map((n) => `<code>${escapeHtml(n)}</code>`)
  const more = names.length > MAX_NAMES ? ` and ${names.length - MAX_NAMES} more` : ''
  return shown.join(', ') + more
}

function safeUiUrl(uiUrl: string | undefined): string | undefined {
  if (uiUrl === undefined || uiUrl.trim() === '') return undefined
  try {
    const url = new URL(uiUrl.trim())
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
    if (url.username !== '' || url.password !== '') return undefined
    return url.toString()
  } catch {
    return undefined
  }
}

/** A block of preformatted text without raw line breaks (see {@link oneLine}). */
function pre(lines: readonly string[]): string {
  const text = lines.join('').replace(/\r\n?/g, '\n')
  return `<pre>${escapeHtml(text).replace(/\n/g, '&#10;')}</pre>`
}

function errorDetails(error: LoadError): string {
  const parts: string[] = []
  const outer = errorHeadline(error.className, error.message)
  parts.push(pre([outer.trim(), '\n', ...error.stack.slice(0, MAX_STACK_LINES)]))
  for (const link of error.chain) {
    const how = link.isExplicitLink
      ? 'The above exception was caused by:'
      : 'The above exception occurred during handling of:'
    const head = errorHeadline(link.className, link.message)
    parts.push(`<p>${escapeHtml(how)}</p>`)
    parts.push(pre([head.trim(), '\n', ...link.stack.slice(0, MAX_STACK_LINES)]))
  }
  return `<details><summary>Python error and stack trace</summary>${parts.join('')}</details>`
}

function failureBlock(failure: Failure): string {
  const hint = failure.hint ? `<br>${oneLine(failure.hint)}` : ''
  const details = failure.error ? errorDetails(failure.error) : ''
  return `<p>❌ ${oneLine(failure.message)}${hint}</p>${details}`
}

function repositoriesTable(location: LocationReport): string {
  const repos = location.after?.repositories ?? []
  if (repos.length === 0) return ''
  const rows = repos.map((repo) => {
    const running = repo.schedules.filter((s) => s.status === 'RUNNING').length
    return (
      `<tr><td><code>${escapeHtml(repo.name)}</code></td><td>${repo.jobs.length}</td>` +
      `<td>${repo.schedules.length} (${running} running)</td><td>${repo.sensors.length}</td></tr>`
    )
  })
  return (
    '<table><thead><tr><th>Repository</th><th>Jobs</th><th>Schedules</th><th>Sensors</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  )
}

function diffBlock(diff: DefinitionsDiff | undefined): string {
  if (!diff) return ''
  const items: string[] = []
  const add = (label: string, names: readonly string[]) => {
    if (names.length > 0) items.push(`<li>${label}: ${nameList(names)}</li>`)
  }
  add('Jobs added', diff.jobsAdded)
  add('Jobs removed', diff.jobsRemoved)
  add('Schedules added', diff.schedulesAdded)
  add('Schedules removed', diff.schedulesRemoved)
  for (const change of diff.schedulesChanged.slice(0, MAX_NAMES)) {
    const parts: string[] = []
    if (change.before.cronSchedule !== change.after.cronSchedule) {
      parts.push(
        `cron <code>${escapeHtml(change.before.cronSchedule)}</code> → <code>${escapeHtml(change.after.cronSchedule)}</code>`
      )
    }
    if (change.before.status !== change.after.status) {
      parts.push(`${escapeHtml(change.before.status)} → ${escapeHtml(change.after.status)}`)
    }
    items.push(
      `<li>Schedule <code>${escapeHtml(change.name)}</code> changed: ${parts.join(', ')}</li>`
    )
  }
  if (diff.schedulesChanged.length > MAX_NAMES) {
    items.push(`<li>and ${diff.schedulesChanged.length - MAX_NAMES} more changed schedules</li>`)
  }
  add('Sensors added', diff.sensorsAdded)
  add('Sensors removed', diff.sensorsRemoved)
  if (items.length === 0) return '<p>No job, schedule or sensor was added, removed or changed.</p>'
  return `<ul>${items.join('')}</ul>`
}

function locationSection(location: LocationReport, mismatches: readonly Mismatch[]): string {
  const out: string[] = []
  const status = location.ok
    ? `✅ reloaded in ${seconds(location.durationMs)}`
    : `❌ ${location.failure?.kind === 'load-error' ? 'failed to load' : 'not reloaded'}`
  out.push(`<h4>Code location <code>${escapeHtml(location.name)}</code>: ${status}</h4>`)
  if (location.failure) out.push(failureBlock(location.failure))
  for (const warning of location.warnings) out.push(`<p>⚠️ ${oneLine(warning)}</p>`)
  if (location.ok) {
    out.push(repositoriesTable(location))
    out.push(diffBlock(location.diff))
  }
  if (mismatches.length > 0) out.push(mismatchBlock(mismatches))
  return out.join('\n')
}

/** Mismatches grouped by cause, each group's list collapsed. */
function mismatchBlock(mismatches: readonly Mismatch[]): string {
  const groups = groupMismatches(mismatches).map((g) => {
    if (g.mismatches.length === 1) return `<li>${oneLine(g.cause)}</li>`
    const shown = g.mismatches.slice(0, MAX_MISMATCHES_LISTED)
    const more = g.mismatches.length - shown.length
    const items = shown.map((m) => `<li>${oneLine(m.message)}</li>`).join('')
    return (
      `<li>${oneLine(g.cause)}<details><summary>${g.mismatches.length} mismatches</summary>` +
      `<ul>${items}${more > 0 ? `<li>… and ${more} more</li>` : ''}</ul></details></li>`
    )
  })
  return `<p>⚠️ What is loaded does not match the config:</p><ul>${groups.join('')}</ul>`
}

/** One line for the summary headline: `anomstack reloaded in 2.2 s, 8 jobs added` (plain text). */
export function reloadHeadline(report: ReloadReport): string {
  if (!report.ok) {
    const failure = report.failure?.message ?? report.locations.find((l) => !l.ok)?.failure?.message
    return `reload failed: ${(failure ?? 'see below').replace(/\s+/g, ' ').trim()}`
  }
  const who =
    report.mode === 'workspace'
      ? 'the workspace'
      : report.locations.length === 1
        ? report.locations[0]!.name
        : `${report.locations.length} code locations`
  const sum = (f: (d: DefinitionsDiff) => number): number =>
    report.locations.reduce((n, l) => n + (l.diff ? f(l.diff) : 0), 0)
  const count = (n: number, what: string, how: string): string =>
    n > 0 ? `${n} ${what}${n === 1 ? '' : 's'} ${how}` : ''
  const facts = [
    count(
      sum((d) => d.jobsAdded.length),
      'job',
      'added'
    ),
    count(
      sum((d) => d.jobsRemoved.length),
      'job',
      'removed'
    ),
    count(
      sum((d) => d.schedulesChanged.length),
      'schedule',
      'changed'
    )
  ].filter((f) => f !== '')
  return `${who} reloaded in ${seconds(report.durationMs)}${facts.length > 0 ? `, ${facts.join(', ')}` : ', no job or schedule changed'}`
}

/**
 * The reload part of the job summary: overall status, Dagster version, per-location status,
 * duration, repositories table, what changed, mismatches, the Python error (collapsed) and a
 * link to the Dagster UI.
 */
export function renderReloadSection(report: ReloadReport, opts: ReloadSectionOptions = {}): string {
  const out: string[] = []
  const ui = safeUiUrl(opts.uiUrl)
  const head = report.ok ? '✅ Dagster reload succeeded' : '❌ Dagster reload failed'
  const facts = [
    report.dagsterVersion ? `Dagster ${escapeHtml(report.dagsterVersion)}` : undefined,
    report.mode === 'workspace' ? 'whole workspace reloaded' : undefined,
    `${seconds(report.durationMs)} in total`,
    ui ? `<a href="${escapeHtml(ui)}">Open the Dagster UI</a>` : undefined
  ].filter((f): f is string => f !== undefined)
  out.push(`<h3>${head}</h3>`)
  out.push(`<p>${facts.join(' · ')}</p>`)
  if (report.failure) out.push(failureBlock(report.failure))
  for (const warning of report.warnings) out.push(`<p>⚠️ ${oneLine(warning)}</p>`)
  for (const location of report.locations) {
    out.push(locationSection(location, opts.mismatches?.[location.name] ?? []))
  }
  return out.filter((s) => s !== '').join('\n') + '\n'
}

/** JSON for the `repositories` action output: per location, what is loaded and what changed. */
export function repositoriesOutput(report: ReloadReport): string {
  return JSON.stringify({
    ok: report.ok,
    dagsterVersion: report.dagsterVersion ?? null,
    ...(report.failure
      ? { failure: { kind: report.failure.kind, message: report.failure.message } }
      : {}),
    locations: report.locations.map((l) => ({
      name: l.name,
      ok: l.ok,
      ...(l.failure ? { failure: { kind: l.failure.kind, message: l.failure.message } } : {}),
      durationMs: l.durationMs,
      versionChanged: l.versionChanged ?? null,
      repositories: (l.after?.repositories ?? []).map((r) => ({
        name: r.name,
        jobs: r.jobs,
        schedules: r.schedules.map((s) => ({
          name: s.name,
          cron: s.cronSchedule,
          status: s.status
        })),
        sensors: r.sensors.map((s) => ({ name: s.name, status: s.status }))
      })),
      changes: l.diff ?? null
    }))
  })
}
