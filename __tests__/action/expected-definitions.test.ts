/**
 * The post-reload check takes the summary job from any batch Anomstack may read first (os.walk
 * order on the server), as the plan does, never from the first file in path order.
 */
import { describe, expect, it } from 'vitest'
import { expectedDefinitionsOf } from '../../src/action/expected-definitions.js'
import { buildBatchView } from '../../src/config/batch-view.js'
import type { BatchView, SourceDoc } from '../../src/config/model.js'
import type { LocationSnapshot } from '../../src/dagster/snapshot.js'
import { verifyLoaded } from '../../src/dagster/verify.js'
import { loadYaml } from '../../src/yaml/load.js'

function doc(path: string, text: string): SourceDoc {
  const load = loadYaml(Buffer.from(text))
  if (!load.root || load.root.kind !== 'map') throw new Error(`not a mapping: ${path}`)
  return { path, load, root: load.root }
}

const defaults = doc(
  'metrics/defaults/defaults.yaml',
  'summary_cron_schedule: "0 9 * * *"\ndisable_llmalert: true\n'
)
const view = (file: string, text: string): BatchView =>
  buildBatchView(doc(`metrics/${file}`, text), defaults)

/** A loaded location with every per-batch job of `expected` plus `extraJobs` and `extraSchedules`. */
function loadedWith(
  views: readonly BatchView[],
  extraJobs: string[],
  extraSchedules: [string, string][]
): LocationSnapshot {
  const { batches } = expectedDefinitionsOf(views, new Map(), [])
  const jobs = batches.filter((b) => b.enabled).flatMap((b) => b.jobs)
  const schedules = batches.flatMap((b) => b.schedules.map((s) => [s.name, s.cron] as const))
  return {
    name: 'loc',
    loadStatus: 'LOADED',
    versionKey: 'v',
    updatedTimestamp: 1,
    state: 'loaded',
    repositories: [
      {
        name: '__repository__',
        jobs: [...jobs, ...extraJobs],
        schedules: [...schedules, ...extraSchedules].map(([name, cronSchedule]) => ({
          name,
          cronSchedule,
          status: 'STOPPED',
          defaultStatus: 'STOPPED'
        })),
        sensors: []
      }
    ]
  }
}

describe('expectedDefinitionsOf: the summary job', () => {
  // `a` sorts first but disables its summary; `b` keeps it, on its own cron.
  const views = [
    view('a/a.yaml', 'metric_batch: a\ndisable_summary: true\ndisable_llmalert: false\n'),
    view('b/b.yaml', 'metric_batch: b\nsummary_cron_schedule: "30 7 * * *"\n'),
    view('c/c.yaml', 'metric_batch: c\n')
  ]
  const expected = expectedDefinitionsOf(views, new Map(), [])

  it('is not a job of the first batch in path order', () => {
    for (const b of expected.batches) {
      expect(b.jobs.filter((j) => j.includes('summary'))).toEqual([])
      expect(b.schedules.filter((s) => s.name.includes('summary'))).toEqual([])
    }
  })

  it('lists one variant per outcome any candidate first batch gives', () => {
    expect(expected.globalJobs).toEqual([
      {
        name: 'summary',
        variants: [
          { job: 'a_summary_disabled', schedule: 'a_summary_disabled_schedule', cron: '0 9 * * *' },
          { job: 'summary', schedule: 'summary_schedule', cron: '0 9 * * *' },
          { job: 'summary', schedule: 'summary_schedule', cron: '30 7 * * *' }
        ]
      }
    ])
  })

  it.each([
    ['a read first', ['a_summary_disabled'], [['a_summary_disabled_schedule', '0 9 * * *']]],
    ['b read first', ['summary'], [['summary_schedule', '30 7 * * *']]],
    ['c read first', ['summary'], [['summary_schedule', '0 9 * * *']]]
  ] as const)('accepts the location built with %s', (_, jobs, schedules) => {
    const after = loadedWith(
      views,
      [...jobs],
      schedules.map(([n, c]) => [n, c])
    )
    expect(verifyLoaded(after, expected)).toEqual([])
  })

  it('reports a location with no summary job at all, naming the candidates', () => {
    const [m, ...rest] = verifyLoaded(loadedWith(views, [], []), expected)
    expect(rest).toEqual([])
    expect(m).toMatchObject({ kind: 'missing-job', names: ['a_summary_disabled', 'summary'] })
    expect(m!.batch).toBeUndefined()
    expect(m!.message).toContain(
      'the reloaded location has no `summary` job: whichever batch Anomstack reads first builds it (one of `a_summary_disabled`, `summary`)'
    )
  })

  it('reports a summary schedule on a cron no candidate gives', () => {
    const after = loadedWith(views, ['summary'], [['summary_schedule', '0 1 * * *']])
    const [m, ...rest] = verifyLoaded(after, expected)
    expect(rest).toEqual([])
    expect(m).toMatchObject({ kind: 'cron-mismatch', names: ['summary_schedule'] })
    expect(m!.message).toContain(
      'schedule `summary_schedule` runs on `0 1 * * *` after reload, but no batch Anomstack could read first says so (the config says one of `0 9 * * *`, `30 7 * * *`)'
    )
  })

  it('reports a summary job without its schedule', () => {
    const [m] = verifyLoaded(loadedWith(views, ['summary'], []), expected)
    expect(m).toMatchObject({ kind: 'missing-schedule', names: ['summary_schedule'] })
  })

  it('has no summary job when no batch loads', () => {
    const none = expectedDefinitionsOf(
      [view('a/a.yaml', 'metric_batch: a\ndisable_batch: true\n')],
      new Map(),
      []
    )
    expect(none.globalJobs).toEqual([])
  })
})
