/**
 * A tiny HTTP proxy on 127.0.0.1 that holds every request for `delayMs` before forwarding it to
 * `target`, to test client timeouts against a slow endpoint. Optionally it answers with an HTML
 * error page instead (what a reverse proxy shows when the backend is down).
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface DelayProxyOptions {
  /** Upstream base, e.g. `http://127.0.0.1:3000`. Must be loopback. */
  target: string
  delayMs: number
  /** Answer with this status and an HTML page instead of forwarding (after the delay). */
  htmlStatus?: number
}

export interface DelayProxy {
  url: string
  /** Requests received so far. */
  requests(): number
  stop(): Promise<void>
}

/** Start the proxy; pair with `stop()`. */
export async function startDelayProxy(options: DelayProxyOptions): Promise<DelayProxy> {
  const target = new URL(options.target)
  if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost') {
    throw new Error('delay proxy: loopback targets only')
  }
  let count = 0
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    count++
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        if (res.destroyed) return
        if (options.htmlStatus !== undefined) {
          res.writeHead(options.htmlStatus, { 'content-type': 'text/html' })
          res.end('<html><body><h1>502 Bad Gateway</h1></body></html>')
          return
        }
        const upstream = request(
          {
            hostname: target.hostname,
            port: target.port,
            path: req.url,
            method: req.method,
            headers: { ...req.headers, host: target.host }
          },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers)
            up.pipe(res)
          }
        )
        upstream.on('error', () => {
          if (!res.headersSent) res.writeHead(502)
          res.end()
        })
        upstream.end(Buffer.concat(chunks))
      }, options.delayMs)
      timers.add(timer)
    })
  }
  const server = createServer(handle)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    stop: async () => {
      for (const t of timers) clearTimeout(t)
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    }
  }
}
