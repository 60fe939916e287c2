import type { Diagnostic } from '../core/diagnostic.js'
import type { Outcome, Verdict as CoreVerdict } from '../core/verdict.js'
import { escapeHtml, escapeHtmlInline } from './escape.js'
import { plural, relevanceOf, sortByPriority, type ChangedLines } from './priority.js'
import { codeSpansHtml } from './rich-text.js'
import { sourceFrame } from './source-frame.js'

/** The JSON report's verdict word. */
export type Verdict = Outcome

export interface SummaryChangedFile {
  /** Repository-relative path (untrusted). */
  readonly path: string
  /** `added`, `modified`, `deleted`, `renamed`, … (rendered as given). */
  readonly status: string
  /** For renames. */
  readonly previousPath?: string
}

export interface SummaryBatch {
  readonly name: string
  readonly file?: string
  /** What happens to it, e.g. `added`, `changed`, `removed`. */
  readonly change?: string
}

export interface SummaryRestart {
  readonly file: string
  /** Why a code-location reload is not enough. */
  readonly reason?: string
}

export interface SummaryTiming {
  readonly label: string
  readonly ms: number
}

/** The reload's part of the headline. */
export type SummaryReload =
  | { readonly state: 'reloaded'; readonly text: string }
  | { readonly state: 'failed'; readonly text: string }
  /** `blocked`: the tree has errors; otherwise `reason` says why (pull request, mode, …). */
  | { readonly state: 'not-reloaded'; readonly blocked: boolean; readonly reason?: string }

/** Everything the job summary shows. Built by the action; rendered by {@link renderSummary}. */
export interface SummaryModel {
  readonly verdict: VerdictFacts
  /** Absent when no Dagster URL is configured (validate only): the headline then says nothing of it. */
  readonly reload?: SummaryReload
  /** Event name, e.g. `push`, `pull_request`, `workflow_dispatch`. */
  readonly event: string
  /** What was compared, e.g. `abc1234..def5678`, or `all files`. */
  readonly range?: string
  readonly filesChecked?: number
  readonly changedFiles: readonly SummaryChangedFile[]
  readonly affectedBatches: readonly SummaryBatch[]
  readonly restartNeeded: readonly SummaryRestart[]
  readonly diagnostics: readonly Diagnostic[]
  /** File texts (normalised), for the source excerpt under each problem. */
  readonly sources?: ReadonlyMap<string, string>
  /** Lines changed by the push/PR, to list problems on them first. */
  readonly changedLines?: ChangedLines
  /** Force the pre-existing explanation; by default it shows when any problem is pre-existing. */
  readonly preExistingNote?: boolean
  /** Rendered verbatim: produced (and escaped) by our own reload reporter. */
  readonly reloadHtml?: string
  /** Rendered verbatim: the plan (our own, already escaped HTML/Markdown). */
  readonly planHtml?: string
  /** Rendered verbatim after the plan: the "when things run" view (ours, escaped). */
  readonly whenHtml?: string
  readonly timings?: readonly SummaryTiming[]
  /** e.g. `https://github.com/o/r/blob/<sha>/`: makes each file:line a link. */
  readonly linkBase?: string
}

/** The parts of the core verdict the summary reads. */
export type VerdictFacts = Pick<
  CoreVerdict,
  | 'valid'
  | 'passed'
  | 'failOn'
  | 'errors'
  | 'warnings'
  | 'notices'
  | 'preExisting'
  | 'preExistingErrors'
>

export interface SummaryOptions {
  /** Total size budget in UTF-8 bytes; GitHub refuses summaries over 1 MiB. */
  readonly budgetBytes?: number
  /** At most this many problems listed per section before "… and N more". */
  readonly maxProblems?: number
  /** The first this many problems get a source excerpt. */
  readonly maxExcerpts?: number
}

/** Well under the runner's 1 MiB limit, leaving room for other steps' appends and masking. */
export const SUMMARY_BUDGET_BYTES = 900 * 1024
const DEFAULT_MAX_PROBLEMS = 500
const DEFAULT_MAX_EXCERPTS = 25
/** Lines shown above and below the flagged one. */
const EXCERPT_CONTEXT = 1
const MAX_CHANGES_SECTION_BYTES = 128 * 1024
const MAX_RELOAD_BYTES = 128 * 1024
const MAX_MESSAGE_CHARS = 2000
const MAX_SHORT_CHARS = 300
const MAX_HEADLINE_REASON = 200
/** Room kept for the final "… N more" line. */
const TAIL_RESERVE = 200

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s
}

const SEVERITY_ICON = { error: '❌', warning: '⚠️', notice: 'ℹ️' } as const

/**
 * Render the job summary (GitHub-flavoured Markdown + HTML). Pure. Every untrusted string is
 * escaped; the result stays within `budgetBytes` however many problems there are, always keeping
 * the headline.
 *
 * Order: the headline (verdict and reload result) and the change in one line; then, when there
 * are errors, the problems before the plan (that is what to fix); when the change is valid, the
 * plan first (that is what happened), then any problems.
 */
export function renderSummary(model: SummaryModel, opts: SummaryOptions = {}): string {
  const budget = opts.budgetBytes ?? SUMMARY_BUDGET_BYTES
  const head = renderHead(model)
  const reload = renderReload(model.reloadHtml)
  const plan =
    renderVerbatim(model.planHtml, 'plan') + renderVerbatim(model.whenHtml, 'schedule view')
  const timings = renderTimings(model.timings)
  const fixed = bytes(head) + bytes(plan) + bytes(reload) + bytes(timings)

  const changesBudget = Math.min(
    MAX_CHANGES_SECTION_BYTES,
    Math.floor(Math.max(0, budget - fixed) * 0.2)
  )
  const changes = renderChanges(model, changesBudget)
  const problems = renderProblems(model, Math.max(0, budget - fixed - bytes(changes)), {
    maxProblems: opts.maxProblems ?? DEFAULT_MAX_PROBLEMS,
    maxExcerpts: opts.maxExcerpts ?? DEFAULT_MAX_EXCERPTS
  })
  const sections = model.verdict.valid
    ? model.reload?.state === 'failed'
      ? [head, reload, plan, problems, changes, timings]
      : [head, plan, reload, problems, changes, timings]
    : [head, problems, plan, changes, reload, timings]
  return sections.filter((s) => s !== '').join('')
}

/** `❌ 2 errors · not reloaded`, `✅ Valid · anomstack reloaded in 2.2 s, 8 jobs added`. */
export function headline(model: Pick<SummaryModel, 'verdict' | 'reload'>): string {
  const v = model.verdict
  const parts: string[] = []
  if (!v.valid) parts.push(plural(v.errors, 'error'))
  else parts.push(v.warnings > 0 ? `Valid · ${plural(v.warnings, 'warning')}` : 'Valid')
  if (v.valid && !v.passed) parts.push(`fails the step (fail-on: ${v.failOn})`)
  if (!v.valid && v.passed) parts.push(`step passes (fail-on: ${v.failOn})`)
  const r = model.reload
  if (r?.state === 'reloaded') parts.push(r.text)
  else if (r?.state === 'failed') parts.push(clip(r.text, MAX_HEADLINE_REASON))
  else if (r?.state === 'not-reloaded')
    parts.push(
      r.blocked || r.reason === undefined
        ? 'not reloaded'
        : `not reloaded: ${clip(r.reason, MAX_HEADLINE_REASON)}`
    )
  const icon = !v.valid || !v.passed ? '❌' : r?.state === 'failed' || v.warnings > 0 ? '⚠️' : '✅'
  return `${icon} ${parts.join(' · ')}`
}

function renderHead(model: SummaryModel): string {
  const v = model.verdict
  const changed = model.changedFiles.length
  const facts = [
    `<code>${escapeHtmlInline(clip(model.event, MAX_SHORT_CHARS))}</code>${
      model.range ? ` <code>${escapeHtmlInline(clip(model.range, MAX_SHORT_CHARS))}</code>` : ''
    }`,
    model.filesChecked !== undefined
      ? `${plural(model.filesChecked, 'file', 'files')} checked`
      : '',
    changed > 0 ? `${plural(changed, 'changed file')}` : '',
    `${plural(v.errors, 'error')}, ${plural(v.warnings, 'warning')}, ${plural(v.notices, 'notice')}${
      v.preExisting > 0 ? ` (${v.preExisting} pre-existing)` : ''
    }`
  ].filter((s) => s !== '')
  let out = `## ${escapeHtmlInline(headline(model))}\n\n<p>${facts.join(' · ')}</p>\n\n`
  if (v.preExistingErrors > 0) {
    out +=
      `<p>⚠️ <strong>${plural(v.preExistingErrors, 'pre-existing problem')} ${v.preExistingErrors === 1 ? 'is an error' : 'are errors'} on the base commit</strong>: ` +
      'this change did not introduce them, so they do not block it, but the live Dagster code location may already be broken by them.</p>\n\n'
  }
  if (model.preExistingNote ?? v.preExisting > 0) {
    out +=
      '<p><em>Problems that were already on the base commit, in lines this change did not touch, ' +
      'are reported as warnings marked <strong>pre-existing</strong>, so one person’s old mistake ' +
      'does not block another’s push.</em></p>\n\n'
  }
  return out
}

function location(model: SummaryModel, d: Diagnostic): string {
  const text = `<code>${escapeHtmlInline(clip(d.file, MAX_SHORT_CHARS))}:${d.line}</code>`
  if (!model.linkBase) return text
  const path = d.file.split('/').map(encodeURIComponent).join('/')
  return `<a href="${escapeHtml(`${model.linkBase}${path}#L${d.line}`)}">${text}</a>`
}

/** The source excerpt as one `<pre>` without raw line breaks (a blank line would end the HTML block). */
function excerptHtml(lines: readonly string[] | undefined, d: Diagnostic): string {
  if (!lines) return ''
  const rows = sourceFrame(lines, d, EXCERPT_CONTEXT).map((row) =>
    row.kind === 'source'
      ? `${row.flagged ? '&gt;' : ' '} ${row.gutter} | ${escapeHtmlInline(row.text)}`
      : `  ${row.gutter} | ${escapeHtmlInline(row.pad)}${'^'.repeat(row.width)}`
  )
  return rows.length > 0 ? `<pre>${rows.join('&#10;')}</pre>` : ''
}

function problemRow(
  model: SummaryModel,
  d: Diagnostic,
  lines: readonly string[] | undefined
): string {
  const pre =
    d.downgradedFrom === 'error'
      ? ' <em>(pre-existing error)</em>'
      : relevanceOf(d, model.changedLines) === 2
        ? ' <em>(pre-existing)</em>'
        : ''
  const hint = d.hint ? `<br>💡 ${codeSpansHtml(clip(d.hint, MAX_MESSAGE_CHARS))}` : ''
  return (
    `<tr><td>${location(model, d)}</td>` +
    `<td>${SEVERITY_ICON[d.severity]} ${d.severity}${pre}</td>` +
    `<td><code>${escapeHtmlInline(d.ruleId)}</code></td>` +
    `<td>${codeSpansHtml(clip(d.message, MAX_MESSAGE_CHARS))}${hint}${excerptHtml(lines, d)}</td></tr>\n`
  )
}

function countText(list: readonly Diagnostic[]): string {
  const c = { error: 0, warning: 0, notice: 0 }
  for (const d of list) c[d.severity]++
  return [
    c.error > 0 ? plural(c.error, 'error') : '',
    c.warning > 0 ? plural(c.warning, 'warning') : '',
    c.notice > 0 ? plural(c.notice, 'notice') : ''
  ]
    .filter((s) => s !== '')
    .join(', ')
}

const TABLE_OPEN =
  '<table>\n<thead><tr><th>Where</th><th>Severity</th><th>Rule</th><th>Problem</th></tr></thead>\n<tbody>\n'
const TABLE_CLOSE = '</tbody>\n</table>\n'

/** A problems table within `budget` bytes; the first `excerpts` rows get source excerpts. */
function problemTable(
  model: SummaryModel,
  list: readonly Diagnostic[],
  budget: number,
  limits: { maxProblems: number; excerpts: number },
  split: Map<string, string[]>
): string {
  const more = (n: number): string =>
    `<tr><td colspan="4">… and ${plural(n, 'more problem')} (see the JSON report)</td></tr>\n`
  let used = bytes(TABLE_OPEN) + bytes(TABLE_CLOSE) + bytes(more(list.length)) + TAIL_RESERVE
  const rows: string[] = []
  for (const d of list) {
    if (rows.length >= limits.maxProblems) break
    let lines: string[] | undefined
    if (rows.length < limits.excerpts) {
      lines = split.get(d.file)
      const text = model.sources?.get(d.file)
      if (!lines && text !== undefined) {
        lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
        split.set(d.file, lines)
      }
    }
    const row = problemRow(model, d, lines)
    if (used + bytes(row) > budget) break
    rows.push(row)
    used += bytes(row)
  }
  if (rows.length === 0)
    return `<p>${plural(list.length, 'problem')}: too many to show here (see the JSON report).</p>\n`
  const cut = list.length - rows.length
  return TABLE_OPEN + rows.join('') + (cut > 0 ? more(cut) : '') + TABLE_CLOSE
}

/**
 * New problems first, most important first, each with its file:line, rule, message and source
 * excerpt; then the pre-existing ones, collapsed.
 */
function renderProblems(
  model: SummaryModel,
  budget: number,
  limits: { maxProblems: number; maxExcerpts: number }
): string {
  if (model.diagnostics.length === 0) return ''
  const sorted = sortByPriority(model.diagnostics, model.changedLines)
  const fresh = sorted.filter((d) => !d.preExisting)
  const old = sorted.filter((d) => d.preExisting)
  const split = new Map<string, string[]>()
  let out = '### Problems\n\n'
  let left = budget - bytes(out)
  if (fresh.length > 0) {
    const table = problemTable(
      model,
      fresh,
      old.length > 0 ? Math.floor(left * 0.8) : left,
      { maxProblems: limits.maxProblems, excerpts: limits.maxExcerpts },
      split
    )
    out += `<p>${countText(fresh)} ${model.changedLines ? 'introduced by this change' : 'found'}:</p>\n${table}\n`
    left -= bytes(table) + 100
  }
  if (old.length > 0) {
    const open = `<details><summary>${plural(old.length, 'pre-existing problem')} (${countText(old)}): already on the base commit, in lines this change did not touch</summary>\n\n`
    const close = '</details>\n\n'
    const table = problemTable(
      model,
      old,
      Math.max(0, left - bytes(open) - bytes(close)),
      { maxProblems: limits.maxProblems, excerpts: Math.max(0, limits.maxExcerpts - fresh.length) },
      split
    )
    out += open + table + close
  }
  return out
}

/** A `<ul>` of at most `budget` bytes, ending in "… and N more" when cut. */
function boundedList(items: readonly string[], budget: number, one: string, many: string): string {
  const tail = (n: number): string => `<li>… and ${plural(n, `more ${one}`, `more ${many}`)}</li>\n`
  let used = bytes('<ul>\n</ul>\n') + bytes(tail(items.length))
  const shown: string[] = []
  for (const item of items) {
    const li = `<li>${item}</li>\n`
    const size = bytes(li)
    if (used + size > budget) break
    shown.push(li)
    used += size
  }
  const cut = items.length - shown.length
  return `<ul>\n${shown.join('')}${cut > 0 ? tail(cut) : ''}</ul>\n`
}

function renderChanges(model: SummaryModel, budget: number): string {
  const sections: string[] = []
  const parts = [
    model.changedFiles.length > 0 ? 1 : 0,
    model.affectedBatches.length > 0 ? 1 : 0,
    model.restartNeeded.length > 0 ? 1 : 0
  ].reduce((a, b) => a + b, 0)
  if (parts === 0) return ''
  const each = Math.floor(budget / parts)

  if (model.restartNeeded.length > 0) {
    const items = model.restartNeeded.map(
      (r) =>
        `<code>${escapeHtmlInline(clip(r.file, MAX_SHORT_CHARS))}</code>${
          r.reason ? `: ${escapeHtmlInline(clip(r.reason, MAX_SHORT_CHARS))}` : ''
        }`
    )
    sections.push(
      `### ⚠️ Restart needed\n\n<p>A code-location reload does not pick these up; restart the Dagster code server.</p>\n${boundedList(items, each - 200, 'file', 'files')}\n`
    )
  }
  if (model.changedFiles.length > 0) {
    const items = model.changedFiles.map((f) => {
      const prev = f.previousPath
        ? `<code>${escapeHtmlInline(clip(f.previousPath, MAX_SHORT_CHARS))}</code> → `
        : ''
      return `${escapeHtmlInline(clip(f.status, 40))} ${prev}<code>${escapeHtmlInline(clip(f.path, MAX_SHORT_CHARS))}</code>`
    })
    sections.push(
      `### Changed files\n\n<details><summary>${plural(model.changedFiles.length, 'changed file')}</summary>\n${boundedList(items, each - 200, 'file', 'files')}</details>\n\n`
    )
  }
  if (model.affectedBatches.length > 0) {
    const items = model.affectedBatches.map(
      (b) =>
        `<code>${escapeHtmlInline(clip(b.name, MAX_SHORT_CHARS))}</code>${
          b.change ? ` ${escapeHtmlInline(clip(b.change, 40))}` : ''
        }${b.file ? ` (<code>${escapeHtmlInline(clip(b.file, MAX_SHORT_CHARS))}</code>)` : ''}`
    )
    sections.push(
      `### Affected batches\n\n<details><summary>${plural(model.affectedBatches.length, 'batch', 'batches')}</summary>\n${boundedList(items, each - 200, 'batch', 'batches')}</details>\n\n`
    )
  }
  return sections.join('')
}

function renderVerbatim(html: string | undefined, what: string): string {
  if (html === undefined || html === '') return ''
  return bytes(html) <= MAX_RELOAD_BYTES
    ? `${html}\n\n`
    : `<p>The ${what} is too large to show here (${Math.ceil(bytes(html) / 1024)} KiB); see the log.</p>\n\n`
}

function renderReload(html: string | undefined): string {
  if (html === undefined || html === '') return ''
  const size = bytes(html)
  const body =
    size <= MAX_RELOAD_BYTES
      ? html
      : `<p>The reload report is too large to show here (${Math.ceil(size / 1024)} KiB); see the log.</p>`
  return `### Reload\n\n${body}\n\n`
}

function renderTimings(timings: readonly SummaryTiming[] | undefined): string {
  if (!timings || timings.length === 0) return ''
  const items = timings.slice(0, 20).map((t) => {
    const time = t.ms >= 1000 ? `${(t.ms / 1000).toFixed(1)} s` : `${Math.round(t.ms)} ms`
    return `${escapeHtmlInline(clip(t.label, 60))} ${time}`
  })
  return `<p><sub>⏱ ${items.join(' · ')}</sub></p>\n`
}
