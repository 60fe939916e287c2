import { parseArgs } from 'node:util'
import { escapeControlChars } from '../report/escape.js'
import { colorEnabled } from './color.js'

export type OutputFormat = 'text' | 'json' | 'github' | 'sarif'
export type FailOn = 'error' | 'warning' | 'never'

export interface ValidateArgs {
  readonly command: 'validate'
  readonly metricsDir: string
  readonly repo: string | undefined
  readonly format: OutputFormat
  readonly output: string | undefined
  readonly failOn: FailOn
  readonly maxFileBytes: number
  readonly color: boolean
  /** --env-file: undefined = the repository's .env when it exists; `none` = no env file. */
  readonly envFile?: string | undefined
  /** Print errors only (warnings and notices still count for --fail-on). */
  readonly quiet: boolean
  /** No metrics folder was given: look for `metrics/` from the repository root. */
  readonly metricsDirDefaulted: boolean
}

export interface PlanArgs {
  readonly command: 'plan'
  readonly metricsDir: string
  readonly repo: string | undefined
  readonly base: string
  readonly format: 'text' | 'json'
  readonly envFile?: string | undefined
  readonly color?: boolean
}

export type CliArgs =
  ValidateArgs | PlanArgs | { readonly command: 'help' } | { readonly command: 'version' }

/** A mistake in how the CLI was called: one line on stderr, then a pointer to --help; exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** Where the environment comes from (the process's, unless a test says otherwise). */
export interface ArgsContext {
  readonly isTty: boolean
  readonly env?: Readonly<Record<string, string | undefined>>
}

export const USAGE = `Usage:
  anomstack-hot-reload validate [metrics-dir] [options]
  anomstack-hot-reload plan --base <git-ref> [metrics-dir] [options]
  anomstack-hot-reload reload [metrics-dir] [options]   (see reload --help)
  anomstack-hot-reload watch [metrics-dir] [options]    (see watch --help)

Validates Anomstack metrics configs the way PyYAML, Anomstack and Dagster read them.

validate options:
  --format <text|json|github|sarif>  output format (default: text)
  --output <file>                    write the report to a file instead of stdout
  --fail-on <error|warning|never>    exit 1 on problems of this severity or worse (default: error)
  --repo <dir>                       repository root (default: the git top level, else the current folder)
  --max-file-bytes <n>               files larger than this are reported, not parsed (default: 1048576)
  --env-file <file>                  the env file Anomstack runs with (default: the repository's .env if any)
  --no-env-file                      read no env file
  -q, --quiet                        print errors only
  --no-color                         plain text output (also NO_COLOR=1 or TERM=dumb; FORCE_COLOR=1 forces colour)

plan options:
  --base <git-ref>                   what to compare the working tree with (for example origin/main)
  --format <text|json>
  --env-file <file>, --no-env-file
  --repo <dir>                       repository root (default: the git top level of the current folder)
  --no-color                         plain text output

Run it from the repository root or from anywhere inside it (the metrics folder defaults to
<repository root>/metrics).

Exit codes: 0 no problems at the fail-on level, 1 problems found, 2 usage or I/O error.`

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'github', 'sarif']
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never']

export function parseCliArgs(argv: readonly string[], ctx: ArgsContext | boolean): CliArgs {
  const { isTty, env = process.env } = typeof ctx === 'boolean' ? { isTty: ctx } : ctx
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        repo: { type: 'string' },
        base: { type: 'string' },
        'max-file-bytes': { type: 'string' },
        'no-color': { type: 'boolean' },
        'env-file': { type: 'string' },
        'no-env-file': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' }
      }
    })
  } catch (e: unknown) {
    throw new UsageError(usageMessage(e))
  }
  const { values, positionals } = parsed
  if (values.help) return { command: 'help' }
  if (values.version) return { command: 'version' }
  const [command = 'validate', ...rest] = positionals
  if (rest.length > 1) throw new UsageError(`Unexpected argument "${rest[1]}".`)
  const metricsDir = rest[0] ?? 'metrics'
  if (command === 'help') return { command: 'help' }
  const color = (toFile: boolean): boolean =>
    colorEnabled({ noColorFlag: values['no-color'] === true, toFile, isTty, env })
  if (command === 'plan') {
    if (!values.base) throw new UsageError('plan needs --base <git-ref>.')
    const format = values.format ?? 'text'
    if (format !== 'text' && format !== 'json')
      throw new UsageError('plan --format must be text or json.')
    return {
      command: 'plan',
      metricsDir,
      repo: values.repo,
      base: values.base,
      format,
      envFile: envFileOf(values),
      color: color(false)
    }
  }
  if (command !== 'validate') throw new UsageError(`Unknown command "${command}".`)
  const format = (values.format ?? 'text') as OutputFormat
  if (!FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}.`)
  const failOn = (values['fail-on'] ?? 'error') as FailOn
  if (!FAIL_ON.includes(failOn))
    throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}.`)
  const maxFileBytes = Number(values['max-file-bytes'] ?? 1024 * 1024)
  if (!Number.isSafeInteger(maxFileBytes) || maxFileBytes <= 0) {
    throw new UsageError('--max-file-bytes must be a positive whole number.')
  }
  return {
    command: 'validate',
    metricsDir,
    repo: values.repo,
    format,
    output: values.output,
    failOn,
    maxFileBytes,
    color: color(values.output !== undefined),
    quiet: values.quiet === true,
    metricsDirDefaulted: rest[0] === undefined,
    envFile: envFileOf(values)
  }
}

/** node:util's parseArgs messages, shortened to the one fact (which option, and what is wrong). */
export function usageMessage(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code
  const msg = e instanceof Error ? e.message : String(e)
  const option = /'(-[^']*)'/.exec(msg)?.[1]
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option)
    return `unknown option ${escapeControlChars(option)}`
  return escapeControlChars(msg.split('\n')[0]!)
}

/**
 * `--no-env-file` means `none`. (Node 24 itself checks that a `--env-file <path>` anywhere on its
 * command line exists, even after the script, so `--env-file none` dies in Node before we run.)
 */
function envFileOf(values: { 'env-file'?: string; 'no-env-file'?: boolean }): string | undefined {
  if (values['no-env-file']) return 'none'
  return values['env-file']
}
