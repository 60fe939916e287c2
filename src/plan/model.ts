/**
 * What Anomstack will build in Dagster from one metrics tree: per batch, its jobs and schedules
 * (crons, default statuses) and which parts are disabled. Pure: the tree is already in memory,
 * and the model is derived from `validateTree`'s result (its merged views and dependency graph).
 */
import type { FileTree } from '../core/tree.js'
import type { BatchView } from '../config/model.js'
import { validateTree, type ValidateOptions, type ValidationResult } from '../validate.js'
import { loadedBatches } from '../rules/dagster/batches.js'
import { compareText } from '../core/compare-text.js'
import { globalJobsOf, sensorsOf, type PlanEnv, type PlannedGlobalJob } from './global-jobs.js'

export type { GlobalJobVariant, PlanEnv, PlannedGlobalJob } from './global-jobs.js'
import {
  batchPartFlags,
  DAGSTER_PARTS,
  expectedDagsterObjects,
  type DagsterPart,
  type ScheduleStatus
} from '../dagster/names.js'

/** One schedule Anomstack defines, with the part (job family) it belongs to. */
export interface PlannedSchedule {
  readonly name: string
  readonly job: string
  readonly part: DagsterPart
  /** As written: a string, a list of strings, or undefined when it is neither (validation reports that). */
  readonly cron: string | readonly string[] | undefined
  readonly defaultStatus: ScheduleStatus
}

/** One metric batch as the code location will hold it. */
export interface PlannedBatch {
  /** `metric_batch`. */
  readonly name: string
  /** Repository-relative path of the file that defines it (the winning file when duplicated). */
  readonly file: string
  /** False when a truthy `disable_batch` makes get_specs skip it: it then creates nothing. */
  readonly enabled: boolean
  /** Parts whose `disable_*` flag is truthy: Anomstack builds a `<batch>_<part>_disabled` dummy job instead. */
  readonly disabledParts: readonly DagsterPart[]
  /** Job names, in part order (empty when the batch is disabled). */
  readonly jobs: readonly string[]
  /** Schedules, in part order (empty when the batch is disabled). */
  readonly schedules: readonly PlannedSchedule[]
  /** Other files the batch reads: defaults.yaml and every file it includes (sorted). */
  readonly dependsOn: readonly string[]
}

/** What one tree makes Anomstack create. */
export interface PlanModel {
  /** Repository-relative POSIX path of the metrics folder. */
  readonly metricsDir: string
  readonly defaultsPath: string
  /** Sorted by name. Names are unique (a repeated `metric_batch` keeps the last file, like get_specs). */
  readonly batches: readonly PlannedBatch[]
  /**
   * `.yaml` batch files left out because they do not parse to a mapping with a string
   * `metric_batch` (validation reports why; such a file stops the whole code location loading).
   */
  readonly unreadableFiles: readonly string[]
  /**
   * Jobs defined once for the whole location: the summary job (from whichever batch Anomstack
   * reads first, so never attributed to one batch), cleanup_disk_space, retention_cleanup and,
   * when the environment enables it, config_reload.
   */
  readonly globalJobs: readonly PlannedGlobalJob[]
  /** Sensor names, sorted. */
  readonly sensors: readonly string[]
}

/** Computes what Anomstack will create from `tree` (see {@link PlanModel}). */
export function planModelOf(
  tree: FileTree,
  options: ValidateOptions = {},
  env?: PlanEnv
): PlanModel {
  const result = validateTree(tree, options)
  return planModelFromResult(result, env ?? planEnvOf(result))
}

/**
 * The plan model of an already validated tree: the merged batch views and dependency graph
 * `validateTree` built, so nothing is read or parsed twice.
 */
export function planModelFromResult(
  result: ValidationResult,
  env: PlanEnv = planEnvOf(result)
): PlanModel {
  const metricsDir = result.defaultsPath.replace(/\/defaults\/defaults\.yaml$/, '')
  const views = result.views.filter((v) => v.name !== undefined)
  const dependsOnByFile = new Map(
    result.batches.map((b) => [b.file, [...new Set(b.dependsOn)].sort()])
  )
  const dependsOn = (view: BatchView): string[] => dependsOnByFile.get(view.doc.path) ?? []
  const viewFiles = new Set(views.map((v) => v.doc.path))
  const unreadable = [...result.texts.keys()]
    .filter((p) => p !== result.defaultsPath && p.endsWith('.yaml') && !viewFiles.has(p))
    .sort()

  const viewByFile = new Map(views.map((v) => [v.doc.path, v]))
  const batches = new Map<string, PlannedBatch>()
  for (const objects of expectedDagsterObjects(views)) {
    const view = viewByFile.get(objects.file)
    if (!view) continue
    const flags = batchPartFlags(view)
    const schedules: readonly PlannedSchedule[] = objects.schedules
    batches.set(objects.batch, {
      name: objects.batch,
      file: objects.file,
      enabled: true,
      disabledParts: schedules.map((s) => s.part).filter((p) => flags[p]),
      // The objects' own arrays (shared by base and head for an unchanged view), not copies:
      // computePlan tells an untouched batch by their identity.
      jobs: objects.jobs,
      schedules,
      dependsOn: dependsOn(view)
    })
  }
  // get_specs returns before storing a disabled batch, so it never shadows an enabled namesake.
  for (const view of views) {
    if (view.enabled || view.name === undefined || batches.get(view.name)?.enabled) continue
    const flags = batchPartFlags(view)
    batches.set(view.name, {
      name: view.name,
      file: view.doc.path,
      enabled: false,
      disabledParts: DAGSTER_PARTS.filter((p) => p !== 'summary' && flags[p]),
      jobs: [],
      schedules: [],
      dependsOn: dependsOn(view)
    })
  }
  return {
    metricsDir,
    defaultsPath: result.defaultsPath,
    batches: [...batches.values()].sort((a, b) => compareText(a.name, b.name)),
    unreadableFiles: unreadable,
    globalJobs: globalJobsOf(loadedBatches(result.views), env),
    sensors: sensorsOf(env)
  }
}

/** The environment the validation ran with (the env file's variables), as the plan reads it. */
export function planEnvOf(result: ValidationResult): PlanEnv {
  const out: Record<string, string> = {}
  for (const v of result.env?.vars.values() ?? []) out[v.name] = v.value
  return out
}
