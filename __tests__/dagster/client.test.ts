import { describe, expect, it } from 'vitest'
import { DagsterClient, isLoopbackHost, normaliseBaseUrl } from '../../src/dagster/client.js'
import {
  DagsterConfigError,
  DagsterGraphQLError,
  DagsterHttpError,
  DagsterTimeoutError,
  DagsterUnreachableError,
  InsecureTransportError
} from '../../src/dagster/errors.js'
import { json, refused, router, type Handler } from './fake-fetch.js'

const TOKEN = 'user:secret-token-123'
const Q = 'query AhrProbe { version }'
const noSleep = async () => undefined

function client(
  routes: Record<string, Handler | Handler[]>,
  extra: Partial<ConstructorParameters<typeof DagsterClient>[0]> = {}
) {
  const r = router(routes)
  const lines: string[] = []
  const c = new DagsterClient({
    url: 'http://127.0.0.1:3000',
    fetch: r.fetch,
    sleep: noSleep,
    log: (l) => lines.push(l),
    ...extra
  })
  return { c, seen: r.seen, lines }
}

describe('URL and transport security', () => {
  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.200.3.4', true],
    ['[::1]', true],
    ['dev.localhost', true],
    ['127.0.0.256', false],
    ['10.0.0.1', false],
    ['example.com', false],
    ['localhost.example.com', false]
  ])('isLoopbackHost(%s) = %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected)
  })

  it('strips a trailing /graphql and slashes, keeps a path prefix', () => {
    expect(normaliseBaseUrl('http://h:3000/dagster/graphql/').toString()).toBe(
      'http://h:3000/dagster'
    )
    expect(new DagsterClient({ url: 'http://127.0.0.1:3000/' }).graphqlUrl).toBe(
      'http://127.0.0.1:3000/graphql'
    )
  })

  it('rejects credentials in the URL and non-http schemes', () => {
    expect(() => normaliseBaseUrl('http://u:p@127.0.0.1')).toThrow(DagsterConfigError)
    expect(() => normaliseBaseUrl('ftp://127.0.0.1')).toThrow(DagsterConfigError)
    expect(() => normaliseBaseUrl('not a url')).toThrow(DagsterConfigError)
  })

  it('refuses a token over plain http to a remote host, without echoing the token', () => {
    let error: unknown
    try {
      new DagsterClient({ url: 'http://dagster.example.com', token: TOKEN })
    } catch (e: unknown) {
      error = e
    }
    expect(error).toBeInstanceOf(InsecureTransportError)
    expect(String((error as Error).message)).toContain('dagster.example.com')
    expect(String((error as Error).message)).not.toContain(TOKEN)
  })

  it('refuses extra headers over plain http to a remote host too', () => {
    expect(
      () =>
        new DagsterClient({ url: 'http://10.1.2.3:3000', headers: { Authorization: 'Basic abc' } })
    ).toThrow(InsecureTransportError)
  })

  it('allows a token over https, or over http to loopback; allows plain http without secrets', () => {
    expect(
      () => new DagsterClient({ url: 'https://org.dagster.cloud/prod', token: TOKEN })
    ).not.toThrow()
    expect(() => new DagsterClient({ url: 'http://localhost:3000', token: TOKEN })).not.toThrow()
    expect(() => new DagsterClient({ url: 'http://dagster.internal:3000' })).not.toThrow()
  })

  it('rejects the token given twice', () => {
    expect(
      () =>
        new DagsterClient({
          url: 'https://x.example',
          token: TOKEN,
          headers: { 'dagster-cloud-api-token': 'other-value' }
        })
    ).toThrow(DagsterConfigError)
  })
})

describe('requests', () => {
  it('sends the token header and extra headers, POSTs JSON to /graphql', async () => {
    const { c, seen } = client(
      { AhrProbe: () => json({ data: { version: '1.13.28' } }) },
      { token: TOKEN, headers: { 'X-Proxy-Auth': 'proxy-secret' } }
    )
    expect(await c.request<{ version: string }>(Q)).toEqual({ version: '1.13.28' })
    expect(seen).toHaveLength(1)
    expect(seen[0]!.url).toBe('http://127.0.0.1:3000/graphql')
    expect(seen[0]!.method).toBe('POST')
    expect(seen[0]!.headers['dagster-cloud-api-token']).toBe(TOKEN)
    expect(seen[0]!.headers['x-proxy-auth']).toBe('proxy-secret')
    expect(seen[0]!.body!.query).toBe(Q)
  })

  it('retries 503 and a proxy HTML page, then succeeds', async () => {
    const { c, seen, lines } = client(
      {
        AhrProbe: [
          () => new Response('busy', { status: 503 }),
          () =>
            new Response('<html>login</html>', {
              status: 200,
              headers: { 'content-type': 'text/html' }
            }),
          () => json({ data: { version: 'x' } })
        ]
      },
      { token: TOKEN }
    )
    expect(await c.request(Q)).toEqual({ version: 'x' })
    expect(seen).toHaveLength(3)
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain('HTML page')
    expect(lines.join('\n')).not.toContain(TOKEN)
  })

  it('returns data from a 500 (Dagster PythonError) without retrying', async () => {
    const { c, seen } = client({
      AhrProbe: () =>
        json({ data: { reloadWorkspace: { __typename: 'PythonError', message: 'boom' } } }, 500)
    })
    expect(await c.request(Q)).toEqual({
      reloadWorkspace: { __typename: 'PythonError', message: 'boom' }
    })
    expect(seen).toHaveLength(1)
  })

  it('does not retry GraphQL errors (HTTP 400) and scrubs echoed secrets', async () => {
    const { c, seen } = client(
      {
        AhrProbe: () =>
          json({ errors: [{ message: `Cannot query field "x" (token ${TOKEN})` }] }, 400)
      },
      { token: TOKEN }
    )
    const error = await c.request(Q).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DagsterGraphQLError)
    expect((error as DagsterGraphQLError).status).toBe(400)
    expect((error as Error).message).toContain('Cannot query field')
    expect((error as Error).message).not.toContain(TOKEN)
    expect(seen).toHaveLength(1)
  })

  it('does not retry errors[] in a 200 reply', async () => {
    const { c, seen } = client({
      AhrProbe: () => json({ data: null, errors: [{ message: 'nope' }] })
    })
    await expect(c.request(Q)).rejects.toBeInstanceOf(DagsterGraphQLError)
    expect(seen).toHaveLength(1)
  })

  it('gives up after maxAttempts with one clear error', async () => {
    const { c, seen } = client({ AhrProbe: () => refused() }, { maxAttempts: 3 })
    const error = await c.request(Q).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DagsterUnreachableError)
    expect((error as DagsterUnreachableError).attempts).toBe(3)
    expect((error as DagsterUnreachableError).maybeProcessed).toBe(false)
    expect((error as Error).message).toContain('connection refused')
    expect(seen).toHaveLength(3)
  })

  it('retries a mutation only when it surely never reached the server', async () => {
    const reset = () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } })
    }
    const { c, seen } = client({ AhrProbe: [() => refused(), reset] })
    const error = await c.request(Q, undefined, { idempotent: false }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DagsterUnreachableError)
    expect((error as DagsterUnreachableError).maybeProcessed).toBe(true)
    expect(seen).toHaveLength(2)
  })

  it('respects the deadline when the server never answers', async () => {
    const hang: Handler = () => new Promise<Response>(() => undefined)
    const { c } = client({ AhrProbe: hang })
    const started = Date.now()
    const error = await c.request(Q, undefined, { timeoutMs: 200 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DagsterTimeoutError)
    expect(Date.now() - started).toBeLessThan(1_000)
  })

  it('stops retrying when the next backoff would pass the deadline', async () => {
    let clock = 0
    const { c, seen } = client(
      { AhrProbe: () => new Response('x', { status: 502 }) },
      {
        now: () => clock,
        sleep: async (ms) => void (clock += ms),
        retryBaseMs: 400,
        random: () => 0.99
      }
    )
    const error = await c.request(Q, undefined, { timeoutMs: 1_000 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DagsterTimeoutError)
    expect(seen.length).toBeLessThan(5)
  })

  it.each([
    [401, 'refused'],
    [403, 'refused'],
    [404, 'path prefix']
  ])('HTTP %i is not retried and explains itself', async (status, words) => {
    const { c, seen } = client({ AhrProbe: () => new Response('no', { status }) })
    const error = await c.request(Q).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DagsterHttpError)
    expect((error as Error).message).toContain(words)
    expect(seen).toHaveLength(1)
  })

  it('never follows a redirect and does not show its query string', async () => {
    const { c } = client(
      {
        AhrProbe: (req) => {
          expect(req.headers['dagster-cloud-api-token']).toBe(TOKEN)
          return new Response(null, {
            status: 302,
            headers: { location: `http://evil.example/x?t=${TOKEN}` }
          })
        }
      },
      { token: TOKEN }
    )
    const error = await c.request(Q).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DagsterHttpError)
    expect((error as Error).message).toContain('http://evil.example/x')
    expect((error as Error).message).not.toContain(TOKEN)
  })
})

describe('getServerInfo', () => {
  it('reads the versions', async () => {
    const { c, seen } = client({
      server_info: () =>
        json({
          dagster_webserver_version: '1.13.27',
          dagster_version: '1.13.28',
          dagster_graphql_version: '1.13.28'
        })
    })
    expect(await c.getServerInfo()).toEqual({
      dagsterVersion: '1.13.28',
      dagsterWebserverVersion: '1.13.27',
      dagsterGraphqlVersion: '1.13.28'
    })
    expect(seen[0]!.method).toBe('GET')
    expect(seen[0]!.url).toBe('http://127.0.0.1:3000/server_info')
  })

  it('retries a non-JSON page, then fails as unreachable', async () => {
    const { c, seen } = client(
      {
        server_info: () =>
          new Response('<html></html>', { headers: { 'content-type': 'text/html' } })
      },
      { maxAttempts: 2 }
    )
    const error = await c.getServerInfo().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DagsterUnreachableError)
    expect((error as Error).message).toContain('HTML page')
    expect(seen).toHaveLength(2)
  })
})
