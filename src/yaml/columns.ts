/**
 * Offsets → line/column the way PyYAML's marks count them: columns in code points (an emoji is
 * one column, not two UTF-16 units), and a U+FEFF does not advance the column (Reader.forward).
 * Consecutive lookups on one line continue from the previous one, so many problems on one long
 * line stay linear.
 */
import type { Position, Range } from '../core/positions.js'

export class CodePointColumns {
  private lastLine = -1
  private lastOffset = 0
  private lastColumn = 0

  constructor(
    private readonly text: string,
    private readonly starts: readonly number[]
  ) {}

  position(offset: number): Position {
    const line = this.lineIndex(offset)
    const lineStart = this.starts[line]!
    let from = lineStart
    let column = 0
    if (line === this.lastLine && offset >= this.lastOffset) {
      from = this.lastOffset
      column = this.lastColumn
    }
    for (let i = from; i < offset; i++) {
      const c = this.text.charCodeAt(i)
      // A low surrogate completes the pair counted at its high surrogate; BOMs count nothing.
      if (
        (c >= 0xdc00 && c <= 0xdfff && i > lineStart && isHigh(this.text.charCodeAt(i - 1))) ||
        c === 0xfeff
      )
        continue
      column++
    }
    this.lastLine = line
    this.lastOffset = offset
    this.lastColumn = column
    return { line: line + 1, column: column + 1 }
  }

  range(start: number, end: number): Range {
    const a = this.position(start)
    const b = this.position(Math.max(start, end))
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column }
  }

  private lineIndex(offset: number): number {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return lo
  }
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff
}

/**
 * Line starts as PyYAML's reader counts lines: after `\n` and after NEL, LS and PS (U+0085,
 * U+2028, U+2029). The text is already universal-newline decoded (no `\r`).
 */
export function pyYamlLineStarts(text: string): number[] {
  const starts = [0]
  const re = /[\n\u0085\u2028\u2029]/g
  for (let m = re.exec(text); m !== null; m = re.exec(text)) starts.push(m.index + 1)
  return starts
}
