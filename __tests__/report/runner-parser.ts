/**
 * A TypeScript transcription of the runner's workflow-command parser
 * (actions/runner `src/Runner.Common/ActionCommand.cs`, `ActionCommandManager.TryProcessCommand`),
 * so tests can check what the runner would make of each output line.
 */
export const REGISTERED = new Set([
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo',
  'stop-commands'
])

export interface ParsedCommand {
  command: string
  properties: Record<string, string>
  data: string
}

function replaceAll(s: string, pairs: [string, string][]): string {
  let out = s
  for (const [from, to] of pairs) out = out.split(from).join(to)
  return out
}

const unescapeData = (s: string): string =>
  replaceAll(s, [
    ['%0D', '\r'],
    ['%0A', '\n'],
    ['%25', '%']
  ])
const unescapeProperty = (s: string): string =>
  replaceAll(s, [
    ['%0D', '\r'],
    ['%0A', '\n'],
    ['%3A', ':'],
    ['%2C', ','],
    ['%25', '%']
  ])

/** .NET `String.TrimStart()` (Char.IsWhiteSpace). */
function dotnetTrimStart(s: string): string {
  return s.replace(
    /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/,
    ''
  )
}

function parseV2(input: string): ParsedCommand | undefined {
  const message = dotnetTrimStart(input)
  if (!message.startsWith('::')) return undefined
  const endIndex = message.indexOf('::', 2)
  if (endIndex < 0) return undefined
  const cmdInfo = message.slice(2, endIndex)
  const space = cmdInfo.indexOf(' ')
  const command = space < 0 ? cmdInfo : cmdInfo.slice(0, space)
  if (!REGISTERED.has(command)) return undefined
  const properties: Record<string, string> = {}
  if (space > 0) {
    for (const prop of cmdInfo
      .slice(space + 1)
      .trim()
      .split(',')
      .filter((p) => p !== '')) {
      const eq = prop.indexOf('=')
      if (eq > 0 && eq < prop.length - 1)
        properties[prop.slice(0, eq).toLowerCase()] = unescapeProperty(prop.slice(eq + 1))
    }
  }
  return { command, properties, data: unescapeData(message.slice(endIndex + 2)) }
}

function parseLegacy(message: string): ParsedCommand | undefined {
  const prefix = message.indexOf('##[')
  if (prefix < 0) return undefined
  const rb = message.indexOf(']', prefix)
  if (rb < 0) return undefined
  const cmdInfo = message.slice(prefix + 3, rb)
  const space = cmdInfo.indexOf(' ')
  const command = space < 0 ? cmdInfo : cmdInfo.slice(0, space)
  if (!REGISTERED.has(command)) return undefined
  return { command, properties: {}, data: message.slice(rb + 1) }
}

/** The runner's verdict on one line. */
export function parseRunnerLine(line: string): ParsedCommand | undefined {
  return parseV2(line) ?? parseLegacy(line)
}

/** .NET ReadLine: breaks on \n, \r and \r\n. */
export function runnerLines(output: string): string[] {
  return output.split(/\r\n|\r|\n/)
}

/** Every command the runner would execute from this output. */
export function commandsIn(output: string): ParsedCommand[] {
  return runnerLines(output)
    .map(parseRunnerLine)
    .filter((c): c is ParsedCommand => c !== undefined)
}
