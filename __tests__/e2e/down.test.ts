/** A webserver that is down: bounded retries, then one clear error within the timeout. */
import { describe, expect, it } from 'vitest'
import { DagsterClient } from '../../src/dagster/client.js'
import { DagsterUnreachableError } from '../../src/dagster/errors.js'
import { reloadLocations } from '../../src/dagster/reload.js'
import { freePort } from './dagster-server.js'

describe('webserver down', () => {
  it('fails within the timeout after retrying', async () => {
    const port = await freePort()
    const lines: string[] = []
    const client = new DagsterClient({
      url: `http://127.0.0.1:${port}`,
      maxAttempts: 4,
      retryBaseMs: 100,
      log: (l) => lines.push(l)
    })
    const started = Date.now()
    const report = await reloadLocations(client, {
      locations: ['metrics_location'],
      reloadWorkspace: false,
      timeoutMs: 5_000
    })
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(report.ok).toBe(false)
    expect(report.failure!.kind).toBe('unreachable')
    expect(report.failure!.message).toContain('connection refused')
    expect(report.failure!.message).toContain('4 attempt(s)')
    expect(lines).toHaveLength(3)
    await expect(client.getServerInfo({ timeoutMs: 2_000 })).rejects.toBeInstanceOf(
      DagsterUnreachableError
    )
  })
})
