import { reloadDecision } from '../changes/event-range.js'
import type { Inputs } from './inputs.js'

export interface ReloadGate {
  readonly reload: boolean
  /** Why not, for the log and the summary. */
  readonly reason: string
}

/**
 * Whether to contact Dagster at all. Order matters: a run without a URL or with a failing
 * validation never touches the network, and pull-request-like events never reload.
 */
export function decideReload(
  inputs: Inputs,
  event: { name: string; ref: string | undefined; defaultBranch: string | undefined },
  state: { validationFailed: boolean; metricsChanged: boolean; diffUnknown: boolean }
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
  if (state.validationFailed) return { reload: false, reason: 'the validation failed' }
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
