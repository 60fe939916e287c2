/**
 * A local reload for a terminal (one fact a line) and as one JSON object. Server text is
 * untrusted: every piece goes through {@link line} (no control characters, no line breaks).
 */
import { errorHeadline, type DefinitionsDiff, type LoadError } from '../dagster/snapshot.js'
import { repositoriesOutput } from '../dagster/reload-summary.js'
import type { JsonValue } from '../report/json.js'
import { escapeControlChars } from '../report/escape.js'
import type { DagsterTarget } from './dagster-target.js'
import { describeSource } from './dagster-target.js'
import {
  explainLocationFailure,
  explainRunFailure,
  VERSION_UNCHANGED_LOCAL,
  type LocalReload
} from './reload-run.js'
import type { Paint } from '../report/paint.js'

const MAX_NAMES = 20

export function line(s: string): string {
  return escapeControlChars(s).replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, ' ')
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, MAX_NAMES).map(line).join(', ')
  return list.length > MAX_NAMES ? `${shown} and ${list.length - MAX_NAMES} more` : shown
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

/** The user's own exception and the frame that raised it, not Dagster's wrapping stack. */
export function userException(error: LoadError): string[] {
  const innermost = error.chain.length > 0 ? error.chain[error.chain.length - 1]! : error
  const out = [errorHeadline(error.userError.className, error.userError.message)]
  // The deepest frame in the user's own code, not in Dagster or another installed package.
  const frame = [...innermost.stack, ...error.stack]
    .reverse()
    .find((f) => /File "/.test(f) && !/[\\/](?:site|dist)-packages[\\/]/.test(f))
  if (frame !== undefined) {
    for (const l of frame.split('\n')) if (l.trim() !== '') out.push(l.trim())
  }
  return out.map(line)
}

function diffLines(diff: DefinitionsDiff, paint: Paint): string[] {
  const out: string[] = []
  if (diff.jobsAdded.length) out.push(paint('green', `+ jobs: ${names(diff.jobsAdded)}`))
  if (diff.jobsRemoved.length) out.push(paint('red', `- jobs: ${names(diff.jobsRemoved)}`))
  if (diff.schedulesAdded.length)
    out.push(paint('green', `+ schedules: ${names(diff.schedulesAdded)}`))
  if (diff.schedulesRemoved.length)
    out.push(paint('red', `- schedules: ${names(diff.schedulesRemoved)}`))
  for (const c of diff.schedulesChanged.slice(0, MAX_NAMES)) {
    const what: string[] = []
    if (c.before.cronSchedule !== c.after.cronSchedule)
      what.push(`cron ${line(c.before.cronSchedule)} → ${line(c.after.cronSchedule)}`)
    if (c.before.status !== c.after.status) what.push(`${c.before.status} → ${c.after.status}`)
    out.push(paint('yellow', `~ schedule ${line(c.name)}: ${what.join(', ')}`))
  }
  if (diff.sensorsAdded.length) out.push(paint('green', `+ sensors: ${names(diff.sensorsAdded)}`))
  if (diff.sensorsRemoved.length) out.push(paint('red', `- sensors: ${names(diff.sensorsRemoved)}`))
  if (out.length === 0) out.push(paint('dim', 'no job, schedule or sensor changed'))
  return out
}

/** The whole result, for `reload` (and `watch` when a reload fails). */
export function renderReloadText(run: LocalReload, target: DagsterTarget, paint: Paint): string {
  const { report } = run
  const out: string[] = []
  const version = report.dagsterVersion ? `Dagster ${line(report.dagsterVersion)}` : 'Dagster'
  out.push(`${version} at ${line(report.serverUrl)} (${describeSource(target.source)})`)
  if (report.failure) {
    const e = explainRunFailure(report, report.failure, target)
    out.push(paint('red', `✖ ${line(e.message)}`))
    if (e.hint) out.push(`  ${paint('cyan', 'hint:')} ${line(e.hint)}`)
  }
  for (const l of report.locations) {
    if (l.ok) {
      out.push(paint('green', `✔ ${line(l.name)} loaded in ${seconds(l.durationMs)}`))
      for (const r of l.after?.repositories ?? []) {
        out.push(
          `    ${line(r.name)}: ${r.jobs.length} jobs, ${r.schedules.length} schedules, ${r.sensors.length} sensors`
        )
      }
      if (l.diff) for (const d of diffLines(l.diff, paint)) out.push(`    ${d}`)
      for (const w of l.warnings) {
        const text =
          l.versionChanged === false && /version key/.test(w) ? VERSION_UNCHANGED_LOCAL : w
        out.push(`    ${paint('yellow', 'warning:')} ${line(text)}`)
      }
      for (const m of run.mismatches.byLocation[l.name] ?? [])
        out.push(`    ${paint('yellow', 'mismatch:')} ${line(m.message)}`)
    } else if (l.failure) {
      const e = explainLocationFailure(l.failure, report.availableLocations)
      out.push(paint('red', `✖ ${line(l.name)}: ${line(e.message)}`))
      if (l.failure.error) {
        out.push('    Python exception raised while loading your code:')
        for (const u of userException(l.failure.error)) out.push(`      ${u}`)
      }
      if (e.hint) out.push(`    ${paint('cyan', 'hint:')} ${line(e.hint)}`)
    }
  }
  return out.join('\n') + '\n'
}

/** One JSON object: the action's `repositories` output plus the local explanations. */
export function reloadJson(run: LocalReload, target: DagsterTarget): Record<string, JsonValue> {
  const { report } = run
  const base = JSON.parse(repositoriesOutput(report)) as Record<string, JsonValue>
  const explained = report.failure ? explainRunFailure(report, report.failure, target) : undefined
  const locations = (base['locations'] as Record<string, JsonValue>[]).map((l, i) => {
    const loc = report.locations[i]!
    const failure = loc.failure
      ? {
          kind: loc.failure.kind,
          ...explainLocationFailure(loc.failure, report.availableLocations),
          ...(loc.failure.error ? { exception: userException(loc.failure.error) } : {})
        }
      : undefined
    return {
      ...l,
      ...(failure ? { failure } : {}),
      warnings: loc.warnings.map((w) =>
        loc.versionChanged === false && /version key/.test(w) ? VERSION_UNCHANGED_LOCAL : w
      ),
      mismatches: (run.mismatches.byLocation[loc.name] ?? []).map((m) => ({
        kind: m.kind,
        message: m.message
      }))
    }
  })
  return {
    ...base,
    url: report.serverUrl,
    urlSource: target.source,
    ...(report.failure && explained
      ? { failure: { kind: report.failure.kind, ...explained } }
      : {}),
    locations,
    availableLocations: report.availableLocations,
    durationMs: Math.round(report.durationMs)
  }
}
