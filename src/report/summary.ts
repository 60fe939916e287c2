import type { Diagnostic, SeverityCounts } from '../core/diagnostic.js'
import { escapeHtml, escapeHtmlInline } from './escape.js'
import { plural, relevanceOf, sortByPriority, type ChangedLines } from './priority.js'

export type Verdict = 'passed' | 'failed' | 'passed-with-warnings'

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

/** Everything the job summary shows. Built by the action; rendered by {@link renderSummary}. */
export interface SummaryModel {
  readonly verdict: Verdict
  readonly counts: SeverityCounts
  /** Event name, e.g. `push`, `pull_request`, `workflow_dispatch`. */
  readonly event: string
  /** What was compared, e.g. `abc1234..def5678`, or `all files`. */
  readonly range?: string
  readonly filesChecked?: number
  readonly changedFiles: readonly SummaryChangedFile[]
  readonly affectedBatches: readonly SummaryBatch[]
  readonly restartNeeded: readonly SummaryRestart[]
  readonly diagnostics: readonly Diagnostic[]
  /** Lines changed by the push/PR, to list problems on them first. */
  readonly changedLines?: ChangedLines
  /** Force the pre-existing explanation; by default it shows when any problem is pre-existing. */
  readonly preExistingNote?: boolean
  /** Rendered verbatim: produced (and escaped) by our own reload reporter. */
  readonly reloadHtml?: string
  /** Rendered verbatim above the problems: the plan (our own, already escaped HTML/Markdown). */
  readonly planHtml?: string
  readonly timings?: readonly SummaryTiming[]
  /** e.g. `https://github.com/o/r/blob/<sha>/`: makes each line number a link. */
  readonly linkBase?: string
}

export interface SummaryOptions {
  /** Total size budget in UTF-8 bytes; GitHub refuses summaries over 1 MiB. */
  readonly budgetBytes?: number
  /** At most this many problems per file before "… and N more". */
  readonly maxProblemsPerFile?: number
}

/** Well under the runner's 1 MiB limit, leaving room for other steps' appends and masking. */
export const SUMMARY_BUDGET_BYTES = 900 * 1024
const DEFAULT_MAX_PROBLEMS_PER_FILE = 200
const MAX_CHANGES_SECTION_BYTES = 128 * 1024
const MAX_RELOAD_BYTES = 128 * 1024
const MAX_MESSAGE_CHARS = 2000
const MAX_SHORT_CHARS = 300
/** Room kept for the final "… N more files" line. */
const FILES_TAIL_RESERVE = 200

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s
}

const SEVERITY_ICON = { error: '❌', warning: '⚠️', notice: 'ℹ️' } as const

/**
 * Render the job summary (GitHub-flavoured Markdown + HTML). Pure. Every untrusted string is
 * escaped; the result stays within `budgetBytes` however many problems there are, always keeping
 * the verdict and counts.
 */
export function renderSummary(model: SummaryModel, opts: SummaryOptions = {}): string {
  const budget = opts.budgetBytes ?? SUMMARY_BUDGET_BYTES
  const head = renderHead(model)
  const reload = renderReload(model.reloadHtml)
  const plan = renderPlan(model.planHtml)
  const timings = renderTimings(model.timings)
  const fixed = bytes(head) + bytes(plan) + bytes(reload) + bytes(timings)

  const changesBudget = Math.min(
    MAX_CHANGES_SECTION_BYTES,
    Math.floor(Math.max(0, budget - fixed) * 0.2)
  )
  const changes = renderChanges(model, changesBudget)
  const problems = renderProblems(
    model,
    Math.max(0, budget - fixed - bytes(changes)),
    opts.maxProblemsPerFile ?? DEFAULT_MAX_PROBLEMS_PER_FILE
  )
  return [head, plan, problems, changes, reload, timings].filter((s) => s !== '').join('')
}

function verdictLine(model: SummaryModel): string {
  const { error, warning } = model.counts
  const problems = [
    error > 0 ? plural(error, 'error') : '',
    warning > 0 ? plural(warning, 'warning') : ''
  ]
    .filter((s) => s !== '')
    .join(', ')
  switch (model.verdict) {
    case 'failed':
      return `❌ ${problems || 'Failed'}`
    case 'passed-with-warnings':
      return `⚠️ Valid${problems ? `, ${problems}` : ''}`
    case 'passed':
      return '✅ Valid'
  }
}

function renderHead(model: SummaryModel): string {
  const c = model.counts
  const preExisting = model.diagnostics.filter((d) => d.preExisting).length
  const facts = [
    `<code>${escapeHtmlInline(clip(model.event, MAX_SHORT_CHARS))}</code>${
      model.range ? ` <code>${escapeHtmlInline(clip(model.range, MAX_SHORT_CHARS))}</code>` : ''
    }`,
    model.filesChecked !== undefined
      ? `${plural(model.filesChecked, 'file', 'files')} checked`
      : '',
    `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.notice, 'notice')}${
      preExisting > 0 ? ` (${preExisting} pre-existing)` : ''
    }`
  ].filter((s) => s !== '')
  let out = `## ${verdictLine(model)}\n\n<p>${facts.join(' · ')}</p>\n\n`
  if (model.preExistingNote ?? preExisting > 0) {
    out +=
      '<p><em>Problems that were already on the base commit, in lines this change did not touch, ' +
      'are reported as warnings marked <strong>pre-existing</strong>, so one person’s old mistake ' +
      'does not block another’s push.</em></p>\n\n'
  }
  return out
}

function lineLink(model: SummaryModel, d: Diagnostic): string {
  const pos = `${d.line}:${d.column}`
  if (!model.linkBase) return pos
  const path = d.file.split('/').map(encodeURIComponent).join('/')
  return `<a href="${escapeHtml(`${model.linkBase}${path}#L${d.line}`)}">${pos}</a>`
}

function problemRow(model: SummaryModel, d: Diagnostic): string {
  const pre = relevanceOf(d, model.changedLines) === 2 ? ' <em>(pre-existing)</em>' : ''
  const hint = d.hint ? `<br>💡 ${escapeHtmlInline(clip(d.hint, MAX_MESSAGE_CHARS))}` : ''
  return (
    `<tr><td>${lineLink(model, d)}</td>` +
    `<td>${SEVERITY_ICON[d.severity]} ${d.severity}${pre}</td>` +
    `<td><code>${escapeHtmlInline(d.ruleId)}</code></td>` +
    `<td>${escapeHtmlInline(clip(d.message, MAX_MESSAGE_CHARS))}${hint}</td></tr>\n`
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

function renderProblems(model: SummaryModel, budget: number, maxPerFile: number): string {
  if (model.diagnostics.length === 0) return ''
  // Files in the order of their most important problem; problems in priority order.
  const byFile = new Map<string, Diagnostic[]>()
  for (const d of sortByPriority(model.diagnostics, model.changedLines)) {
    const list = byFile.get(d.file)
    if (list) list.push(d)
    else byFile.set(d.file, [d])
  }

  let out = '### Problems\n\n'
  let left = budget - bytes(out) - FILES_TAIL_RESERVE
  let index = 0
  let filesShown = 0
  for (const [file, list] of byFile) {
    const open = index < 3 && list.some((d) => d.severity === 'error') ? ' open' : ''
    index++
    const start =
      `<details${open}><summary><code>${escapeHtmlInline(file)}</code> — ${countText(list)}</summary>\n` +
      '<table>\n<thead><tr><th>Line</th><th>Severity</th><th>Rule</th><th>Problem</th></tr></thead>\n<tbody>\n'
    const end = '</tbody>\n</table>\n</details>\n\n'
    const more = (n: number): string =>
      `<tr><td colspan="4">… and ${plural(n, 'more problem')} in this file (see the JSON report)</td></tr>\n`
    const frame = bytes(start) + bytes(end) + bytes(more(list.length))
    const rows: string[] = []
    let used = frame
    for (const d of list) {
      if (rows.length >= maxPerFile) break
      const row = problemRow(model, d)
      const size = bytes(row)
      if (used + size > left) break
      rows.push(row)
      used += size
    }
    if (rows.length === 0) break
    const cut = list.length - rows.length
    const block = start + rows.join('') + (cut > 0 ? more(cut) : '') + end
    out += block
    left -= bytes(block)
    filesShown++
  }
  const hidden = byFile.size - filesShown
  if (hidden > 0) {
    out += `<p>… ${plural(hidden, 'more file')} with problems (see the JSON report).</p>\n\n`
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

function renderPlan(html: string | undefined): string {
  if (html === undefined || html === '') return ''
  return bytes(html) <= MAX_RELOAD_BYTES
    ? `${html}\n\n`
    : `<p>The plan is too large to show here (${Math.ceil(bytes(html) / 1024)} KiB); see the log.</p>\n\n`
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
