/**
 * The action's edge for the plan: reads the base tree from git and the head tree from the working
 * tree, computes the plan and renders it for the job summary, the PR comment and the log.
 */
import type { FileTree } from '../core/tree.js'
import type { ChangedFile } from '../changes/changed-file.js'
import { readMetricsTree } from '../config/read-tree.js'
import { readTreeAtRevision } from '../action/base-tree.js'
import { planModelFromResult } from './model.js'
import { validateTree, type ValidationResult } from '../validate.js'
import { changedFilesBetween } from './tree-diff.js'
import { computePlan, isEmpty, type Plan } from './compute-plan.js'
import { renderPlanComment, renderPlanMarkdown, renderPlanText } from './render-plan.js'

export interface PlanSectionInput {
  /** The repository root (the workspace; the working tree holds head). */
  readonly cwd: string
  /** Repository-relative metrics folder, e.g. `metrics`. */
  readonly metricsDir: string
  /** Base commit SHA; undefined when there is none (then only head's inventory is shown). */
  readonly base: string | undefined
  /**
   * Files changed between base and head (`git diff --name-status`), to find the batches a changed
   * defaults.yaml or include affects. Undefined: derived by comparing the two trees' bytes.
   */
  readonly changes?: readonly ChangedFile[]
  readonly maxBytes: number
  /** Head's tree when the caller already read it (saves a second walk). */
  readonly headTree?: FileTree
  /** Byte budget of the Markdown (the job summary section and the PR comment). Default 60,000. */
  readonly budgetBytes?: number
}

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
  /** Why the base could not be read (the plan then shows head only). */
  readonly baseError?: string
}

/** Builds the plan section from trees on disk and in git. Throws only when head cannot be read. */
export async function buildPlanSection(input: PlanSectionInput): Promise<PlanSection> {
  const headTree =
    input.headTree ??
    (await readMetricsTree(input.cwd, input.metricsDir, { maxBytes: input.maxBytes }))
  let baseTree: FileTree | undefined
  let baseError: string | undefined
  if (input.base !== undefined) {
    try {
      baseTree = await readTreeAtRevision(input.cwd, input.base, input.metricsDir, input.maxBytes)
    } catch (e: unknown) {
      baseError = e instanceof Error ? e.message : String(e)
    }
  }
  const load = { maxBytes: input.maxBytes }
  const section = planSectionFromResults({
    base: baseTree && validateTree(baseTree, load),
    head: validateTree(headTree, load),
    changes: baseTree ? (input.changes ?? changedFilesBetween(baseTree, headTree)) : undefined,
    ...(input.budgetBytes !== undefined ? { budgetBytes: input.budgetBytes } : {})
  })
  return { ...section, ...(baseError !== undefined ? { baseError } : {}) }
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
