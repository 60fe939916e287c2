import * as core from '@actions/core'
import type { FailOn } from '../core/verdict.js'

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

function positiveInt(name: string, value: string, fallback: number): number {
  if (value.trim() === '') return fallback
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0)
    throw new InputError(`Input ${name} must be a positive number; got "${value}".`)
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
  if (dagsterToken) core.setSecret(dagsterToken)
  if (githubToken) core.setSecret(githubToken)
  for (const line of dagsterHeaders.split(/\r?\n/)) {
    const colon = line.indexOf(':')
    const value = colon === -1 ? '' : line.slice(colon + 1).trim()
    if (value) core.setSecret(value)
  }
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
    timeoutMs: positiveInt('timeout-seconds', core.getInput('timeout-seconds'), 300) * 1000,
    maxFileBytes: Math.floor(
      positiveInt('max-file-bytes', core.getInput('max-file-bytes'), 1024 * 1024)
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
