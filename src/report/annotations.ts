import type { Diagnostic, Severity } from '../core/diagnostic.js'
import { escapeData, escapeProperty } from './escape.js'
import { plural, sortByPriority, type ChangedLines } from './priority.js'

/** Annotation properties, named as in `@actions/core`'s `AnnotationProperties`. */
export interface AnnotationProperties {
  readonly title: string
  /** Repository-relative; absent only on the overflow notice. */
  readonly file?: string
  readonly startLine?: number
  readonly endLine?: number
  /** Only present when `startLine === endLine` (the runner drops columns on multi-line ranges). */
  readonly startColumn?: number
  /** Inclusive, unlike `Diagnostic.endColumn`. */
  readonly endColumn?: number
}

/** One `::error|warning|notice …::message` line to print. */
export interface AnnotationCall {
  readonly level: Severity
  readonly message: string
  readonly properties: AnnotationProperties
}

export interface AnnotationPlan {
  /** Errors, then warnings, then notices; each level most important first, at most 10 per level. */
  readonly annotations: readonly AnnotationCall[]
  /**
   * Present when something was cut: one notice pointing at the job summary. It counts against the
   * runner's notice cap, so `annotations` then holds at most 9 notices.
   */
  readonly overflowNotice?: AnnotationCall
}

export interface PlanOptions {
  /** Lines changed by the push/PR; problems on them are annotated first. */
  readonly changedLines?: ChangedLines
  /** Short text after the rule id in the title (`schedule/cron-invalid: invalid cron`). */
  readonly ruleTitles?: ReadonlyMap<string, string>
  /** Per-level cap; the runner shows 10 errors, 10 warnings and 10 notices per step. */
  readonly maxPerLevel?: number
}

/** The runner's per-step cap per annotation level (`ExecutionContext._maxCountPerIssueType`). */
export const MAX_ANNOTATIONS_PER_LEVEL = 10

/** The runner truncates annotation messages to 4,096 characters; we cut first and say so. */
const MAX_MESSAGE_CHARS = 4000

const LEVELS: readonly Severity[] = ['error', 'warning', 'notice']

/** Said wherever a downgraded pre-existing error is shown. */
export const PRE_EXISTING_ERROR_NOTE =
  'This was already an error on the base commit, in lines this change did not touch, so it does not block the change; the live Dagster code location may already be broken by it.'

/** Render one diagnostic as an annotation call (no capping, no ordering). */
export function toAnnotationCall(
  d: Diagnostic,
  ruleTitles?: ReadonlyMap<string, string>
): AnnotationCall {
  const short = ruleTitles?.get(d.ruleId)
  const pre =
    d.downgradedFrom === 'error' ? ' (pre-existing error)' : d.preExisting ? ' (pre-existing)' : ''
  const title = `${d.ruleId}${short ? `: ${short}` : ''}${pre}`
  let message = d.hint ? `${d.message}\nHint: ${d.hint}` : d.message
  if (d.downgradedFrom === 'error') message = `${message}\n${PRE_EXISTING_ERROR_NOTE}`
  if (message.length > MAX_MESSAGE_CHARS) message = `${message.slice(0, MAX_MESSAGE_CHARS)}…`

  const startLine = Math.max(1, d.line)
  const endLine = d.endLine >= startLine ? d.endLine : startLine
  const base = { title, file: d.file, startLine, endLine }
  // The runner ignores columns unless the range is on one line; GitHub's endColumn is inclusive.
  if (endLine !== startLine || d.column < 1) return { level: d.severity, message, properties: base }
  const endColumn = Math.max(d.column, d.endColumn - 1)
  return {
    level: d.severity,
    message,
    properties: { ...base, startColumn: d.column, endColumn }
  }
}

/**
 * Choose which diagnostics become annotations, in the one order of `sortByPriority`: new errors
 * on changed lines, other new errors, pre-existing problems that are errors on the base, new
 * warnings, then the rest. Capped at 10 per level (the runner's cap), with one overflow notice
 * when anything was cut. Everything is still listed in the job summary and the log.
 */
export function planAnnotations(
  diagnostics: readonly Diagnostic[],
  opts: PlanOptions = {}
): AnnotationPlan {
  const cap = opts.maxPerLevel ?? MAX_ANNOTATIONS_PER_LEVEL
  const sorted = sortByPriority(diagnostics, opts.changedLines)
  const byLevel: Record<Severity, Diagnostic[]> = { error: [], warning: [], notice: [] }
  for (const d of sorted) byLevel[d.severity].push(d)

  const overflowing = LEVELS.some((l) => byLevel[l].length > cap)
  const annotations: AnnotationCall[] = []
  const cut: Record<Severity, number> = { error: 0, warning: 0, notice: 0 }
  for (const level of LEVELS) {
    // The overflow notice is itself a notice: leave room for it under the notice cap.
    const room = level === 'notice' && overflowing ? cap - 1 : cap
    const list = byLevel[level]
    for (const d of list.slice(0, room)) annotations.push(toAnnotationCall(d, opts.ruleTitles))
    cut[level] = Math.max(0, list.length - room)
  }

  const total = cut.error + cut.warning + cut.notice
  if (total === 0) return { annotations }
  const parts = [plural(cut.error, 'error'), plural(cut.warning, 'warning')]
  if (cut.notice > 0) parts.push(plural(cut.notice, 'notice'))
  const overflowNotice: AnnotationCall = {
    level: 'notice',
    message: `${plural(total, 'more problem')} (${parts.join(', ')}) ${total === 1 ? 'is' : 'are'} listed in the job summary.`,
    properties: { title: `${plural(total, 'more problem')} not annotated` }
  }
  return { annotations, overflowNotice }
}

/**
 * Render a workflow command line (without the trailing newline). Every value is escaped, so a
 * hostile file name or message can neither end the line, add a property, nor start a command.
 */
export function formatWorkflowCommand(call: AnnotationCall): string {
  const p = call.properties
  const props: [string, string | number | undefined][] = [
    ['file', p.file],
    ['line', p.startLine],
    ['endLine', p.endLine],
    ['col', p.startColumn],
    ['endColumn', p.endColumn],
    ['title', p.title]
  ]
  const rendered = props
    // Like @actions/core: empty and zero values are left out (the runner would ignore them).
    .filter(
      (kv): kv is [string, string | number] => kv[1] !== undefined && kv[1] !== '' && kv[1] !== 0
    )
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',')
  return `::${call.level}${rendered ? ` ${rendered}` : ''}::${escapeData(call.message)}`
}

/** The lines to print for a plan: the annotations, then the overflow notice. */
export function renderAnnotationLines(plan: AnnotationPlan): string[] {
  const lines = plan.annotations.map(formatWorkflowCommand)
  if (plan.overflowNotice) lines.push(formatWorkflowCommand(plan.overflowNotice))
  return lines
}
