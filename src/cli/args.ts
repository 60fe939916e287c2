import { parseArgs } from 'node:util'

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
}

export interface PlanArgs {
  readonly command: 'plan'
  readonly metricsDir: string
  readonly repo: string | undefined
  readonly base: string
  readonly format: 'text' | 'json'
  readonly envFile?: string | undefined
}

export type CliArgs =
  ValidateArgs | PlanArgs | { readonly command: 'help' } | { readonly command: 'version' }

export class UsageError extends Error {
  override readonly name = 'UsageError'
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
  --no-color                         plain text output

plan options:
  --base <git-ref>                   what to compare the working tree with (for example origin/main)
  --format <text|json>
  --env-file <file>, --no-env-file

Exit codes: 0 no problems at the fail-on level, 1 problems found, 2 usage or I/O error.`

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'github', 'sarif']
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never']

export function parseCliArgs(argv: readonly string[], isTty: boolean): CliArgs {
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
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' }
      }
    })
  } catch (e: unknown) {
    throw new UsageError(e instanceof Error ? e.message : String(e))
  }
  const { values, positionals } = parsed
  if (values.help) return { command: 'help' }
  if (values.version) return { command: 'version' }
  const [command = 'validate', ...rest] = positionals
  if (rest.length > 1) throw new UsageError(`Unexpected argument "${rest[1]}".`)
  const metricsDir = rest[0] ?? 'metrics'
  if (command === 'help') return { command: 'help' }
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
      envFile: envFileOf(values)
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
    color: isTty && !values['no-color'] && !process.env['NO_COLOR'],
    envFile: envFileOf(values)
  }
}

/**
 * `--no-env-file` means `none`. (Node 24 itself checks that a `--env-file <path>` anywhere on its
 * command line exists, even after the script, so `--env-file none` dies in Node before we run.)
 */
function envFileOf(values: { 'env-file'?: string; 'no-env-file'?: boolean }): string | undefined {
  if (values['no-env-file']) return 'none'
  return values['env-file']
}
