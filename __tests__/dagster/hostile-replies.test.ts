/**
 * Replies a hostile or broken webserver can send: an endless body (read stops at the cap, the call
 * fails once), JSON served as text/plain (accepted), an HTML page (clear message), and a location
 * stuck in LOADING (says it was still loading, with the elapsed time).
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { DagsterClient } from '../../src/dagster/client.js'
import { DagsterReplyTooLargeError } from '../../src/dagster/errors.js'
import { reloadLocations } from '../../src/dagster/reload.js'
import { json, router } from './fake-fetch.js'

const servers: http.Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(() => r(undefined)))))
})

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('reply size cap', () => {
  it('stops reading an endless reply at the cap and fails that call once, without retrying', async () => {
    let requests = 0
    let sent = 0
    const url = await serve((_req, res) => {
      requests++
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      res.write('{"dagster_version": "')
      // Writes for as long as the client reads: a 200 MB version string, and more.
      const pump = (): void => {
        while (sent < 1024 * 1024 * 1024) {
          sent += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end('"}')
      }
      res.on('close', () => res.destroy())
      pump()
    })
    const client = new DagsterClient({ url, maxReplyBytes: 2 * 1024 * 1024, retryBaseMs: 1 })
    const failure = await client.getServerInfo().catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(DagsterReplyTooLargeError)
    expect((failure as Error).message).toMatch(/^the reply was larger than 2 MB \(HTTP 200\)/)
    expect(requests).toBe(1)
    // The client stopped reading: the server could only push what fits in the socket buffers.
    expect(sent).toBeLessThan(64 * 1024 * 1024)
  })

  it('refuses a declared Content-Length above the cap without reading the body', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 ** 9) })
      res.write('{')
    })
    const client = new DagsterClient({ url, maxReplyBytes: 1024 * 1024 })
    await expect(client.request('query AhrX { version }')).rejects.toThrow(
      /the reply was larger than 1 MB/
    )
  })
})

describe('content types', () => {
  it('accepts valid JSON served as text/plain by a proxy', async () => {
    const url = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
      res.end(
        req.url?.endsWith('/server_info')
          ? '{"dagster_version":"1.13.28"}'
          : '{"data":{"version":"1.13.28"}}'
      )
    })
    const client = new DagsterClient({ url })
    await expect(client.getServerInfo()).resolves.toEqual({ dagsterVersion: '1.13.28' })
    await expect(client.request('query AhrV { version }')).resolves.toEqual({ version: '1.13.28' })
  })

  it('still names an HTML page as such', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<html><body>Sign in</body></html>')
    })
    const client = new DagsterClient({ url, maxAttempts: 2, retryBaseMs: 1 })
    await expect(client.request('query AhrV { version }')).rejects.toThrow(
      /an HTML page \(text\/html\) \(not a Dagster webserver reply: a proxy or login page\?\)/
    )
  })
})

describe('a location stuck in LOADING', () => {
  it('says it was still loading after the timeout, with the elapsed time', async () => {
    let clock = 0
    const loading = {
      __typename: 'WorkspaceLocationEntry',
      name: 'loc',
      loadStatus: 'LOADING',
      versionKey: 'v1',
      updatedTimestamp: 1,
      locationOrLoadError: null
    }
    const r = router({
      server_info: () => json({ dagster_version: '1.13.28' }),
      AhrWorkspace: () =>
        json({
          data: {
            version: '1.13.28',
            workspaceOrError: {
              __typename: 'Workspace',
              locationEntries: [{ ...loading, loadStatus: 'LOADED' }]
            }
          }
        }),
      AhrReloadLocation: () => json({ data: { reloadRepositoryLocation: loading } }),
      AhrWorkspaceStatus: () =>
        json({
          data: { workspaceOrError: { __typename: 'Workspace', locationEntries: [loading] } }
        })
    })
    const now = () => clock
    const sleep = async (ms: number) => void (clock += ms)
    const client = new DagsterClient({ url: 'http://127.0.0.1:1', fetch: r.fetch, now, sleep })
    const report = await reloadLocations(client, {
      locations: ['loc'],
      reloadWorkspace: false,
      timeoutMs: 95_000,
      pollIntervalMs: 2_000,
      now,
      sleep
    })
    const failure = report.locations[0]?.failure
    expect(failure?.kind).toBe('timeout')
    expect(failure?.message).toBe(
      'code location `loc` was still loading after the timeout (1 min 35 s of polling; last status: LOADING)'
    )
  })
})

describe('a timeout above Node timer limit', () => {
  it('still waits for a slow answer instead of firing after 1 ms', async () => {
    const url = await serve((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end('{"dagster_version":"1.13.28"}')
      }, 50)
    })
    const client = new DagsterClient({ url, timeoutMs: 30 * 24 * 3600 * 1000, maxAttempts: 1 })
    await expect(client.getServerInfo()).resolves.toEqual({ dagsterVersion: '1.13.28' })
  })
})
