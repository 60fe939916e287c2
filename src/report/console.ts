import { compareDiagnostics, type Diagnostic, type Severity } from '../core/diagnostic.js'
import { compareText } from '../core/compare-text.js'
import { escapeControlChars, neutraliseWorkflowCommands, splitLines } from './escape.js'
import { plural } from './priority.js'
import { sourceFrame } from './source-frame.js'
import { painter, type Tint } from './paint.js'

export interface ConsoleOptions {
  /** Plain ANSI colours; off for files and logs that do not render them. */
  readonly color: boolean
}

type Style = Tint

const SEVERITY_STYLE: Readonly<Record<Severity, Style>> = {
  error: 'red',
  warning: 'yellow',
  notice: 'cyan'
}

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
  const paint = painter(opts.color)
  const byFile = new Map<string, Diagnostic[]>()
  for (const d of diagnostics) {
    const list = byFile.get(d.file)
    if (list) list.push(d)
    else byFile.set(d.file, [d])
  }

  const out: string[] = []
  const lineCache = new Map<string, string[]>()
  for (const [file, list] of [...byFile].sort(([a], [b]) => compareText(a, b))) {
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
  const caret = d.severity === 'error' ? 'red' : 'yellow'
  return sourceFrame(lines, d).map((row) =>
    row.kind === 'source'
      ? `    ${paint('dim', `${row.gutter} |`)} ${row.text}`
      : `    ${paint('dim', `${row.gutter} |`)} ${row.pad}${paint(caret, '^'.repeat(row.width))}`
  )
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
