/**
 * The whole bundled action, run as the GitHub runner runs it, against ONE real dagster-webserver
 * serving the Anomstack-like fixture. Tests run in order; each leaves the location loadable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanupAll } from '../action/harness.js'
import {
  batchJobs,
  commandData,
  loadedJobs,
  repositoriesOf,
  scheduleCron,
  startActionServer,
  type ActionServer
} from './action-harness.js'
import { startDelayProxy } from './delay-proxy.js'

const SALES =
  'metric_batch: sales\n' +
  'ingest_sql: select 1 as metric_value\n' +
  'ingest_cron_schedule: "*/10 * * * *"\n'

let s: ActionServer

beforeAll(async () => {
  s = await startActionServer()
})

afterAll(async () => {
  await s?.stop()
  cleanupAll()
})

describe('bundled action against a real Dagster webserver', () => {
  it('a push that adds a batch reloads, and the new jobs appear in the outputs and summary', async () => {
    const loads = s.loadCount()
    const run = await s.run(s.push((l) => l.writeMetric('sales/sales.yaml', SALES)))
    expect(run.code).toBe(0)
    expect(run.outputs['valid']).toBe('true')
    expect(run.outputs['reloaded']).toBe('true')
    expect(JSON.parse(run.outputs['affected-batches']!)).toEqual(['sales'])
    expect(loadedJobs(run)).toEqual(expect.arrayContaining([...batchJobs('sales'), 'summary']))
    const loc = repositoriesOf(run).locations![0]!
    expect(loc).toMatchObject({ name: 'metrics_location', ok: true, versionChanged: true })
    expect(loc.changes!.jobsAdded).toEqual(expect.arrayContaining(batchJobs('sales')))
    expect(loc.changes!.jobsRemoved).toEqual([])
    expect(scheduleCron(run, 'sales_ingest_schedule')).toBe('*/10 * * * *')
    expect(run.summary).toContain('Dagster reload succeeded')
    expect(run.summary).toMatch(/Jobs added: .*<code>sales_ingest<\/code>/)
    // What loaded matches the config: no verification warning.
    expect(run.annotations.filter((a) => a.title === 'Reload verification')).toEqual([])
    expect(s.loadCount()).toBe(loads + 1)
  })

  it('a push that changes a cron shows the changed schedule', async () => {
    const run = await s.run(
      s.push((l) => l.writeMetric('sales/sales.yaml', SALES.replace('*/10', '*/15')))
    )
    expect(run.code).toBe(0)
    expect(run.outputs['reloaded']).toBe('true')
    expect(scheduleCron(run, 'sales_ingest_schedule')).toBe('*/15 * * * *')
    const changes = repositoriesOf(run).locations![0]!.changes!
    expect(changes.jobsAdded).toEqual([])
    expect(changes.jobsRemoved).toEqual([])
    expect(changes.schedulesChanged).toEqual([
      expect.objectContaining({
        name: 'sales_ingest_schedule',
        before: expect.objectContaining({ cronSchedule: '*/10 * * * *' }),
        after: expect.objectContaining({ cronSchedule: '*/15 * * * *' })
      })
    ])
    expect(run.summary).toContain(
      'Schedule <code>sales_ingest_schedule</code> changed: cron <code>*/10 * * * *</code> → <code>*/15 * * * *</code>'
    )
  })

  it('a push that deletes a batch makes its jobs disappear', async () => {
    const run = await s.run(s.push((l) => l.removeMetric('sales')))
    expect(run.code).toBe(0)
    expect(run.outputs['reloaded']).toBe('true')
    const jobs = loadedJobs(run)
    expect(jobs.filter((j) => j.startsWith('sales_'))).toEqual([])
    expect(jobs).toEqual(expect.arrayContaining(batchJobs('demo')))
    const changes = repositoriesOf(run).locations![0]!.changes!
    expect(changes.jobsRemoved).toEqual(expect.arrayContaining(batchJobs('sales')))
    expect(changes.schedulesRemoved).toContain('sales_ingest_schedule')
    expect(run.summary).toMatch(/Jobs removed: .*<code>sales_ingest<\/code>/)
    expect(run.annotations.filter((a) => a.title === 'Reload verification')).toEqual([])
  })

  it('a change the validator rejects fails the step and never reaches the webserver', async () => {
    const loads = s.loadCount()
    const run = await s.run(
      s.push((l) =>
        l.writeMetric('broken/broken.yaml', SALES.replace('sales', 'broken').replace('*/10 * * * *', '0 25 * * *'))
      )
    )
    expect(run.code).toBe(1)
    expect(run.outputs['valid']).toBe('false')
    expect(run.outputs['reloaded']).toBe('false')
    expect(Number(run.outputs['errors'])).toBeGreaterThan(0)
    const errors = run.annotations.filter((a) => a.level === 'error' && a.file !== undefined)
    expect(errors).toEqual([
      expect.objectContaining({ file: 'metrics/broken/broken.yaml', line: 3 })
    ])
    expect(run.stdout).toContain('Not reloading: the validation failed.')
    expect(run.summary).toContain('Not reloaded: the validation failed.')
    expect(run.summary).not.toContain('Dagster reload')
    // The proof: the code location was not imported again.
    expect(s.loadCount()).toBe(loads)
    s.push((l) => l.removeMetric('broken'), 'revert the broken batch')
  })

  it('a load error the validator cannot foresee is reported with the user exception', async () => {
    const failing = SALES.replace('sales', 'boom') + 'fixture_fail_on_load: true\n'
    const run = await s.run(s.push((l) => l.writeMetric('boom/boom.yaml', failing)))
    // Our validator only warns about the unknown key, so the reload is attempted...
    expect(run.outputs['valid']).toBe('true')
    expect(run.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', file: 'metrics/boom/boom.yaml', line: 4 })
    )
    // ...and the location fails to load on the webserver.
    expect(run.code).toBe(1)
    expect(run.outputs['reloaded']).toBe('false')
    const loc = repositoriesOf(run).locations![0]!
    expect(loc.ok).toBe(false)
    expect(loc.failure!.kind).toBe('load-error')
    expect(loc.failure!.message).toContain('RuntimeError')
    expect(loc.failure!.message).toContain("fixture_fail_on_load is set in batch 'boom'")
    expect(run.summary).toContain('Dagster reload failed')
    expect(run.summary).toContain('failed to load')
    expect(run.summary).toContain('Python error and stack trace')
    expect(commandData(run, 'error')).toContainEqual(expect.stringContaining('reload failed'))

    // Reverting the batch and pushing again brings the location back.
    const fixed = await s.run(s.push((l) => l.removeMetric('boom'), 'revert boom'))
    expect(fixed.code).toBe(0)
    expect(fixed.outputs['reloaded']).toBe('true')
    expect(loadedJobs(fixed)).toEqual(expect.arrayContaining(batchJobs('demo')))
  })

  it('an unknown location name fails and lists the available locations', async () => {
    const loads = s.loadCount()
    const run = await s.run(
      s.push((l) => l.writeMetric('demo/demo.yaml', SALES.replace('sales', 'demo'))),
      { locations: 'nope' }
    )
    expect(run.code).toBe(1)
    expect(run.outputs['reloaded']).toBe('false')
    const loc = repositoriesOf(run).locations![0]!
    expect(loc).toMatchObject({ name: 'nope', ok: false })
    expect(loc.failure!.kind).toBe('not-found')
    expect(run.summary).toContain('<code>nope</code>')
    expect(run.summary).toContain('available: <code>metrics_location</code>')
    expect(s.loadCount()).toBe(loads)
  })

  it('a slow endpoint: the timeout is respected', async () => {
    const proxy = await startDelayProxy({ target: s.server.url, delayMs: 30_000 })
    try {
      const loads = s.loadCount()
      const run = await s.run(
        s.push((l) => l.writeMetric('demo/demo.yaml', SALES.replace('sales', 'demo').replace('*/10', '*/20'))),
        { 'dagster-url': proxy.url, 'timeout-seconds': '3' }
      )
      expect(run.code).toBe(1)
      expect(run.outputs['reloaded']).toBe('false')
      expect(run.ms).toBeLessThan(3_000 + 4_000)
      expect(proxy.requests()).toBeGreaterThan(0)
      expect(repositoriesOf(run).failure!.kind).toBe('timeout')
      expect(run.summary).toContain('timeout')
      expect(s.loadCount()).toBe(loads)
    } finally {
      await proxy.stop()
    }
  })
})
