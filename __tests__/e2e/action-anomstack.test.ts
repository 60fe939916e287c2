/**
 * The bundled action against a real dagster-webserver serving the REAL Anomstack code location
 * (upstream anomstack.main over a copy of the real upstream metrics tree): add a batch, change a
 * cron, disable a batch, break a batch; what the summary and the reload verification report.
 * Tests run in order on one server; each leaves the location loadable.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BLOCKED_BY_ERRORS } from '../../src/action/decide-reload.js'
import { cleanupAll } from '../action/harness.js'
import { oracleMissing } from '../helpers/paths.js'
import { loadedJobs, repositoriesOf, scheduleCron, type ActionServer } from './action-harness.js'
import { ANOMSTACK_LOCATION, startAnomstackServer } from './anomstack-server.js'

const missing = oracleMissing()
if (missing) console.warn(`real-Anomstack reload scenarios skipped: ${missing}`)

/** The jobs the real location builds for a batch with upstream defaults (llmalert off by default). */
const jobsOf = (batch: string): string[] =>
  ['ingest', 'train', 'score', 'alerts', 'change', 'plot_job', 'delete', 'llmalert_disabled'].map(
    (p) => `${batch}_${p}`
  )

const loaded = (run: Parameters<typeof loadedJobs>[0]): string[] =>
  loadedJobs(run, ANOMSTACK_LOCATION)

const verificationWarnings = (run: Parameters<typeof loadedJobs>[0]) =>
  run.annotations.filter((a) => a.title === 'Reload verification')

let s: ActionServer
let sales = ''

describe.skipIf(missing !== undefined)('bundled action against the real Anomstack location', () => {
  beforeAll(async () => {
    s = await startAnomstackServer()
    sales = readFileSync(path.join(s.location.metricsDir, 'examples/sales/sales.yaml'), 'utf8')
  })

  afterAll(async () => {
    await s?.stop()
    cleanupAll()
  })

  it('adding a batch reloads, and its jobs and schedules appear as planned', async () => {
    const batch = sales.replace('metric_batch: "sales"', 'metric_batch: "oracle_added"')
    const run = await s.run(s.push((l) => l.writeMetric('mine/oracle_added.yaml', batch)))
    expect(run.code, run.stdout).toBe(0)
    expect(run.outputs['valid']).toBe('true')
    expect(run.outputs['reloaded']).toBe('true')
    expect(JSON.parse(run.outputs['affected-batches'] ?? '[]')).toEqual(['oracle_added'])
    expect(loaded(run)).toEqual(expect.arrayContaining(jobsOf('oracle_added')))
    const loc = repositoriesOf(run).locations?.[0]
    expect(loc).toMatchObject({ name: ANOMSTACK_LOCATION, ok: true })
    expect(loc?.changes?.jobsAdded.sort()).toEqual(jobsOf('oracle_added').sort())
    expect(loc?.changes?.jobsRemoved).toEqual([])
    expect(scheduleCron(run, 'oracle_added_ingest_schedule', ANOMSTACK_LOCATION)).toBe(
      '*/3 * * * *'
    )
    expect(run.summary).toContain('Dagster reload succeeded')
    expect(run.summary).toMatch(/Jobs added: .*<code>oracle_added_ingest<\/code>/)
    expect(verificationWarnings(run)).toEqual([])
    expect(run.summary).toContain('What loaded matches the plan.')
  })

  it('changing a cron changes exactly that schedule', async () => {
    const run = await s.run(
      s.push((l) =>
        l.writeMetric(
          'examples/sales/sales.yaml',
          sales.replace(
            'ingest_cron_schedule: "*/3 * * * *"',
            'ingest_cron_schedule: "*/7 * * * *"'
          )
        )
      )
    )
    expect(run.code, run.stdout).toBe(0)
    expect(run.outputs['reloaded']).toBe('true')
    expect(scheduleCron(run, 'sales_ingest_schedule', ANOMSTACK_LOCATION)).toBe('*/7 * * * *')
    const changes = repositoriesOf(run).locations?.[0]?.changes
    expect(changes?.jobsAdded).toEqual([])
    expect(changes?.jobsRemoved).toEqual([])
    expect(changes?.schedulesChanged).toEqual([
      expect.objectContaining({
        name: 'sales_ingest_schedule',
        before: expect.objectContaining({ cronSchedule: '*/3 * * * *' }),
        after: expect.objectContaining({ cronSchedule: '*/7 * * * *' })
      })
    ])
    expect(run.summary).toContain(
      'Schedule <code>sales_ingest_schedule</code> changed: cron <code>*/3 * * * *</code> → <code>*/7 * * * *</code>'
    )
    expect(verificationWarnings(run)).toEqual([])
  })

  it('disabling a batch removes its jobs and schedules', async () => {
    const run = await s.run(
      s.push((l) =>
        l.writeMetric(
          'mine/oracle_added.yaml',
          `disable_batch: True\n${sales.replace('metric_batch: "sales"', 'metric_batch: "oracle_added"')}`
        )
      )
    )
    expect(run.code, run.stdout).toBe(0)
    expect(run.outputs['reloaded']).toBe('true')
    expect(loaded(run).filter((j) => j.startsWith('oracle_added_'))).toEqual([])
    const changes = repositoriesOf(run).locations?.[0]?.changes
    expect(changes?.jobsRemoved.sort()).toEqual(jobsOf('oracle_added').sort())
    expect(changes?.schedulesRemoved).toContain('oracle_added_ingest_schedule')
    expect(run.summary).toMatch(/Jobs removed: .*<code>oracle_added_ingest<\/code>/)
    expect(verificationWarnings(run)).toEqual([])
  })

  it('a batch the validator rejects is never loaded, and the real location keeps running', async () => {
    const broken = sales.replace('metric_batch: "sales"', 'metric_batch: "oracle-broken"')
    const run = await s.run(s.push((l) => l.writeMetric('mine/broken.yaml', broken)))
    expect(run.code).toBe(1)
    expect(run.outputs['valid']).toBe('false')
    expect(run.outputs['reloaded']).toBe('false')
    expect(run.annotations).toContainEqual(
      expect.objectContaining({ level: 'error', file: 'metrics/mine/broken.yaml', line: 1 })
    )
    expect(run.summary).toContain(`Not reloaded: ${BLOCKED_BY_ERRORS}.`)
    s.push((l) => l.removeMetric('mine/broken.yaml'), 'revert the broken batch')
  })

  it('a change that crashes the real load is never reported as a successful reload', async () => {
    // Removing `db` from defaults.yaml: every job module reads spec["db"] while building
    // definitions, so the real location fails to load (KeyError). The validator must stop it
    // at the defaults file (defaults/missing-key, a load crash) and nothing is reloaded.
    const defaults = readFileSync(
      path.join(s.location.metricsDir, 'defaults/defaults.yaml'),
      'utf8'
    )
    const run = await s.run(
      s.push((l) => l.writeMetric('defaults/defaults.yaml', defaults.replace(/^db: .*\n/m, '')))
    )
    expect(run.code).toBe(1)
    expect(run.outputs['valid']).toBe('false')
    expect(run.outputs['reloaded']).toBe('false')
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'error',
        file: 'metrics/defaults/defaults.yaml',
        title: expect.stringMatching(/^defaults\/missing-key\b/),
        message: expect.stringContaining('`db`')
      })
    )
    expect(run.summary).toContain(`Not reloaded: ${BLOCKED_BY_ERRORS}.`)
    expect(run.summary).not.toContain('Dagster reload failed')
    expect(run.summary).not.toContain('Dagster reload succeeded')
    const fixed = await s.run(
      s.push((l) => l.writeMetric('defaults/defaults.yaml', defaults), 'restore defaults')
    )
    expect(fixed.code, fixed.stdout).toBe(0)
    expect(fixed.outputs['reloaded']).toBe('true')
    expect(loaded(fixed)).toEqual(expect.arrayContaining(jobsOf('sales')))
  })
})
