/** Offsets ↔ 1-based line/column, over text whose only line break is `\n`. */
export interface Position {
  readonly line: number
  readonly column: number
}

export interface Range {
  readonly line: number
  readonly column: number
  readonly endLine: number
  readonly endColumn: number
}

/** Offsets at which each line starts; `lineStarts(text)[0] === 0`. */
export function lineStarts(text: string): number[] {
  const starts = [0]
  let i = text.indexOf('\n')
  while (i !== -1) {
    starts.push(i + 1)
    i = text.indexOf('\n', i + 1)
  }
  return starts
}

export function positionAt(starts: readonly number[], offset: number): Position {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= offset) lo = mid
    else hi = mid - 1
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 }
}

export function rangeAt(starts: readonly number[], start: number, end: number): Range {
  const a = positionAt(starts, start)
  const b = positionAt(starts, Math.max(start, end))
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column }
}
