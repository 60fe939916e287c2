/**
 * The whole bundled action, run as the GitHub runner runs it, against ONE real dagster-webserver
 * serving the Anomstack-like fixture. Tests run in order; each leaves the location loadable.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanupAll, tempRoot } from '../action/harness.js'
import { NODE24 } from '../helpers/paths.js'
import {
  batchJobs,
  commandData,
  loadedJobs,
  networkGuard,
  repositoriesOf,
  scheduleCron,
  startActionServer,
  type ActionServer
} from './action-harness.js'
import { freePort } from './dagster-server.js'
import { startDelayProxy } from './delay-proxy.js'

const SALES =
  'metric_batch: sales\n' +
  'ingest_sql: select 1 as metric_value\n' +
  'ingest_cron_schedule: "*/10 * * * *"\n'

let s: ActionServer

/** Pushes a batch whose cron has hour 25: an error that would crash the code location. */
const pushBrokenBatch = () =>
  s.push((l) =>
    l.writeMetric(
      'broken/broken.yaml',
      SALES.replace('sales', 'broken').replace('*/10 * * * *', '0 25 * * *')
    )
  )

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
    expect(run.summary.split('\n')[0]).toMatch(
      /^## (✅|⚠️) Valid.* · metrics_location reloaded in \d+(\.\d)? m?s, \d+ jobs added$/
    )
    expect(run.summary).toMatch(/Jobs added: .*<code>sales_ingest<\/code>/)
    // What loaded matches the config: no verification warning, and the plan lines up.
    expect(run.annotations.filter((a) => a.title === 'Reload verification')).toEqual([])
    expect(run.summary).toContain('What loaded matches the plan.')
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
    expect(run.summary).toContain('What loaded matches the plan.')
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
    const run = await s.run(pushBrokenBatch())
    expect(run.code).toBe(1)
    expect(run.outputs['valid']).toBe('false')
    expect(run.outputs['reloaded']).toBe('false')
    expect(Number(run.outputs['errors'])).toBeGreaterThan(0)
    const errors = run.annotations.filter((a) => a.level === 'error' && a.file !== undefined)
    expect(errors).toEqual([
      expect.objectContaining({ file: 'metrics/broken/broken.yaml', line: 3 })
    ])
    expect(run.stdout).toContain(
      'Not reloading: the configuration has errors this change introduced.'
    )
    expect(run.summary.split('\n')[0]).toBe('## ❌ 1 error · not reloaded')
    expect(run.summary).not.toContain('Dagster reload')
    // The proof: the code location was not imported again.
    expect(s.loadCount()).toBe(loads)
    s.push((l) => l.removeMetric('broken'), 'revert the broken batch')
  })

  it('fail-on: never keeps the step green but never reloads a tree with an error', async () => {
    const loads = s.loadCount()
    const run = await s.run(pushBrokenBatch(), { 'fail-on': 'never', mode: 'reload' })
    expect(run.code).toBe(0)
    expect(run.outputs['valid']).toBe('false')
    expect(run.outputs['passed']).toBe('true')
    expect(run.outputs['reloaded']).toBe('false')
    expect(run.summary.split('\n')[0]).toBe(
      '## ❌ 1 error · step passes (fail-on: never) · not reloaded'
    )
    // The webserver did not import the code location again.
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
    // Dagster's message already starts with the class name; it is not repeated.
    expect(loc.failure!.message).not.toContain('RuntimeError: RuntimeError')
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
        s.push((l) =>
          l.writeMetric('demo/demo.yaml', SALES.replace('sales', 'demo').replace('*/10', '*/20'))
        ),
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

  it('a webserver that is down: bounded retries, then a clear failure within the timeout', async () => {
    const port = await freePort()
    const run = await s.run(
      s.push((l) =>
        l.writeMetric('demo/demo.yaml', SALES.replace('sales', 'demo').replace('*/10', '*/30'))
      ),
      { 'dagster-url': `http://127.0.0.1:${port}`, 'timeout-seconds': '5' }
    )
    expect(run.code).toBe(1)
    expect(run.outputs['reloaded']).toBe('false')
    expect(run.ms).toBeLessThan(5_000 + 3_000)
    const retries = run.stdout
      .split('\n')
      .filter((l) => /attempt \d\/\d failed .*retrying in/.test(l))
    expect(retries.length).toBeGreaterThanOrEqual(2)
    const failure = repositoriesOf(run).failure!
    expect(['unreachable', 'timeout']).toContain(failure.kind)
    expect(failure.message).toContain('connection refused')
    expect(run.summary).toContain('Dagster reload failed')
    expect(run.summary).toContain('connection refused')
    expect(commandData(run, 'error')).toContainEqual(expect.stringContaining('reload failed'))
  })

  it('a token with plain http:// to another host is refused before any connection, and never shown', async () => {
    const token = 'tok-Secret-8d41c7e2'
    const guard = networkGuard(tempRoot('ahr-guard-'))
    // The guard must see a connection when there is one, or its silence below proves nothing.
    // (Not port 9 or 1: fetch refuses the "bad ports" of the Fetch standard without connecting.)
    const closed = await freePort()
    const probe = spawnSync(
      NODE24,
      ['-e', `fetch('http://127.0.0.1:${closed}/').catch(() => undefined)`],
      { env: { ...process.env, ...guard.env }, encoding: 'utf8', timeout: 10_000 }
    )
    expect(probe.status).toBe(0)
    expect(guard.attempts()).toEqual([`127.0.0.1:${closed}`])

    const guardLog = guard.attempts().length
    const run = await s.run(
      s.push((l) => l.writeMetric('demo/demo.yaml', SALES.replace('sales', 'demo'))),
      {
        'dagster-url': 'http://dagster.invalid:3000',
        'dagster-token': token,
        'timeout-seconds': '30'
      },
      guard.env
    )
    expect(run.code).toBe(1)
    expect(run.outputs['reloaded']).toBe('false')
    expect(guard.attempts().length).toBe(guardLog)
    // Refused up front: no DNS lookup, no connection, no retry (a 30 s timeout was available).
    expect(run.ms).toBeLessThan(5_000)
    expect(run.stdout).not.toMatch(/attempt \d/)
    expect(repositoriesOf(run).failure!.kind).toBe('config')
    expect(run.summary).toContain('refusing to send the Dagster token over plain http://')
    expect(run.summary).toContain('https://')
    // The token only ever reaches the runner inside its own add-mask command.
    const leaks = run.stdout.split('\n').filter((l) => l.includes(token))
    expect(leaks).toEqual([`::add-mask::${token}`])
    expect(run.stderr).not.toContain(token)
    expect(run.summary).not.toContain(token)
    expect(JSON.stringify(run.outputs)).not.toContain(token)
    expect(readFileSync(run.outputs['report-path']!, 'utf8')).not.toContain(token)
  })
})
