/**
 * A small GraphQL client for the Dagster webserver, over `graphql-request`.
 *
 * What it adds on top:
 * - one overall deadline per call, with bounded retries (exponential backoff + jitter) for network
 *   faults, 5xx and non-JSON replies (a proxy's HTML page), and no retry for GraphQL errors;
 * - Dagster's habit of answering 500 with valid `data` (a top-level `PythonError`) is honoured;
 * - the token and extra header values are never sent over plain HTTP off this machine, never
 *   follow a redirect, and never appear in an error message or log line.
 */
import { ClientError, GraphQLClient } from 'graphql-request'
import {
  DagsterClientError,
  DagsterConfigError,
  DagsterGraphQLError,
  DagsterHttpError,
  DagsterReplyTooLargeError,
  DagsterTimeoutError,
  DagsterUnreachableError,
  InsecureTransportError
} from './errors.js'
import { scrubWith, secretForms } from '../report/output-boundary.js'

/** The `fetch` signature the client needs (Node's global `fetch` fits). */
export type FetchLike = typeof fetch

/** Header Dagster+ reads the user token from. */
export const TOKEN_HEADER = 'Dagster-Cloud-Api-Token'

/** Options of {@link DagsterClient}. */
export interface DagsterClientOptions {
  /**
   * Webserver base URL, e.g. `http://127.0.0.1:3000`, `http://host/dagster` (path prefix) or
   * `https://org.dagster.cloud/prod`. A trailing `/graphql` is accepted and removed.
   */
  url: string
  /** Dagster+ user token, sent as `Dagster-Cloud-Api-Token`. */
  token?: string
  /** Extra headers (e.g. from {@link parseHeaderLines}); every value is treated as a secret. */
  headers?: Readonly<Record<string, string>>
  /** Default overall deadline of one call, retries included. Default 60 s. */
  timeoutMs?: number
  /** Most requests sent per call. Default 5. */
  maxAttempts?: number
  /** First backoff delay; it doubles per retry (with jitter). Default 500 ms. */
  retryBaseMs?: number
  /** Cap of one backoff delay. Default 8 s. */
  retryMaxMs?: number
  fetch?: FetchLike
  /**
   * Most bytes read from one reply body; reading stops there and the call fails without a
   * retry. Default {@link MAX_REPLY_BYTES}.
   */
  maxReplyBytes?: number
  /** Receives one line per retry; never contains a secret. */
  log?: (line: string) => void
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>
  /** Injected for tests; returns [0, 1). */
  random?: () => number
  /** Injected for tests; epoch milliseconds. */
  now?: () => number
}

/** Per-call options. */
export interface CallOptions {
  /** Absolute deadline in epoch ms (same clock as `now`); wins over `timeoutMs`. */
  deadline?: number
  /** Overall time for this call, retries included. */
  timeoutMs?: number
  /**
   * False for requests with side effects (the reload mutation): they are retried only when the
   * request certainly never reached the server (connection refused, DNS failure).
   */
  idempotent?: boolean
}

/** `GET /server_info` of a Dagster webserver. */
export interface ServerInfo {
  dagsterVersion?: string
  dagsterWebserverVersion?: string
  dagsterGraphqlVersion?: string
}

type Attempt<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false
      /** Retrying might help. */
      readonly retryable: boolean
      /** The request may have reached the server. */
      readonly sent: boolean
      readonly timedOut?: boolean
      /** Scrubbed, one line. */
      readonly reason: string
      /** Thrown as is when set (not retryable). */
      readonly fatal?: DagsterClientError
    }

/** Error codes meaning the request never left this machine or never got a connection. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT'
])

/**
 * Default cap of one reply body. The largest reply we ask for lists every job and schedule of a
 * workspace: about 100 bytes per name, so 10,000 batches (600,000 names) fit.
 */
export const MAX_REPLY_BYTES = 64 * 1024 * 1024

const MAX_TIMER_MS = 0x7fffffff

const DEFAULTS = { timeoutMs: 60_000, maxAttempts: 5, retryBaseMs: 500, retryMaxMs: 8_000 }

/** True for `localhost`, `*.localhost`, 127.0.0.0/8 and `::1`: traffic that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true
  if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host)) return true
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  return m !== null && m.slice(1).every((part) => Number(part) <= 255)
}

/**
 * Normalise the user's URL to the webserver base (no trailing `/` or `/graphql`).
 *
 * @throws DagsterConfigError for an unparsable URL, a scheme other than http(s), or credentials
 *   in the URL (they would be logged and fetch refuses them; use the headers input instead).
 */
export function normaliseBaseUrl(input: string): URL {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    throw new DagsterConfigError(
      'the Dagster URL is not a valid absolute URL (expected e.g. http://127.0.0.1:3000)'
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DagsterConfigError(
      `the Dagster URL must start with http:// or https:// (got ${url.protocol}//)`
    )
  }
  if (url.username !== '' || url.password !== '') {
    throw new DagsterConfigError(
      'the Dagster URL contains a user name or password; pass credentials as a header (e.g. `Authorization: Basic …`) instead'
    )
  }
  url.hash = ''
  url.search = ''
  url.pathname = url.pathname.replace(/\/+$/, '').replace(/\/graphql$/, '') || '/'
  return url
}

/** Typed GraphQL client for one Dagster webserver. */
export class DagsterClient {
  /** Base URL without secrets, for messages and links. */
  readonly baseUrl: string
  readonly graphqlUrl: string
  private readonly headers: Readonly<Record<string, string>>
  private readonly secrets: readonly string[]
  private readonly fetchImpl: FetchLike
  private readonly maxReplyBytes: number
  private readonly timeoutMs: number
  private readonly maxAttempts: number
  private readonly retryBaseMs: number
  private readonly retryMaxMs: number
  private readonly log: (line: string) => void
  private readonly sleep: (ms: number) => Promise<void>
  private readonly random: () => number
  private readonly now: () => number

  /**
   * @throws DagsterConfigError for a bad URL or a header that clashes with the token header.
   * @throws InsecureTransportError when a token or extra headers would go over plain HTTP to a
   *   host other than this machine.
   */
  constructor(options: DagsterClientOptions) {
    const base = normaliseBaseUrl(options.url)
    const baseText = base.toString().replace(/\/$/, '')
    this.baseUrl = baseText
    this.graphqlUrl = `${baseText}/graphql`

    const headers: Record<string, string> = { ...(options.headers ?? {}) }
    const token = options.token?.trim() ?? ''
    if (token !== '') {
      if (Object.keys(headers).some((h) => h.toLowerCase() === TOKEN_HEADER.toLowerCase())) {
        throw new DagsterConfigError(
          `the token is given twice: as the token input and as a \`${TOKEN_HEADER}\` header; keep one`
        )
      }
      headers[TOKEN_HEADER] = token
    }
    this.headers = headers
    this.secrets = secretForms(Object.values(headers))

    if (this.secrets.length > 0 && base.protocol === 'http:' && !isLoopbackHost(base.hostname)) {
      const what = token !== '' ? 'the Dagster token' : 'the extra headers'
      throw new InsecureTransportError(
        `refusing to send ${what} over plain http:// to ${base.hostname}: anyone on the network path could read it. ` +
          'Use an https:// URL, or reach the webserver through localhost (an SSH tunnel or port-forward).'
      )
    }

    this.fetchImpl = options.fetch ?? globalThis.fetch
    this.maxReplyBytes = options.maxReplyBytes ?? MAX_REPLY_BYTES
    this.timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs
    this.maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULTS.maxAttempts)
    this.retryBaseMs = options.retryBaseMs ?? DEFAULTS.retryBaseMs
    this.retryMaxMs = options.retryMaxMs ?? DEFAULTS.retryMaxMs
    const log = options.log ?? (() => undefined)
    this.log = (line) => log(this.scrub(line))
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
    this.random = options.random ?? Math.random
    this.now = options.now ?? Date.now
  }

  /** Replace every secret (token, header values) in `text` with `***`. */
  scrub(text: string): string {
    return scrubWith(this.secrets, text)
  }

  /**
   * Run one GraphQL operation and return its `data`.
   *
   * @throws DagsterGraphQLError when the reply has `errors[]` (not retried).
   * @throws DagsterHttpError for 3xx/4xx statuses other than 400/408/429 (not retried).
   * @throws DagsterUnreachableError / DagsterTimeoutError when retries or the deadline run out.
   */
  async request<T>(
    document: string,
    variables?: Record<string, unknown>,
    options: CallOptions = {}
  ): Promise<T> {
    const label = `POST ${this.graphqlUrl} (${operationName(document)})`
    return this.withRetries(label, options, (signal) =>
      this.attemptGraphql<T>(document, variables, signal)
    )
  }

  /**
   * `GET {base}/server_info`: health check and Dagster version. Retried like {@link request}.
   */
  async getServerInfo(options: CallOptions = {}): Promise<ServerInfo> {
    const url = `${this.baseUrl}/server_info`
    return this.withRetries(`GET ${url}`, options, (signal) => this.attemptServerInfo(url, signal))
  }

  private async withRetries<T>(
    label: string,
    options: CallOptions,
    attempt: (signal: AbortSignal) => Promise<Attempt<T>>
  ): Promise<T> {
    const deadline = options.deadline ?? this.now() + (options.timeoutMs ?? this.timeoutMs)
    const total = Math.max(0, deadline - this.now())
    const idempotent = options.idempotent ?? true
    let sentSome = false
    let reason = 'no attempt made'
    for (let n = 1; ; n++) {
      const remaining = deadline - this.now()
      if (remaining <= 0) {
        throw new DagsterTimeoutError(
          n === 1
            ? `${label}: not sent, the overall timeout had already run out`
            : `${label}: no usable answer within ${duration(total)} (${n - 1} attempt(s); last: ${reason})`,
          n - 1,
          sentSome
        )
      }
      const result = await this.runWithTimeout(attempt, remaining)
      if (result.ok) return result.value
      if (result.fatal) throw result.fatal
      reason = result.reason
      sentSome ||= result.sent
      if (result.timedOut) {
        throw new DagsterTimeoutError(
          `${label}: no answer within the ${duration(total)} timeout (${n} attempt(s); last: ${reason})`,
          n,
          sentSome
        )
      }
      if (!idempotent && result.sent) {
        throw new DagsterUnreachableError(
          `${label} failed (${reason}); not retried because the request may have reached the server`,
          n,
          true
        )
      }
      if (!result.retryable || n >= this.maxAttempts) {
        throw new DagsterUnreachableError(
          `${label} failed after ${n} attempt(s): ${reason}`,
          n,
          sentSome
        )
      }
      const delay = this.backoff(n)
      if (this.now() + delay >= deadline) {
        throw new DagsterTimeoutError(
          `${label} failed after ${n} attempt(s) and the ${duration(total)} timeout leaves no time for another: ${reason}`,
          n,
          sentSome
        )
      }
      this.log(
        `${label}: attempt ${n}/${this.maxAttempts} failed (${reason}); retrying in ${delay} ms`
      )
      await this.sleep(delay)
    }
  }

  /** Full-jitter-ish backoff: between half and all of base·2^(n-1), capped. */
  private backoff(n: number): number {
    const ceiling = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** (n - 1))
    return Math.round(ceiling / 2 + (ceiling / 2) * this.random())
  }

  /** Run one attempt, aborting it (and not waiting for a fetch that ignores aborts) at `ms`. */
  private async runWithTimeout<T>(
    attempt: (signal: AbortSignal) => Promise<Attempt<T>>,
    ms: number
  ): Promise<Attempt<T>> {
    const controller = new AbortController()
    // Node fires a timer above 2^31-1 ms after 1 ms: clamp, so a long deadline stays long.
    ms = Math.min(ms, MAX_TIMER_MS)
    let timer: ReturnType<typeof setTimeout> | undefined
    const timedOut = new Promise<Attempt<T>>((resolve) => {
      timer = setTimeout(() => {
        controller.abort()
        resolve({
          ok: false,
          retryable: false,
          sent: true,
          timedOut: true,
          reason: `no reply within ${ms} ms`
        })
      }, ms)
    })
    try {
      return await Promise.race([attempt(controller.signal), timedOut])
    } finally {
      clearTimeout(timer)
    }
  }

  private async attemptGraphql<T>(
    document: string,
    variables: Record<string, unknown> | undefined,
    signal: AbortSignal
  ): Promise<Attempt<T>> {
    const seen: ResponseMeta = {}
    const client = new GraphQLClient(this.graphqlUrl, {
      fetch: this.trackingFetch(seen),
      headers: { ...this.headers },
      errorPolicy: 'all',
      redirect: 'manual'
    })
    try {
      const res = await client.rawRequest<T>({ query: document, variables, signal })
      const errors = errorMessages(res.errors)
      if (errors.length > 0) return { ...this.graphqlFailure(errors, res.status), ok: false }
      if (res.data === undefined || res.data === null) {
        return this.retryableBadReply(res.status, 'a JSON reply without `data`')
      }
      return { ok: true, value: res.data }
    } catch (e: unknown) {
      if (e instanceof ClientError) {
        const { status, data } = e.response
        const errors = errorMessages(e.response.errors)
        if (errors.length > 0) return { ...this.graphqlFailure(errors, status), ok: false }
        // Dagster's `capture_error` answers 500 with a valid `data` (a top-level PythonError).
        if (status >= 500 && data !== undefined && data !== null) {
          return { ok: true, value: data as T }
        }
        return this.statusFailure(status, seen.location, this.graphqlUrl)
      }
      return this.transportFailure(e, seen, signal)
    }
  }

  private async attemptServerInfo(url: string, signal: AbortSignal): Promise<Attempt<ServerInfo>> {
    const seen: ResponseMeta = {}
    try {
      const res = await this.trackingFetch(seen)(url, {
        method: 'GET',
        headers: { ...this.headers, Accept: 'application/json' },
        redirect: 'manual',
        signal
      })
      const body = await res.text()
      if (!res.ok) return this.statusFailure(res.status, seen.location, url)
      let parsed: unknown
      try {
        parsed = JSON.parse(body)
      } catch {
        return this.retryableBadReply(res.status, describeNonJson(seen.contentType, body))
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return this.retryableBadReply(res.status, 'a JSON reply that is not an object')
      }
      const record = parsed as Record<string, unknown>
      const str = (key: string): string | undefined =>
        typeof record[key] === 'string' ? this.scrub(record[key]) : undefined
      const info: ServerInfo = {}
      const version = str('dagster_version')
      const webserver = str('dagster_webserver_version') ?? str('dagit_version')
      const graphql = str('dagster_graphql_version')
      if (version !== undefined) info.dagsterVersion = version
      if (webserver !== undefined) info.dagsterWebserverVersion = webserver
      if (graphql !== undefined) info.dagsterGraphqlVersion = graphql
      return { ok: true, value: info }
    } catch (e: unknown) {
      return this.transportFailure(e, seen, signal)
    }
  }

  /**
   * Wrap fetch so we know whether (and what) the server answered when graphql-request throws, and
   * so every reply body is read here, once, under the byte cap. A body that is JSON is labelled
   * `application/json` whatever the server (or a proxy) said, so graphql-request parses it.
   */
  private trackingFetch(seen: ResponseMeta): FetchLike {
    const inner = this.fetchImpl
    return (async (input: Parameters<FetchLike>[0], init?: Parameters<FetchLike>[1]) => {
      const res = await inner(input, init)
      seen.status = res.status
      seen.contentType = res.headers.get('content-type') ?? undefined
      seen.location = res.headers.get('location') ?? undefined
      const bytes = await readCapped(res, this.maxReplyBytes)
      if (bytes === undefined) {
        throw new DagsterReplyTooLargeError(
          `the reply was larger than ${formatMb(this.maxReplyBytes)} (HTTP ${res.status}); it was not read further and the call was not retried`,
          res.status,
          this.maxReplyBytes
        )
      }
      const headers = new Headers(res.headers)
      if (!isJsonType(seen.contentType) && looksLikeJson(bytes)) {
        headers.set('content-type', 'application/json')
      }
      // Bodies are not allowed on these statuses; nothing was read from them either.
      if (res.status === 204 || res.status === 304) return res
      return new Response(bytes, { status: res.status, statusText: res.statusText, headers })
    }) as FetchLike
  }

  private graphqlFailure(
    messages: string[],
    status: number
  ): Extract<Attempt<never>, { ok: false }> {
    const scrubbed = messages.map((m) => this.scrub(m))
    const shown = scrubbed.slice(0, 3).join(' | ')
    const more = scrubbed.length > 3 ? ` (+${scrubbed.length - 3} more)` : ''
    return {
      ok: false,
      retryable: false,
      sent: true,
      reason: shown,
      fatal: new DagsterGraphQLError(
        `the Dagster GraphQL API rejected the request (HTTP ${status}): ${shown}${more}`,
        scrubbed,
        status
      )
    }
  }

  private statusFailure(status: number, location: string | undefined, url: string): Attempt<never> {
    if (status >= 500 || status === 408 || status === 429) {
      return { ok: false, retryable: true, sent: true, reason: `HTTP ${status}` }
    }
    let message: string
    if (status >= 300 && status < 400) {
      const target = location !== undefined ? ` to ${this.scrub(safeLocation(location, url))}` : ''
      message =
        `${url} answered with a redirect (HTTP ${status})${target}; redirects are not followed so ` +
        'credentials cannot leak. Set the Dagster URL to the final address (check http vs https and the path prefix).'
    } else if (status === 401 || status === 403) {
      message =
        `${url} refused the request (HTTP ${status}): the token or auth headers are missing, wrong or lack the ` +
        'permission (Dagster+: a user token with the Editor role; behind a proxy: its auth header).'
    } else if (status === 404) {
      message = `${url} does not exist (HTTP 404): check the Dagster URL and its path prefix (\`dagster-webserver --path-prefix\`).`
    } else {
      message = `${url} answered HTTP ${status}.`
    }
    return {
      ok: false,
      retryable: false,
      sent: true,
      reason: `HTTP ${status}`,
      fatal: new DagsterHttpError(message, status)
    }
  }

  private retryableBadReply(status: number, what: string): Attempt<never> {
    return {
      ok: false,
      retryable: true,
      sent: true,
      reason: `HTTP ${status} with ${what} (not a Dagster webserver reply: a proxy or login page?)`
    }
  }

  private transportFailure(e: unknown, seen: ResponseMeta, signal: AbortSignal): Attempt<never> {
    const tooLarge = findTooLarge(e)
    if (tooLarge)
      return { ok: false, retryable: false, sent: true, reason: tooLarge.message, fatal: tooLarge }
    if (signal.aborted) {
      return {
        ok: false,
        retryable: false,
        sent: true,
        timedOut: true,
        reason: 'request timed out'
      }
    }
    if (seen.status !== undefined) {
      // The server answered, but the body could not be read as GraphQL JSON.
      return this.retryableBadReply(seen.status, describeNonJson(seen.contentType, ''))
    }
    const code = errorCode(e)
    const sent = code === undefined || !NOT_SENT_CODES.has(code)
    return { ok: false, retryable: true, sent, reason: this.scrub(describeNetworkError(e, code)) }
  }
}

/** Create a {@link DagsterClient}; see its constructor for what can throw. */
export function createDagsterClient(options: DagsterClientOptions): DagsterClient {
  return new DagsterClient(options)
}

interface ResponseMeta {
  status?: number
  contentType?: string
  location?: string
}

/** The body of `res`, or undefined as soon as it grows past `limit` bytes (the rest is not read). */
async function readCapped(res: Response, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(res.headers.get('content-length') ?? '')
  if (Number.isFinite(declared) && declared > limit) {
    await res.body?.cancel().catch(() => undefined)
    return undefined
  }
  if (res.body === null) return new Uint8Array(0)
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel().catch(() => undefined)
      return undefined
    }
    chunks.push(value)
  }
  const out = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}

function isJsonType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  return type === 'application/json' || type.endsWith('+json')
}

const jsonDecoder = new TextDecoder('utf-8', { fatal: false })

/** True when the body is a JSON object or array (a proxy served it as text/plain, say). */
function looksLikeJson(bytes: Uint8Array): boolean {
  const text = jsonDecoder.decode(bytes)
  const first = /\S/.exec(text)?.[0]
  if (first !== '{' && first !== '[') return false
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

function findTooLarge(e: unknown): DagsterReplyTooLargeError | undefined {
  let current: unknown = e
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof DagsterReplyTooLargeError) return current
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/** `134217728` → `128 MB` (binary megabytes, as the cap is set). */
function formatMb(bytes: number): string {
  const mb = bytes / (1024 * 1024)
  return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${bytes} bytes`
}

function operationName(document: string): string {
  const m = /\b(query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(document)
  return m ? m[2]! : 'anonymous operation'
}

function errorMessages(errors: unknown): string[] {
  if (!Array.isArray(errors)) return []
  return errors.map((err: unknown) => {
    if (typeof err === 'object' && err !== null && 'message' in err) {
      const message = (err as { message: unknown }).message
      if (typeof message === 'string') return message
    }
    return 'unknown GraphQL error'
  })
}

function errorCode(e: unknown): string | undefined {
  let current: unknown = e
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

function describeNetworkError(e: unknown, code: string | undefined): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the webserver running and listening on this host and port?)'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `DNS lookup failed (${code})`
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `the connection was closed by the server (${code})`
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connecting timed out'
    default: {
      const message = e instanceof Error ? e.message : String(e)
      return code !== undefined ? `${message} (${code})` : message
    }
  }
}

function describeNonJson(contentType: string | undefined, body: string): string {
  const type = contentType !== undefined ? contentType.split(';')[0]!.trim() : 'no content type'
  const looksHtml = /^\s*</.test(body) || type === 'text/html'
  return looksHtml ? `an HTML page (${type})` : `a non-JSON body (${type})`
}

/** Show only the origin and path of a redirect target: its query could carry a token. */
function safeLocation(location: string, base: string): string {
  try {
    const url = new URL(location, base)
    return `${url.origin}${url.pathname}`
  } catch {
    return 'an unparsable location'
  }
}

/** `4999` → `5 s`, `250` → `250 ms`: deadlines are computed, so whole seconds read better. */
function duration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms)} ms`
}
