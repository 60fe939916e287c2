/**
 * Options of `reload` and `watch`. Parsed here rather than in `cli/args.ts` so the two long-running
 * commands keep their own flags; the shared shape (metrics folder, --repo, --format, colour) matches
 * `validate`.
 */
import { parseArgs } from 'node:util'
import { colorEnabled } from '../cli/color.js'
import { usageMessage } from '../cli/args.js'

export class LocalUsageError extends Error {
  override readonly name = 'LocalUsageError'
}

export interface DagsterFlags {
  readonly url: string | undefined
  readonly token: string | undefined
  /** `Name: value` lines. */
  readonly headers: readonly string[]
  readonly locations: readonly string[]
  readonly timeoutMs: number
}

interface Common {
  readonly metricsDir: string
  readonly repo: string | undefined
  readonly format: 'text' | 'json'
  readonly color: boolean
  readonly maxFileBytes: number
  readonly dagster: DagsterFlags
}

export interface ReloadArgs extends Common {
  readonly command: 'reload'
  readonly force: boolean
}

export interface WatchArgs extends Common {
  readonly command: 'watch'
  readonly debounceMs: number
  /** Poll the tree every N seconds instead of listening to file events. */
  readonly intervalSec: number | undefined
  readonly reload: boolean
}

export type LocalArgs =
  ReloadArgs | WatchArgs | { readonly command: 'local-help'; readonly text: string }

const DAGSTER_HELP = `Dagster options:
  --dagster-url <url>        webserver URL (else DAGSTER_URL, else http://DAGSTER_HOST:DAGSTER_PORT,
                             else http://localhost:3000)
  --location <name>          code location to reload (repeatable; default: the only one)
  --token <token>            Dagster+ user token (else DAGSTER_CLOUD_API_TOKEN); never printed
  --header 'Name: value'     extra HTTP header, e.g. for a proxy (repeatable); never printed
  --timeout <seconds>        deadline of one reload, polling included (default: 120)

Common options:
  --repo <dir>               repository root (default: the git top level, else the current folder)
  --format <text|json>       json: one JSON object per line (default: text)
  --max-file-bytes <n>       files larger than this are reported, not parsed (default: 1048576)
  --no-color                 plain text (colour only on a terminal; NO_COLOR, TERM=dumb and FORCE_COLOR work)
  -h, --help                 this help`

export const RELOAD_USAGE = `Usage: anomstack-hot-reload reload [metrics-dir] [options]

Validates the metrics tree, then hot-reloads the Dagster code location and checks what loaded.
With errors in the config, Dagster is not contacted at all and the exit code is 1.

reload options:
  --force                    reload even when the config has errors (the location may fail to load)

${DAGSTER_HELP}

Exit codes: 0 every location loaded, 1 config errors or the reload failed, 2 usage error.`

export const WATCH_USAGE = `Usage: anomstack-hot-reload watch [metrics-dir] [options]

Watches the metrics folder (and .env, workspace.yaml, dagster*.yaml, docker-compose*.yml at the
repository root). After each burst of saves it re-validates; a valid change that Dagster would see
is reloaded at once, a broken one never is (Dagster keeps running the last good config).

watch options:
  --debounce <ms>            quiet time after the last change before checking (default: 300)
  --interval <seconds>       poll the tree every N seconds instead of listening to file events
                             (network drives, some Docker Desktop mounts)
  --no-reload                validate and show the plan only; never contact Dagster

${DAGSTER_HELP}

Stop with Ctrl-C (exit 0).`

function positiveNumber(raw: string | undefined, flag: string, fallback: number): number {
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0) throw new LocalUsageError(`${flag} must be a positive number.`)
  return n
}

/** Parse `reload …` or `watch …` (argv without the command word). */
export function parseLocalArgs(
  command: 'reload' | 'watch',
  argv: readonly string[],
  isTty: boolean,
  env: Readonly<Record<string, string | undefined>>
): LocalArgs {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'dagster-url': { type: 'string' },
        location: { type: 'string', multiple: true },
        token: { type: 'string' },
        header: { type: 'string', multiple: true },
        timeout: { type: 'string' },
        repo: { type: 'string' },
        format: { type: 'string' },
        'max-file-bytes': { type: 'string' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        force: { type: 'boolean' },
        debounce: { type: 'string' },
        interval: { type: 'string' },
        'no-reload': { type: 'boolean' }
      }
    })
  } catch (e: unknown) {
    // The same one-line, escaped message as validate/plan (parseArgs' own text spans lines).
    throw new LocalUsageError(usageMessage(e))
  }
  const { values, positionals } = parsed
  const foreign = command === 'reload' ? ['debounce', 'interval', 'no-reload'] : ['force']
  for (const flag of foreign) {
    if (flag in values) throw new LocalUsageError(`${command} does not take --${flag}.`)
  }
  const usage = command === 'reload' ? RELOAD_USAGE : WATCH_USAGE
  if (values.help) return { command: 'local-help', text: usage }
  if (positionals.length > 1) throw new LocalUsageError(`Unexpected argument "${positionals[1]}".`)
  const format = values.format ?? 'text'
  if (format !== 'text' && format !== 'json')
    throw new LocalUsageError(`${command} --format must be text or json.`)
  const maxFileBytes = positiveNumber(values['max-file-bytes'], '--max-file-bytes', 1024 * 1024)
  if (!Number.isSafeInteger(maxFileBytes))
    throw new LocalUsageError('--max-file-bytes must be a positive whole number.')
  const common: Common = {
    metricsDir: positionals[0] ?? 'metrics',
    repo: values.repo,
    format,
    // The CLI's one colour decision (NO_COLOR, FORCE_COLOR, TERM=dumb), and never for JSON events.
    color:
      format === 'text' &&
      colorEnabled({ noColorFlag: values['no-color'] === true, toFile: false, isTty, env }),
    maxFileBytes,
    dagster: {
      url: values['dagster-url'],
      token: values.token,
      headers: values.header ?? [],
      locations: values.location ?? [],
      timeoutMs: positiveNumber(values.timeout, '--timeout', 120) * 1000
    }
  }
  if (command === 'reload') return { ...common, command, force: Boolean(values.force) }
  return {
    ...common,
    command,
    debounceMs: positiveNumber(values.debounce, '--debounce', 300),
    intervalSec:
      values.interval === undefined ? undefined : positiveNumber(values.interval, '--interval', 30),
    reload: !values['no-reload']
  }
}
