import { compareDiagnostics, type Diagnostic, type Severity } from '../core/diagnostic.js'
import { escapeControlChars, neutraliseWorkflowCommands, splitLines } from './escape.js'
import { plural } from './priority.js'

export interface ConsoleOptions {
  /** Plain ANSI colours; off for files and logs that do not render them. */
  readonly color: boolean
}

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
  green: '\u001b[32m'
} as const
type Style = keyof typeof ANSI

const SEVERITY_STYLE: Readonly<Record<Severity, Style>> = {
  error: 'red',
  warning: 'yellow',
  notice: 'cyan'
}

/** Widest slice of a source line we print; longer lines are windowed around the column. */
const MAX_FRAME_CHARS = 160
const FRAME_LEAD = 60

/** Untrusted text for one log line: no control characters, no line breaks. */
function clean(s: string): string {
  return escapeControlChars(s)
}

/**
 * Human-readable report, grouped by file, eslint-style:
 *
 * ```
 * metrics/a/a.yaml
 *   12:5  error  cron expression has 4 fields  schedule/cron-invalid
 *     12 | cron_schedule: "* * * *"
 *        |     ^^^^^^^^^^^^^
 *     hint: use five fields
 * ```
 *
 * `files` maps a path to its (normalised) text, for the code frame; files without text get none.
 * The output is safe to print in a CI log: no line can start a workflow command.
 */
export function renderConsole(
  diagnostics: readonly Diagnostic[],
  files: ReadonlyMap<string, string>,
  opts: ConsoleOptions
): string {
  const paint = (style: Style, s: string): string =>
    opts.color ? `${ANSI[style]}${s}${ANSI.reset}` : s
  const byFile = new Map<string, Diagnostic[]>()
  for (const d of diagnostics) {
    const list = byFile.get(d.file)
    if (list) list.push(d)
    else byFile.set(d.file, [d])
  }

  const out: string[] = []
  const lineCache = new Map<string, string[]>()
  for (const [file, list] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    list.sort((a, b) => a.line - b.line || a.column - b.column || compareDiagnostics(a, b))
    out.push(paint('bold', clean(file).replace(/[\r\n\u0085\u2028\u2029]/g, ' ')))
    const text = files.get(file)
    let lines = lineCache.get(file)
    if (!lines && text !== undefined) {
      lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
      lineCache.set(file, lines)
    }
    const posWidth = Math.max(...list.map((d) => `${d.line}:${d.column}`.length))
    for (const d of list) {
      const pos = `${d.line}:${d.column}`.padEnd(posWidth)
      const [first = '', ...rest] = splitLines(clean(d.message))
      const pre = d.preExisting ? paint('dim', ' (pre-existing)') : ''
      out.push(
        `  ${paint('dim', pos)}  ${paint(SEVERITY_STYLE[d.severity], d.severity.padEnd(7))}  ${first}  ${paint('dim', clean(d.ruleId))}${pre}`
      )
      for (const more of rest) out.push(`      ${more}`)
      if (lines) out.push(...codeFrame(lines, d, paint))
      if (d.hint) {
        const [h = '', ...hs] = splitLines(clean(d.hint))
        out.push(`    ${paint('cyan', 'hint:')} ${h}`)
        for (const more of hs) out.push(`          ${more}`)
      }
    }
    out.push('')
  }
  out.push(totals(diagnostics, paint))
  // Defence in depth: our layout never starts a line with untrusted text, but this also covers
  // `##[`, which the runner accepts anywhere in a line.
  return neutraliseWorkflowCommands(`${out.join('\n')}\n`)
}

function codeFrame(
  lines: readonly string[],
  d: Diagnostic,
  paint: (style: Style, s: string) => string
): string[] {
  const source = lines[d.line - 1]
  if (source === undefined) return []
  // Column and endColumn count UTF-16 code units from 1; endColumn is exclusive.
  const startIdx = Math.min(Math.max(0, d.column - 1), source.length)
  const endIdx =
    d.endLine === d.line
      ? Math.min(Math.max(startIdx + 1, d.endColumn - 1), source.length)
      : source.length
  let from = 0
  if (source.length > MAX_FRAME_CHARS && startIdx > FRAME_LEAD) from = startIdx - FRAME_LEAD
  const to = Math.min(source.length, from + MAX_FRAME_CHARS)
  const shown = source.slice(from, to)
  const lead = from > 0 ? '…' : ''
  const trail = to < source.length ? '…' : ''
  // The marker mirrors tabs so it lines up with the source whatever the tab width.
  const pad = [...clean(source.slice(from, startIdx))]
    .map((c) => (c === '\t' ? '\t' : ' '))
    .join('')
  const width = Math.max(1, [...clean(source.slice(startIdx, Math.min(endIdx, to)))].length)
  const gutter = String(d.line)
  const empty = ' '.repeat(gutter.length)
  return [
    `    ${paint('dim', `${gutter} |`)} ${lead}${clean(shown)}${trail}`,
    `    ${paint('dim', `${empty} |`)} ${lead ? ' ' : ''}${pad}${paint(d.severity === 'error' ? 'red' : 'yellow', '^'.repeat(width))}`
  ]
}

function totals(
  diagnostics: readonly Diagnostic[],
  paint: (style: Style, s: string) => string
): string {
  const c = { error: 0, warning: 0, notice: 0 }
  let pre = 0
  for (const d of diagnostics) {
    c[d.severity]++
    if (d.preExisting) pre++
  }
  if (diagnostics.length === 0) return paint('green', '✔ No problems')
  const detail = `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.notice, 'notice')}`
  const line = `✖ ${plural(diagnostics.length, 'problem')} (${detail})${pre > 0 ? `, ${pre} pre-existing` : ''}`
  return paint(c.error > 0 ? 'red' : 'yellow', line)
}
