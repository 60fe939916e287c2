import {
  DAGSTER_PARTS,
  expectedDagsterObjects,
  generatedNames,
  jobName,
  type PartFlags
} from '../dagster/names.js'
import type { ExpectedBatch, ExpectedDefinitions, ExpectedGlobalJob } from '../dagster/verify.js'
import type { BatchView } from '../config/model.js'
import { globalJobsOf } from '../plan/global-jobs.js'
import { loadedBatches } from '../rules/dagster/batches.js'
import type { Analysis } from './analyse.js'

const ALL_ON = Object.fromEntries(DAGSTER_PARTS.map((p) => [p, false])) as PartFlags
const ALL_OFF = Object.fromEntries(DAGSTER_PARTS.map((p) => [p, true])) as PartFlags

/** Every job a batch could define (enabled or disabled variants), for "is it gone?" checks. */
function possibleJobs(batch: string): string[] {
  const names = [...generatedNames(batch, ALL_ON, false), ...generatedNames(batch, ALL_OFF, false)]
  return [
    ...new Set(
      names.filter((n) => n.kind === 'job' && n.name.startsWith(`${batch}_`)).map((n) => n.name)
    )
  ]
}

/**
 * What the reloaded location should contain according to the validated config: the jobs and
 * schedules of every enabled batch, the absence of jobs of disabled or deleted batches, and a
 * summary job any candidate first batch could have built.
 */
export function expectedDefinitions(a: Analysis): ExpectedDefinitions {
  return expectedDefinitionsOf(
    a.head.views,
    new Map(a.metricsChanges.map((f) => [f.path, f.status])),
    a.classification.removedBatches
  )
}

/**
 * {@link expectedDefinitions} from its parts, for callers without a git diff (the CLI's `reload`
 * and `watch`): the merged batch views, how each batch file changed, and the removed batch names.
 */
export function expectedDefinitionsOf(
  views: readonly BatchView[],
  changedFiles: ReadonlyMap<string, string>,
  removedBatches: Iterable<string>
): ExpectedDefinitions {
  const batches: ExpectedBatch[] = expectedDagsterObjects(views).map((o) => {
    const status = changedFiles.get(o.file)
    return {
      name: o.batch,
      enabled: true,
      change: status === 'added' ? 'added' : status ? 'modified' : 'unchanged',
      jobs: [...o.jobs],
      schedules: o.schedules.flatMap((s) =>
        typeof s.cron === 'string' ? [{ name: s.name, cron: s.cron }] : []
      )
    }
  })
  const enabled = new Set(batches.map((b) => b.name))
  for (const v of views) {
    if (v.enabled || v.name === undefined || enabled.has(v.name)) continue
    batches.push({
      name: v.name,
      enabled: false,
      change: 'modified',
      jobs: possibleJobs(v.name),
      schedules: []
    })
  }
  for (const name of removedBatches) {
    if (enabled.has(name)) continue
    batches.push({
      name,
      enabled: false,
      change: 'removed',
      jobs: possibleJobs(name),
      schedules: []
    })
  }
  return { batches, globalJobs: firstBatchJobs(views) }
}

/**
 * The summary job as the plan has it: one variant per batch that may be read first (os.walk order
 * on the server), so that the check accepts whichever one the server really built.
 */
function firstBatchJobs(views: readonly BatchView[]): ExpectedGlobalJob[] {
  return globalJobsOf(loadedBatches(views))
    .filter((g) => g.origin === 'first-batch')
    .map((g) => ({
      name: g.name,
      variants: g.variants.flatMap((v) => {
        const cron = typeof v.cron === 'string' ? { cron: v.cron } : {}
        // A disabled summary is named after the batch that built it: one variant per candidate.
        if (v.job === g.name) return [{ job: v.job, schedule: v.schedule, ...cron }]
        return v.batches.map((b) => {
          const job = jobName(b, 'summary', true)
          return { job, schedule: `${job}_schedule`, ...cron }
        })
      })
    }))
}
