/**
 * The Dagster definitions Anomstack generates per metric batch (anomstack/jobs/*.py), so that
 * name collisions can be found before Dagster rejects the whole code location, and so that a
 * reload can be checked against what should have been loaded.
 */
import type { BatchView } from '../config/model.js'
import { pyTruthy } from '../config/truthy.js'
import type { YNode } from '../yaml/node.js'

/** One Anomstack job family. `alerts` is the anomaly-alert job (`disable_alerts`, plural). */
export type DagsterPart =
  'ingest' | 'train' | 'score' | 'alerts' | 'change' | 'llmalert' | 'plot' | 'delete' | 'summary'

export const DAGSTER_PARTS: readonly DagsterPart[] = [
  'ingest',
  'train',
  'score',
  'alerts',
  'change',
  'llmalert',
  'plot',
  'delete',
  'summary'
]

/** Which parts are disabled (true = the `disable_*` flag is truthy in the merged config). */
export type PartFlags = Readonly<Record<DagsterPart, boolean>>

export type GeneratedKind = 'job' | 'op' | 'graph' | 'schedule' | 'asset' | 'sensor'

export interface GeneratedName {
  readonly name: string
  readonly kind: GeneratedKind
  readonly part: DagsterPart | 'fixed'
}

/** The flag each part reads. `disable_alert` (singular, shipped in defaults.yaml) is read by nothing. */
export const DISABLE_KEY: Readonly<Record<DagsterPart, string>> = {
  ingest: 'disable_ingest',
  train: 'disable_train',
  score: 'disable_score',
  alerts: 'disable_alerts',
  change: 'disable_change',
  llmalert: 'disable_llmalert',
  plot: 'disable_plot',
  delete: 'disable_delete',
  summary: 'disable_summary'
}

/** The config-key prefix of each part's `<prefix>_cron_schedule` / `<prefix>_default_schedule_status`. */
export const SCHEDULE_PREFIX: Readonly<Record<DagsterPart, string>> = {
  ingest: 'ingest',
  train: 'train',
  score: 'score',
  alerts: 'alert',
  change: 'change',
  llmalert: 'llmalert',
  plot: 'plot',
  delete: 'delete',
  summary: 'summary'
}

function keysByPart(suffix: string): Readonly<Record<DagsterPart, string>> {
  const out = {} as Record<DagsterPart, string>
  for (const part of DAGSTER_PARTS) out[part] = `${SCHEDULE_PREFIX[part]}${suffix}`
  return out
}

// Built once: a key assembled with a template on every look-up is a new string to hash each time
// (rules and the plan ask every view for every part's schedule keys).
/** Each part's `<prefix>_cron_schedule` key. */
export const CRON_KEY: Readonly<Record<DagsterPart, string>> = keysByPart('_cron_schedule')
/** Each part's `<prefix>_default_schedule_status` key. */
export const STATUS_KEY: Readonly<Record<DagsterPart, string>> = keysByPart(
  '_default_schedule_status'
)

interface PartShape {
  readonly job: string
  readonly nodes: readonly { readonly suffix: string; readonly kind: 'op' | 'asset' }[]
  /** The dummy op of the disabled variant: most parts share `B_noop`, which is what collides. */
  readonly noop: string
}

const op = (suffix: string): { suffix: string; kind: 'op' } => ({ suffix, kind: 'op' })

const SHAPES: Readonly<Record<Exclude<DagsterPart, 'summary'>, PartShape>> = {
  ingest: {
    job: 'ingest',
    nodes: [
      op('create_metrics'),
      op('save_metrics'),
      op('detect_threshold_alerts'),
      op('tholdalert_op'),
      op('save_tholdalerts')
    ],
    noop: 'noop'
  },
  train: {
    job: 'train',
    nodes: [op('get_train_data'), op('train_models'), op('save_model')],
    noop: 'noop'
  },
  score: {
    job: 'score',
    nodes: [op('get_score_data'), op('score_op'), op('save_scores')],
    noop: 'noop'
  },
  alerts: {
    job: 'alerts',
    nodes: [op('get_alerts'), op('alerts_op'), op('save_alerts')],
    noop: 'noop'
  },
  change: {
    job: 'change',
    nodes: [
      op('get_change_data'),
      op('detect_changes'),
      op('change_alerts_op'),
      op('save_change_alerts')
    ],
    noop: 'change_noop'
  },
  llmalert: {
    job: 'llmalert_job',
    nodes: [op('get_llmalert_data'), op('llmalert'), op('save_llmalerts')],
    noop: 'noop'
  },
  plot: {
    job: 'plot_job',
    nodes: [op('get_plot_data'), { suffix: 'plot', kind: 'asset' }],
    noop: 'noop'
  },
  delete: { job: 'delete', nodes: [op('delete_old_data')], noop: 'delete_noop' }
}

/** Names every Anomstack code location defines regardless of the batches (config_reload is env-gated). */
export const FIXED_NAMES: readonly GeneratedName[] = [
  { name: 'cleanup_disk_space', kind: 'job', part: 'fixed' },
  { name: 'cleanup_disk_space', kind: 'graph', part: 'fixed' },
  { name: 'report_disk_usage', kind: 'op', part: 'fixed' },
  { name: 'cleanup_old_artifacts', kind: 'op', part: 'fixed' },
  { name: 'cleanup_old_logs', kind: 'op', part: 'fixed' },
  { name: 'cleanup_old_metrics', kind: 'op', part: 'fixed' },
  { name: 'cleanup_disk_space_schedule', kind: 'schedule', part: 'fixed' },
  { name: 'retention_cleanup', kind: 'job', part: 'fixed' },
  { name: 'retention_cleanup', kind: 'graph', part: 'fixed' },
  { name: 'report_retention_config', kind: 'op', part: 'fixed' },
  { name: 'purge_old_runs', kind: 'op', part: 'fixed' },
  { name: 'purge_old_run_files', kind: 'op', part: 'fixed' },
  { name: 'retention_cleanup_schedule', kind: 'schedule', part: 'fixed' },
  { name: 'email_on_run_failure', kind: 'sensor', part: 'fixed' },
  { name: 'kill_long_running_runs', kind: 'sensor', part: 'fixed' }
]

/** The job name a part builds for batch `batch` (the disabled dummy when `disabled`). */
export function jobName(batch: string, part: DagsterPart, disabled: boolean): string {
  if (disabled) return `${batch}_${part}_disabled`
  return part === 'summary' ? 'summary' : `${batch}_${SHAPES[part].job}`
}

/** The op the disabled variant of `part` defines. */
export function noopName(batch: string, part: DagsterPart): string {
  return part === 'summary' ? `${batch}_noop` : `${batch}_${SHAPES[part].noop}`
}

/**
 * Every job, graph, op, asset and schedule name Anomstack defines for one batch. The summary
 * job is built from the first batch only (`isFirstBatch`). A job's graph has the job's name.
 */
export function generatedNames(
  batch: string,
  parts: PartFlags,
  isFirstBatch: boolean
): GeneratedName[] {
  const out: GeneratedName[] = []
  for (const part of DAGSTER_PARTS) {
    if (part === 'summary' && !isFirstBatch) continue
    const disabled = parts[part]
    const job = jobName(batch, part, disabled)
    out.push({ name: job, kind: 'job', part }, { name: job, kind: 'graph', part })
    if (disabled) {
      out.push({ name: noopName(batch, part), kind: 'op', part })
    } else if (part === 'summary') {
      out.push(
        { name: 'get_summary', kind: 'op', part },
        { name: 'send_summary', kind: 'op', part }
      )
    } else {
      for (const n of SHAPES[part].nodes)
        out.push({ name: `${batch}_${n.suffix}`, kind: n.kind, part })
    }
    out.push({ name: `${job}_schedule`, kind: 'schedule', part })
  }
  return out
}

/** Python truthiness of each `disable_*` flag in the merged config (a missing key is falsy). */
export function partFlagsOf(get: (key: string) => YNode | undefined): PartFlags {
  const flags = {} as Record<DagsterPart, boolean>
  for (const part of DAGSTER_PARTS) flags[part] = pyTruthy(get(DISABLE_KEY[part]))
  return flags
}

// Several rules and the plan ask for the same view's flags; views are immutable.
const flagsCache = new WeakMap<BatchView, PartFlags>()

/** {@link partFlagsOf} for a merged batch view. */
export function batchPartFlags(batch: BatchView): PartFlags {
  let flags = flagsCache.get(batch)
  if (!flags) flagsCache.set(batch, (flags = partFlagsOf((key) => batch.get(key)?.entry.value)))
  return flags
}

const VALID_NAME = /^[A-Za-z0-9_]+$/

/** True when Dagster accepts `name` as a job/op name (`check_valid_name`). */
export function isValidDagsterName(name: string): boolean {
  return VALID_NAME.test(name)
}

export type ScheduleStatus = 'RUNNING' | 'STOPPED'

export interface ExpectedSchedule {
  readonly name: string
  readonly job: string
  readonly part: DagsterPart
  /** The cron value as written (a string or a list of strings); undefined when not one of those. */
  readonly cron: string | readonly string[] | undefined
  readonly defaultStatus: ScheduleStatus
}

export interface ExpectedBatchObjects {
  readonly batch: string
  /** Repository-relative path of the file that defines the batch (the last one when duplicated). */
  readonly file: string
  readonly jobs: readonly string[]
  readonly schedules: readonly ExpectedSchedule[]
}

export function cronValue(node: YNode | undefined): string | readonly string[] | undefined {
  if (node?.kind === 'scalar' && node.pyType === 'str') return String(node.value)
  if (node?.kind === 'seq') {
    const items: string[] = []
    for (const item of node.items) {
      if (item.kind !== 'scalar' || item.pyType !== 'str') return undefined
      items.push(String(item.value))
    }
    return items
  }
  return undefined
}

/**
 * The per-batch jobs and schedules a successful load should contain for these batch views (path
 * order), as `get_specs` + anomstack/jobs build them: disabled batches are skipped, a repeated
 * `metric_batch` keeps its first position but the last file's config, and a status other than
 * exactly `RUNNING` means STOPPED. The summary job is not here: it comes from whichever batch
 * Anomstack reads first (os.walk order on the server), so it is a global job with one variant per
 * candidate batch (plan/global-jobs.ts).
 */
export function expectedDagsterObjects(batches: readonly BatchView[]): ExpectedBatchObjects[] {
  const specs = new Map<string, BatchView>()
  for (const b of batches) {
    if (b.isDefaults || !b.enabled || b.name === undefined) continue
    specs.set(b.name, b) // a Python dict keeps the first insertion position on re-assignment
  }
  const out: ExpectedBatchObjects[] = []
  for (const [name, view] of specs) out.push(batchObjectsOf(view, name))
  return out
}

// A view is immutable, and the action's base run reuses head's views for every unchanged batch
// (validate-memo.ts): their objects are built once, and the plan can tell an unchanged batch by
// identity instead of diffing it.
const objectsCache = new WeakMap<BatchView, ExpectedBatchObjects>()

/** The jobs and schedules of one enabled batch view named `name` (its `metric_batch`). */
function batchObjectsOf(view: BatchView, name: string): ExpectedBatchObjects {
  const cached = objectsCache.get(view)
  if (cached?.batch === name) return cached
  const flags = batchPartFlags(view)
  const jobs: string[] = []
  const schedules: ExpectedSchedule[] = []
  for (const part of DAGSTER_PARTS) {
    if (part === 'summary') continue
    const job = jobName(name, part, flags[part])
    const status = view.get(STATUS_KEY[part])?.entry.value
    const running =
      status?.kind === 'scalar' && status.pyType === 'str' && status.value === 'RUNNING'
    jobs.push(job)
    schedules.push({
      name: `${job}_schedule`,
      job,
      part,
      cron: cronValue(view.get(CRON_KEY[part])?.entry.value),
      defaultStatus: running ? 'RUNNING' : 'STOPPED'
    })
  }
  const objects: ExpectedBatchObjects = { batch: name, file: view.doc.path, jobs, schedules }
  objectsCache.set(view, objects)
  return objects
}
