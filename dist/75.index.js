export const id = 75;
export const ids = [75];
export const modules = {

/***/ 9075:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  reloadStep: () => (/* binding */ reloadStep)
});

// EXTERNAL MODULE: ./src/action/workflow-commands.ts + 1 modules
var workflow_commands = __webpack_require__(8179);
// EXTERNAL MODULE: ./node_modules/graphql-request/build/entrypoints/main.js + 11 modules
var main = __webpack_require__(8854);
;// CONCATENATED MODULE: ./src/dagster/errors.ts
/**
 * Typed errors of the Dagster client. Every message is built by us from facts we know, and any
 * text that came from the server has been scrubbed of the token and header values first.
 */
/** Base class of every error the Dagster client throws on purpose. */
class DagsterClientError extends Error {
    kind;
    name = 'DagsterClientError';
    constructor(kind, message) {
        super(message);
        this.kind = kind;
    }
}
/** The client options are unusable (bad URL, credentials in the URL). */
class DagsterConfigError extends DagsterClientError {
    name = 'DagsterConfigError';
    constructor(message) {
        super('config', message);
    }
}
/** A token or extra headers would go over plain HTTP to a host that is not this machine. */
class InsecureTransportError extends DagsterClientError {
    name = 'InsecureTransportError';
    constructor(message) {
        super('insecure-transport', message);
    }
}
/**
 * The webserver could not be reached (connection refused, DNS failure, 5xx, a non-JSON reply such
 * as a proxy's HTML page) even after the bounded retries.
 */
class DagsterUnreachableError extends DagsterClientError {
    attempts;
    maybeProcessed;
    name = 'DagsterUnreachableError';
    constructor(message, 
    /** How many requests were sent. */
    attempts, 
    /**
     * True when a non-idempotent request (the reload mutation) may have reached the server, so the
     * reload may be running or done: poll the workspace instead of assuming nothing happened.
     */
    maybeProcessed = false, kind = 'unreachable') {
        super(kind, message);
        this.attempts = attempts;
        this.maybeProcessed = maybeProcessed;
    }
}
/** The overall deadline passed before the server answered. */
class DagsterTimeoutError extends DagsterUnreachableError {
    name = 'DagsterTimeoutError';
    constructor(message, attempts, maybeProcessed = false) {
        super(message, attempts, maybeProcessed, 'timeout');
    }
}
/** An HTTP status that retrying will not fix (401, 403, 404, …). */
class DagsterHttpError extends DagsterClientError {
    status;
    name = 'DagsterHttpError';
    constructor(message, status) {
        super('http', message);
        this.status = status;
    }
}
/** The server answered with GraphQL `errors[]` (bad query, unknown field, resolver crash). */
class DagsterGraphQLError extends DagsterClientError {
    messages;
    status;
    name = 'DagsterGraphQLError';
    constructor(message, 
    /** Scrubbed server messages. */
    messages, status) {
        super('graphql', message);
        this.messages = messages;
        this.status = status;
    }
}
/**
 * The reply body was larger than the per-response cap: reading stopped there and the call failed
 * without a retry (the same server would send the same huge reply again).
 */
class DagsterReplyTooLargeError extends DagsterHttpError {
    limitBytes;
    name = 'DagsterReplyTooLargeError';
    constructor(message, status, 
    /** The cap, in bytes. */
    limitBytes) {
        super(message, status);
        this.limitBytes = limitBytes;
    }
}

// EXTERNAL MODULE: ./src/report/output-boundary.ts
var output_boundary = __webpack_require__(9556);
;// CONCATENATED MODULE: ./src/dagster/client.ts
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



/** Header Dagster+ reads the user token from. */
const TOKEN_HEADER = 'Dagster-Cloud-Api-Token';
/** Error codes meaning the request never left this machine or never got a connection. */
const NOT_SENT_CODES = new Set([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EADDRNOTAVAIL',
    'UND_ERR_CONNECT_TIMEOUT'
]);
/**
 * Default cap of one reply body. The largest reply we ask for lists every job and schedule of a
 * workspace: about 100 bytes per name, so 10,000 batches (600,000 names) fit.
 */
const MAX_REPLY_BYTES = 64 * 1024 * 1024;
const MAX_TIMER_MS = 0x7fffffff;
const DEFAULTS = { timeoutMs: 60_000, maxAttempts: 5, retryBaseMs: 500, retryMaxMs: 8_000 };
/** True for `localhost`, `*.localhost`, 127.0.0.0/8 and `::1`: traffic that never leaves the machine. */
function isLoopbackHost(hostname) {
    const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
    if (host === 'localhost' || host.endsWith('.localhost'))
        return true;
    if (host === '::1' || host === '0:0:0:0:0:0:0:1')
        return true;
    if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host))
        return true;
    const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
    return m !== null && m.slice(1).every((part) => Number(part) <= 255);
}
/**
 * Normalise the user's URL to the webserver base (no trailing `/` or `/graphql`).
 *
 * @throws DagsterConfigError for an unparsable URL, a scheme other than http(s), or credentials
 *   in the URL (they would be logged and fetch refuses them; use the headers input instead).
 */
function normaliseBaseUrl(input) {
    let url;
    try {
        url = new URL(input.trim());
    }
    catch {
        throw new DagsterConfigError('the Dagster URL is not a valid absolute URL (expected e.g. http://127.0.0.1:3000)');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new DagsterConfigError(`the Dagster URL must start with http:// or https:// (got ${url.protocol}//)`);
    }
    if (url.username !== '' || url.password !== '') {
        throw new DagsterConfigError('the Dagster URL contains a user name or password; pass credentials as a header (e.g. `Authorization: Basic …`) instead');
    }
    url.hash = '';
    url.search = '';
    url.pathname = url.pathname.replace(/\/+$/, '').replace(/\/graphql$/, '') || '/';
    return url;
}
/** Typed GraphQL client for one Dagster webserver. */
class DagsterClient {
    /** Base URL without secrets, for messages and links. */
    baseUrl;
    graphqlUrl;
    headers;
    secrets;
    fetchImpl;
    maxReplyBytes;
    timeoutMs;
    maxAttempts;
    retryBaseMs;
    retryMaxMs;
    log;
    sleep;
    random;
    now;
    /**
     * @throws DagsterConfigError for a bad URL or a header that clashes with the token header.
     * @throws InsecureTransportError when a token or extra headers would go over plain HTTP to a
     *   host other than this machine.
     */
    constructor(options) {
        const base = normaliseBaseUrl(options.url);
        const baseText = base.toString().replace(/\/$/, '');
        this.baseUrl = baseText;
        this.graphqlUrl = `${baseText}/graphql`;
        const headers = { ...(options.headers ?? {}) };
        const token = options.token?.trim() ?? '';
        if (token !== '') {
            if (Object.keys(headers).some((h) => h.toLowerCase() === TOKEN_HEADER.toLowerCase())) {
                throw new DagsterConfigError(`the token is given twice: as the token input and as a \`${TOKEN_HEADER}\` header; keep one`);
            }
            headers[TOKEN_HEADER] = token;
        }
        this.headers = headers;
        this.secrets = (0,output_boundary/* secretForms */.eo)(Object.values(headers));
        if (this.secrets.length > 0 && base.protocol === 'http:' && !isLoopbackHost(base.hostname)) {
            const what = token !== '' ? 'the Dagster token' : 'the extra headers';
            throw new InsecureTransportError(`refusing to send ${what} over plain http:// to ${base.hostname}: anyone on the network path could read it. ` +
                'Use an https:// URL, or reach the webserver through localhost (an SSH tunnel or port-forward).');
        }
        this.fetchImpl = options.fetch ?? globalThis.fetch;
        this.maxReplyBytes = options.maxReplyBytes ?? MAX_REPLY_BYTES;
        this.timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
        this.maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULTS.maxAttempts);
        this.retryBaseMs = options.retryBaseMs ?? DEFAULTS.retryBaseMs;
        this.retryMaxMs = options.retryMaxMs ?? DEFAULTS.retryMaxMs;
        const log = options.log ?? (() => undefined);
        this.log = (line) => log(this.scrub(line));
        this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
        this.random = options.random ?? Math.random;
        this.now = options.now ?? Date.now;
    }
    /** Replace every secret (token, header values) in `text` with `***`. */
    scrub(text) {
        return (0,output_boundary/* scrubWith */.w7)(this.secrets, text);
    }
    /**
     * Run one GraphQL operation and return its `data`.
     *
     * @throws DagsterGraphQLError when the reply has `errors[]` (not retried).
     * @throws DagsterHttpError for 3xx/4xx statuses other than 400/408/429 (not retried).
     * @throws DagsterUnreachableError / DagsterTimeoutError when retries or the deadline run out.
     */
    async request(document, variables, options = {}) {
        const label = `POST ${this.graphqlUrl} (${operationName(document)})`;
        return this.withRetries(label, options, (signal) => this.attemptGraphql(document, variables, signal));
    }
    /**
     * `GET {base}/server_info`: health check and Dagster version. Retried like {@link request}.
     */
    async getServerInfo(options = {}) {
        const url = `${this.baseUrl}/server_info`;
        return this.withRetries(`GET ${url}`, options, (signal) => this.attemptServerInfo(url, signal));
    }
    async withRetries(label, options, attempt) {
        const deadline = options.deadline ?? this.now() + (options.timeoutMs ?? this.timeoutMs);
        const total = Math.max(0, deadline - this.now());
        const idempotent = options.idempotent ?? true;
        let sentSome = false;
        let reason = 'no attempt made';
        for (let n = 1;; n++) {
            const remaining = deadline - this.now();
            if (remaining <= 0) {
                throw new DagsterTimeoutError(n === 1
                    ? `${label}: not sent, the overall timeout had already run out`
                    : `${label}: no usable answer within ${duration(total)} (${n - 1} attempt(s); last: ${reason})`, n - 1, sentSome);
            }
            const result = await this.runWithTimeout(attempt, remaining);
            if (result.ok)
                return result.value;
            if (result.fatal)
                throw result.fatal;
            reason = result.reason;
            sentSome ||= result.sent;
            if (result.timedOut) {
                throw new DagsterTimeoutError(`${label}: no answer within the ${duration(total)} timeout (${n} attempt(s); last: ${reason})`, n, sentSome);
            }
            if (!idempotent && result.sent) {
                throw new DagsterUnreachableError(`${label} failed (${reason}); not retried because the request may have reached the server`, n, true);
            }
            if (!result.retryable || n >= this.maxAttempts) {
                throw new DagsterUnreachableError(`${label} failed after ${n} attempt(s): ${reason}`, n, sentSome);
            }
            const delay = this.backoff(n);
            if (this.now() + delay >= deadline) {
                throw new DagsterTimeoutError(`${label} failed after ${n} attempt(s) and the ${duration(total)} timeout leaves no time for another: ${reason}`, n, sentSome);
            }
            this.log(`${label}: attempt ${n}/${this.maxAttempts} failed (${reason}); retrying in ${delay} ms`);
            await this.sleep(delay);
        }
    }
    /** Full-jitter-ish backoff: between half and all of base·2^(n-1), capped. */
    backoff(n) {
        const ceiling = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** (n - 1));
        return Math.round(ceiling / 2 + (ceiling / 2) * this.random());
    }
    /** Run one attempt, aborting it (and not waiting for a fetch that ignores aborts) at `ms`. */
    async runWithTimeout(attempt, ms) {
        const controller = new AbortController();
        // Node fires a timer above 2^31-1 ms after 1 ms: clamp, so a long deadline stays long.
        ms = Math.min(ms, MAX_TIMER_MS);
        let timer;
        const timedOut = new Promise((resolve) => {
            timer = setTimeout(() => {
                controller.abort();
                resolve({
                    ok: false,
                    retryable: false,
                    sent: true,
                    timedOut: true,
                    reason: `no reply within ${ms} ms`
                });
            }, ms);
        });
        try {
            return await Promise.race([attempt(controller.signal), timedOut]);
        }
        finally {
            clearTimeout(timer);
        }
    }
    async attemptGraphql(document, variables, signal) {
        const seen = {};
        const client = new main/* GraphQLClient */.l4(this.graphqlUrl, {
            fetch: this.trackingFetch(seen),
            headers: { ...this.headers },
            errorPolicy: 'all',
            redirect: 'manual'
        });
        try {
            const res = await client.rawRequest({ query: document, variables, signal });
            const errors = errorMessages(res.errors);
            if (errors.length > 0)
                return { ...this.graphqlFailure(errors, res.status), ok: false };
            if (res.data === undefined || res.data === null) {
                return this.retryableBadReply(res.status, 'a JSON reply without `data`');
            }
            return { ok: true, value: res.data };
        }
        catch (e) {
            if (e instanceof main/* ClientError */.MZ) {
                const { status, data } = e.response;
                const errors = errorMessages(e.response.errors);
                if (errors.length > 0)
                    return { ...this.graphqlFailure(errors, status), ok: false };
                // Dagster's `capture_error` answers 500 with a valid `data` (a top-level PythonError).
                if (status >= 500 && data !== undefined && data !== null) {
                    return { ok: true, value: data };
                }
                return this.statusFailure(status, seen.location, this.graphqlUrl);
            }
            return this.transportFailure(e, seen, signal);
        }
    }
    async attemptServerInfo(url, signal) {
        const seen = {};
        try {
            const res = await this.trackingFetch(seen)(url, {
                method: 'GET',
                headers: { ...this.headers, Accept: 'application/json' },
                redirect: 'manual',
                signal
            });
            const body = await res.text();
            if (!res.ok)
                return this.statusFailure(res.status, seen.location, url);
            let parsed;
            try {
                parsed = JSON.parse(body);
            }
            catch {
                return this.retryableBadReply(res.status, describeNonJson(seen.contentType, body));
            }
            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
                return this.retryableBadReply(res.status, 'a JSON reply that is not an object');
            }
            const record = parsed;
            const str = (key) => typeof record[key] === 'string' ? this.scrub(record[key]) : undefined;
            const info = {};
            const version = str('dagster_version');
            const webserver = str('dagster_webserver_version') ?? str('dagit_version');
            const graphql = str('dagster_graphql_version');
            if (version !== undefined)
                info.dagsterVersion = version;
            if (webserver !== undefined)
                info.dagsterWebserverVersion = webserver;
            if (graphql !== undefined)
                info.dagsterGraphqlVersion = graphql;
            return { ok: true, value: info };
        }
        catch (e) {
            return this.transportFailure(e, seen, signal);
        }
    }
    /**
     * Wrap fetch so we know whether (and what) the server answered when graphql-request throws, and
     * so every reply body is read here, once, under the byte cap. A body that is JSON is labelled
     * `application/json` whatever the server (or a proxy) said, so graphql-request parses it.
     */
    trackingFetch(seen) {
        const inner = this.fetchImpl;
        return (async (input, init) => {
            const res = await inner(input, init);
            seen.status = res.status;
            seen.contentType = res.headers.get('content-type') ?? undefined;
            seen.location = res.headers.get('location') ?? undefined;
            const bytes = await readCapped(res, this.maxReplyBytes);
            if (bytes === undefined) {
                throw new DagsterReplyTooLargeError(`the reply was larger than ${formatMb(this.maxReplyBytes)} (HTTP ${res.status}); it was not read further and the call was not retried`, res.status, this.maxReplyBytes);
            }
            const headers = new Headers(res.headers);
            if (!isJsonType(seen.contentType) && looksLikeJson(bytes)) {
                headers.set('content-type', 'application/json');
            }
            // Bodies are not allowed on these statuses; nothing was read from them either.
            if (res.status === 204 || res.status === 304)
                return res;
            return new Response(bytes, { status: res.status, statusText: res.statusText, headers });
        });
    }
    graphqlFailure(messages, status) {
        const scrubbed = messages.map((m) => this.scrub(m));
        const shown = scrubbed.slice(0, 3).join(' | ');
        const more = scrubbed.length > 3 ? ` (+${scrubbed.length - 3} more)` : '';
        return {
            ok: false,
            retryable: false,
            sent: true,
            reason: shown,
            fatal: new DagsterGraphQLError(`the Dagster GraphQL API rejected the request (HTTP ${status}): ${shown}${more}`, scrubbed, status)
        };
    }
    statusFailure(status, location, url) {
        if (status >= 500 || status === 408 || status === 429) {
            return { ok: false, retryable: true, sent: true, reason: `HTTP ${status}` };
        }
        let message;
        if (status >= 300 && status < 400) {
            const target = location !== undefined ? ` to ${this.scrub(safeLocation(location, url))}` : '';
            message =
                `${url} answered with a redirect (HTTP ${status})${target}; redirects are not followed so ` +
                    'credentials cannot leak. Set the Dagster URL to the final address (check http vs https and the path prefix).';
        }
        else if (status === 401 || status === 403) {
            message =
                `${url} refused the request (HTTP ${status}): the token or auth headers are missing, wrong or lack the ` +
                    'permission (Dagster+: a user token with the Editor role; behind a proxy: its auth header).';
        }
        else if (status === 404) {
            message = `${url} does not exist (HTTP 404): check the Dagster URL and its path prefix (\`dagster-webserver --path-prefix\`).`;
        }
        else {
            message = `${url} answered HTTP ${status}.`;
        }
        return {
            ok: false,
            retryable: false,
            sent: true,
            reason: `HTTP ${status}`,
            fatal: new DagsterHttpError(message, status)
        };
    }
    retryableBadReply(status, what) {
        return {
            ok: false,
            retryable: true,
            sent: true,
            reason: `HTTP ${status} with ${what} (not a Dagster webserver reply: a proxy or login page?)`
        };
    }
    transportFailure(e, seen, signal) {
        const tooLarge = findTooLarge(e);
        if (tooLarge)
            return { ok: false, retryable: false, sent: true, reason: tooLarge.message, fatal: tooLarge };
        if (signal.aborted) {
            return {
                ok: false,
                retryable: false,
                sent: true,
                timedOut: true,
                reason: 'request timed out'
            };
        }
        if (seen.status !== undefined) {
            // The server answered, but the body could not be read as GraphQL JSON.
            return this.retryableBadReply(seen.status, describeNonJson(seen.contentType, ''));
        }
        const code = errorCode(e);
        const sent = code === undefined || !NOT_SENT_CODES.has(code);
        return { ok: false, retryable: true, sent, reason: this.scrub(describeNetworkError(e, code)) };
    }
}
/** Create a {@link DagsterClient}; see its constructor for what can throw. */
function createDagsterClient(options) {
    return new DagsterClient(options);
}
/** The body of `res`, or undefined as soon as it grows past `limit` bytes (the rest is not read). */
async function readCapped(res, limit) {
    const declared = Number(res.headers.get('content-length') ?? '');
    if (Number.isFinite(declared) && declared > limit) {
        await res.body?.cancel().catch(() => undefined);
        return undefined;
    }
    if (res.body === null)
        return new Uint8Array(0);
    const reader = res.body.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        total += value.byteLength;
        if (total > limit) {
            await reader.cancel().catch(() => undefined);
            return undefined;
        }
        chunks.push(value);
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
        out.set(chunk, at);
        at += chunk.byteLength;
    }
    return out;
}
function isJsonType(contentType) {
    const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    return type === 'application/json' || type.endsWith('+json');
}
const jsonDecoder = new TextDecoder('utf-8', { fatal: false });
/** True when the body is a JSON object or array (a proxy served it as text/plain, say). */
function looksLikeJson(bytes) {
    const text = jsonDecoder.decode(bytes);
    const first = /\S/.exec(text)?.[0];
    if (first !== '{' && first !== '[')
        return false;
    try {
        JSON.parse(text);
        return true;
    }
    catch {
        return false;
    }
}
function findTooLarge(e) {
    let current = e;
    for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
        if (current instanceof DagsterReplyTooLargeError)
            return current;
        current = current.cause;
    }
    return undefined;
}
/** `134217728` → `128 MB` (binary megabytes, as the cap is set). */
function formatMb(bytes) {
    const mb = bytes / (1024 * 1024);
    return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${bytes} bytes`;
}
function operationName(document) {
    const m = /\b(query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(document);
    return m ? m[2] : 'anonymous operation';
}
function errorMessages(errors) {
    if (!Array.isArray(errors))
        return [];
    return errors.map((err) => {
        if (typeof err === 'object' && err !== null && 'message' in err) {
            const message = err.message;
            if (typeof message === 'string')
                return message;
        }
        return 'unknown GraphQL error';
    });
}
function errorCode(e) {
    let current = e;
    for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
        const code = current.code;
        if (typeof code === 'string')
            return code;
        current = current.cause;
    }
    return undefined;
}
function describeNetworkError(e, code) {
    switch (code) {
        case 'ECONNREFUSED':
            return 'connection refused (is the webserver running and listening on this host and port?)';
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            return `DNS lookup failed (${code})`;
        case 'ECONNRESET':
        case 'UND_ERR_SOCKET':
            return `the connection was closed by the server (${code})`;
        case 'UND_ERR_CONNECT_TIMEOUT':
            return 'connecting timed out';
        default: {
            const message = e instanceof Error ? e.message : String(e);
            return code !== undefined ? `${message} (${code})` : message;
        }
    }
}
function describeNonJson(contentType, body) {
    const type = contentType !== undefined ? contentType.split(';')[0].trim() : 'no content type';
    const looksHtml = /^\s*</.test(body) || type === 'text/html';
    return looksHtml ? `an HTML page (${type})` : `a non-JSON body (${type})`;
}
/** Show only the origin and path of a redirect target: its query could carry a token. */
function safeLocation(location, base) {
    try {
        const url = new URL(location, base);
        return `${url.origin}${url.pathname}`;
    }
    catch {
        return 'an unparsable location';
    }
}
/** `4999` → `5 s`, `250` → `250 ms`: deadlines are computed, so whole seconds read better. */
function duration(ms) {
    return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms)} ms`;
}

;// CONCATENATED MODULE: ./src/dagster/headers.ts
/**
 * Extra HTTP headers for the Dagster webserver, given by the user as `Name: value` lines (one
 * header a line; blank lines and `#` comments are skipped). Typical use: a reverse proxy in front
 * of an OSS webserver that wants `Authorization: Bearer …`.
 *
 * Every value is treated as a secret: errors name the line number and the header name, never the
 * value.
 */
/** A problem in the header lines. The message never contains a header value. */
class HeaderParseError extends Error {
    line;
    name = 'HeaderParseError';
    constructor(message, 
    /** 1-based line of the offending header. */
    line) {
        super(message);
        this.line = line;
    }
}
// RFC 9110 `token`: what a field name may contain.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/**
 * Headers the client sets itself, or that would corrupt the request framing if a user set them.
 * Lower-case.
 */
const RESERVED = new Set([
    'host',
    'content-length',
    'content-type',
    'transfer-encoding',
    'connection',
    'upgrade',
    'te',
    'trailer',
    'keep-alive',
    'expect'
]);
/**
 * Parse `Name: value` lines into a header record (original name casing kept).
 *
 * @throws HeaderParseError on a line without `:`, an invalid or reserved name, a control
 *   character in the value, or the same name twice (case-insensitive).
 */
function parseHeaderLines(text) {
    const headers = {};
    const seen = new Map();
    const lines = text.split(/\r\n|\r|\n/);
    lines.forEach((raw, index) => {
        const lineNo = index + 1;
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            return;
        const colon = line.indexOf(':');
        if (colon <= 0) {
            throw new HeaderParseError(`header line ${lineNo} is not of the form \`Name: value\` (no name before a \`:\`)`, lineNo);
        }
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (!TOKEN.test(name)) {
            throw new HeaderParseError(`header line ${lineNo}: the name is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_\`|~ only)`, lineNo);
        }
        const lower = name.toLowerCase();
        if (RESERVED.has(lower)) {
            throw new HeaderParseError(`header line ${lineNo}: \`${name}\` is set by the client itself and cannot be overridden`, lineNo);
        }
        // eslint-disable-next-line no-control-regex
        if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) {
            throw new HeaderParseError(`header line ${lineNo}: the value of \`${name}\` contains a control character`, lineNo);
        }
        if (value === '') {
            throw new HeaderParseError(`header line ${lineNo}: \`${name}\` has an empty value`, lineNo);
        }
        const earlier = seen.get(lower);
        if (earlier !== undefined) {
            throw new HeaderParseError(`header line ${lineNo}: \`${name}\` is already given on line ${earlier}`, lineNo);
        }
        seen.set(lower, lineNo);
        headers[name] = value;
    });
    return headers;
}

;// CONCATENATED MODULE: ./src/dagster/queries.ts
/**
 * GraphQL documents sent to the Dagster webserver, and the shapes of their replies.
 *
 * Every field was checked against the schema of a running dagster-webserver 1.13.28 (introspected;
 * the SDL is kept in `__tests__/dagster/fixtures/dagster-1.13.28.graphql`, and a unit test
 * validates these documents against it). Field facts worth knowing:
 * - `WorkspaceLocationEntry.locationOrLoadError` is nullable (null while `LOADING`);
 * - `versionKey` exists since dagster 1.8 (PR #24376); on 1.13 a managed `python_file` location
 *   reports it as a JSON-ish list, e.g. `["<server id>", null]`: compare it as an opaque string;
 * - `Schedule.defaultStatus` and `Sensor.defaultStatus` exist (non-null `InstigationStatus`);
 * - `updatedTimestamp` (entry) vs `updateTimestamp` (status entry) differ on purpose upstream.
 *
 * Measured on 1.13.28: the `repositories` inside the reply of `reloadRepositoryLocation` are the
 * definitions from BEFORE the reload (same new `serverId`, old jobs), because they are resolved
 * against the request's old workspace context. A `workspaceOrError` read right after shows the
 * new ones. So the mutations select only status fields, and the client re-reads the workspace.
 *
 * Only the fields the report needs are selected: the workspace queries are unpaginated.
 */
const PYTHON_ERROR_FRAGMENT = `
fragment AhrPythonError on PythonError {
  __typename
  message
  className
  stack
  errorChain {
    isExplicitLink
    error {
      message
      className
      stack
    }
  }
}`;
const LOCATION_ENTRY_FRAGMENT = `
fragment AhrLocationEntry on WorkspaceLocationEntry {
  __typename
  name
  loadStatus
  versionKey
  updatedTimestamp
  locationOrLoadError {
    __typename
    ... on RepositoryLocation {
      name
      serverId
      repositories {
        name
        jobs {
          name
        }
        schedules {
          name
          cronSchedule
          executionTimezone
          defaultStatus
          scheduleState {
            status
          }
        }
        sensors {
          name
          defaultStatus
          sensorState {
            status
          }
        }
      }
    }
    ...AhrPythonError
  }
}`;
/** Entry status only: what the reload mutations select (see the note at the top). */
const LOCATION_STATUS_FRAGMENT = `
fragment AhrLocationStatus on WorkspaceLocationEntry {
  __typename
  name
  loadStatus
  versionKey
  updatedTimestamp
  locationOrLoadError {
    __typename
    ... on RepositoryLocation {
      name
      serverId
    }
    ...AhrPythonError
  }
}`;
/** Every code location with its definitions (or load error), plus the Dagster version. */
const WORKSPACE_QUERY = `
query AhrWorkspace {
  version
  workspaceOrError {
    __typename
    ... on Workspace {
      locationEntries {
        ...AhrLocationEntry
      }
    }
    ...AhrPythonError
  }
}
${LOCATION_ENTRY_FRAGMENT}
${PYTHON_ERROR_FRAGMENT}`;
/** Cheap poll while a location is `LOADING` (Dagster+): no definitions. */
const WORKSPACE_STATUS_QUERY = `
query AhrWorkspaceStatus {
  workspaceOrError {
    __typename
    ... on Workspace {
      locationEntries {
        name
        loadStatus
        versionKey
        updatedTimestamp
      }
    }
    ...AhrPythonError
  }
}
${PYTHON_ERROR_FRAGMENT}`;
/** Reload one code location. In OSS this returns only after the new code server has loaded. */
const RELOAD_LOCATION_MUTATION = `
mutation AhrReloadLocation($name: String!) {
  reloadRepositoryLocation(repositoryLocationName: $name) {
    __typename
    ... on WorkspaceLocationEntry {
      ...AhrLocationStatus
    }
    ... on ReloadNotSupported {
      message
    }
    ... on RepositoryLocationNotFound {
      message
    }
    ... on UnauthorizedError {
      message
    }
    ...AhrPythonError
  }
}
${LOCATION_STATUS_FRAGMENT}
${PYTHON_ERROR_FRAGMENT}`;
/** Re-read `workspace.yaml` and reload every location (needs the global reload permission). */
const RELOAD_WORKSPACE_MUTATION = `
mutation AhrReloadWorkspace {
  reloadWorkspace {
    __typename
    ... on Workspace {
      locationEntries {
        ...AhrLocationStatus
      }
    }
    ... on UnauthorizedError {
      message
    }
    ...AhrPythonError
  }
}
${LOCATION_STATUS_FRAGMENT}
${PYTHON_ERROR_FRAGMENT}`;

;// CONCATENATED MODULE: ./src/dagster/snapshot.ts
/**
 * `ClassName: message` for one Python error, without repeating the class name: Dagster's
 * `message` is Python's `format_exception_only` text, which already starts with the class name
 * (fully qualified for non-builtins, e.g. `dagster._core.errors.DagsterUserCodeLoadError: …`).
 */
function errorHeadline(className, message) {
    const text = message.trim();
    if (!className)
        return text;
    const escaped = className.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`^(?:[A-Za-z_][\\w]*\\.)*${escaped}:`).test(text))
        return text;
    return `${className}: ${text}`;
}
/** Convert a Dagster `PythonError` into a {@link LoadError}. */
function toLoadError(error) {
    const chain = (error.errorChain ?? []).map((link) => ({
        message: link.error.message,
        ...(link.error.className ? { className: link.error.className } : {}),
        stack: link.error.stack ?? [],
        isExplicitLink: link.isExplicitLink
    }));
    const innermost = chain.length > 0 ? chain[chain.length - 1] : undefined;
    const user = innermost ?? {
        message: error.message,
        ...(error.className ? { className: error.className } : {})
    };
    return {
        message: error.message,
        ...(error.className ? { className: error.className } : {}),
        stack: error.stack ?? [],
        chain,
        userError: {
            message: user.message.trim(),
            ...(user.className ? { className: user.className } : {})
        }
    };
}
/** Convert a `WorkspaceLocationEntry` into a {@link LocationSnapshot}. */
function toSnapshot(entry) {
    const base = {
        name: entry.name,
        loadStatus: entry.loadStatus,
        versionKey: entry.versionKey,
        updatedTimestamp: entry.updatedTimestamp
    };
    const loe = entry.locationOrLoadError;
    if (entry.loadStatus === 'LOADING' || loe === null) {
        return { ...base, state: 'loading', repositories: [] };
    }
    if (loe.__typename === 'RepositoryLocation' && 'repositories' in loe) {
        return {
            ...base,
            state: 'loaded',
            repositories: loe.repositories.map((repo) => ({
                name: repo.name,
                jobs: repo.jobs
                    .map((j) => j.name)
                    .filter((n) => !n.startsWith('__ASSET_JOB'))
                    .sort(),
                schedules: repo.schedules
                    .map((s) => ({
                    name: s.name,
                    cronSchedule: s.cronSchedule,
                    status: s.scheduleState.status,
                    defaultStatus: s.defaultStatus,
                    ...(s.executionTimezone ? { executionTimezone: s.executionTimezone } : {})
                }))
                    .sort((a, b) => a.name.localeCompare(b.name)),
                sensors: repo.sensors
                    .map((s) => ({ name: s.name, status: s.sensorState.status }))
                    .sort((a, b) => a.name.localeCompare(b.name))
            }))
        };
    }
    if (loe.__typename === 'PythonError' && 'stack' in loe) {
        return { ...base, state: 'error', repositories: [], error: toLoadError(loe) };
    }
    return {
        ...base,
        state: 'error',
        repositories: [],
        error: {
            message: `the server returned an unknown result type \`${loe.__typename}\``,
            stack: [],
            chain: [],
            userError: { message: `unknown result type ${loe.__typename}` }
        }
    };
}
/** All job names of a snapshot, across repositories. */
function allJobs(snapshot) {
    return new Set(snapshot.repositories.flatMap((r) => r.jobs));
}
/** All schedules of a snapshot by name, across repositories. */
function allSchedules(snapshot) {
    return new Map(snapshot.repositories.flatMap((r) => r.schedules.map((s) => [s.name, s])));
}
function allSensors(snapshot) {
    return new Set(snapshot.repositories.flatMap((r) => r.sensors.map((s) => s.name)));
}
function added(before, after) {
    return [...after].filter((n) => !before.has(n)).sort();
}
/**
 * Compare two snapshots. A location that failed to load has no definitions, so a failed reload
 * shows everything as removed; callers report the load error instead of that diff.
 */
function diffSnapshots(before, after) {
    const jobsBefore = allJobs(before);
    const jobsAfter = allJobs(after);
    const schedBefore = allSchedules(before);
    const schedAfter = allSchedules(after);
    const sensorsBefore = allSensors(before);
    const sensorsAfter = allSensors(after);
    const schedulesChanged = [];
    for (const [name, b] of schedBefore) {
        const a = schedAfter.get(name);
        if (a && (a.cronSchedule !== b.cronSchedule || a.status !== b.status)) {
            schedulesChanged.push({
                name,
                before: { cronSchedule: b.cronSchedule, status: b.status },
                after: { cronSchedule: a.cronSchedule, status: a.status }
            });
        }
    }
    schedulesChanged.sort((x, y) => x.name.localeCompare(y.name));
    return {
        jobsAdded: added(jobsBefore, jobsAfter),
        jobsRemoved: added(jobsAfter, jobsBefore),
        schedulesAdded: added(new Set(schedBefore.keys()), new Set(schedAfter.keys())),
        schedulesRemoved: added(new Set(schedAfter.keys()), new Set(schedBefore.keys())),
        schedulesChanged,
        sensorsAdded: added(sensorsBefore, sensorsAfter),
        sensorsRemoved: added(sensorsAfter, sensorsBefore)
    };
}

;// CONCATENATED MODULE: ./src/dagster/reload.ts



const UNCHANGED_VERSION_WARNING = 'the location reports the same version key before and after the reload, so its code server did not re-import the code. ' +
    'This is what a code server started with `dagster api grpc` does: start it with `dagster code-server start` instead (or restart it) so reloads pick up changes.';
/**
 * Reload the requested code locations and describe the result. Never throws for server-side
 * or network problems: they end up in `failure` fields with `ok: false`.
 */
async function reloadLocations(client, opts) {
    const now = opts.now ?? Date.now;
    const start = now();
    const ctx = {
        client,
        deadline: start + opts.timeoutMs,
        pollIntervalMs: opts.pollIntervalMs ?? 2_000,
        log: opts.log ?? (() => undefined),
        sleep: opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
        now,
        available: []
    };
    const report = {
        ok: false,
        serverUrl: client.baseUrl,
        mode: opts.reloadWorkspace ? 'workspace' : 'location',
        locations: [],
        availableLocations: [],
        warnings: [],
        durationMs: 0
    };
    try {
        const info = await client.getServerInfo({ deadline: ctx.deadline });
        if (info.dagsterVersion !== undefined)
            report.dagsterVersion = info.dagsterVersion;
        const workspace = await readWorkspace(ctx);
        report.dagsterVersion ??= workspace.version;
        const entries = workspace.entries;
        ctx.available = entries.map((e) => e.name).sort();
        report.availableLocations = ctx.available;
        const requested = [...new Set(opts.locations.map((l) => l.trim()).filter((l) => l !== ''))];
        const targets = chooseTargets(requested, ctx.available, opts.reloadWorkspace);
        if ('failure' in targets) {
            report.failure = targets.failure;
        }
        else if (opts.reloadWorkspace) {
            report.locations = await reloadWholeWorkspace(ctx, targets.names, entries);
        }
        else {
            for (const name of targets.names) {
                const previous = report.locations[report.locations.length - 1];
                if (previous?.failure && isTransport(previous.failure.kind)) {
                    report.locations.push(skipped(name, previous.failure));
                    continue;
                }
                report.locations.push(await reloadOne(ctx, name, entries.find((e) => e.name === name)));
            }
        }
    }
    catch (e) {
        if (e instanceof ServerFailure)
            report.failure = e.failure;
        else if (e instanceof DagsterClientError)
            report.failure = { kind: e.kind, message: e.message };
        else
            throw e;
    }
    report.ok =
        report.failure === undefined &&
            report.locations.length > 0 &&
            report.locations.every((l) => l.ok);
    report.durationMs = now() - start;
    return report;
}
function isTransport(kind) {
    return kind === 'unreachable' || kind === 'timeout';
}
function skipped(name, cause) {
    return {
        name,
        ok: false,
        failure: {
            kind: 'skipped',
            message: `not reloaded: the webserver stopped answering while reloading an earlier location (${cause.kind})`
        },
        polled: false,
        warnings: [],
        durationMs: 0
    };
}
async function readWorkspace(ctx) {
    const data = await ctx.client.request(WORKSPACE_QUERY, undefined, {
        deadline: ctx.deadline
    });
    const ws = data.workspaceOrError;
    if (ws.__typename === 'Workspace' && 'locationEntries' in ws) {
        return { version: data.version, entries: ws.locationEntries };
    }
    throw new ServerFailure(pythonOrUnexpected(ws, 'reading the workspace'));
}
/** Read one location's entry with its definitions; poll if it is still loading. */
async function readEntry(ctx, name) {
    const { entries } = await readWorkspace(ctx);
    const entry = entries.find((e) => e.name === name);
    if (!entry) {
        throw new ServerFailure({
            kind: 'not-found',
            message: `code location \`${name}\` disappeared from the workspace after the reload (${listAvailable(entries.map((e) => e.name).sort())})`
        });
    }
    if (entry.loadStatus !== 'LOADED' || entry.locationOrLoadError === null) {
        return pollUntilLoaded(ctx, name, undefined);
    }
    return entry;
}
/** A server-side failure that ends the run (not a transport error). */
class ServerFailure extends DagsterClientError {
    failure;
    constructor(failure) {
        super('graphql', failure.message);
        this.failure = failure;
    }
}
function pythonOrUnexpected(value, doing) {
    if (value.__typename === 'PythonError' && 'stack' in value) {
        const error = toLoadError(value);
        return {
            kind: 'python-error',
            message: `the webserver raised an error while ${doing}: ${error.message.trim()}`,
            error
        };
    }
    return {
        kind: 'unexpected',
        message: `the webserver returned an unexpected result type \`${value.__typename}\` while ${doing}${value.message ? `: ${value.message}` : ''}`
    };
}
function chooseTargets(requested, available, wholeWorkspace) {
    if (requested.length > 0)
        return { names: requested };
    if (available.length === 0) {
        return {
            failure: {
                kind: 'no-locations',
                message: 'the webserver has no code locations in its workspace',
                hint: 'check the workspace.yaml the webserver was started with'
            }
        };
    }
    if (available.length === 1 || wholeWorkspace)
        return { names: available };
    return {
        failure: {
            kind: 'ambiguous-location',
            message: `the webserver has ${available.length} code locations (${available.map((n) => `\`${n}\``).join(', ')}); say which to reload`,
            hint: 'set the location input to one or more of these names (or reload the whole workspace)'
        }
    };
}
function listAvailable(available) {
    return available.length > 0
        ? `available: ${available.map((n) => `\`${n}\``).join(', ')}`
        : 'the workspace has no code locations';
}
async function reloadOne(ctx, name, beforeEntry) {
    const started = ctx.now();
    const report = { name, ok: false, polled: false, warnings: [], durationMs: 0 };
    if (beforeEntry)
        report.before = toSnapshot(beforeEntry);
    ctx.log(`reloading code location ${name}`);
    try {
        let entry;
        try {
            const data = await ctx.client.request(RELOAD_LOCATION_MUTATION, { name }, { deadline: ctx.deadline, idempotent: false });
            const result = data.reloadRepositoryLocation;
            switch (result.__typename) {
                case 'WorkspaceLocationEntry': {
                    const status = result;
                    report.mutationLoadStatus = status.loadStatus;
                    if (status.loadStatus === 'LOADED' && status.locationOrLoadError !== null) {
                        // The mutation's own reply resolves definitions against the old workspace
                        // (measured on 1.13.28), so read them again.
                        entry = await readEntry(ctx, name);
                    }
                    else {
                        ctx.log(`code location ${name} is ${status.loadStatus}; waiting for it to finish loading`);
                        report.polled = true;
                        entry = await pollUntilLoaded(ctx, name, undefined);
                    }
                    break;
                }
                case 'RepositoryLocationNotFound':
                    report.failure = {
                        kind: 'not-found',
                        message: `code location \`${name}\` does not exist on this webserver (${listAvailable(ctx.available)})`,
                        hint: 'set the location input to one of the available names (the `location_name` in workspace.yaml)'
                    };
                    break;
                case 'ReloadNotSupported':
                    report.failure = {
                        kind: 'not-supported',
                        message: `the webserver says code location \`${name}\` cannot be reloaded (${messageOf(result)})`,
                        hint: 'this kind of location is updated by redeploying it (on Dagster+: a new build through dagster-cloud), ' +
                            'or by restarting its code server; a reload cannot pick up the change'
                    };
                    break;
                case 'UnauthorizedError':
                    report.failure = unauthorized(name, messageOf(result));
                    break;
                default:
                    report.failure = pythonOrUnexpected(result, `reloading \`${name}\``);
            }
        }
        catch (e) {
            if (!(e instanceof DagsterUnreachableError) ||
                e instanceof StillLoadingError ||
                !e.maybeProcessed ||
                !report.before)
                throw e;
            // The mutation may have run (a proxy cut a slow reload, say): find out by polling.
            report.warnings.push(`the reload request got no usable answer (${e.message}); checked the workspace instead to see whether the reload happened`);
            report.polled = true;
            entry = await pollUntilLoaded(ctx, name, report.before.versionKey);
        }
        if (entry !== undefined)
            finishLoaded(report, entry);
    }
    catch (e) {
        if (e instanceof ServerFailure)
            report.failure = e.failure;
        else if (e instanceof DagsterClientError)
            report.failure = { kind: e.kind, message: e.message };
        else
            throw e;
    }
    report.durationMs = ctx.now() - started;
    ctx.log(report.ok
        ? `reloaded code location ${name} in ${report.durationMs} ms`
        : `reloading code location ${name} failed: ${report.failure?.message ?? 'unknown'}`);
    return report;
}
function messageOf(value) {
    return value.message ?? 'no message';
}
function unauthorized(name, serverMessage) {
    return {
        kind: 'unauthorized',
        message: `the webserver refused to reload \`${name}\` (UnauthorizedError: ${serverMessage})`,
        hint: 'an open-source webserver started with `--read-only` cannot reload: point at one started without it. ' +
            'On Dagster+, use a user token whose role may reload code locations (Editor or higher for this deployment and location).'
    };
}
/** Fill `after`, `diff`, `ok` and warnings from the entry the reload produced. */
function finishLoaded(report, entry) {
    const after = toSnapshot(entry);
    report.after = after;
    if (report.before)
        report.versionChanged = after.versionKey !== report.before.versionKey;
    if (after.state === 'error' && after.error) {
        const user = after.error.userError;
        report.failure = {
            kind: 'load-error',
            message: `code location \`${report.name}\` failed to load: ${errorHeadline(user.className, user.message)}`,
            hint: 'the webserver now shows only this error: every job and schedule of the location is gone until a reload succeeds. Fix the code or config and reload again.',
            error: after.error
        };
        return;
    }
    if (after.state !== 'loaded') {
        report.failure = {
            kind: 'unexpected',
            message: `code location \`${report.name}\` is ${after.loadStatus} with no definitions and no error`
        };
        return;
    }
    report.ok = true;
    if (report.before)
        report.diff = diffSnapshots(report.before, after);
    if (report.versionChanged === false)
        report.warnings.push(UNCHANGED_VERSION_WARNING);
}
/**
 * Poll the workspace until `name` is `LOADED` (and, with `oldVersion`, carries another version
 * key), then read its definitions.
 */
async function pollUntilLoaded(ctx, name, oldVersion) {
    const started = ctx.now();
    let lastStatus = 'not yet seen';
    // The one message for running out of time while polling, whichever step noticed it.
    const stillLoading = () => new StillLoadingError(`code location \`${name}\` was still loading after the timeout (${formatElapsed(ctx.now() - started)} of polling; last status: ${lastStatus})`, 0, true);
    for (;;) {
        const left = ctx.deadline - ctx.now();
        if (left <= 0)
            throw stillLoading();
        await ctx.sleep(Math.min(ctx.pollIntervalMs, left));
        if (ctx.deadline - ctx.now() <= 0)
            throw stillLoading();
        let data;
        try {
            data = await ctx.client.request(WORKSPACE_STATUS_QUERY, undefined, {
                deadline: ctx.deadline
            });
        }
        catch (e) {
            if (e instanceof DagsterTimeoutError)
                throw stillLoading();
            throw e;
        }
        const ws = data.workspaceOrError;
        if (ws.__typename !== 'Workspace' || !('locationEntries' in ws)) {
            throw new ServerFailure(pythonOrUnexpected(ws, 'polling the workspace'));
        }
        const status = ws.locationEntries.find((e) => e.name === name);
        if (!status) {
            throw new ServerFailure({
                kind: 'not-found',
                message: `code location \`${name}\` disappeared from the workspace while reloading (${listAvailable(ws.locationEntries.map((e) => e.name).sort())})`
            });
        }
        lastStatus = status.loadStatus;
        if (status.loadStatus !== 'LOADED')
            continue;
        if (oldVersion !== undefined && status.versionKey === oldVersion) {
            lastStatus = 'LOADED with the old version';
            continue;
        }
        const full = await readWorkspace(ctx);
        const entry = full.entries.find((e) => e.name === name);
        if (entry && entry.locationOrLoadError !== null)
            return entry;
    }
}
/** Polling ran out of time: the reload did reach the server, so polling again would not help. */
class StillLoadingError extends DagsterTimeoutError {
    name = 'StillLoadingError';
}
/** `95_000` → `1 min 35 s`, `4_200` → `4.2 s`, `250` → `250 ms`. */
function formatElapsed(ms) {
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)} s`;
    const s = Math.round(ms / 1000);
    return `${Math.floor(s / 60)} min ${s % 60} s`;
}
async function reloadWholeWorkspace(ctx, targets, beforeEntries) {
    const started = ctx.now();
    ctx.log('reloading the whole workspace');
    const reports = targets.map((name) => {
        const before = beforeEntries.find((e) => e.name === name);
        return {
            name,
            ok: false,
            polled: false,
            warnings: [],
            durationMs: 0,
            ...(before ? { before: toSnapshot(before) } : {})
        };
    });
    let failure;
    let entries = [];
    try {
        const data = await ctx.client.request(RELOAD_WORKSPACE_MUTATION, undefined, { deadline: ctx.deadline, idempotent: false });
        const result = data.reloadWorkspace;
        if (result.__typename === 'Workspace' && 'locationEntries' in result) {
            entries = result.locationEntries;
        }
        else if (result.__typename === 'UnauthorizedError') {
            failure = unauthorized('the workspace', messageOf(result));
        }
        else {
            failure = pythonOrUnexpected(result, 'reloading the workspace');
        }
    }
    catch (e) {
        if (!(e instanceof DagsterClientError))
            throw e;
        failure = { kind: e.kind, message: e.message };
    }
    const names = entries.map((e) => e.name).sort();
    for (const report of reports) {
        if (failure) {
            report.failure = failure;
            continue;
        }
        const status = entries.find((e) => e.name === report.name);
        if (!status) {
            report.failure = {
                kind: 'not-found',
                message: `code location \`${report.name}\` is not in the reloaded workspace (${listAvailable(names)})`,
                hint: 'set the location input to one of the available names (the `location_name` in workspace.yaml)'
            };
            continue;
        }
        report.mutationLoadStatus = status.loadStatus;
        try {
            report.polled = status.loadStatus !== 'LOADED' || status.locationOrLoadError === null;
            finishLoaded(report, await readEntry(ctx, report.name));
        }
        catch (e) {
            if (e instanceof ServerFailure)
                report.failure = e.failure;
            else if (e instanceof DagsterClientError)
                report.failure = { kind: e.kind, message: e.message };
            else
                throw e;
        }
    }
    const duration = ctx.now() - started;
    for (const report of reports)
        report.durationMs = duration;
    return reports;
}

// EXTERNAL MODULE: ./src/core/few.ts
var few = __webpack_require__(289);
;// CONCATENATED MODULE: ./src/dagster/verify.ts
/**
 * Check that what Dagster loaded after a reload matches what the metrics config says should be
 * there. Pure. A mismatch usually means the webserver reads another copy of the metrics folder
 * (a different checkout, an image baked at build time, a volume not mounted).
 */


const WHERE = "is this webserver reading this repository's metrics folder?";
/** Cron strings compare equal when only their whitespace differs. */
function sameCron(a, b) {
    const norm = (s) => s.trim().split(/\s+/).join(' ');
    return norm(a) === norm(b);
}
function andMore(names, what) {
    const rest = names.length - 1;
    return rest > 0 ? ` (nor ${rest} other ${what}${rest === 1 ? '' : 's'} of the batch)` : '';
}
/**
 * Compare the reloaded location with the expected definitions.
 *
 * Checks, per batch: every job of an enabled batch exists; no job of a disabled or deleted batch
 * is still loaded; every schedule of an enabled batch exists and runs on the configured cron.
 * Schedule status is not checked: Dagster keeps the state someone set in the UI over the code's
 * default, so a difference there is normal.
 */
function verifyLoaded(after, expected) {
    if (after.state !== 'loaded') {
        return [
            {
                kind: 'location-not-loaded',
                names: [],
                message: `code location \`${after.name}\` has no definitions to check (${after.state === 'error' ? 'it failed to load' : 'it is still loading'})`
            }
        ];
    }
    const jobs = allJobs(after);
    const schedules = allSchedules(after);
    const out = [];
    for (const batch of expected.batches) {
        const b = `batch \`${batch.name}\``;
        if (batch.enabled) {
            const missing = batch.jobs.filter((j) => !jobs.has(j));
            if (missing.length > 0) {
                const first = `\`${missing[0]}\``;
                const lead = batch.change === 'added'
                    ? `${b} was added, but no ${first} job appeared after reload`
                    : `${b} should have a ${first} job, but the reloaded location has none`;
                out.push({
                    kind: 'missing-job',
                    batch: batch.name,
                    names: missing,
                    message: `${lead}${andMore(missing, 'job')}: ${WHERE}`
                });
            }
            const missingSchedules = batch.schedules.filter((s) => !schedules.has(s.name));
            // A missing job already explains its missing schedule; report schedules only on their own.
            if (missing.length === 0 && missingSchedules.length > 0) {
                out.push({
                    kind: 'missing-schedule',
                    batch: batch.name,
                    names: missingSchedules.map((s) => s.name),
                    message: `${b} should have a \`${missingSchedules[0].name}\` schedule, but the reloaded location has none${andMore(missingSchedules.map((s) => s.name), 'schedule')}: ${WHERE}`
                });
            }
            for (const want of batch.schedules) {
                const got = schedules.get(want.name);
                if (got && !sameCron(got.cronSchedule, want.cron)) {
                    out.push({
                        kind: 'cron-mismatch',
                        batch: batch.name,
                        names: [want.name],
                        message: `schedule \`${want.name}\` runs on \`${got.cronSchedule}\` after reload, but the config says \`${want.cron}\`: ${WHERE}`
                    });
                }
            }
        }
        else {
            const stale = batch.jobs.filter((j) => jobs.has(j));
            if (stale.length > 0) {
                const what = batch.change === 'removed' ? `${b} was removed` : `${b} is disabled (\`disable_batch\`)`;
                out.push({
                    kind: 'stale-job',
                    batch: batch.name,
                    names: stale,
                    message: `${what}, but its job \`${stale[0]}\` is still loaded after reload${andMore(stale, 'job')}: ${WHERE}`
                });
            }
        }
    }
    for (const global of expected.globalJobs ?? []) {
        const found = verifyGlobalJob(global, jobs, schedules);
        if (found)
            out.push(found);
    }
    return out;
}
/**
 * One global job: fine when some variant's job is loaded and, where the config gives a cron, its
 * schedule runs on it. Only when no candidate first batch explains what loaded is it a mismatch.
 */
function verifyGlobalJob(global, jobs, schedules) {
    const present = global.variants.filter((v) => jobs.has(v.job));
    const names = [...new Set(global.variants.map((v) => v.job))];
    const which = `whichever batch Anomstack reads first builds it (one of ${nameSome(names)})`;
    if (present.length === 0) {
        return {
            kind: 'missing-job',
            names,
            message: `the reloaded location has no \`${global.name}\` job: ${which}: ${WHERE}`
        };
    }
    const fits = present.some((v) => {
        const got = schedules.get(v.schedule);
        return v.cron === undefined ? true : got !== undefined && sameCron(got.cronSchedule, v.cron);
    });
    if (fits)
        return undefined;
    const v = present[0];
    const got = schedules.get(v.schedule);
    const crons = [...new Set(present.flatMap((p) => (p.cron === undefined ? [] : [p.cron])))];
    return got
        ? {
            kind: 'cron-mismatch',
            names: [v.schedule],
            message: `schedule \`${v.schedule}\` runs on \`${got.cronSchedule}\` after reload, but no batch Anomstack could read first says so (the config says one of ${nameSome(crons)}): ${WHERE}`
        }
        : {
            kind: 'missing-schedule',
            names: [v.schedule],
            message: `the \`${v.job}\` job has no \`${v.schedule}\` schedule after reload: ${WHERE}`
        };
}
/** A few names in backticks and how many more (the candidates can be every batch). */
function nameSome(names) {
    return (0,few/* nameFew */.y)(names.slice(0, 3).map((n) => `\`${n}\``), 3, names.length);
}
const isAre = (n, one, many) => `${n} ${n === 1 ? one : many}`;
/** The part of a generated name after its batch name (`_ingest` for `sales_ingest`). */
function suffixOf(m) {
    const name = m.names[0];
    if (m.batch === undefined || name === undefined || !name.startsWith(m.batch))
        return undefined;
    const suffix = name.slice(m.batch.length);
    return suffix === '' ? undefined : suffix;
}
/**
 * Group mismatches by cause: the same kind on the same job or schedule family (the name after
 * the batch name), in first-seen order. One linear pass. A group of one keeps its own message.
 */
function groupMismatches(mismatches) {
    const groups = new Map();
    for (const m of mismatches) {
        const suffix = m.kind === 'cron-mismatch' ? undefined : suffixOf(m);
        const key = `${m.kind}\0${suffix ?? ''}`;
        const g = groups.get(key);
        if (g)
            g.list.push(m);
        else
            groups.set(key, { kind: m.kind, ...(suffix !== undefined ? { suffix } : {}), list: [m] });
    }
    return [...groups.values()].map(({ kind, suffix, list }) => {
        const first = list[0];
        if (list.length === 1)
            return { cause: first.message, mismatches: list };
        const n = list.length;
        const family = suffix !== undefined ? `\`…${suffix}\`` : '';
        let lead;
        switch (kind) {
            case 'missing-job':
                lead = `${isAre(n, 'batch has', 'batches have')} no ${family || 'expected'} job after reload`;
                break;
            case 'missing-schedule':
                lead = `${isAre(n, 'batch has', 'batches have')} no ${family || 'expected'} schedule after reload`;
                break;
            case 'stale-job':
                lead = `${isAre(n, 'disabled or removed batch still has', 'disabled or removed batches still have')} ${family ? `a ${family}` : 'a'} job loaded`;
                break;
            case 'cron-mismatch':
                lead = `${isAre(n, 'schedule runs', 'schedules run')} on another cron than the config says`;
                break;
            case 'location-not-loaded':
                lead = `${isAre(n, 'code location has', 'code locations have')} no definitions to check`;
                break;
        }
        return { cause: kind === 'location-not-loaded' ? lead : `${lead}: ${WHERE}`, mismatches: list };
    });
}

;// CONCATENATED MODULE: ./src/dagster/verify-report.ts

/** {@link verifyLoaded} for every location of a reload that loaded (action and CLI alike). */
function verifyReport(report, expected) {
    const byLocation = {};
    let count = 0;
    for (const location of report.locations) {
        if (!location.ok || !location.after)
            continue;
        const found = verifyLoaded(location.after, expected);
        byLocation[location.name] = found;
        count += found.length;
    }
    return { byLocation, count };
}

// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(4031);
// EXTERNAL MODULE: ./src/report/rich-text.ts
var rich_text = __webpack_require__(3252);
;// CONCATENATED MODULE: ./src/dagster/reload-summary.ts
/**
 * Render a {@link ReloadReport} for the job summary (HTML inside GitHub Markdown) and as the JSON
 * `repositories` output. Pure. Every string that came from the server or the config is escaped;
 * the only raw HTML is ours.
 */




const MAX_NAMES = 25;
const MAX_STACK_LINES = 200;
const MAX_MISMATCHES_LISTED = 100;
/** Escaped text on one line (a raw newline inside an HTML block could end the block), names as `<code>`. */
function oneLine(text) {
    return (0,rich_text/* codeSpansHtml */.A)(text.replace(/\s*[\r\n\u0085\u2028\u2029]+\s*/g, ' ').trim());
}
function seconds(ms) {
    return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
function nameList(names) {
    const shown = names.slice(0, MAX_NAMES).map((n) => `<code>${(0,report_escape/* escapeHtml */.ZD)(n)}</code>`);
    const more = names.length > MAX_NAMES ? ` and ${names.length - MAX_NAMES} more` : '';
    return shown.join(', ') + more;
}
function safeUiUrl(uiUrl) {
    if (uiUrl === undefined || uiUrl.trim() === '')
        return undefined;
    try {
        const url = new URL(uiUrl.trim());
        if (url.protocol !== 'http:' && url.protocol !== 'https:')
            return undefined;
        if (url.username !== '' || url.password !== '')
            return undefined;
        return url.toString();
    }
    catch {
        return undefined;
    }
}
/** A block of preformatted text without raw line breaks (see {@link oneLine}). */
function pre(lines) {
    const text = lines.join('').replace(/\r\n?/g, '\n');
    return `<pre>${(0,report_escape/* escapeHtml */.ZD)(text).replace(/\n/g, '&#10;')}</pre>`;
}
function errorDetails(error) {
    const parts = [];
    const outer = errorHeadline(error.className, error.message);
    parts.push(pre([outer.trim(), '\n', ...error.stack.slice(0, MAX_STACK_LINES)]));
    for (const link of error.chain) {
        const how = link.isExplicitLink
            ? 'The above exception was caused by:'
            : 'The above exception occurred during handling of:';
        const head = errorHeadline(link.className, link.message);
        parts.push(`<p>${(0,report_escape/* escapeHtml */.ZD)(how)}</p>`);
        parts.push(pre([head.trim(), '\n', ...link.stack.slice(0, MAX_STACK_LINES)]));
    }
    return `<details><summary>Python error and stack trace</summary>${parts.join('')}</details>`;
}
function failureBlock(failure) {
    const hint = failure.hint ? `<br>${oneLine(failure.hint)}` : '';
    const details = failure.error ? errorDetails(failure.error) : '';
    return `<p>❌ ${oneLine(failure.message)}${hint}</p>${details}`;
}
function repositoriesTable(location) {
    const repos = location.after?.repositories ?? [];
    if (repos.length === 0)
        return '';
    const rows = repos.map((repo) => {
        const running = repo.schedules.filter((s) => s.status === 'RUNNING').length;
        return (`<tr><td><code>${(0,report_escape/* escapeHtml */.ZD)(repo.name)}</code></td><td>${repo.jobs.length}</td>` +
            `<td>${repo.schedules.length} (${running} running)</td><td>${repo.sensors.length}</td></tr>`);
    });
    return ('<table><thead><tr><th>Repository</th><th>Jobs</th><th>Schedules</th><th>Sensors</th></tr></thead>' +
        `<tbody>${rows.join('')}</tbody></table>`);
}
function diffBlock(diff) {
    if (!diff)
        return '';
    const items = [];
    const add = (label, names) => {
        if (names.length > 0)
            items.push(`<li>${label}: ${nameList(names)}</li>`);
    };
    add('Jobs added', diff.jobsAdded);
    add('Jobs removed', diff.jobsRemoved);
    add('Schedules added', diff.schedulesAdded);
    add('Schedules removed', diff.schedulesRemoved);
    for (const change of diff.schedulesChanged.slice(0, MAX_NAMES)) {
        const parts = [];
        if (change.before.cronSchedule !== change.after.cronSchedule) {
            parts.push(`cron <code>${(0,report_escape/* escapeHtml */.ZD)(change.before.cronSchedule)}</code> → <code>${(0,report_escape/* escapeHtml */.ZD)(change.after.cronSchedule)}</code>`);
        }
        if (change.before.status !== change.after.status) {
            parts.push(`${(0,report_escape/* escapeHtml */.ZD)(change.before.status)} → ${(0,report_escape/* escapeHtml */.ZD)(change.after.status)}`);
        }
        items.push(`<li>Schedule <code>${(0,report_escape/* escapeHtml */.ZD)(change.name)}</code> changed: ${parts.join(', ')}</li>`);
    }
    if (diff.schedulesChanged.length > MAX_NAMES) {
        items.push(`<li>and ${diff.schedulesChanged.length - MAX_NAMES} more changed schedules</li>`);
    }
    add('Sensors added', diff.sensorsAdded);
    add('Sensors removed', diff.sensorsRemoved);
    if (items.length === 0)
        return '<p>No job, schedule or sensor was added, removed or changed.</p>';
    return `<ul>${items.join('')}</ul>`;
}
function locationSection(location, mismatches) {
    const out = [];
    const status = location.ok
        ? `✅ reloaded in ${seconds(location.durationMs)}`
        : `❌ ${location.failure?.kind === 'load-error' ? 'failed to load' : 'not reloaded'}`;
    out.push(`<h4>Code location <code>${(0,report_escape/* escapeHtml */.ZD)(location.name)}</code>: ${status}</h4>`);
    if (location.failure)
        out.push(failureBlock(location.failure));
    for (const warning of location.warnings)
        out.push(`<p>⚠️ ${oneLine(warning)}</p>`);
    if (location.ok) {
        out.push(repositoriesTable(location));
        out.push(diffBlock(location.diff));
    }
    if (mismatches.length > 0)
        out.push(mismatchBlock(mismatches));
    return out.join('\n');
}
/** Mismatches grouped by cause, each group's list collapsed. */
function mismatchBlock(mismatches) {
    const groups = groupMismatches(mismatches).map((g) => {
        if (g.mismatches.length === 1)
            return `<li>${oneLine(g.cause)}</li>`;
        const shown = g.mismatches.slice(0, MAX_MISMATCHES_LISTED);
        const more = g.mismatches.length - shown.length;
        const items = shown.map((m) => `<li>${oneLine(m.message)}</li>`).join('');
        return (`<li>${oneLine(g.cause)}<details><summary>${g.mismatches.length} mismatches</summary>` +
            `<ul>${items}${more > 0 ? `<li>… and ${more} more</li>` : ''}</ul></details></li>`);
    });
    return `<p>⚠️ What is loaded does not match the config:</p><ul>${groups.join('')}</ul>`;
}
/** One line for the summary headline: `anomstack reloaded in 2.2 s, 8 jobs added` (plain text). */
function reloadHeadline(report) {
    if (!report.ok) {
        const failure = report.failure?.message ?? report.locations.find((l) => !l.ok)?.failure?.message;
        return `reload failed: ${(failure ?? 'see below').replace(/\s+/g, ' ').trim()}`;
    }
    const who = report.mode === 'workspace'
        ? 'the workspace'
        : report.locations.length === 1
            ? report.locations[0].name
            : `${report.locations.length} code locations`;
    const sum = (f) => report.locations.reduce((n, l) => n + (l.diff ? f(l.diff) : 0), 0);
    const count = (n, what, how) => n > 0 ? `${n} ${what}${n === 1 ? '' : 's'} ${how}` : '';
    const facts = [
        count(sum((d) => d.jobsAdded.length), 'job', 'added'),
        count(sum((d) => d.jobsRemoved.length), 'job', 'removed'),
        count(sum((d) => d.schedulesChanged.length), 'schedule', 'changed')
    ].filter((f) => f !== '');
    return `${who} reloaded in ${seconds(report.durationMs)}${facts.length > 0 ? `, ${facts.join(', ')}` : ', no job or schedule changed'}`;
}
/**
 * The reload part of the job summary: overall status, Dagster version, per-location status,
 * duration, repositories table, what changed, mismatches, the Python error (collapsed) and a
 * link to the Dagster UI.
 */
function renderReloadSection(report, opts = {}) {
    const out = [];
    const ui = safeUiUrl(opts.uiUrl);
    const head = report.ok ? '✅ Dagster reload succeeded' : '❌ Dagster reload failed';
    const facts = [
        report.dagsterVersion ? `Dagster ${(0,report_escape/* escapeHtml */.ZD)(report.dagsterVersion)}` : undefined,
        report.mode === 'workspace' ? 'whole workspace reloaded' : undefined,
        `${seconds(report.durationMs)} in total`,
        ui ? `<a href="${(0,report_escape/* escapeHtml */.ZD)(ui)}">Open the Dagster UI</a>` : undefined
    ].filter((f) => f !== undefined);
    out.push(`<h3>${head}</h3>`);
    out.push(`<p>${facts.join(' · ')}</p>`);
    if (report.failure)
        out.push(failureBlock(report.failure));
    for (const warning of report.warnings)
        out.push(`<p>⚠️ ${oneLine(warning)}</p>`);
    for (const location of report.locations) {
        out.push(locationSection(location, opts.mismatches?.[location.name] ?? []));
    }
    return out.filter((s) => s !== '').join('\n') + '\n';
}
/** JSON for the `repositories` action output: per location, what is loaded and what changed. */
function repositoriesOutput(report) {
    return JSON.stringify({
        ok: report.ok,
        dagsterVersion: report.dagsterVersion ?? null,
        ...(report.failure
            ? { failure: { kind: report.failure.kind, message: report.failure.message } }
            : {}),
        locations: report.locations.map((l) => ({
            name: l.name,
            ok: l.ok,
            ...(l.failure ? { failure: { kind: l.failure.kind, message: l.failure.message } } : {}),
            durationMs: l.durationMs,
            versionChanged: l.versionChanged ?? null,
            repositories: (l.after?.repositories ?? []).map((r) => ({
                name: r.name,
                jobs: r.jobs,
                schedules: r.schedules.map((s) => ({
                    name: s.name,
                    cron: s.cronSchedule,
                    status: s.status
                })),
                sensors: r.sensors.map((s) => ({ name: s.name, status: s.status }))
            })),
            changes: l.diff ?? null
        }))
    });
}

// EXTERNAL MODULE: ./src/dagster/names.ts
var dagster_names = __webpack_require__(7848);
// EXTERNAL MODULE: ./src/plan/global-jobs.ts
var global_jobs = __webpack_require__(6673);
// EXTERNAL MODULE: ./src/rules/dagster/batches.ts
var batches = __webpack_require__(7516);
;// CONCATENATED MODULE: ./src/action/expected-definitions.ts



const ALL_ON = Object.fromEntries(dagster_names/* DAGSTER_PARTS */.cu.map((p) => [p, false]));
const ALL_OFF = Object.fromEntries(dagster_names/* DAGSTER_PARTS */.cu.map((p) => [p, true]));
/** Every job a batch could define (enabled or disabled variants), for "is it gone?" checks. */
function possibleJobs(batch) {
    const names = [...(0,dagster_names/* generatedNames */.gU)(batch, ALL_ON, false), ...(0,dagster_names/* generatedNames */.gU)(batch, ALL_OFF, false)];
    return [
        ...new Set(names.filter((n) => n.kind === 'job' && n.name.startsWith(`${batch}_`)).map((n) => n.name))
    ];
}
/**
 * What the reloaded location should contain according to the validated config: the jobs and
 * schedules of every enabled batch, the absence of jobs of disabled or deleted batches, and a
 * summary job any candidate first batch could have built.
 */
function expectedDefinitions(a) {
    return expectedDefinitionsOf(a.head.views, new Map(a.metricsChanges.map((f) => [f.path, f.status])), a.classification.removedBatches);
}
/**
 * {@link expectedDefinitions} from its parts, for callers without a git diff (the CLI's `reload`
 * and `watch`): the merged batch views, how each batch file changed, and the removed batch names.
 */
function expectedDefinitionsOf(views, changedFiles, removedBatches) {
    const batches = (0,dagster_names/* expectedDagsterObjects */.bL)(views).map((o) => {
        const status = changedFiles.get(o.file);
        return {
            name: o.batch,
            enabled: true,
            change: status === 'added' ? 'added' : status ? 'modified' : 'unchanged',
            jobs: [...o.jobs],
            schedules: o.schedules.flatMap((s) => typeof s.cron === 'string' ? [{ name: s.name, cron: s.cron }] : [])
        };
    });
    const enabled = new Set(batches.map((b) => b.name));
    for (const v of views) {
        if (v.enabled || v.name === undefined || enabled.has(v.name))
            continue;
        batches.push({
            name: v.name,
            enabled: false,
            change: 'modified',
            jobs: possibleJobs(v.name),
            schedules: []
        });
    }
    for (const name of removedBatches) {
        if (enabled.has(name))
            continue;
        batches.push({
            name,
            enabled: false,
            change: 'removed',
            jobs: possibleJobs(name),
            schedules: []
        });
    }
    return { batches, globalJobs: firstBatchJobs(views) };
}
/**
 * The summary job as the plan has it: one variant per batch that may be read first (os.walk order
 * on the server), so that the check accepts whichever one the server really built.
 */
function firstBatchJobs(views) {
    return (0,global_jobs/* globalJobsOf */.p)((0,batches/* loadedBatches */.AF)(views))
        .filter((g) => g.origin === 'first-batch')
        .map((g) => ({
        name: g.name,
        variants: g.variants.flatMap((v) => {
            const cron = typeof v.cron === 'string' ? { cron: v.cron } : {};
            // A disabled summary is named after the batch that built it: one variant per candidate.
            if (v.job === g.name)
                return [{ job: v.job, schedule: v.schedule, ...cron }];
            return v.batches.map((b) => {
                const job = (0,dagster_names/* jobName */.dZ)(b, 'summary', true);
                return { job, schedule: `${job}_schedule`, ...cron };
            });
        })
    }));
}

// EXTERNAL MODULE: ./src/action/output.ts
var output = __webpack_require__(5149);
;// CONCATENATED MODULE: ./src/plan/planned-vs-loaded.ts

function row(what, planned, loaded) {
    const p = [...new Set(planned)].sort();
    const l = [...new Set(loaded)].sort();
    const ls = new Set(l);
    const ps = new Set(p);
    return {
        what,
        planned: p,
        loaded: l,
        missing: p.filter((n) => !ls.has(n)),
        unexpected: l.filter((n) => !ps.has(n))
    };
}
/**
 * Lines the plan (what the config change should do) up with what the reload did (the before/after
 * diff of each reloaded location). Pure.
 */
function comparePlannedLoaded(plan, diffs) {
    // Net changes: a job that moves between batches (the `summary` job follows the first batch) is
    // created on one and removed on another in the plan, but Dagster sees no change at all.
    const created = new Set(plan.batches.flatMap((b) => b.jobsCreated));
    const removed = new Set(plan.batches.flatMap((b) => b.jobsRemoved));
    const rows = [
        row('jobs created', [...created].filter((j) => !removed.has(j)), diffs.flatMap((d) => d.jobsAdded)),
        row('jobs removed', [...removed].filter((j) => !created.has(j)), diffs.flatMap((d) => d.jobsRemoved)),
        row('cron changes', plan.batches.flatMap((b) => b.cronChanges.map((c) => c.schedule)), diffs.flatMap((d) => d.schedulesChanged
            .filter((s) => s.before.cronSchedule !== s.after.cronSchedule)
            .map((s) => s.name)))
    ];
    return { rows, matches: rows.every((r) => r.missing.length === 0 && r.unexpected.length === 0) };
}
const planned_vs_loaded_MAX_NAMES = 8;
function names(list) {
    if (list.length === 0)
        return '—';
    const shown = list.slice(0, planned_vs_loaded_MAX_NAMES).map((n) => `<code>${(0,report_escape/* escapeHtml */.ZD)(n)}</code>`);
    return shown.join(', ') + (list.length > planned_vs_loaded_MAX_NAMES ? `, … ${list.length - planned_vs_loaded_MAX_NAMES} more` : '');
}
/** A small table for the job summary's reload section. */
function renderPlannedVsLoaded(c) {
    const head = c.matches
        ? '<p>✅ What loaded matches the plan.</p>'
        : '<p>⚠️ What loaded differs from the plan (see the differences below).</p>';
    const body = c.rows
        .map((r) => `<tr><td>${r.what}</td><td>${r.planned.length}</td><td>${r.loaded.length}</td><td>${r.missing.length + r.unexpected.length === 0
        ? '✅'
        : `planned, not loaded: ${names(r.missing)}<br>loaded, not planned: ${names(r.unexpected)}`}</td></tr>`)
        .join('\n');
    return `<h4>Planned vs loaded</h4>\n${head}\n<table>\n<thead><tr><th>Change</th><th>Planned</th><th>Loaded</th><th>Difference</th></tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n`;
}

;// CONCATENATED MODULE: ./src/action/reload-step.ts











const log = output/* logLine */.BP;
/**
 * Reloads the Dagster code location(s), then checks that what loaded matches the validated
 * config. Never throws: every failure becomes a failed, explained publication.
 */
async function reloadStep(inputs, analysis, plan) {
    workflow_commands/* startGroup */.Oh('Reload Dagster');
    try {
        const client = createDagsterClient({
            url: inputs.dagsterUrl,
            ...(inputs.dagsterToken ? { token: inputs.dagsterToken } : {}),
            ...(inputs.dagsterHeaders.trim() ? { headers: parseHeaderLines(inputs.dagsterHeaders) } : {}),
            timeoutMs: inputs.timeoutMs,
            log
        });
        const report = await reloadLocations(client, {
            locations: [...inputs.locations],
            reloadWorkspace: inputs.reloadWorkspace,
            timeoutMs: inputs.timeoutMs,
            log
        });
        const { byLocation: mismatches, count: mismatchCount } = verifyReport(report, expectedDefinitions(analysis));
        for (const [name, found] of Object.entries(mismatches)) {
            // One warning per cause, not one per batch: eleven batches missing the same job are one problem.
            for (const g of groupMismatches(found))
                (0,output/* warning */.$e)(`${name}: ${g.cause}`, { title: 'Reload verification' });
        }
        if (report.failure)
            log(`Reload failed: ${report.failure.message}`);
        for (const l of report.locations) {
            log(`${l.name}: ${l.ok ? 'loaded' : `failed: ${l.failure?.message ?? 'unknown error'}`} (${Math.round(l.durationMs)} ms)`);
        }
        const failure = report.failure?.message ?? report.locations.find((l) => !l.ok)?.failure?.message ?? undefined;
        // Planned vs loaded only means something when the plan compared against a base commit.
        const diffs = report.locations.flatMap((l) => (l.ok && l.diff ? [l.diff] : []));
        const alignment = plan?.compared && diffs.length > 0
            ? renderPlannedVsLoaded(comparePlannedLoaded(plan, diffs))
            : '';
        return {
            reloaded: report.ok,
            headline: reloadHeadline(report),
            ...(failure !== undefined && !report.ok ? { failure } : {}),
            summaryHtml: renderReloadSection(report, { uiUrl: inputs.dagsterUrl, mismatches }) + alignment,
            repositoriesJson: repositoriesOutput(report),
            report: toJson(report, mismatchCount)
        };
    }
    catch (e) {
        // Bad input (header lines, an insecure URL with a token...): explain, do not reload.
        const message = e instanceof Error ? e.message : String(e);
        log(`Reload not attempted: ${message}`);
        return {
            reloaded: false,
            headline: `reload not attempted: ${message.replace(/\s+/g, ' ').trim()}`,
            failure: message,
            summaryHtml: `<h3>❌ Dagster reload not attempted</h3>\n<p>${(0,report_escape/* escapeHtml */.ZD)(message)}</p>\n`,
            repositoriesJson: JSON.stringify({ ok: false, failure: { kind: 'config', message } }),
            report: { ok: false, failure: message }
        };
    }
    finally {
        workflow_commands/* endGroup */.N4();
    }
}
function toJson(report, mismatches) {
    const base = JSON.parse(repositoriesOutput(report));
    return { ...base, verificationMismatches: mismatches };
}


/***/ })

};
