import * as core from './workflow-commands.js'
import { planSectionFromResults, type PlanSection } from '../plan/section.js'
import { PLAN_MARKER } from '../plan/render-plan.js'
import { emitLog } from '../report/emit.js'
import { postPlanComment } from './pr-comment.js'
import { logLine, notice, warning, writeStdout } from './output.js'
import type { Analysis } from './analyse.js'
import type { RunContext } from './context.js'
import type { Inputs } from './inputs.js'

/** The plan: what this change does to Dagster. Logged, returned for the summary, maybe commented. */
export async function planStep(inputs: Inputs, ctx: RunContext, a: Analysis): Promise<PlanSection> {
  const section = planSectionFromResults({
    base: a.base,
    head: a.head,
    changes: a.changes.all ? undefined : a.changes.files
  })
  core.startGroup('Plan: what this change does in Dagster')
  emitLog(section.text, writeStdout)
  core.endGroup()
  if (inputs.comment && ctx.eventName === 'pull_request') await comment(inputs, ctx, a, section)
  return section
}

async function comment(
  inputs: Inputs,
  ctx: RunContext,
  a: Analysis,
  section: PlanSection
): Promise<void> {
  const pr = ctx.payload['pull_request']
  const number = pr && typeof pr === 'object' && 'number' in pr ? Number(pr.number) : NaN
  // With a known diff that touches nothing under metrics/, the plan is empty even though no base
  // was validated; otherwise only a compared plan may replace (or delete) the comment.
  const nothingChanged = !a.changes.all && a.metricsChanges.length === 0
  if (!ctx.repository || !Number.isInteger(number) || !inputs.githubToken) {
    notice('The plan comment needs the pull request number and a github-token; skipped.')
    return
  }
  if (!section.plan.compared && !nothingChanged) {
    notice('The base commit could not be validated, so the plan comment was left as it was.')
    return
  }
  const result = await postPlanComment({
    token: inputs.githubToken,
    owner: ctx.repository.owner,
    repo: ctx.repository.repo,
    issueNumber: number,
    body: section.plan.compared ? section.commentBody : undefined,
    marker: PLAN_MARKER,
    ...(process.env['GITHUB_API_URL'] ? { baseUrl: process.env['GITHUB_API_URL'] } : {})
  })
  if (result.status === 'skipped') {
    notice(
      `Plan comment skipped: ${result.reason} (a fork pull request's token cannot comment; give the job pull-requests: write to enable it).`
    )
  } else if (result.status === 'failed') {
    warning(`Plan comment failed: ${result.reason}`)
  } else {
    logLine(`Plan comment: ${result.status}`)
  }
}
