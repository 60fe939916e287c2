/**
 * The source excerpt under a problem: the offending line (and, on request, a few lines around it)
 * with a caret row under the span. One helper for the CLI's text output and the job summary.
 * Pure; every row is plain text with control characters made visible, for the caller to paint
 * (terminal) or escape (HTML).
 */
import type { Diagnostic } from '../core/diagnostic.js'
import { escapeControlChars } from './escape.js'

/** Widest slice of a source line we show; longer lines are windowed around the column. */
const MAX_FRAME_CHARS = 160
const FRAME_LEAD = 60

export interface SourceRow {
  readonly kind: 'source'
  /** The 1-based line number, right-aligned to the widest one shown. */
  readonly gutter: string
  /** The (windowed) line, `…` where it was cut. */
  readonly text: string
  /** True on the line the problem starts on. */
  readonly flagged: boolean
}

export interface MarkerRow {
  readonly kind: 'marker'
  /** Blanks as wide as the gutter. */
  readonly gutter: string
  /** Whitespace up to the span (tabs kept, so it lines up whatever the tab width). */
  readonly pad: string
  /** How many carets: the span's width on its first line, at least 1. */
  readonly width: number
}

export type FrameRow = SourceRow | MarkerRow

/**
 * The frame of `d` in `lines` (the file split on `\n`, without line ends): `context` lines
 * before, the flagged line, the caret row, `context` lines after. Empty when the line does not
 * exist. Linear in the lines shown.
 */
export function sourceFrame(lines: readonly string[], d: Diagnostic, context = 0): FrameRow[] {
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
  const window = (text: string): string => {
    const to = Math.min(text.length, from + MAX_FRAME_CHARS)
    const lead = from > 0 ? '…' : ''
    const trail = to < text.length ? '…' : ''
    return `${lead}${escapeControlChars(text.slice(from, to))}${trail}`
  }
  const first = Math.max(1, d.line - context)
  const last = Math.min(lines.length, d.line + context)
  const width = String(last).length
  const rows: FrameRow[] = []
  for (let n = first; n <= last; n++) {
    const text = lines[n - 1] ?? ''
    // A trailing empty line after the last newline is not a line of the file.
    if (n !== d.line && n === lines.length && text === '') continue
    rows.push({
      kind: 'source',
      gutter: String(n).padStart(width),
      text: window(text),
      flagged: n === d.line
    })
    if (n !== d.line) continue
    const to = Math.min(source.length, from + MAX_FRAME_CHARS)
    const pad = [...escapeControlChars(source.slice(from, startIdx))]
      .map((c) => (c === '\t' ? '\t' : ' '))
      .join('')
    rows.push({
      kind: 'marker',
      gutter: ' '.repeat(width),
      pad: `${from > 0 ? ' ' : ''}${pad}`,
      width: Math.max(
        1,
        [...escapeControlChars(source.slice(startIdx, Math.min(endIdx, to)))].length
      )
    })
  }
  return rows
}
