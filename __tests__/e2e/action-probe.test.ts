import { afterAll, beforeAll, expect, it } from 'vitest'
import { startActionServer, type ActionServer } from './action-harness.js'
import { freePort } from './dagster-server.js'
let s: ActionServer
beforeAll(async () => {
  s = await startActionServer()
})
afterAll(async () => {
  await s?.stop()
})
const show = (r: any) => {
  console.log('CODE', r.code, 'MS', Math.round(r.ms))
  console.log(r.stdout)
  console.log('STDERR', r.stderr)
  console.log(r.outputs['repositories'])
  console.log(r.summary.slice(r.summary.indexOf('### Reload')))
}
it('probe', async () => {
  show(
    await s.run(
      s.push((l) =>
        l.writeMetric(
          'boom/boom.yaml',
          'metric_batch: boom\ningest_sql: select 1\nfixture_fail_on_load: true\n'
        )
      )
    )
  )
  show(
    await s.run(
      s.push((l) => l.removeMetric('boom')),
      { locations: 'nope' }
    )
  )
  show(
    await s.run(
      s.push((l) => l.writeMetric('x/x.yaml', 'metric_batch: x\ningest_sql: select 1\n')),
      { 'dagster-url': `http://127.0.0.1:${await freePort()}`, 'timeout-seconds': '5' }
    )
  )
  show(
    await s.run(
      s.push((l) => l.writeMetric('y/y.yaml', 'metric_batch: y\ningest_sql: select 1\n')),
      { 'dagster-url': `http://dagster.invalid:3000`, 'dagster-token': 'tok-SECRET-123456' }
    )
  )
  expect(1).toBe(1)
})
