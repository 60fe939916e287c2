/**
 * The plan as the action shows it: the job-summary section, the PR comment and the log text,
 * from base and head trees the action has already validated. Pure.
 */
import type { ChangedFile } from '../changes/changed-file.js'
import { planModelFromResult } from './model.js'
import type { ValidationResult } from '../validate.js'
import { computePlan, isEmpty, type Plan } from './compute-plan.js'
import { renderPlanComment, renderPlanMarkdown, renderPlanText } from './render-plan.js'

export interface PlanSection {
  readonly plan: Plan
  /** No change to jobs, schedules or batch configs (or no base to compare with). */
  readonly empty: boolean
  /** For the job summary, a `###` section, placed above the problems. */
  readonly markdown: string
  /** The sticky PR comment (with the hidden marker), or undefined when the plan is empty. */
  readonly commentBody: string | undefined
  /** For the log (workflow commands neutralised, no colour). */
  readonly text: string
}

/**
 * The plan section from trees the caller already validated (the action validates base and head
 * anyway): pure, nothing is read or parsed again.
 */
export function planSectionFromResults(input: {
  readonly base: ValidationResult | undefined
  readonly head: ValidationResult
  readonly changes: readonly ChangedFile[] | undefined
  readonly budgetBytes?: number
}): PlanSection {
  const plan = computePlan(
    input.base && planModelFromResult(input.base),
    planModelFromResult(input.head),
    input.base ? { files: input.changes ?? [] } : undefined
  )
  const empty = !plan.compared || isEmpty(plan)
  const budget = input.budgetBytes !== undefined ? { budgetBytes: input.budgetBytes } : {}
  return {
    plan,
    empty,
    markdown: renderPlanMarkdown(plan, budget),
    commentBody: empty ? undefined : renderPlanComment(plan, budget),
    text: renderPlanText(plan, { color: false })
  }
}
