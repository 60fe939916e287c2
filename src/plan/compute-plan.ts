/**
 * The pull-request plan: what a change does to the Dagster code location, batch by batch. Pure;
 * the same inputs always give the same plan, in the same order.
 */
import type { ChangedFile, ChangeStatus } from '../changes/changed-file.js'
import { describeCron } from '../cron/describe-cron.js'
import { memoByText } from '../config/jinja-scan.js'
import type { DagsterPart, ScheduleStatus } from '../dagster/names.js'
import {
  type GlobalJobVariant,
  type PlanModel,
  type PlannedBatch,
  type PlannedGlobalJob,
  type PlannedSchedule
} from './model.js'
import { compareText } from '../core/compare-text.js'

/** A cron value as text plus its human reading ("every 10 minutes"). */
export interface CronText {
  /** The expression as written; a list is joined with `; `. */
  readonly expression: string
  readonly human: string
}

/** A schedule with its cron spelled out for people. */
export interface ScheduleView extends PlannedSchedule {
  readonly cronText: CronText
}

export interface CronChange {
  readonly part: DagsterPart
  /** The schedule's name in head. */
  readonly schedule: string
  readonly before: CronText
  readonly after: CronText
}

export interface StatusChange {
  readonly part: DagsterPart
  readonly schedule: string
  readonly before: ScheduleStatus
  readonly after: ScheduleStatus
}

/**
 * `renamed`: the same `metric_batch` in another file, or the same file with a new name.
 * `enabled`/`disabled`: `disable_batch` flipped. `changed`: anything else (including only a
 * shared file it reads).
 */
export type BatchChangeKind = 'added' | 'removed' | 'renamed' | 'enabled' | 'disabled' | 'changed'

export interface BatchPlan {
  /** `metric_batch` in head (in base for a removed batch). */
  readonly name: string
  readonly file: string
  readonly kind: BatchChangeKind
  /** For a rename, what it was called on base. */
  readonly previousName?: string
  readonly previousFile?: string
  /** Absent for an added batch. */
  readonly enabledBefore?: boolean
  /** Absent for a removed batch. */
  readonly enabledAfter?: boolean
  readonly jobsCreated: readonly string[]
  readonly jobsRemoved: readonly string[]
  readonly schedulesCreated: readonly ScheduleView[]
  readonly schedulesRemoved: readonly ScheduleView[]
  readonly cronChanges: readonly CronChange[]
  readonly statusChanges: readonly StatusChange[]
  /** Parts whose `disable_*` flag became truthy (both sides enabled). */
  readonly partsDisabled: readonly DagsterPart[]
  readonly partsEnabled: readonly DagsterPart[]
  /** The batch's own YAML file changed. */
  readonly fileChanged: boolean
  /** Changed shared files (defaults.yaml, included files) this batch reads. */
  readonly sharedFiles: readonly string[]
}

/** A changed file that is not a batch file, and every batch it affects. */
export interface SharedFileChange {
  readonly file: string
  readonly status: ChangeStatus
  readonly previousPath?: string
  readonly isDefaults: boolean
  /** Sorted batch names. */
  readonly batches: readonly string[]
}

/** What head will create, per batch, with readable crons. */
export interface InventoryBatch {
  readonly name: string
  readonly file: string
  readonly enabled: boolean
  readonly disabledParts: readonly DagsterPart[]
  readonly jobs: readonly string[]
  readonly schedules: readonly ScheduleView[]
}

export interface Plan {
  /** False when there was no base to compare with: only the inventory is meaningful. */
  readonly compared: boolean
  readonly metricsDir: string
  /** Sorted by name, then file. */
  readonly batches: readonly BatchPlan[]
  /** Sorted by path. */
  readonly sharedFiles: readonly SharedFileChange[]
  /** Head's batches, sorted by name. */
  readonly inventory: readonly InventoryBatch[]
  /** Head batch files left out of the plan (they do not parse; validation says why). */
  readonly unreadableFiles: readonly string[]
  /** Head's location-wide jobs (summary, cleanup, retention, config reload), in model order. */
  readonly globalJobs: readonly GlobalJobView[]
  /** Global jobs whose definition differs between base and head (empty without a base). */
  readonly globalChanges: readonly GlobalJobChange[]
  /** Head's sensors, sorted. */
  readonly sensors: readonly string[]
}

export interface GlobalJobVariantView extends GlobalJobVariant {
  readonly cronText: CronText
}

export interface GlobalJobView extends Omit<PlannedGlobalJob, 'variants'> {
  readonly variants: readonly GlobalJobVariantView[]
}

/** A global job created, removed, or defined differently (cron, status, candidate batches). */
export interface GlobalJobChange {
  readonly name: string
  /** Absent when head creates it. */
  readonly before?: GlobalJobView
  /** Absent when head removes it. */
  readonly after?: GlobalJobView
}

function globalView(j: PlannedGlobalJob): GlobalJobView {
  return { ...j, variants: j.variants.map((v) => ({ ...v, cronText: cronText(v.cron) })) }
}

/**
 * What changed in the global jobs. Variants are compared without their batch lists, so adding
 * a batch that agrees with the others is not a change of the summary job.
 */
function globalChangesOf(base: PlanModel, head: PlanModel): GlobalJobChange[] {
  const shape = (j: PlannedGlobalJob): string =>
    JSON.stringify(
      j.variants.map((v) => [v.job.endsWith('_summary_disabled'), v.cron, v.defaultStatus])
    )
  const before = new Map(base.globalJobs.map((j) => [j.name, j]))
  const after = new Map(head.globalJobs.map((j) => [j.name, j]))
  const out: GlobalJobChange[] = []
  for (const [name, a] of after) {
    const b = before.get(name)
    if (!b) out.push({ name, after: globalView(a) })
    else if (shape(a) !== shape(b)) out.push({ name, before: globalView(b), after: globalView(a) })
  }
  for (const [name, b] of before) if (!after.has(name)) out.push({ name, before: globalView(b) })
  return out.sort((x, y) => compareText(x.name, y.name))
}

/** The changed files between base and head (from `git diff --name-status` or {@link changedFilesBetween}). */
export interface PlanChanges {
  readonly files: readonly ChangedFile[]
}

// Thousands of batches share a handful of crons, and every schedule of head's inventory is
// described: one reading per distinct expression (memoByText is bounded and cleared by tests).
const describeOnce = memoByText(describeCron)

/** The expression and human reading of a cron value. */
export function cronText(cron: PlannedSchedule['cron']): CronText {
  if (cron === undefined) return { expression: '(not a cron string)', human: 'invalid' }
  if (typeof cron === 'string') return { expression: cron, human: describeOnce(cron) }
  return { expression: cron.join('; '), human: cron.map(describeOnce).join('; ') }
}

const view = (s: PlannedSchedule): ScheduleView => ({ ...s, cronText: cronText(s.cron) })
const sameCron = (a: PlannedSchedule['cron'], b: PlannedSchedule['cron']): boolean =>
  JSON.stringify(a) === JSON.stringify(b)

/** The before/after difference of one batch known on both sides. */
function diffBatch(
  before: PlannedBatch,
  after: PlannedBatch,
  kind: BatchChangeKind,
  fileChanged: boolean,
  sharedFiles: readonly string[]
): BatchPlan {
  const oldJobs = new Set(before.jobs)
  const newJobs = new Set(after.jobs)
  const oldScheds = new Set(before.schedules.map((s) => s.name))
  const newScheds = new Set(after.schedules.map((s) => s.name))
  const oldByPart = new Map(before.schedules.map((s) => [s.part, s]))
  const cronChanges: CronChange[] = []
  const statusChanges: StatusChange[] = []
  // Matched by part, not by name: a disable flag or a rename changes the name, not the schedule's role.
  for (const s of after.schedules) {
    const old = oldByPart.get(s.part)
    if (!old) continue
    if (!sameCron(old.cron, s.cron)) {
      cronChanges.push({
        part: s.part,
        schedule: s.name,
        before: cronText(old.cron),
        after: cronText(s.cron)
      })
    }
    if (old.defaultStatus !== s.defaultStatus) {
      statusChanges.push({
        part: s.part,
        schedule: s.name,
        before: old.defaultStatus,
        after: s.defaultStatus
      })
    }
  }
  const bothOn = before.enabled && after.enabled
  const wasOff = new Set(before.disabledParts)
  const isOff = new Set(after.disabledParts)
  const parts = new Set(after.schedules.map((s) => s.part))
  return {
    name: after.name,
    file: after.file,
    kind,
    ...(before.name !== after.name ? { previousName: before.name } : {}),
    ...(before.file !== after.file ? { previousFile: before.file } : {}),
    enabledBefore: before.enabled,
    enabledAfter: after.enabled,
    jobsCreated: after.jobs.filter((j) => !oldJobs.has(j)),
    jobsRemoved: before.jobs.filter((j) => !newJobs.has(j)),
    schedulesCreated: after.schedules.filter((s) => !oldScheds.has(s.name)).map(view),
    schedulesRemoved: before.schedules.filter((s) => !newScheds.has(s.name)).map(view),
    cronChanges,
    statusChanges,
    partsDisabled: bothOn ? [...isOff].filter((p) => !wasOff.has(p) && parts.has(p)) : [],
    partsEnabled: bothOn ? [...wasOff].filter((p) => !isOff.has(p) && parts.has(p)) : [],
    fileChanged,
    sharedFiles
  }
}

/** The same job and schedule objects and the same disabled parts: {@link diffBatch} finds nothing. */
function sameShape(before: PlannedBatch, after: PlannedBatch): boolean {
  return (
    before.jobs === after.jobs &&
    before.schedules === after.schedules &&
    before.disabledParts.length === after.disabledParts.length &&
    before.disabledParts.every((p, i) => after.disabledParts[i] === p)
  )
}

function hasEffect(b: BatchPlan): boolean {
  return (
    b.kind !== 'changed' ||
    b.jobsCreated.length + b.jobsRemoved.length > 0 ||
    b.schedulesCreated.length + b.schedulesRemoved.length > 0 ||
    b.cronChanges.length + b.statusChanges.length > 0 ||
    b.partsDisabled.length + b.partsEnabled.length > 0 ||
    b.fileChanged ||
    b.sharedFiles.length > 0
  )
}

function onlyCreated(b: PlannedBatch): BatchPlan {
  return {
    name: b.name,
    file: b.file,
    kind: 'added',
    enabledAfter: b.enabled,
    jobsCreated: b.jobs,
    jobsRemoved: [],
    schedulesCreated: b.schedules.map(view),
    schedulesRemoved: [],
    cronChanges: [],
    statusChanges: [],
    partsDisabled: [],
    partsEnabled: [],
    fileChanged: true,
    sharedFiles: []
  }
}

function onlyRemoved(b: PlannedBatch): BatchPlan {
  return {
    name: b.name,
    file: b.file,
    kind: 'removed',
    enabledBefore: b.enabled,
    jobsCreated: [],
    jobsRemoved: b.jobs,
    schedulesCreated: [],
    schedulesRemoved: b.schedules.map(view),
    cronChanges: [],
    statusChanges: [],
    partsDisabled: [],
    partsEnabled: [],
    fileChanged: true,
    sharedFiles: []
  }
}

function inventoryOf(model: PlanModel): InventoryBatch[] {
  return model.batches.map((b) => ({
    name: b.name,
    file: b.file,
    enabled: b.enabled,
    disabledParts: b.disabledParts,
    jobs: b.jobs,
    schedules: b.schedules.map(view)
  }))
}

/**
 * Diffs what `base` and `head` make Anomstack create. Without `base` (nothing to compare with)
 * the plan holds only head's inventory. `changes` (the changed files) adds, for each changed
 * shared file (defaults.yaml, an included file), the batches it affects, and flags batches whose
 * own file changed without changing any job or schedule.
 */
export function computePlan(
  base: PlanModel | undefined,
  head: PlanModel,
  changes?: PlanChanges
): Plan {
  const inventory = inventoryOf(head)
  if (!base) {
    return {
      compared: false,
      metricsDir: head.metricsDir,
      batches: [],
      sharedFiles: [],
      inventory,
      unreadableFiles: head.unreadableFiles,
      globalJobs: head.globalJobs.map(globalView),
      globalChanges: [],
      sensors: head.sensors
    }
  }
  const files = changes?.files ?? []
  const changedPaths = new Set<string>()
  const renamedTo = new Map<string, string>()
  for (const f of files) {
    changedPaths.add(f.path)
    if (f.previousPath !== undefined) {
      changedPaths.add(f.previousPath)
      if (f.status === 'renamed') renamedTo.set(f.previousPath, f.path)
    }
  }

  const shared = sharedChanges(base, head, files, changedPaths)
  const sharedByBatch = new Map<string, string[]>()
  for (const s of shared) {
    for (const name of s.batches) {
      const list = sharedByBatch.get(name)
      if (list) list.push(s.file)
      else sharedByBatch.set(name, [s.file])
    }
  }

  const baseByName = new Map(base.batches.map((b) => [b.name, b]))
  const headByName = new Map(head.batches.map((b) => [b.name, b]))
  const out: BatchPlan[] = []
  const pair = (before: PlannedBatch, after: PlannedBatch): void => {
    const moved = before.name !== after.name || before.file !== after.file
    const kind: BatchChangeKind = moved
      ? 'renamed'
      : before.enabled !== after.enabled
        ? after.enabled
          ? 'enabled'
          : 'disabled'
        : 'changed'
    const fileChanged = changedPaths.has(after.file) || changedPaths.has(before.file)
    const sharedFiles = sharedByBatch.get(after.name) ?? []
    // An untouched batch of an unchanged view carries the very same jobs and schedules (see
    // expectedDagsterObjects): nothing to diff, and the diff would have no effect.
    if (kind === 'changed' && !fileChanged && sharedFiles.length === 0 && sameShape(before, after))
      return
    const plan = diffBatch(before, after, kind, fileChanged, sharedFiles)
    if (hasEffect(plan)) out.push(plan)
  }

  const removed: PlannedBatch[] = []
  for (const b of base.batches) {
    const h = headByName.get(b.name)
    if (h) pair(b, h)
    else removed.push(b)
  }
  const added = head.batches.filter((h) => !baseByName.has(h.name))
  // A file that kept its path (or was moved by git) but changed its metric_batch is a rename.
  const unpaired: PlannedBatch[] = []
  for (const r of removed) {
    const target = renamedTo.get(r.file) ?? r.file
    const i = added.findIndex((a) => a.file === target)
    if (i >= 0) {
      pair(r, added[i]!)
      added.splice(i, 1)
    } else unpaired.push(r)
  }
  for (const a of added) out.push(onlyCreated(a))
  // A batch whose file still exists but no longer loads is not "removed": validation reports it.
  const broken = new Set(head.unreadableFiles)
  for (const r of unpaired) if (!broken.has(r.file)) out.push(onlyRemoved(r))

  out.sort((a, b) => compareText(a.name, b.name) || compareText(a.file, b.file))
  return {
    compared: true,
    metricsDir: head.metricsDir,
    batches: out,
    sharedFiles: shared,
    inventory,
    unreadableFiles: head.unreadableFiles,
    globalJobs: head.globalJobs.map(globalView),
    globalChanges: globalChangesOf(base, head),
    sensors: head.sensors
  }
}

/** Changed files that are not batch files, with the batches that read them (head names). */
function sharedChanges(
  base: PlanModel,
  head: PlanModel,
  files: readonly ChangedFile[],
  changedPaths: ReadonlySet<string>
): SharedFileChange[] {
  const batchFiles = new Set([
    ...base.batches.map((b) => b.file),
    ...head.batches.map((b) => b.file),
    ...base.unreadableFiles,
    ...head.unreadableFiles
  ])
  const headNames = new Set(head.batches.map((b) => b.name))
  // Who reads each file: head batches that depend on it now, and base batches (still present)
  // that depended on it (they may have stopped including a file that was then deleted). One
  // index, so a push touching thousands of includes stays linear. defaults.yaml is in every
  // batch's dependsOn, so a defaults change reaches them all.
  // Only changed paths (`changedPaths`: every path and previous path of `files`) are indexed: a
  // one-file push on 10,000 batches would otherwise build a reader set for every include of
  // every batch.
  const readers = new Map<string, Set<string>>()
  const addReaders = (batches: readonly PlannedBatch[]): void => {
    for (const b of batches) {
      if (!headNames.has(b.name)) continue
      for (const p of b.dependsOn) {
        if (!changedPaths.has(p)) continue
        let set = readers.get(p)
        if (!set) readers.set(p, (set = new Set()))
        set.add(b.name)
      }
    }
  }
  addReaders(head.batches)
  addReaders(base.batches)
  const prefix = `${head.metricsDir}/`
  const out: SharedFileChange[] = []
  for (const f of files) {
    const paths = [f.path, ...(f.previousPath !== undefined ? [f.previousPath] : [])]
    if (paths.some((p) => batchFiles.has(p)) || !paths.some((p) => p.startsWith(prefix))) continue
    const names = new Set<string>()
    for (const p of paths) for (const n of readers.get(p) ?? []) names.add(n)
    if (names.size === 0) continue
    out.push({
      file: f.path,
      status: f.status,
      ...(f.previousPath !== undefined ? { previousPath: f.previousPath } : {}),
      isDefaults: paths.includes(head.defaultsPath),
      batches: [...names].sort(compareText)
    })
  }
  return out.sort((a, b) => compareText(a.file, b.file))
}

/** True when the change does nothing to Dagster jobs, schedules or the batches' configs. */
export function isEmpty(plan: Plan): boolean {
  return (
    plan.batches.length === 0 && plan.sharedFiles.length === 0 && plan.globalChanges.length === 0
  )
}

/** Counts for headlines. */
export function planCounts(plan: Plan): Record<BatchChangeKind, number> & {
  jobsCreated: number
  jobsRemoved: number
  cronChanges: number
  statusChanges: number
} {
  const c = {
    added: 0,
    removed: 0,
    renamed: 0,
    enabled: 0,
    disabled: 0,
    changed: 0,
    jobsCreated: 0,
    jobsRemoved: 0,
    cronChanges: 0,
    statusChanges: 0
  }
  for (const b of plan.batches) {
    c[b.kind]++
    c.jobsCreated += b.jobsCreated.length
    c.jobsRemoved += b.jobsRemoved.length
    c.cronChanges += b.cronChanges.length
    c.statusChanges += b.statusChanges.length
  }
  return c
}
