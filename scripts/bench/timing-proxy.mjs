// A pass-through HTTP proxy on 127.0.0.1 that times every request the action sends to Dagster,
// so "time Dagster spends in the mutation" is measured inside the same run as the action's total.
import http from 'node:http'

function operationOf(method, url, body) {
  if (method !== 'POST') return `${method} ${url.split('?')[0]}`
  try {
    const j = JSON.parse(body.toString('utf8'))
    if (typeof j.operationName === 'string' && j.operationName) return j.operationName
    const m = /\b(query|mutation)\s+(\w+)/.exec(typeof j.query === 'string' ? j.query : '')
    if (m) return m[2]
    if (typeof j.query === 'string' && /reloadRepositoryLocation/.test(j.query))
      return 'reloadRepositoryLocation'
  } catch {
    // not JSON: fall through
  }
  return `POST ${url}`
}

/**
 * Starts the proxy in front of `target` (http://127.0.0.1:port).
 * @returns {Promise<{ url: string, records: { op: string, ms: number, status: number, body: string }[],
 *   reset: () => void, close: () => Promise<void> }>}
 */
export function startTimingProxy(target) {
  const upstream = new URL(target)
  const records = []
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const headers = { ...req.headers, host: upstream.host }
      const t0 = performance.now()
      const up = http.request(
        {
          hostname: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers
        },
        (ur) => {
          const out = []
          ur.on('data', (c) => out.push(c))
          ur.on('end', () => {
            const payload = Buffer.concat(out)
            records.push({
              op: operationOf(req.method, req.url ?? '', body),
              ms: performance.now() - t0,
              status: ur.statusCode ?? 0,
              body: payload.subarray(0, 300).toString('utf8')
            })
            const h = { ...ur.headers }
            delete h['transfer-encoding']
            h['content-length'] = String(payload.length)
            res.writeHead(ur.statusCode ?? 502, h)
            res.end(payload)
          })
        }
      )
      up.on('error', () => {
        res.writeHead(502)
        res.end()
      })
      up.end(body)
    })
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const a = server.address()
      const port = typeof a === 'object' && a ? a.port : 0
      resolve({
        url: `http://127.0.0.1:${port}`,
        records,
        reset: () => void records.splice(0),
        close: () => new Promise((r) => server.close(() => r()))
      })
    })
  })
}
