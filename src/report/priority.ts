import { compareDiagnostics, type Diagnostic } from '../core/diagnostic.js'

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
 * The ranking tier of a problem, most important first. One order for the annotations, the
 * job summary and the CLI's `--format github`:
 * 0. new errors (on changed lines before the others, see {@link sortByPriority});
 * 1. pre-existing problems that are errors on the base: downgraded so they do not block, but the
 *    live code location may already be broken by them, so they outrank every warning;
 * 2. new warnings; 3. pre-existing warnings; 4. new notices; 5. pre-existing notices.
 * The runner caps each annotation level separately, so within the warning level the downgraded
 * errors take the first slots.
 */
export function tierOf(d: Diagnostic): number {
  if (d.severity === 'error') return 0
  if (d.downgradedFrom === 'error') return 1
  const pre = d.preExisting ? 1 : 0
  return d.severity === 'warning' ? 2 + pre : 4 + pre
}

/**
 * Most important first: {@link tierOf}, then changed lines before other lines, then
 * file/line/column/rule. Returns a new array.
 */
export function sortByPriority(
  diagnostics: readonly Diagnostic[],
  changedLines: ChangedLines | undefined
): Diagnostic[] {
  const keyed = diagnostics.map((d) => ({ d, t: tierOf(d), r: relevanceOf(d, changedLines) }))
  keyed.sort((a, b) => a.t - b.t || a.r - b.r || compareDiagnostics(a.d, b.d))
  return keyed.map((k) => k.d)
}

/** `1 error`, `2 errors`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}
