import * as core from './workflow-commands.js'
import type { FailOn } from '../core/verdict.js'
import { registerSecrets } from '../report/output-boundary.js'

export type Mode = 'auto' | 'validate' | 'reload'

/** Validated, immutable action inputs. */
export interface Inputs {
  readonly dagsterUrl: string
  readonly dagsterToken: string
  /** Raw `Name: value` lines; parsed by the Dagster client. */
  readonly dagsterHeaders: string
  /** Empty: the only location. `reloadWorkspace` when the user asked for `*`. */
  readonly locations: readonly string[]
  readonly reloadWorkspace: boolean
  readonly metricsPath: string
  readonly mode: Mode
  readonly failOn: FailOn
  readonly githubToken: string
  readonly timeoutMs: number
  readonly maxFileBytes: number
  /** Post the plan as one sticky pull-request comment. */
  readonly comment: boolean
  /** The env file Anomstack runs with (repo-relative); '' = `.env` when it exists; `none` = no file. */
  readonly envFile: string
}

export class InputError extends Error {
  override readonly name = 'InputError'
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const v = value.trim().toLowerCase()
  if ((allowed as readonly string[]).includes(v)) return v as T
  throw new InputError(`Input ${name} must be one of ${allowed.join(', ')}; got "${value}".`)
}

/** Node fires a timer above 2^31-1 ms after 1 ms instead, so every call would fail at once. */
export const MAX_TIMEOUT_SECONDS = Math.floor(0x7fffffff / 1000)
/** Files are read whole into memory; a cap above 1 GiB would not be a cap. */
export const MAX_FILE_BYTES_LIMIT = 1024 * 1024 * 1024

/**
 * A whole number of at least 1 and at most `max`, written in decimal digits (no sign, fraction,
 * exponent or `NaN`); empty means `fallback`. The message names the input and the allowed range.
 */
function boundedInt(
  name: string,
  value: string,
  fallback: number,
  max: number,
  why: string
): number {
  const text = value.trim()
  if (text === '') return fallback
  const range = `a whole number from 1 to ${max}${why}`
  if (!/^\d+$/.test(text)) {
    throw new InputError(`Input ${name} must be ${range}; got "${value}".`)
  }
  const n = Number(text)
  if (n < 1 || n > max) throw new InputError(`Input ${name} must be ${range}; got "${value}".`)
  return n
}

/**
 * Reads the inputs. Secrets are masked before anything else happens, so no later log line,
 * error or summary can show them.
 */
export function getInputs(): Inputs {
  const dagsterToken = core.getInput('dagster-token')
  const dagsterHeaders = core.getInput('dagster-headers')
  const githubToken = core.getInput('github-token')
  const secrets = [dagsterToken, githubToken]
  for (const line of dagsterHeaders.split(/\r?\n/)) {
    const colon = line.indexOf(':')
    secrets.push(colon === -1 ? '' : line.slice(colon + 1).trim())
  }
  for (const secret of secrets) if (secret) core.setSecret(secret)
  // The runner masks the log only; the summary, outputs and report are scrubbed by our boundary.
  registerSecrets(secrets)
  const rawLocations = core
    .getInput('locations')
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
  const reloadWorkspace = rawLocations.includes('*')
  const metricsPath = (core.getInput('metrics-path') || 'metrics').trim()
  const inputs: Inputs = {
    dagsterUrl: core.getInput('dagster-url').trim(),
    dagsterToken,
    dagsterHeaders,
    locations: rawLocations.filter((l) => l !== '*'),
    reloadWorkspace,
    metricsPath,
    mode: oneOf('mode', core.getInput('mode') || 'auto', ['auto', 'validate', 'reload'] as const),
    failOn: oneOf('fail-on', core.getInput('fail-on') || 'error', [
      'error',
      'warning',
      'never'
    ] as const),
    githubToken,
    timeoutMs:
      boundedInt(
        'timeout-seconds',
        core.getInput('timeout-seconds'),
        300,
        MAX_TIMEOUT_SECONDS,
        " (about 24.8 days, Node's timer limit)"
      ) * 1000,
    maxFileBytes: boundedInt(
      'max-file-bytes',
      core.getInput('max-file-bytes'),
      1024 * 1024,
      MAX_FILE_BYTES_LIMIT,
      ' (1 GiB)'
    ),
    comment:
      oneOf('comment', core.getInput('comment') || 'false', ['true', 'false'] as const) === 'true',
    envFile: core.getInput('env-file').trim()
  }
  if (inputs.mode === 'reload' && !inputs.dagsterUrl) {
    throw new InputError('Input mode is reload, but dagster-url is empty: set the webserver URL.')
  }
  if (inputs.dagsterUrl && !/^https?:\/\//i.test(inputs.dagsterUrl)) {
    throw new InputError('Input dagster-url must start with http:// or https://.')
  }
  core.debug(
    `inputs: url=${inputs.dagsterUrl ? 'set' : 'empty'} locations=${JSON.stringify(inputs.locations)} ` +
      `workspace=${reloadWorkspace} metrics-path=${metricsPath} mode=${inputs.mode} fail-on=${inputs.failOn}`
  )
  return inputs
}
