/**
 * Disagreements between us and the real Anomstack load that are known and not yet fixed
 * (issue 10's rule fixes). Keys: `<kind>:<variant id>` for the default seed; values: why.
 * The differential suite fails when a listed case starts agreeing: delete its line then.
 */
export const EXPECTED_DISAGREEMENTS: Readonly<Record<string, string>> = {}

/** The global definitions the plan model does not list yet, on the unmodified upstream tree. */
export const GLOBAL_INVENTORY_GAP: {
  readonly reason: string
  readonly baseline: readonly string[]
} = {
  reason:
    'issue 10 "Global jobs missing from the plan": cleanup_disk_space, retention_cleanup and the sensors are always defined, but the plan model lists per-batch definitions only',
  baseline: []
}
