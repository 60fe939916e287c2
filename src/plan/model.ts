/**
 * What Anomstack will build in Dagster from one metrics tree: per batch, its jobs and schedules
 * (crons, default statuses) and which parts are disabled. Pure: the tree is already in memory.
 */
import type { FileTree } from '../core/tree.js'
import type { BatchView, SourceDoc } from '../config/model.js'
import { buildBatchView } from '../config/batch-view.js'
import { classifyTree } from '../config/classify-files.js'
import { includeClosure } from '../config/includes.js'
import { loadYaml } from '../yaml/load.js'
import type { LoadOptions } from '../yaml/types.js'
import { renderedTexts, MAX_INCLUDE_DEPTH } from '../rules/include/graph.js'
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
}

const decoder = new TextDecoder('utf-8', { fatal: true })

function decode(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes)
  } catch {
    return undefined
  }
}

function loadDoc(path: string, bytes: Uint8Array, options: LoadOptions): SourceDoc | undefined {
  const load = loadYaml(bytes, options)
  if (load.failed || !load.root || load.root.kind !== 'map') return undefined
  return { path, load, root: load.root }
}

/**
 * The merged batch views of a tree, built exactly as `validateTree` builds them (same classifier,
 * loader and merge), plus the files that could not become a view.
 */
export function loadBatchViews(
  tree: FileTree,
  options: LoadOptions = {}
): { views: BatchView[]; unreadable: string[]; fileText: (path: string) => string | undefined; defaultsPath: string } {
  const classes = classifyTree(tree)
  const defaults = classes.defaults && loadDoc(classes.defaults.path, classes.defaults.bytes, options)
  const views: BatchView[] = []
  const unreadable: string[] = []
  for (const f of classes.batchFiles) {
    const doc = loadDoc(f.path, f.bytes, options)
    const view = doc && buildBatchView(doc, defaults)
    if (view?.name === undefined) unreadable.push(f.path)
    else views.push(view)
  }
  const texts = new Map<string, string | undefined>()
  const fileText = (path: string): string | undefined => {
    if (!texts.has(path)) {
      const bytes = classes.otherFiles.get(path)
      texts.set(path, bytes && decode(bytes))
    }
    return texts.get(path)
  }
  return { views, unreadable, fileText, defaultsPath: classes.defaultsPath }
}

/** Computes what Anomstack will create from `tree` (see {@link PlanModel}). */
export function planModelOf(tree: FileTree, options: LoadOptions = {}): PlanModel {
  const { views, unreadable, fileText, defaultsPath } = loadBatchViews(tree, options)
  const dependsOn = (view: BatchView): string[] =>
    [
      ...new Set([
        defaultsPath,
        ...includeClosure(tree.metricsDir, renderedTexts(view), fileText, MAX_INCLUDE_DEPTH)
      ])
    ].sort()

  const viewByFile = new Map(views.map((v) => [v.doc.path, v]))
  const batches = new Map<string, PlannedBatch>()
  for (const objects of expectedDagsterObjects(views)) {
    const view = viewByFile.get(objects.file)
    if (!view) continue
    const flags = batchPartFlags(view)
    // Jobs and schedules come in DAGSTER_PARTS order (summary, last, only for the first batch).
    const schedules = objects.schedules.map(
      (s, i): PlannedSchedule => ({ ...s, part: DAGSTER_PARTS[i] ?? 'summary' })
    )
    batches.set(objects.batch, {
      name: objects.batch,
      file: objects.file,
      enabled: true,
      disabledParts: schedules.map((s) => s.part).filter((p) => flags[p]),
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
    metricsDir: tree.metricsDir,
    defaultsPath,
    batches: [...batches.values()].sort((a, b) => compareText(a.name, b.name)),
    unreadableFiles: unreadable
  }
}

/** Code-unit order: the same on every machine, whatever the locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
