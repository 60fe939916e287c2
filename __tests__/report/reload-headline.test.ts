import { describe, expect, it } from 'vitest'
import type { ReloadReport } from '../../src/dagster/reload.js'
import { diffSnapshots, type LocationSnapshot } from '../../src/dagster/snapshot.js'
import { reloadHeadline, renderReloadSection } from '../../src/dagster/reload-summary.js'
import type { Mismatch } from '../../src/dagster/verify.js'

/** A location snapshot with these jobs (no schedules or sensors). */
function snapshot(jobs: string[]): LocationSnapshot {
  return {
    name: 'anomstack',
    loadStatus: 'LOADED',
    versionKey: 'v',
    updatedTimestamp: 1,
    state: 'loaded',
    repositories: [{ name: '__repository__', jobs, schedules: [], sensors: [] }]
  }
}

/** What changed from nothing to `added` jobs. */
const diffAdding = (added: string[]) => diffSnapshots(snapshot([]), snapshot(added))
const EMPTY_DIFF = diffAdding([])

function report(over: Partial<ReloadReport> = {}): ReloadReport {
  return {
    ok: true,
    serverUrl: 'http://127.0.0.1:3000',
    mode: 'location',
    locations: [
      {
        name: 'anomstack',
        ok: true,
        polled: false,
        warnings: [],
        durationMs: 2200,
        diff: diffAdding(Array.from({ length: 8 }, (_, i) => `j${i}`))
      }
    ],
    availableLocations: ['anomstack'],
    warnings: [],
    durationMs: 2230,
    ...over
  }
}

describe('reloadHeadline', () => {
  it('names the location, the time and what changed', () => {
    expect(reloadHeadline(report())).toBe('anomstack reloaded in 2.2 s, 8 jobs added')
    const quiet = report({
      locations: [{ ...report().locations[0]!, diff: EMPTY_DIFF }],
      durationMs: 412.6
    })
    expect(reloadHeadline(quiet)).toBe('anomstack reloaded in 413 ms, no job or schedule changed')
  })

  it('gives the reason of a failure on one line', () => {
    const failed = report({
      ok: false,
      failure: { kind: 'unreachable', message: 'connection refused\n  at 127.0.0.1:3000' }
    })
    expect(reloadHeadline(failed)).toBe('reload failed: connection refused at 127.0.0.1:3000')
  })
})

describe('renderReloadSection mismatches', () => {
  it('groups mismatches by cause, with the list collapsed', () => {
    const mismatches: Mismatch[] = Array.from({ length: 11 }, (_, i) => ({
      kind: 'missing-job',
      batch: `b${i}`,
      names: [`b${i}_llmalert_disabled`],
      message: `batch \`b${i}\` should have a \`b${i}_llmalert_disabled\` job, but the reloaded location has none: is this webserver reading this repository's metrics folder?`
    }))
    const html = renderReloadSection(report(), { mismatches: { anomstack: mismatches } })
    expect(html).toContain(
      '11 batches have no <code>…_llmalert_disabled</code> job after reload: is this webserver reading this repository&#39;s metrics folder?<details><summary>11 mismatches</summary>'
    )
    // One bullet for the cause, the eleven inside the collapsed list.
    expect(html.match(/<li>batch <code>b\d+<\/code>/g)).toHaveLength(11)
    expect(html.indexOf('<details><summary>11 mismatches')).toBeLessThan(
      html.indexOf('<li>batch <code>b0')
    )
  })
})
