import { PY_SPACE_CLASS, isPySpace, pyRstrip } from '../core/python-text.js'

/**
 * A port of python-dotenv 1.2's parser (`dotenv/parser.py`) and of `dotenv_values` with its
 * default `interpolate=True, override=True`, which is what Dagster uses to load the `.env` in the
 * working directory of `dagster dev` / `dagster-webserver` / the code server
 * (`dagster._core.secrets.env_file.get_env_var_dict`). Hand-written rather than the npm `dotenv`
 * package because that one differs on purpose: it expands `\n` in single quotes, supports
 * backtick quotes, reads no `${VAR:-default}`, and treats `#` and multi-line values differently.
 *
 * Linear: every regex is anchored (sticky) with no nested quantifiers; a quoted-value scan that
 * runs to the end of the file unclosed remembers where it went, so no later scan repeats it; and
 * `${` interpolation is a hand scan (Python's finditer rescans to the end for every unclosed `${`).
 */

/** One `KEY=value` statement, with the offsets (into the normalised text) of its parts. */
export interface EnvBinding {
  readonly name: string
  readonly nameStart: number
  readonly nameEnd: number
  /** The value after quote and escape decoding, before `${...}` interpolation; null for `KEY` alone. */
  readonly raw: string | null
  /** Offsets of the value as written (with its quotes); the name's end when there is no value. */
  readonly valueStart: number
  readonly valueEnd: number
  readonly quote: '' | "'" | '"'
}

/** A line python-dotenv cannot parse: it logs a warning and skips the statement. */
export interface EnvParseError {
  readonly start: number
  readonly end: number
}

export interface ParsedEnvFile {
  /** What Python's text-mode `open` reads: `\r\n` and `\r` turned into `\n`, a leading BOM dropped. */
  readonly text: string
  readonly bindings: readonly EnvBinding[]
  readonly errors: readonly EnvParseError[]
}

const WS_NO_NL = `[${PY_SPACE_CLASS.replace('\\n', '').replace('\\r', '')}]`
const sticky = (src: string): RegExp => new RegExp(src, 'y')
const MULTILINE_WS = sticky(`[${PY_SPACE_CLASS}]*`)
const WHITESPACE = sticky(`${WS_NO_NL}*`)
const EXPORT = sticky(`(?:export${WS_NO_NL}+)?`)
const UNQUOTED_KEY = sticky(`[^=#${PY_SPACE_CLASS}]+`)
const EQUAL_SIGN = sticky(`=${WS_NO_NL}*`)
const COMMENT = sticky(`(?:${WS_NO_NL}*#[^\\n]*)?`)
const END_OF_LINE = sticky(`${WS_NO_NL}*(?:\\n|$)`)

class ParseFailure extends Error {}

class Reader {
  pos = 0
  /** Per quote character: offsets from which a quoted-value scan is known to reach the end unclosed. */
  private readonly deadEnds = new Map<string, Uint8Array>()
  private lastSingleQuote: number
  constructor(readonly s: string) {
    this.lastSingleQuote = s.lastIndexOf("'")
  }

  match(re: RegExp): string {
    re.lastIndex = this.pos
    const m = re.exec(this.s)
    if (!m) throw new ParseFailure()
    this.pos += m[0].length
    return m[0]
  }

  peek(): string {
    return this.s.charAt(this.pos)
  }

  /** `'([^']+)'`: a quoted key may span lines. */
  singleQuotedKey(): string {
    const open = this.pos
    if (this.lastSingleQuote <= open + 1) throw new ParseFailure()
    const close = this.s.indexOf("'", open + 1)
    if (close === open + 1) throw new ParseFailure()
    this.pos = close + 1
    return this.s.slice(open + 1, close)
  }

  /** `'((?:\\.|[^'\\])*)'` (or with `"`), DOTALL: returns the text between the quotes. */
  quoted(q: string): string {
    const s = this.s
    let dead = this.deadEnds.get(q)
    const from = this.pos + 1
    let i = from
    const visited: number[] = []
    while (i < s.length) {
      if (dead?.[i]) break
      const c = s[i]!
      if (c === q) {
        this.pos = i + 1
        return s.slice(from, i)
      }
      visited.push(i)
      if (c === '\\') {
        if (i + 1 >= s.length) break
        i += 2
      } else i++
    }
    // No closing quote reachable from here: remember every offset this scan stepped on.
    if (!dead) this.deadEnds.set(q, (dead = new Uint8Array(s.length + 1)))
    for (const v of visited) dead[v] = 1
    throw new ParseFailure()
  }

  restOfLine(): void {
    const nl = this.s.indexOf('\n', this.pos)
    this.pos = nl === -1 ? this.s.length : nl + 1
  }
}

const DOUBLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v'
}
const SINGLE_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', "'": "'" }

/** `decode_escapes`: a left-to-right replacement of the two-character escapes in `table`. */
function decodeEscapes(s: string, table: Readonly<Record<string, string>>): string {
  if (!s.includes('\\')) return s
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    const next = s[i + 1]
    const mapped = c === '\\' && next !== undefined ? table[next] : undefined
    if (mapped !== undefined) {
      out += mapped
      i++
    } else out += c
  }
  return out
}

/** `re.sub(r"\s+#.*", "", part).rstrip()`: cut at the first `#` that follows whitespace. */
function stripUnquoted(part: string): string {
  for (let j = 1; j < part.length; j++) {
    if (part[j] !== '#' || !isPySpace(part[j - 1]!)) continue
    let k = j - 1
    while (k > 0 && isPySpace(part[k - 1]!)) k--
    return pyRstrip(part.slice(0, k))
  }
  return pyRstrip(part)
}

/** Normalises line ends and the BOM the way Python's `open(path, encoding="utf-8")` + python-dotenv do. */
export function normaliseEnvText(text: string): string {
  const t = text.startsWith('\ufeff') ? text.slice(1) : text
  return t.includes('\r') ? t.replace(/\r\n?/g, '\n') : t
}

export function parseEnvFile(input: string): ParsedEnvFile {
  const text = normaliseEnvText(input)
  const r = new Reader(text)
  const bindings: EnvBinding[] = []
  const errors: EnvParseError[] = []
  while (r.pos < text.length) {
    let stmtStart = r.pos
    try {
      r.match(MULTILINE_WS)
      if (r.pos >= text.length) break
      stmtStart = r.pos
      r.match(EXPORT)
      const nameStart = r.pos
      let name: string | null
      const first = r.peek()
      if (first === '#') name = null
      else if (first === "'") name = r.singleQuotedKey()
      else name = r.match(UNQUOTED_KEY)
      const nameEnd = r.pos
      r.match(WHITESPACE)
      let raw: string | null = null
      let quote: EnvBinding['quote'] = ''
      let valueStart = nameEnd
      let valueEnd = nameEnd
      if (r.peek() === '=') {
        const eq = r.match(EQUAL_SIGN)
        valueStart = valueEnd = r.pos
        const c = r.peek()
        if (eq.length > 1 && c === '#') raw = ''
        else if (c === "'" || c === '"') {
          const inner = r.quoted(c)
          raw = decodeEscapes(inner, c === '"' ? DOUBLE_ESCAPES : SINGLE_ESCAPES)
          quote = c
          valueEnd = r.pos
        } else if (c === '' || c === '\n') raw = ''
        else {
          const lineEnd = text.indexOf('\n', r.pos)
          const part = text.slice(r.pos, lineEnd === -1 ? text.length : lineEnd)
          r.pos += part.length
          raw = stripUnquoted(part)
          valueEnd = valueStart + raw.length
        }
      }
      r.match(COMMENT)
      r.match(END_OF_LINE)
      if (name !== null)
        bindings.push({ name, nameStart, nameEnd, raw, valueStart, valueEnd, quote })
    } catch (e: unknown) {
      if (!(e instanceof ParseFailure)) throw e
      r.restOfLine()
      errors.push({ start: stmtStart, end: r.pos })
    }
  }
  return { text, bindings, errors }
}

/** A variable as Dagster puts it into the code location's `os.environ`. */
export interface EnvValue {
  readonly name: string
  /** After `${VAR}` / `${VAR:-default}` interpolation against earlier lines. */
  readonly value: string
  /**
   * Names interpolated from the server's own environment, which this file does not set: the
   * value there may differ from `value` (computed as if they were unset).
   */
  readonly external: readonly string[]
  /** The statement that set the final value. */
  readonly binding: EnvBinding
}

/**
 * `dotenv_values(path)` as Dagster filters it (`val is not None`): one entry per name, in the
 * order of first appearance, holding the last value. A bare `KEY` line (value None) removes the
 * name again, as Dagster drops None values.
 */
export function resolveEnvFile(parsed: ParsedEnvFile): Map<string, EnvValue> {
  const values = new Map<string, EnvValue | null>()
  for (const b of parsed.bindings) {
    if (b.raw === null) {
      values.set(b.name, null)
      continue
    }
    const external: string[] = []
    const value = interpolate(b.raw, (name) => {
      if (values.has(name)) return values.get(name)?.value ?? ''
      external.push(name)
      return undefined
    })
    values.set(b.name, { name: b.name, value, external, binding: b })
  }
  const out = new Map<string, EnvValue>()
  for (const [k, v] of values) if (v) out.set(k, v)
  return out
}

/**
 * python-dotenv's `${name}` / `${name:-default}` (regex `\$\{([^}:]*)(?::-([^}]*))?\}`, applied
 * with finditer), by hand so that many unclosed `${` stay linear. `lookup` returns undefined
 * for a name it does not know (then the default, or '', is used).
 */
export function interpolate(s: string, lookup: (name: string) => string | undefined): string {
  if (!s.includes('${')) return s
  // nextStop[i]: first index ≥ i holding `}` or `:`; nextClose[i]: first index ≥ i holding `}`.
  const n = s.length
  const nextStop = new Int32Array(n + 1).fill(n)
  const nextClose = new Int32Array(n + 1).fill(n)
  for (let i = n - 1; i >= 0; i--) {
    nextClose[i] = s[i] === '}' ? i : nextClose[i + 1]!
    nextStop[i] = s[i] === '}' || s[i] === ':' ? i : nextStop[i + 1]!
  }
  let out = ''
  let cursor = 0
  let i = s.indexOf('${')
  while (i !== -1) {
    const j = nextStop[i + 2]!
    let end = -1
    let name = ''
    let dflt: string | undefined
    if (j < n && s[j] === '}') {
      end = j + 1
      name = s.slice(i + 2, j)
    } else if (j < n && s[j] === ':' && s[j + 1] === '-') {
      const k = nextClose[j + 2]!
      if (k < n) {
        end = k + 1
        name = s.slice(i + 2, j)
        dflt = s.slice(j + 2, k)
      }
    }
    if (end === -1) {
      i = s.indexOf('${', i + 1)
      continue
    }
    out += s.slice(cursor, i) + (lookup(name) ?? dflt ?? '')
    cursor = end
    i = s.indexOf('${', end)
  }
  return out + s.slice(cursor)
}
