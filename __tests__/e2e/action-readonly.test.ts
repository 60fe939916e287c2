/** The bundled action against a `dagster-webserver --read-only`: refused, and told what to change. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanupAll } from '../action/harness.js'
import { repositoriesOf, startActionServer, type ActionServer } from './action-harness.js'

let s: ActionServer

beforeAll(async () => {
  s = await startActionServer({ readOnly: true })
})

afterAll(async () => {
  await s?.stop()
  cleanupAll()
})

describe('bundled action against a read-only webserver', () => {
  it('fails as unauthorized, says to drop --read-only, and nothing reloads', async () => {
    const loads = s.loadCount()
    const run = await s.run(
      s.push((l) =>
        l.writeMetric(
          'sales/sales.yaml',
          'metric_batch: sales\ningest_sql: select 1 as metric_value\n'
        )
      )
    )
    expect(run.code).toBe(1)
    expect(run.outputs['valid']).toBe('true')
    expect(run.outputs['reloaded']).toBe('false')
    const loc = repositoriesOf(run).locations![0]!
    expect(loc).toMatchObject({ name: 'metrics_location', ok: false })
    expect(loc.failure!.kind).toBe('unauthorized')
    expect(run.summary).toContain('UnauthorizedError')
    expect(run.summary).toContain('<code>--read-only</code>')
    expect(s.loadCount()).toBe(loads)
  })
})
