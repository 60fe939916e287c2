/**
 * A local fake of the GitHub REST issue-comment endpoints, on 127.0.0.1, that records every
 * request. Enough of the real API for Octokit's code paths: JSON bodies, status codes, pagination
 * by `page`/`per_page`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly query: Record<string, string>
  readonly body: unknown
  readonly authorization: string | undefined
}

export interface FakeComment {
  id: number
  body: string
  user: { login: string; type: string }
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = []
  /** Comments per issue number. */
  readonly comments = new Map<number, FakeComment[]>()
  /** Answer every write (POST/PATCH/DELETE) with 403, like a fork PR's read-only token. */
  readOnly = false
  /** The login the token comments as. */
  actor = { login: 'github-actions[bot]', type: 'Bot' }
  private nextId = 1000
  private server: Server | undefined

  get baseUrl(): string {
    const addr = this.server?.address() as AddressInfo | null | undefined
    if (!addr) throw new Error('not started')
    return `http://127.0.0.1:${addr.port}`
  }

  /** Adds a comment as if someone had posted it. */
  seed(issue: number, body: string, user = this.actor): FakeComment {
    const c = { id: this.nextId++, body, user: { ...user } }
    this.list(issue).push(c)
    return c
  }

  list(issue: number): FakeComment[] {
    let l = this.comments.get(issue)
    if (!l) this.comments.set(issue, (l = []))
    return l
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET')
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve()
    )
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const body: unknown = text ? JSON.parse(text) : undefined
    const method = req.method ?? 'GET'
    this.requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      authorization: req.headers.authorization
    })
    const send = (status: number, data?: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      res.end(data === undefined ? '' : JSON.stringify(data))
    }
    if (method !== 'GET' && this.readOnly) {
      send(403, { message: 'Resource not accessible by integration', status: '403' })
      return
    }
    const onIssue = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname)
    const onComment = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname)
    const bodyText = (): string =>
      body && typeof body === 'object' && 'body' in body && typeof body.body === 'string'
        ? body.body
        : ''
    if (onIssue && method === 'GET') {
      const perPage = Number(url.searchParams.get('per_page') ?? 30)
      const page = Number(url.searchParams.get('page') ?? 1)
      const all = this.list(Number(onIssue[1]))
      send(
        200,
        all.slice((page - 1) * perPage, page * perPage).map((c) => this.json(c))
      )
      return
    }
    if (onIssue && method === 'POST') {
      send(201, this.json(this.seed(Number(onIssue[1]), bodyText())))
      return
    }
    if (onComment) {
      const id = Number(onComment[1])
      for (const list of this.comments.values()) {
        const i = list.findIndex((c) => c.id === id)
        if (i < 0) continue
        if (method === 'PATCH') {
          list[i]!.body = bodyText()
          send(200, this.json(list[i]!))
        } else if (method === 'DELETE') {
          list.splice(i, 1)
          send(204)
        } else send(405, { message: 'Method not allowed' })
        return
      }
    }
    send(404, { message: 'Not Found' })
  }

  private json(c: FakeComment): Record<string, unknown> {
    return { id: c.id, body: c.body, user: c.user, html_url: `https://github.invalid/c/${c.id}` }
  }
}
