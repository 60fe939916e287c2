/**
 * Typed errors of the Dagster client. Every message is built by us from facts we know, and any
 * text that came from the server has been scrubbed of the token and header values first.
 */

/** What went wrong, for callers that map errors to outputs or exit codes. */
export type DagsterErrorKind =
  'config' | 'insecure-transport' | 'unreachable' | 'timeout' | 'http' | 'graphql'

/** Base class of every error the Dagster client throws on purpose. */
export class DagsterClientError extends Error {
  override readonly name: string = 'DagsterClientError'
  constructor(
    readonly kind: DagsterErrorKind,
    message: string
  ) {
    super(message)
  }
}

/** The client options are unusable (bad URL, credentials in the URL). */
export class DagsterConfigError extends DagsterClientError {
  override readonly name: string = 'DagsterConfigError'
  constructor(message: string) {
    super('config', message)
  }
}

/** A token or extra headers would go over plain HTTP to a host that is not this machine. */
export class InsecureTransportError extends DagsterClientError {
  override readonly name: string = 'InsecureTransportError'
  constructor(message: string) {
    super('insecure-transport', message)
  }
}

/**
 * The webserver could not be reached (connection refused, DNS failure, 5xx, a non-JSON reply such
 * as a proxy's HTML page) even after the bounded retries.
 */
export class DagsterUnreachableError extends DagsterClientError {
  override readonly name: string = 'DagsterUnreachableError'
  constructor(
    message: string,
    /** How many requests were sent. */
    readonly attempts: number,
    /**
     * True when a non-idempotent request (the reload mutation) may have reached the server, so the
     * reload may be running or done: poll the workspace instead of assuming nothing happened.
     */
    readonly maybeProcessed = false,
    kind: 'unreachable' | 'timeout' = 'unreachable'
  ) {
    super(kind, message)
  }
}

/** The overall deadline passed before the server answered. */
export class DagsterTimeoutError extends DagsterUnreachableError {
  override readonly name: string = 'DagsterTimeoutError'
  constructor(message: string, attempts: number, maybeProcessed = false) {
    super(message, attempts, maybeProcessed, 'timeout')
  }
}

/** An HTTP status that retrying will not fix (401, 403, 404, …). */
export class DagsterHttpError extends DagsterClientError {
  override readonly name: string = 'DagsterHttpError'
  constructor(
    message: string,
    readonly status: number
  ) {
    super('http', message)
  }
}

/** The server answered with GraphQL `errors[]` (bad query, unknown field, resolver crash). */
export class DagsterGraphQLError extends DagsterClientError {
  override readonly name: string = 'DagsterGraphQLError'
  constructor(
    message: string,
    /** Scrubbed server messages. */
    readonly messages: readonly string[],
    readonly status: number
  ) {
    super('graphql', message)
  }
}

/**
 * The reply body was larger than the per-response cap: reading stopped there and the call failed
 * without a retry (the same server would send the same huge reply again).
 */
export class DagsterReplyTooLargeError extends DagsterHttpError {
  override readonly name: string = 'DagsterReplyTooLargeError'
  constructor(
    message: string,
    status: number,
    /** The cap, in bytes. */
    readonly limitBytes: number
  ) {
    super(message, status)
  }
}
