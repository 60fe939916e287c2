import { describe, expect, it } from 'vitest'
import type { LocationSnapshot } from '../../src/dagster/snapshot.js'
import { groupMismatches, verifyLoaded, type ExpectedBatch } from '../../src/dagster/verify.js'

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

describe('groupMismatches', () => {
  it('says one cause once for many batches, keeping every mismatch for the list', () => {
    const expected = Array.from({ length: 11 }, (_, i) => ({
      name: `b${i}`,
      enabled: true,
      jobs: [`b${i}_ingest`, `b${i}_llmalert_disabled`],
      schedules: []
    }))
    const loaded = snapshot(expected.map((b) => `b${b.name.slice(1)}_ingest`))
    const groups = groupMismatches(verifyLoaded(loaded, { batches: expected }))
    expect(groups).toHaveLength(1)
    expect(groups[0]!.cause).toBe(
      "11 batches have no `…_llmalert_disabled` job after reload: is this webserver reading this repository's metrics folder?"
    )
    expect(groups[0]!.mismatches).toHaveLength(11)
  })

  it('keeps different causes apart and a single mismatch in its own words', () => {
    const found = verifyLoaded(snapshot(['old_ingest']), {
      batches: [
        sales2,
        { name: 'old', enabled: false, change: 'removed', jobs: ['old_ingest'], schedules: [] }
      ]
    })
    const groups = groupMismatches(found)
    expect(groups.map((g) => g.cause)).toEqual(found.map((m) => m.message))
  })
})
