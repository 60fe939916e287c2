import { it } from 'vitest'
import { DagsterClient } from '../../src/dagster/client.js'
import { reloadLocations } from '../../src/dagster/reload.js'
import { startDagster } from '../../__tests__/e2e/dagster-server.js'
it('dbg', async () => {
  const s = await startDagster()
  try {
    const c = new DagsterClient({ url: s.url })
    s.location.writeMetric('sales2/sales2.yaml', 'metric_batch: sales2\n')
    const r = await reloadLocations(c, { locations: [], reloadWorkspace: false, timeoutMs: 60000 })
    console.log(JSON.stringify(r.locations[0]?.diff), r.locations[0]?.failure, JSON.stringify(r.locations[0]?.after?.repositories[0]?.jobs))
    console.log(s.logs().slice(-3000))
  } finally { await s.stop() }
}, 120000)
