/**
 * The runner protocol the action speaks: inputs from `INPUT_*`, workflow commands on stdout
 * (`::warning …::`, `::group::`, `::add-mask::`), outputs through the GITHUB_OUTPUT file and the
 * job summary through GITHUB_STEP_SUMMARY.
 *
 * The same wire format as `@actions/core` (its command.js, file-command.js, summary.js and
 * core.js), for the handful of calls the action makes. Written out here because importing
 * `@actions/core` also initialises its OIDC client, which pulls in `@actions/http-client` and
 * undici: about 1 MB of the bundle parsed and run at every start-up for a feature the action never
 * uses (start-up is most of a one-file push; see BENCHMARKS.md).
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync, constants, existsSync } from 'node:fs'
import { access, appendFile } from 'node:fs/promises'
import { EOL } from 'node:os'

/** Where an annotation points, named as in `@actions/core`'s `AnnotationProperties`. */
export interface AnnotationProperties {
  readonly title?: string
  readonly file?: string
  readonly startLine?: number
  readonly endLine?: number
  readonly startColumn?: number
  readonly endColumn?: number
}

type CommandProperties = Record<string, string | number | undefined>

/** `@actions/core`'s toCommandValue: strings as they are, anything else as JSON. */
function commandValue(value: unknown): string {
  if (value === null || value === undefined) return ''
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function escapeData(s: unknown): string {
  return commandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(s: unknown): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** `::name key=value,key=value::message`; empty and zero property values are left out. */
export function formatCommand(
  command: string,
  properties: CommandProperties,
  message: unknown
): string {
  let out = `::${command}`
  const props = Object.entries(properties).filter(([, v]) => Boolean(v))
  if (props.length > 0) out += ` ${props.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',')}`
  return `${out}::${escapeData(message)}`
}

function issue(command: string, properties: CommandProperties, message: unknown): void {
  process.stdout.write(formatCommand(command, properties, message) + EOL)
}

function annotationProperties(p: AnnotationProperties | undefined): CommandProperties {
  if (!p || Object.keys(p).length === 0) return {}
  return {
    title: p.title,
    file: p.file,
    line: p.startLine,
    endLine: p.endLine,
    col: p.startColumn,
    endColumn: p.endColumn
  }
}

/** An input (`with:`), trimmed; '' when unset. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

/** Masks a value in the runner's log from here on. */
export function setSecret(secret: string): void {
  issue('add-mask', {}, secret)
}

export function debug(message: string): void {
  issue('debug', {}, message)
}

export function info(message: string): void {
  process.stdout.write(message + EOL)
}

export function startGroup(name: string): void {
  issue('group', {}, name)
}

export function endGroup(): void {
  issue('endgroup', {}, '')
}

export function error(message: string, props?: AnnotationProperties): void {
  issue('error', annotationProperties(props), message)
}

export function warning(message: string, props?: AnnotationProperties): void {
  issue('warning', annotationProperties(props), message)
}

export function notice(message: string, props?: AnnotationProperties): void {
  issue('notice', annotationProperties(props), message)
}

/** An error annotation, and the step fails (exit code 1). */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

/**
 * A step output: a `name<<delimiter` heredoc appended to GITHUB_OUTPUT (the delimiter random,
 * so a value cannot end it early), or the legacy `::set-output` command without that file.
 */
export function setOutput(name: string, value: string): void {
  const file = process.env['GITHUB_OUTPUT'] ?? ''
  if (!file) {
    process.stdout.write(EOL)
    issue('set-output', { name }, value)
    return
  }
  const delimiter = `ghadelimiter_${randomUUID()}`
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`Unexpected input: the output contains the delimiter "${delimiter}"`)
  }
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`)
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, {
    encoding: 'utf8'
  })
}

/** Appends to the job summary (GITHUB_STEP_SUMMARY), followed by a line break. */
export async function appendSummary(text: string): Promise<void> {
  const file = process.env['GITHUB_STEP_SUMMARY']
  if (!file) {
    throw new Error(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.'
    )
  }
  try {
    await access(file, constants.R_OK | constants.W_OK)
  } catch {
    throw new Error(
      `Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`
    )
  }
  await appendFile(file, text + EOL, { encoding: 'utf8' })
}
