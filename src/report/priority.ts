import { compareDiagnostics, SEVERITY_RANK, type Diagnostic } from '../core/diagnostic.js'

/** Lines touched by the change under review, per repository-relative file path. */
export type ChangedLines = ReadonlyMap<string, ReadonlySet<number>>

/**
 * How much a problem matters to the person who pushed: 0 = on a line they changed, 1 = elsewhere
 * (new, or no diff information), 2 = already on the base commit in an untouched line.
 */
export type Relevance = 0 | 1 | 2

/** True when any line of the diagnostic's range was changed. */
export function touchesChangedLines(
  d: Diagnostic,
  changedLines: ChangedLines | undefined
): boolean {
  const lines = changedLines?.get(d.file)
  if (!lines || lines.size === 0) return false
  const end = Math.max(d.line, d.endLine)
  // Walk whichever is shorter: the range, or the set of changed lines.
  if (end - d.line + 1 <= lines.size) {
    for (let l = d.line; l <= end; l++) if (lines.has(l)) return true
    return false
  }
  for (const l of lines) if (l >= d.line && l <= end) return true
  return false
}

/** See {@link Relevance}. */
export function relevanceOf(d: Diagnostic, changedLines: ChangedLines | undefined): Relevance {
  if (d.preExisting) return 2
  return touchesChangedLines(d, changedLines) ? 0 : 1
}

/**
 * Most important first: severity, then relevance (changed lines first, pre-existing last), then
 * file/line/column/rule. Returns a new array.
 */
export function sortByPriority(
  diagnostics: readonly Diagnostic[],
  changedLines: ChangedLines | undefined
): Diagnostic[] {
  const keyed = diagnostics.map((d) => ({ d, r: relevanceOf(d, changedLines) }))
  keyed.sort(
    (a, b) =>
      SEVERITY_RANK[b.d.severity] - SEVERITY_RANK[a.d.severity] ||
      a.r - b.r ||
      compareDiagnostics(a.d, b.d)
  )
  return keyed.map((k) => k.d)
}

/** `1 error`, `2 errors`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}
