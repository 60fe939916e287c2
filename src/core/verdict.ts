import type { Diagnostic } from './diagnostic.js'

export type FailOn = 'error' | 'warning' | 'never'

/** The verdict line of reports (the JSON report's `verdict`): failed, passed with warnings, or passed. */
export type Outcome = 'passed' | 'failed' | 'passed-with-warnings'

/**
 * What a run's diagnostics mean, decided once and used by the action and the CLI alike.
 *
 * The three answers are deliberately independent:
 * - `valid`: no errors (pre-existing problems are already downgraded to warnings). Drives the
 *   `valid` output and the headline.
 * - `reloadAllowed`: no error this change introduced. The only thing that opens the reload gate;
 *   `fail-on` never does (`fail-on: never` keeps a step green, it does not make a crashing config
 *   loadable).
 * - `passed`: the step (or the CLI's exit code) passes under `fail-on`. Drives the exit code and
 *   the `passed` output, nothing else.
 */
export interface Verdict {
  readonly valid: boolean
  readonly reloadAllowed: boolean
  readonly passed: boolean
  readonly failOn: FailOn
  readonly errors: number
  readonly warnings: number
  readonly notices: number
  /** Problems already on the base commit, in lines the change did not touch. */
  readonly preExisting: number
  /** Of those, the ones that are errors on the base: the live location may be broken by them. */
  readonly preExistingErrors: number
  readonly outcome: Outcome
}

/** Decides the {@link Verdict} of `diagnostics` (after the pre-existing downgrade). Pure, linear. */
export function decideVerdict(diagnostics: readonly Diagnostic[], failOn: FailOn): Verdict {
  let errors = 0
  let warnings = 0
  let notices = 0
  let preExisting = 0
  let preExistingErrors = 0
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++
    else if (d.severity === 'warning') warnings++
    else notices++
    if (d.preExisting) preExisting++
    if (d.downgradedFrom === 'error') preExistingErrors++
  }
  const valid = errors === 0
  const passed = failOn === 'never' || (valid && (failOn === 'error' || warnings === 0))
  return {
    valid,
    // Errors the change did not introduce were downgraded to warnings, so "no error left" is
    // exactly "no error introduced by this change".
    reloadAllowed: valid,
    passed,
    failOn,
    errors,
    warnings,
    notices,
    preExisting,
    preExistingErrors,
    outcome: !valid || !passed ? 'failed' : warnings > 0 ? 'passed-with-warnings' : 'passed'
  }
}
