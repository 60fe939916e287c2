/**
 * Diagnostics are plain data. Everything that finds a problem produces these; every reporter
 * (annotations, job summary, console, JSON, SARIF) only renders them.
 */
export type Severity = 'error' | 'warning' | 'notice'

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, notice: 1 }

export interface Diagnostic {
  /** Stable id, `area/name` (for example `schedule/cron-invalid`). Renaming one is a breaking change. */
  readonly ruleId: string
  readonly severity: Severity
  /** Repository-relative POSIX path. */
  readonly file: string
  /** 1-based. */
  readonly line: number
  /** 1-based. */
  readonly column: number
  readonly endLine: number
  readonly endColumn: number
  /** One sentence: what is wrong and what Anomstack/Dagster will do with it. */
  readonly message: string
  /** How to fix it. */
  readonly hint?: string
  /** The metric batch this is about, when there is one. */
  readonly batch?: string
  /** Set by change analysis: the problem already existed on the base commit in untouched lines. */
  readonly preExisting?: boolean
  /**
   * Set with `preExisting` when the problem is an error on the base commit, shown as a warning
   * because this change did not introduce it: the live code location may be broken by it.
   */
  readonly downgradedFrom?: 'error'
}

/** Zero-based offsets `[start, end)` into a file's normalised text. */
export interface Span {
  readonly start: number
  readonly end: number
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  )
}

export interface SeverityCounts {
  error: number
  warning: number
  notice: number
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, notice: 0 }
  for (const d of diagnostics) counts[d.severity]++
  return counts
}
