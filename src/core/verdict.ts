import type { Diagnostic } from './diagnostic.js'

export type FailOn = 'error' | 'warning' | 'never'

/** True when the diagnostics fail the run under `failOn`. */
export function fails(diagnostics: readonly Diagnostic[], failOn: FailOn): boolean {
  if (failOn === 'never') return false
  return diagnostics.some(
    (d) => d.severity === 'error' || (failOn === 'warning' && d.severity === 'warning')
  )
}

/** The verdict line of reports: failed, passed with warnings, or passed. */
export function verdictOf(
  diagnostics: readonly Diagnostic[],
  failOn: FailOn
): 'passed' | 'failed' | 'passed-with-warnings' {
  if (fails(diagnostics, failOn)) return 'failed'
  return diagnostics.some((d) => d.severity !== 'notice') ? 'passed-with-warnings' : 'passed'
}
