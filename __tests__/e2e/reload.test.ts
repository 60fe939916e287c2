/**
 * Hot reload against a REAL dagster-webserver 1.13.28 serving the Anomstack-like fixture.
 * One webserver for the whole file; tests run in order and each leaves the metrics folder in a
 * loadable state for the next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DagsterClient } from '../../src/dagster/client.js'
import { DagsterTimeoutError } from '../../src/dagster/errors.js'
import { reloadLocations, type LocationReport } from '../../src/dagster/reload.js'
import { renderReloadSection, repositoriesOutput } from '../../src/dagster/reload-summary.js'
import { verifyLoaded } from '../../src/dagster/verify.js'
import { startDagster, type DagsterServer } from './dagster-server.js'
import { startDelayProxy } from './delay-proxy.js'

const PARTS = ['ingest', 'train', 'score', 'alerts', 'change', 'plot_job', 'delete']
const jobsOf = (b: string) => PARTS.map((p) => `${b}_${p}`)

let server: DagsterServer
let client: DagsterClient

beforeAll(async () => {
  server = await startDagster()
  client = new DagsterClient({ url: server.url, timeoutMs: 60_000 })
})

afterAll(async () => {
  await server?.stop()
})

async function reload(locations: string[] = ['metrics_location'], reloadWorkspace = false) {
  return reloadLocations(client, { locations, reloadWorkspace, timeoutMs: 90_000 })
}

function only(report: Awaited<ReturnType<typeof reload>>): LocationReport {
  expect(report.locations).toHaveLength(1)
  return report.locations[0]!
}

describe('reload against a real Dagster webserver', () => {
  it('reports the server version and the baseline definitions', async () => {
    const info = await client.getServerInfo()
    expect(info.dagsterVersion).toBe('1.13.28')
    const report = await reload([])
    expect(report.ok).toBe(true)
    expect(report.availableLocations).toEqual(['metrics_location'])
    const loc = only(report)
    expect(loc.name).toBe('metrics_location')
    const jobs = loc.after!.repositories.flatMap((r) => r.jobs)
    expect(jobs).toEqual(
      expect.arrayContaining([...jobsOf('demo'), 'demo_llmalert_disabled', 'summary'])
    )
    expect(loc.after!.repositories.map((r) => r.name)).toEqual(['__repository__'])
    const summary = loc.after!.repositories[0]!.schedules.find((s) => s.name === 'summary_schedule')
    expect(summary).toMatchObject({ cronSchedule: '0 9 * * *', status: 'RUNNING' })
  })

  it('is synchronous in OSS: the mutation itself answers LOADED with a new versionKey', async () => {
    const report = await reload()
    const loc = only(report)
    expect(loc.mutationLoadStatus).toBe('LOADED')
    expect(loc.polled).toBe(false)
    expect(loc.versionChanged).toBe(true)
    expect(loc.warnings).toEqual([])
    expect(loc.before!.versionKey).not.toBe(loc.after!.versionKey)
  })

  it('shows the jobs of an added batch, and verify agrees', async () => {
    server.location.writeMetric(
      'sales2/sales2.yaml',
      'metric_batch: sales2\ningest_cron_schedule: "*/10 * * * *"\n'
    )
    const report = await reload()
    expect(report.ok).toBe(true)
    const loc = only(report)
    expect(loc.diff!.jobsAdded).toEqual(expect.arrayContaining(jobsOf('sales2')))
    expect(loc.diff!.schedulesAdded).toContain('sales2_ingest_schedule')
    expect(loc.diff!.jobsRemoved).toEqual([])
    const ok = verifyLoaded(loc.after!, {
      batches: [
        {
          name: 'sales2',
          enabled: true,
          change: 'added',
          jobs: jobsOf('sales2'),
          schedules: [{ name: 'sales2_ingest_schedule', cron: '*/10 * * * *' }]
        }
      ]
    })
    expect(ok).toEqual([])
    const missing = verifyLoaded(loc.after!, {
      batches: [
        { name: 'sales3', enabled: true, change: 'added', jobs: ['sales3_ingest'], schedules: [] }
      ]
    })
    expect(missing.map((m) => [m.kind, m.batch])).toEqual([['missing-job', 'sales3']])
    const html = renderReloadSection(report, { uiUrl: 'http://127.0.0.1:3000' })
    expect(html).toContain('<code>sales2_ingest</code>')
    const output = JSON.parse(repositoriesOutput(report)) as {
      locations: { repositories: { jobs: string[] }[] }[]
    }
    expect(output.locations[0]!.repositories[0]!.jobs).toContain('sales2_ingest')
  })

  it('shows a changed cron', async () => {
    server.location.writeMetric(
      'sales2/sales2.yaml',
      'metric_batch: sales2\ningest_cron_schedule: "*/20 * * * *"\n'
    )
    const loc = only(await reload())
    expect(loc.diff!.schedulesChanged).toEqual([
      {
        name: 'sales2_ingest_schedule',
        before: { cronSchedule: '*/10 * * * *', status: 'STOPPED' },
        after: { cronSchedule: '*/20 * * * *', status: 'STOPPED' }
      }
    ])
    const stale = verifyLoaded(loc.after!, {
      batches: [
        {
          name: 'sales2',
          enabled: true,
          jobs: ['sales2_ingest'],
          schedules: [{ name: 'sales2_ingest_schedule', cron: '*/10 * * * *' }]
        }
      ]
    })
    expect(stale.map((m) => m.kind)).toEqual(['cron-mismatch'])
  })

  it('shows the jobs of a deleted batch as removed', async () => {
    server.location.removeMetric('sales2')
    const loc = only(await reload())
    expect(loc.ok).toBe(true)
    expect(loc.diff!.jobsRemoved).toEqual(expect.arrayContaining(jobsOf('sales2')))
    expect(loc.diff!.jobsAdded).toEqual([])
    expect(
      verifyLoaded(loc.after!, {
        batches: [
          {
            name: 'sales2',
            enabled: false,
            change: 'removed',
            jobs: jobsOf('sales2'),
            schedules: []
          }
        ]
      })
    ).toEqual([])
  })

  it('reports a location that raises on import with the user exception, then recovers', async () => {
    // Anomstack's get_specs reads metric_batch before anything else: KeyError at import.
    server.location.writeMetric('broken/broken.yaml', 'ingest_sql: select 1\n')
    const report = await reload()
    expect(report.ok).toBe(false)
    const loc = only(report)
    expect(loc.failure!.kind).toBe('load-error')
    expect(loc.mutationLoadStatus).toBe('LOADED')
    const error = loc.failure!.error!
    expect(error.userError.className).toBe('KeyError')
    expect(error.userError.message).toContain('metric_batch')
    expect(error.message + error.chain.map((c) => c.message).join('')).toContain(
      'DagsterUserCodeLoadError'
    )
    expect(error.chain.flatMap((c) => c.stack).join('')).toContain('defs.py')
    const html = renderReloadSection(report, {})
    expect(html).toContain('<details><summary>Python error and stack trace</summary>')

    server.location.removeMetric('broken')
    const back = only(await reload())
    expect(back.ok).toBe(true)
    // The failed load left no definitions, so everything counts as added again.
    expect(back.diff!.jobsAdded).toContain('demo_ingest')
  })

  it('settles the contract claim: two distinct `B_noop` ops make the whole location fail', async () => {
    // disable_train: true plus llmalert disabled by default = two ops named `noopb_noop`.
    server.location.writeMetric('noopb/noopb.yaml', 'metric_batch: noopb\ndisable_train: true\n')
    const loc = only(await reload())
    expect(loc.ok).toBe(false)
    expect(loc.failure!.kind).toBe('load-error')
    const error = loc.failure!.error!
    expect(error.userError.className).toBe('DagsterInvalidDefinitionError')
    expect(error.userError.message).toContain(
      "Conflicting definitions found in repository with name 'noopb_noop'"
    )
    server.location.removeMetric('noopb')
    expect(only(await reload()).ok).toBe(true)
  })

  it('records a Dagster 1.13.28 quirk: the mutation reply lists the OLD definitions', async () => {
    server.location.writeMetric('quirk/quirk.yaml', 'metric_batch: quirk\n')
    const jobsIn = (value: unknown): string[] => JSON.stringify(value).match(/quirk_ingest/g) ?? []
    const reply = await client.request<unknown>(
      `mutation { reloadRepositoryLocation(repositoryLocationName: "metrics_location") {
         ... on WorkspaceLocationEntry { locationOrLoadError { ... on RepositoryLocation {
           repositories { jobs { name } } } } } } }`,
      undefined,
      { idempotent: false }
    )
    expect(jobsIn(reply)).toEqual([])
    const reread = await client.request<unknown>(
      '{ workspaceOrError { ... on Workspace { locationEntries { locationOrLoadError { ... on RepositoryLocation { repositories { jobs { name } } } } } } } }'
    )
    expect(jobsIn(reread)).toEqual(['quirk_ingest'])
    server.location.removeMetric('quirk')
    const loc = only(await reload())
    expect(loc.diff!.jobsRemoved).toContain('quirk_ingest')
  })

  it('lists the available locations for an unknown name', async () => {
    const report = await reload(['nope'])
    expect(report.ok).toBe(false)
    const loc = only(report)
    expect(loc.failure!.kind).toBe('not-found')
    expect(loc.failure!.message).toContain('`metrics_location`')
  })

  it('reloads the whole workspace', async () => {
    const report = await reload([], true)
    expect(report.ok).toBe(true)
    expect(report.mode).toBe('workspace')
    expect(only(report).after!.state).toBe('loaded')
  })

  it('respects the timeout behind a slow proxy', async () => {
    const proxy = await startDelayProxy({ target: server.url, delayMs: 5_000 })
    try {
      const slow = new DagsterClient({ url: proxy.url, maxAttempts: 3 })
      const started = Date.now()
      const report = await reloadLocations(slow, {
        locations: ['metrics_location'],
        reloadWorkspace: false,
        timeoutMs: 1_500
      })
      const elapsed = Date.now() - started
      expect(report.ok).toBe(false)
      expect(report.failure!.kind).toBe('timeout')
      expect(elapsed).toBeGreaterThanOrEqual(1_400)
      expect(elapsed).toBeLessThan(3_000)
      await expect(slow.getServerInfo({ timeoutMs: 300 })).rejects.toBeInstanceOf(
        DagsterTimeoutError
      )
    } finally {
      await proxy.stop()
    }
  })

  it('retries an HTML error page from a proxy, then fails with one clear error', async () => {
    const proxy = await startDelayProxy({ target: server.url, delayMs: 0, htmlStatus: 502 })
    try {
      const flaky = new DagsterClient({ url: proxy.url, maxAttempts: 3, retryBaseMs: 50 })
      const report = await reloadLocations(flaky, {
        locations: [],
        reloadWorkspace: false,
        timeoutMs: 10_000
      })
      expect(report.failure!.kind).toBe('unreachable')
      expect(report.failure!.message).toContain('3 attempt(s)')
      expect(proxy.requests()).toBe(3)
    } finally {
      await proxy.stop()
    }
  })
})
