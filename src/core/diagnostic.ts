/**
 * Diagnostics are plain data. Everything that finds a problem produces these; every reporter
 * (annotations, job summary, console, JSON, SARIF) only renders them.
 */
export type Severity = 'error' | 'warning' | 'notice'

/**
 * What really happens in Anomstack/Dagster when the problem is present, so that reporters and the
 * differential suite against the real code location know which diagnostics claim a load crash.
 *
 * - `load-crash`: importing `anomstack.main` raises, so the whole code location fails to load
 *   (every batch's jobs disappear from Dagster).
 * - `job-fails`: the location loads, but a job of the batch fails when it runs (or does the
 *   wrong thing at run time, e.g. SQL that cannot run).
 * - `latent`: nothing breaks today, but a plausible next edit will (a broken default that every
 *   batch overrides: the next batch without its own value crashes the load).
 * - `ignored`: Anomstack never reads the value or the file; setting it has no effect.
 * - `suspicious`: it works, but probably not as meant (a silent fallback, a fragile spelling).
 * - `not-checked`: we did not (or could not) check the input (too large, unreadable, a bug in a
 *   rule); the run fails closed without claiming what Anomstack does with it.
 */
export type Effect =
  'load-crash' | 'job-fails' | 'latent' | 'ignored' | 'suspicious' | 'not-checked'

export const EFFECTS: readonly Effect[] = [
  'load-crash',
  'job-fails',
  'latent',
  'ignored',
  'suspicious',
  'not-checked'
]

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
  /** What Anomstack does with it (see {@link Effect}); set for every diagnostic validation emits. */
  readonly effect?: Effect
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
