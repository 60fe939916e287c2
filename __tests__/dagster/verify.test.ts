import { describe, expect, it } from 'vitest'
import type { LocationSnapshot } from '../../src/dagster/snapshot.js'
import { verifyLoaded, type ExpectedBatch } from '../../src/dagster/verify.js'

function snapshot(jobs: string[], schedules: [string, string][] = []): LocationSnapshot {
  return {
    name: 'loc',
    loadStatus: 'LOADED',
    versionKey: 'v',
    updatedTimestamp: 1,
    state: 'loaded',
    repositories: [
      {
        name: '__repository__',
        jobs,
        schedules: schedules.map(([name, cronSchedule]) => ({
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

const sales2: ExpectedBatch = {
  name: 'sales2',
  enabled: true,
  change: 'added',
  jobs: ['sales2_ingest', 'sales2_train'],
  schedules: [{ name: 'sales2_ingest_schedule', cron: '*/5 * * * *' }]
}

describe('verifyLoaded', () => {
  it('is happy when everything is there (cron whitespace ignored)', () => {
    const after = snapshot(
      ['sales2_ingest', 'sales2_train'],
      [['sales2_ingest_schedule', '*/5  * * * *']]
    )
    expect(verifyLoaded(after, { batches: [sales2] })).toEqual([])
  })

  it('reports an added batch whose jobs did not appear, naming the first job', () => {
    const [m, ...rest] = verifyLoaded(snapshot([]), { batches: [sales2] })
    expect(rest).toEqual([])
    expect(m!.kind).toBe('missing-job')
    expect(m!.batch).toBe('sales2')
    expect(m!.names).toEqual(['sales2_ingest', 'sales2_train'])
    expect(m!.message).toContain(
      'batch `sales2` was added, but no `sales2_ingest` job appeared after reload'
    )
    expect(m!.message).toContain("is this webserver reading this repository's metrics folder?")
  })

  it('reports a missing schedule only when its job exists', () => {
    const m = verifyLoaded(snapshot(['sales2_ingest', 'sales2_train']), { batches: [sales2] })
    expect(m.map((x) => [x.kind, x.names])).toEqual([
      ['missing-schedule', ['sales2_ingest_schedule']]
    ])
  })

  it('reports a cron that did not change', () => {
    const after = snapshot(
      ['sales2_ingest', 'sales2_train'],
      [['sales2_ingest_schedule', '*/10 * * * *']]
    )
    const m = verifyLoaded(after, { batches: [sales2] })
    expect(m.map((x) => x.kind)).toEqual(['cron-mismatch'])
    expect(m[0]!.message).toContain('`*/10 * * * *`')
  })

  it('reports jobs of removed and disabled batches that are still loaded', () => {
    const after = snapshot(['old_ingest', 'off_ingest', 'off_train'])
    const m = verifyLoaded(after, {
      batches: [
        { name: 'old', enabled: false, change: 'removed', jobs: ['old_ingest'], schedules: [] },
        { name: 'off', enabled: false, jobs: ['off_ingest', 'off_train'], schedules: [] },
        { name: 'gone', enabled: false, change: 'removed', jobs: ['gone_ingest'], schedules: [] }
      ]
    })
    expect(m.map((x) => [x.kind, x.batch, x.names.length])).toEqual([
      ['stale-job', 'old', 1],
      ['stale-job', 'off', 2]
    ])
    expect(m[0]!.message).toContain('batch `old` was removed')
    expect(m[1]!.message).toContain('disable_batch')
  })

  it('says there is nothing to check when the location failed to load', () => {
    const failed: LocationSnapshot = { ...snapshot([]), state: 'error', repositories: [] }
    expect(verifyLoaded(failed, { batches: [sales2] }).map((m) => m.kind)).toEqual([
      'location-not-loaded'
    ])
  })
})
