/**
 * Extra HTTP headers for the Dagster webserver, given by the user as `Name: value` lines (one
 * header a line; blank lines and `#` comments are skipped). Typical use: a reverse proxy in front
 * of an OSS webserver that wants `Authorization: Bearer …`.
 *
 * Every value is treated as a secret: errors name the line number and the header name, never the
 * value.
 */

/** A problem in the header lines. The message never contains a header value. */
export class HeaderParseError extends Error {
  override readonly name = 'HeaderParseError'
  constructor(
    message: string,
    /** 1-based line of the offending header. */
    readonly line: number
  ) {
    super(message)
  }
}

// RFC 9110 `token`: what a field name may contain.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

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
])

/**
 * Parse `Name: value` lines into a header record (original name casing kept).
 *
 * @throws HeaderParseError on a line without `:`, an invalid or reserved name, a control
 *   character in the value, or the same name twice (case-insensitive).
 */
export function parseHeaderLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {}
  const seen = new Map<string, number>()
  const lines = text.split(/\r\n|\r|\n/)
  lines.forEach((raw, index) => {
    const lineNo = index + 1
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const colon = line.indexOf(':')
    if (colon <= 0) {
      throw new HeaderParseError(
        `header line ${lineNo} is not of the form \`Name: value\` (no name before a \`:\`)`,
        lineNo
      )
    }
    const name = line.slice(0, colon).trim()
    const value = line.slice(colon + 1).trim()
    if (!TOKEN.test(name)) {
      throw new HeaderParseError(
        `header line ${lineNo}: the name is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_\`|~ only)`,
        lineNo
      )
    }
    const lower = name.toLowerCase()
    if (RESERVED.has(lower)) {
      throw new HeaderParseError(
        `header line ${lineNo}: \`${name}\` is set by the client itself and cannot be overridden`,
        lineNo
      )
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) {
      throw new HeaderParseError(
        `header line ${lineNo}: the value of \`${name}\` contains a control character`,
        lineNo
      )
    }
    if (value === '') {
      throw new HeaderParseError(`header line ${lineNo}: \`${name}\` has an empty value`, lineNo)
    }
    const earlier = seen.get(lower)
    if (earlier !== undefined) {
      throw new HeaderParseError(
        `header line ${lineNo}: \`${name}\` is already given on line ${earlier}`,
        lineNo
      )
    }
    seen.set(lower, lineNo)
    headers[name] = value
  })
  return headers
}
