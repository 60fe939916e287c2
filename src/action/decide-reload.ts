import { reloadDecision } from '../changes/event-range.js'
import type { Inputs } from './inputs.js'

export interface ReloadGate {
  readonly reload: boolean
  /** Why not, for the log and the summary. */
  readonly reason: string
}

/** Why the gate stays shut when the tree has errors; the summary headline keys on it. */
export const BLOCKED_BY_ERRORS = 'the configuration has errors this change introduced'

/**
 * Whether to contact Dagster at all. Order matters: a run without a URL or with errors never
 * touches the network, and pull-request-like events never reload. `fail-on` plays no part:
 * only the verdict's `reloadAllowed` (no error introduced by this change) opens the gate.
 */
export function decideReload(
  inputs: Inputs,
  event: { name: string; ref: string | undefined; defaultBranch: string | undefined },
  state: { reloadAllowed: boolean; metricsChanged: boolean; diffUnknown: boolean }
): ReloadGate {
  if (inputs.mode === 'validate') return { reload: false, reason: 'mode is validate' }
  if (!inputs.dagsterUrl) return { reload: false, reason: 'no dagster-url is set (validate only)' }
  const d = reloadDecision(
    event.name,
    event.ref,
    event.defaultBranch,
    inputs.mode === 'reload' ? 'always' : 'auto'
  )
  if (!d.reload) return { reload: false, reason: d.reason }
  if (!state.reloadAllowed) return { reload: false, reason: BLOCKED_BY_ERRORS }
  if (
    inputs.mode === 'auto' &&
    event.name === 'push' &&
    !state.metricsChanged &&
    !state.diffUnknown
  ) {
    return { reload: false, reason: `nothing under ${inputs.metricsPath} changed` }
  }
  return { reload: true, reason: d.reason }
}
