import * as core from '@actions/core'
import { decideVerdict } from '../core/verdict.js'
import { neutraliseWorkflowCommands } from '../report/escape.js'
import { getInputs } from './inputs.js'
import { readRunContext } from './context.js'
import { analyse } from './analyse.js'
import { decideReload } from './decide-reload.js'
import { publish, type ReloadPublication } from './publish.js'
import { reloadStep } from './reload-step.js'
import { planStep } from './plan-step.js'

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
    core.info(gate.reload ? `Reloading Dagster: ${gate.reason}.` : `Not reloading: ${gate.reason}.`)
    let reload: ReloadPublication | undefined
    if (gate.reload) reload = await reloadStep(inputs, analysis, plan.plan)
    await publish(analysis, ctx, verdict, {
      reload,
      ...(gate.reload ? {} : { skippedReload: gate.reason }),
      reloadConfigured: inputs.dagsterUrl !== '',
      plan
    })
    if (!verdict.passed)
      core.setFailed(
        verdict.valid
          ? `The metrics configuration has warnings, and fail-on is ${verdict.failOn} (see the annotations and the job summary).`
          : 'The metrics configuration has errors that block this change (see the annotations and the job summary).'
      )
    else if (reload && !reload.reloaded)
      core.setFailed(
        `The Dagster reload failed: ${neutraliseWorkflowCommands(reload.failure ?? 'see the job summary')}`
      )
  } catch (e: unknown) {
    core.setFailed(`anomstack-hot-reload failed: ${e instanceof Error ? e.message : String(e)}`)
  }
}
