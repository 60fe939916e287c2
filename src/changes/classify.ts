/**
 * What a set of changed files means for Anomstack: which batches to check, whether a reload can
 * apply the change, and which changes need a restart instead. Pure.
 */
import type { ChangedFile } from './changed-file.js'

/** One batch YAML file of a tree, as the validator saw it. */
export interface BatchFileInfo {
  /** `metric_batch`, when it is a string. */
  readonly batch?: string
  /**
   * Repository-relative POSIX paths of every file the batch's *merged* config includes
   * (`{% include %}` targets, including those inherited from defaults.yaml).
   */
  readonly includes: readonly string[]
}

/** The minimal view of a metrics tree that classification needs. */
export interface DependencyGraph {
  /** Keyed by repository-relative POSIX path of each batch `.yaml` file. */
  readonly batchFiles: ReadonlyMap<string, BatchFileInfo>
  /** Repository-relative path of `defaults.yaml` (normally `<metrics>/defaults/defaults.yaml`). */
  readonly defaultsPath: string
}

export interface ClassifyOptions {
  /** The `metrics-path` input. Default `metrics`. */
  readonly metricsPath?: string
  /** The base tree's graph, to name the batches of deleted or renamed-away files. */
  readonly baseGraph?: DependencyGraph
}

export interface Classification {
  /** Anything under the metrics folder changed (any file type). */
  readonly metricsChanged: boolean
  /**
   * A change a reload picks up: a `.yaml` file under the metrics folder was added, changed,
   * renamed or deleted. Included `.sql`/`.py` files are read when a job runs, so editing only
   * those needs no reload.
   */
  readonly reloadRelevant: boolean
  /** Sorted batch names to check. */
  readonly affectedBatches: string[]
  /** Sorted head paths of the batch files behind affectedBatches (and of unnamed batch files). */
  readonly affectedBatchFiles: string[]
  /** Batch files that were deleted, or renamed away from their path. */
  readonly removedBatchFiles: ChangedFile[]
  /** Sorted names of batches that existed on base and no longer exist in head. */
  readonly removedBatches: string[]
  /** Changes a reload cannot apply: the code location must be redeployed or restarted. */
  readonly restartNeeded: ChangedFile[]
  /** `.yml`/`.YAML`-style files under the metrics folder: Anomstack reads only `*.yaml`. */
  readonly ignoredYml: ChangedFile[]
  readonly notes: string[]
}

/** The files a reload cannot apply, by basename. Python package code is deliberately not here. */
export function needsRestart(path: string): boolean {
  const name = basename(path)
  return (
    name === 'workspace.yaml' ||
    name === 'dagster.yaml' ||
    name === 'dagster_cloud.yaml' ||
    (name.startsWith('requirements') && name.endsWith('.txt')) ||
    name === 'pyproject.toml' ||
    name === 'setup.py' ||
    name.startsWith('Dockerfile') ||
    name.startsWith('docker-compose') ||
    name.startsWith('.env')
  )
}

/** A YAML-looking name that Anomstack's loader skips (it matches `.yaml`, case-sensitively). */
export function isIgnoredYamlName(path: string): boolean {
  const lower = path.toLowerCase()
  return (lower.endsWith('.yml') || lower.endsWith('.yaml')) && !path.endsWith('.yaml')
}

/** Classifies changed files against the head tree's dependency graph. */
export function classifyChanges(
  files: readonly ChangedFile[],
  graph: DependencyGraph,
  options: ClassifyOptions = {}
): Classification {
  const metrics = normalise(options.metricsPath ?? 'metrics')
  const under = (p: string): boolean =>
    metrics === '' || p === metrics || p.startsWith(`${metrics}/`)
  const defaultsPath = normalise(graph.defaultsPath)
  const headFiles = normaliseKeys(graph.batchFiles)
  const baseFiles = options.baseGraph ? normaliseKeys(options.baseGraph.batchFiles) : undefined
  const includers = indexIncludes(headFiles)
  const headNames = new Set<string>()
  for (const info of headFiles.values()) if (info.batch !== undefined) headNames.add(info.batch)

  const batches = new Set<string>()
  const batchFiles = new Set<string>()
  const removedBatches = new Set<string>()
  const removedBatchFiles: ChangedFile[] = []
  const restartNeeded: ChangedFile[] = []
  const ignoredYml: ChangedFile[] = []
  const notes: string[] = []
  let metricsChanged = false
  let reloadRelevant = false
  let everyBatch = false

  const addBatchFile = (path: string): void => {
    const info = headFiles.get(path)
    if (info === undefined) return
    batchFiles.add(path)
    if (info.batch !== undefined) batches.add(info.batch)
    else notes.push(`${path} has no string metric_batch; checking the file itself`)
  }
  const addIncluders = (path: string, why: string): void => {
    for (const batchPath of includers.get(path) ?? []) {
      addBatchFile(batchPath)
      if (why) notes.push(`${path} ${why} ${batchPath}`)
    }
  }

  for (const f of files) {
    const head = f.status === 'deleted' ? undefined : normalise(f.path)
    const gone =
      f.status === 'deleted'
        ? normalise(f.path)
        : f.status === 'renamed' && f.previousPath !== undefined
          ? normalise(f.previousPath)
          : undefined
    const touched = [head, gone].filter((p): p is string => p !== undefined)

    if (touched.some(under)) metricsChanged = true
    if (touched.some((p) => under(p) && p.endsWith('.yaml'))) reloadRelevant = true
    if (touched.some((p) => !under(p) && needsRestart(p))) restartNeeded.push(f)
    if (head !== undefined && under(head) && isIgnoredYamlName(head)) ignoredYml.push(f)

    if (head !== undefined) {
      if (head === defaultsPath) everyBatch = true
      else if (headFiles.has(head)) addBatchFile(head)
      else if (under(head) && head.endsWith('.yaml') && basename(head) !== 'defaults.yaml') {
        notes.push(
          `${head} is a .yaml file under ${metrics || 'the root'} but not a known batch file`
        )
      }
      addIncluders(head, '')
    }

    if (gone !== undefined) {
      if (gone === defaultsPath) {
        everyBatch = true
        notes.push(`${gone} (defaults.yaml) was ${f.status === 'deleted' ? 'deleted' : 'moved'}`)
      } else if (isBatchPath(gone, under, baseFiles)) {
        removedBatchFiles.push(f)
        const oldName = baseFiles?.get(gone)?.batch
        if (oldName !== undefined && !headNames.has(oldName)) removedBatches.add(oldName)
        if (baseFiles === undefined) {
          notes.push(`${gone} was ${f.status}; its batch name is unknown without the base tree`)
        }
      }
      // Batches that still include a file that moved or vanished will fail to render.
      addIncluders(gone, 'is gone but still included by')
    }
  }

  if (everyBatch) for (const path of headFiles.keys()) addBatchFile(path)

  return {
    metricsChanged,
    reloadRelevant,
    affectedBatches: [...batches].sort(),
    affectedBatchFiles: [...batchFiles].sort(),
    removedBatchFiles,
    removedBatches: [...removedBatches].sort(),
    restartNeeded,
    ignoredYml,
    notes: [...new Set(notes)]
  }
}

function isBatchPath(
  path: string,
  under: (p: string) => boolean,
  baseFiles: ReadonlyMap<string, BatchFileInfo> | undefined
): boolean {
  if (baseFiles !== undefined) return baseFiles.has(path)
  return under(path) && path.endsWith('.yaml') && basename(path) !== 'defaults.yaml'
}

function normaliseKeys(files: ReadonlyMap<string, BatchFileInfo>): Map<string, BatchFileInfo> {
  return new Map([...files].map(([k, v]): [string, BatchFileInfo] => [normalise(k), v]))
}

function indexIncludes(files: ReadonlyMap<string, BatchFileInfo>): Map<string, string[]> {
  const index = new Map<string, string[]>()
  for (const [batchPath, info] of files) {
    for (const inc of info.includes) {
      const key = normalise(inc)
      const list = index.get(key)
      if (list) list.push(batchPath)
      else index.set(key, [batchPath])
    }
  }
  return index
}

/** An empty or `.` path segment: what {@link normalise} drops. */
const DROPPED_SEGMENT = /(?:^|\/)\.?(?:\/|$)/

/** Repository-relative POSIX form: no `./` prefix, no trailing or doubled slashes. */
function normalise(p: string): string {
  // Nearly every path is already normal (they come from git and the tree reader): no split.
  if (!DROPPED_SEGMENT.test(p)) return p
  const parts = p.split('/').filter((s) => s !== '' && s !== '.')
  return parts.join('/')
}

function basename(p: string): string {
  const i = p.lastIndexOf('/')
  return i < 0 ? p : p.slice(i + 1)
}
