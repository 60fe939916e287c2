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
 * Line starts as PyYAML's reader counts lines: the editor's (`\n`; the text is already
 * universal-newline decoded, no `\r`) merged with those after each NEL, LS and PS (U+0085,
 * U+2028, U+2029), from the offsets the loader has already found. Both lists are ascending.
 */
export function pyYamlLineStarts(starts: readonly number[], breaks: readonly number[]): number[] {
  const out: number[] = []
  let i = 0
  let j = 0
  while (i < starts.length || j < breaks.length) {
    const b = j < breaks.length ? breaks[j]! + 1 : Infinity
    if (i < starts.length && starts[i]! <= b) out.push(starts[i++]!)
    else {
      out.push(b)
      j++
    }
  }
  return out
}
