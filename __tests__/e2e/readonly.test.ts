/**
 * A `--read-only` webserver with two code locations: reloads are refused (UnauthorizedError),
 * and an empty location list is ambiguous.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DagsterClient } from '../../src/dagster/client.js'
import { reloadLocations } from '../../src/dagster/reload.js'
import { renderReloadSection } from '../../src/dagster/reload-summary.js'
import { DEFAULT_FILES, startDagster, type DagsterServer } from './dagster-server.js'

let server: DagsterServer
let client: DagsterClient

beforeAll(async () => {
  server = await startDagster({
    readOnly: true,
    locations: [
      { name: 'alpha', files: DEFAULT_FILES },
      { name: 'beta', files: { 'metrics/b/b.yaml': 'metric_batch: bee\n' } }
    ]
  })
  client = new DagsterClient({ url: server.url })
})

afterAll(async () => {
  await server?.stop()
})

describe('read-only webserver with two locations', () => {
  it('loads each location from its own metrics folder', async () => {
    const report = await reloadLocations(client, {
      locations: ['nope'],
      reloadWorkspace: false,
      timeoutMs: 30_000
    })
    expect(report.availableLocations).toEqual(['alpha', 'beta'])
  })

  it('refuses the reload with UnauthorizedError and says what to change', async () => {
    const report = await reloadLocations(client, {
      locations: ['alpha'],
      reloadWorkspace: false,
      timeoutMs: 30_000
    })
    expect(report.ok).toBe(false)
    const loc = report.locations[0]!
    expect(loc.failure!.kind).toBe('unauthorized')
    expect(loc.failure!.hint).toContain('--read-only')
    expect(renderReloadSection(report)).toContain('UnauthorizedError')
  })

  it('refuses a workspace reload too', async () => {
    const report = await reloadLocations(client, {
      locations: [],
      reloadWorkspace: true,
      timeoutMs: 30_000
    })
    expect(report.locations.map((l) => [l.name, l.failure?.kind])).toEqual([
      ['alpha', 'unauthorized'],
      ['beta', 'unauthorized']
    ])
  })

  it('fails listing the locations when none is named and there are several', async () => {
    const report = await reloadLocations(client, {
      locations: [],
      reloadWorkspace: false,
      timeoutMs: 30_000
    })
    expect(report.ok).toBe(false)
    expect(report.failure!.kind).toBe('ambiguous-location')
    expect(report.failure!.message).toContain('`alpha`, `beta`')
    expect(report.locations).toEqual([])
  })
})
