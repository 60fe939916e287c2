import type { Analysis } from './analyse.js'
import type { Inputs } from './inputs.js'
import type { ReloadPublication } from './publish.js'

/** Reloads the Dagster code location(s) and verifies what loaded (wired to src/dagster). */
export async function reloadStep(_inputs: Inputs, _analysis: Analysis): Promise<ReloadPublication> {
  throw new Error('reload is not wired yet')
}
