import { decideVerdict } from '../core/verdict.js'
import { getInputs } from './inputs.js'
import { readRunContext } from './context.js'
import { analyse } from './analyse.js'
import { decideReload } from './decide-reload.js'
import { publish, type ReloadPublication } from './publish.js'
import { planStep } from './plan-step.js'
import { fail, logLine } from './output.js'

/**
 * The action: inputs → what changed → validate → (maybe) reload and verify → report.
 * The only place that catches: any internal failure becomes one clear error and exit 1.
 */
export async function run(): Promise<void> {
  try {
    const inputs = getInputs()
    const ctx = readRunContext()
    const analysis = await analyse(inputs, ctx)
    const plan = await planStep(inputs, ctx, analysis)
    // Decided once: the reload gate, the outputs, the headline and the exit code all read it.
    const verdict = decideVerdict(analysis.diagnostics, inputs.failOn)
    const gate = decideReload(
      inputs,
      { name: ctx.eventName, ref: ctx.ref, defaultBranch: ctx.defaultBranch },
      {
        reloadAllowed: verdict.reloadAllowed,
        metricsChanged: analysis.classification.metricsChanged,
        diffUnknown: analysis.changes.all
      }
    )
    logLine(gate.reload ? `Reloading Dagster: ${gate.reason}.` : `Not reloading: ${gate.reason}.`)
    let reload: ReloadPublication | undefined
    if (gate.reload) {
      // The Dagster client (graphql-request, graphql) is a separate chunk, loaded only to reload.
      const { reloadStep } = await import('./reload-step.js')
      reload = await reloadStep(inputs, analysis, plan.plan)
    }
    await publish(analysis, ctx, verdict, {
      reload,
      ...(gate.reload ? {} : { skippedReload: gate.reason }),
      reloadConfigured: inputs.dagsterUrl !== '',
      plan
    })
    if (!verdict.passed)
      fail(
        verdict.valid
          ? `The metrics configuration has warnings, and fail-on is ${verdict.failOn} (see the annotations and the job summary).`
          : 'The metrics configuration has errors that block this change (see the annotations and the job summary).'
      )
    else if (reload && !reload.reloaded)
      fail(`The Dagster reload failed: ${reload.failure ?? 'see the job summary'}`)
  } catch (e: unknown) {
    fail(`anomstack-hot-reload failed: ${e instanceof Error ? e.message : String(e)}`)
  }
}
