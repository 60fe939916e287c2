/**
 * Recognises the two YAML traps Anomstack users hit most, so a generic parse error can name the
 * real cause: an unquoted cron expression (`*` starts an alias) and unquoted Jinja (`{` starts a
 * flow mapping).
 */

export interface TrapMatch {
  readonly ruleId: 'yaml/unquoted-cron' | 'yaml/unquoted-jinja'
  /** Offset of the value that should be quoted. */
  readonly start: number
  /** End of that line. */
  readonly end: number
  readonly hint: string
  /** What PyYAML makes of the value. */
  readonly cause: string
}

const CRON_LINE = /^(\s*(?:-\s+)?[A-Za-z0-9_-]*_cron_schedule\s*:[ \t]+)\*/
const JINJA_LINE = /^(\s*(?:-\s+)?[^\s#'"][^:#]*:[ \t]+|\s*-[ \t]+)\{[{%]/

/** Looks at the line of a parse failure, then up the lines a Jinja flow value may span. */
export function findTrap(
  text: string,
  lineStarts: readonly number[],
  offset: number
): TrapMatch | undefined {
  const lineIndex = lineIndexAt(lineStarts, offset)
  const line = lineText(text, lineStarts, lineIndex)
  const cron = CRON_LINE.exec(line)
  if (cron) {
    return {
      ruleId: 'yaml/unquoted-cron',
      start: lineStarts[lineIndex]! + cron[1]!.length,
      end: lineStarts[lineIndex]! + line.length,
      cause: 'an unquoted cron expression starting with `*` is read as a YAML alias',
      hint: `quote the cron expression, for example: ${cron[1]!.trim()} "${line.slice(cron[1]!.length).trim()}"`
    }
  }
  // A Jinja value that PyYAML reads as a flow mapping may fail a few lines further down.
  for (let i = lineIndex; i >= 0 && i >= lineIndex - 50; i--) {
    const l = lineText(text, lineStarts, i)
    const m = JINJA_LINE.exec(l)
    if (m) {
      return {
        ruleId: 'yaml/unquoted-jinja',
        start: lineStarts[i]! + m[1]!.length,
        end: lineStarts[i]! + l.length,
        cause: 'an unquoted Jinja `{{ ... }}`/`{% ... %}` value is read as a YAML flow mapping',
        hint: 'quote it or use a `>`/`|` block scalar: an unquoted `{` starts a YAML flow mapping'
      }
    }
    // A top-level line starts a new key: a Jinja value further up cannot be the cause.
    if (/^\S/.test(l)) break
  }
  return undefined
}

function lineIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= offset) lo = mid
    else hi = mid - 1
  }
  return lo
}

function lineText(text: string, starts: readonly number[], i: number): string {
  const s = starts[i]!
  const nl = text.indexOf('\n', s)
  return text.slice(s, nl === -1 ? text.length : nl)
}
