/** A scripted `fetch` for unit tests: each call is answered by the next handler. */
import type { FetchLike } from '../../src/dagster/client.js'

export interface SeenRequest {
  url: string
  method: string
  headers: Record<string, string>
  body: { query?: string; variables?: Record<string, unknown>; operationName?: string } | undefined
}

export type Handler = (req: SeenRequest) => Response | Promise<Response>

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' }
  })
}

export function refused(): never {
  const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
    code: 'ECONNREFUSED'
  })
  throw Object.assign(new TypeError('fetch failed'), { cause })
}

/** Route by GraphQL operation name (or `server_info`); unknown requests fail the test. */
export function router(routes: Record<string, Handler | Handler[]>): {
  fetch: FetchLike
  seen: SeenRequest[]
} {
  const seen: SeenRequest[] = []
  const counters = new Map<string, number>()
  const fetch = (async (input: Parameters<FetchLike>[0], init?: Parameters<FetchLike>[1]) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const headers: Record<string, string> = {}
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v))
    const raw = typeof init?.body === 'string' ? init.body : undefined
    const body = raw !== undefined ? (JSON.parse(raw) as SeenRequest['body']) : undefined
    const req: SeenRequest = { url, method: init?.method ?? 'GET', headers, body }
    seen.push(req)
    const key = url.endsWith('/server_info')
      ? 'server_info'
      : (/(?:query|mutation)\s+(\w+)/.exec(body?.query ?? '')?.[1] ?? 'anonymous')
    const route = routes[key]
    if (!route) throw new Error(`no route for ${key}`)
    if (Array.isArray(route)) {
      const n = counters.get(key) ?? 0
      counters.set(key, n + 1)
      const handler = route[Math.min(n, route.length - 1)]!
      return handler(req)
    }
    return route(req)
  }) as FetchLike
  return { fetch, seen }
}
