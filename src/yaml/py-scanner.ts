/**
 * PyYAML 6.0.3's pure-Python `Scanner` (yaml/scanner.py + the mark keeping of yaml/reader.py),
 * ported line by line: it decides what SafeLoader accepts, and where it fails (problem and context
 * marks, messages). The `yaml` package's YAML 1.2 lexer differs from it in many small places
 * (glued comments, continuation lines, lone `-` in flow, simple-key length in code points...), so
 * acceptance and positions come from here. Marks count code points, as Python's str does, and a
 * U+FEFF does not advance the column (Reader.forward).
 */

const NO_SPACES: readonly string[] = Object.freeze([])
const ONE_SPACE: readonly string[] = Object.freeze([' '])

/** A position as PyYAML's `Mark` gives it (0-based), plus the UTF-16 offset into the text. */
export interface Mark {
  readonly index: number
  readonly line: number
  readonly column: number
  readonly offset: number
}

/** A `MarkedYAMLError` (ScannerError, ParserError or ComposerError). */
export class PyYamlError extends Error {
  constructor(
    readonly kind: 'scanner' | 'parser' | 'composer',
    readonly context: string | undefined,
    readonly contextMark: Mark | undefined,
    readonly problem: string,
    readonly problemMark: Mark
  ) {
    super(problem)
  }
}

export type TokenType =
  | 'stream-start'
  | 'stream-end'
  | 'directive'
  | 'document-start'
  | 'document-end'
  | 'block-sequence-start'
  | 'block-mapping-start'
  | 'block-end'
  | 'flow-sequence-start'
  | 'flow-mapping-start'
  | 'flow-sequence-end'
  | 'flow-mapping-end'
  | 'key'
  | 'value'
  | 'block-entry'
  | 'flow-entry'
  | 'alias'
  | 'anchor'
  | 'tag'
  | 'scalar'

export interface Token {
  readonly type: TokenType
  readonly start: Mark
  readonly end: Mark
  /** alias/anchor name, scalar value, directive name. */
  readonly value?: string
  /** tag: [handle or null, suffix]; %YAML: [major, minor]; %TAG: [handle, prefix]. */
  readonly pair?: readonly [string | null, string] | readonly [number, number]
  readonly plain?: boolean
  /** Scalar style: '' plain, `'`, `"`, `|`, `>`. */
  readonly style?: string
}

/** PyYAML's `Token.id` as its messages print it: `%r`, so quoted (`'<block end>'`, `':'`). */
export const TOKEN_ID: Readonly<Record<TokenType, string>> = {
  'stream-start': "'<stream start>'",
  'stream-end': "'<stream end>'",
  directive: "'<directive>'",
  'document-start': "'<document start>'",
  'document-end': "'<document end>'",
  'block-sequence-start': "'<block sequence start>'",
  'block-mapping-start': "'<block mapping start>'",
  'block-end': "'<block end>'",
  'flow-sequence-start': "'['",
  'flow-mapping-start': "'{'",
  'flow-sequence-end': "']'",
  'flow-mapping-end': "'}'",
  key: "'?'",
  value: "':'",
  'block-entry': "'-'",
  'flow-entry': "','",
  alias: "'<alias>'",
  anchor: "'<anchor>'",
  tag: "'<tag>'",
  scalar: "'<scalar>'"
}

const has = (set: string, ch: string): boolean => set.includes(ch)

/**
 * `list.splice(i, 1)` without the result array splice allocates (a simple key is deleted for
 * every `key:` of every file); the list holds one entry per flow level, so few move.
 */
function removeAt<T>(list: T[], i: number): void {
  if (i < 0) return
  for (let j = i + 1; j < list.length; j++) list[j - 1] = list[j]!
  list.length--
}
// The hot character classes as comparisons (`has` searches its set string on every call).
/** `ch in Z`: '\0 \t\r\n\x85\u2028\u2029'. */
const isZ = (ch: string): boolean =>
  ch === ' ' ||
  ch === '\n' ||
  ch === '\0' ||
  ch === '\t' ||
  ch === '\r' ||
  ch === '\x85' ||
  ch === '\u2028' ||
  ch === '\u2029'
/** `ch in BREAKZ`. */
const isBreakZ = (ch: string): boolean =>
  ch === '\n' || ch === '\0' || ch === '\r' || ch === '\x85' || ch === '\u2028' || ch === '\u2029'
/** `ch in BREAK`. */
const isBreak = (ch: string): boolean =>
  ch === '\n' || ch === '\r' || ch === '\x85' || ch === '\u2028' || ch === '\u2029'
const isWordChar = (ch: string): boolean =>
  (ch >= '0' && ch <= '9') ||
  (ch >= 'A' && ch <= 'Z') ||
  (ch >= 'a' && ch <= 'z') ||
  ch === '-' ||
  ch === '_'
/** `ch in '\0 \t\r\n\x85\u2028\u2029-?:,[]{}#&*!|>\'"%@`'`: cannot start a plain scalar by itself. */
function isPlainStopper(ch: string): boolean {
  switch (ch) {
    case '-':
    case '?':
    case ':':
    case ',':
    case '[':
    case ']':
    case '{':
    case '}':
    case '#':
    case '&':
    case '*':
    case '!':
    case '|':
    case '>':
    case "'":
    case '"':
    case '%':
    case '@':
    case '`':
      return true
    default:
      return isZ(ch)
  }
}
/** `ch in '\'"\\\0 \t\r\n\x85\u2028\u2029'`: ends a run of quoted-scalar text. */
const isQuotedStopper = (ch: string): boolean => ch === "'" || ch === '"' || ch === '\\' || isZ(ch)
const isSpaceTab = (ch: string): boolean => ch === ' ' || ch === '\t'
const HEX = '0123456789ABCDEFabcdef'
const URI_CHARS = "-;/?:@&=+$,_.!~*'()[]%"

/** Python's `repr` of a one-character string, as PyYAML's messages print `%r`. */
export function pyRepr(ch: string): string {
  if (ch === '\0') return "'\\x00'"
  if (ch === '\t') return "'\\t'"
  if (ch === '\n') return "'\\n'"
  if (ch === '\r') return "'\\r'"
  if (ch === "'") return '"\'"'
  if (ch === '\\') return "'\\\\'"
  const cp = ch.codePointAt(0)!
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return `'\\x${cp.toString(16).padStart(2, '0')}'`
  if (cp === 0xfeff) return "'\\ufeff'"
  if (cp === 0x2028 || cp === 0x2029) return `'\\u${cp.toString(16)}'`
  return `'${ch}'`
}

const ESCAPE_REPLACEMENTS: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\x08',
  t: '\x09',
  '\t': '\x09',
  n: '\x0A',
  v: '\x0B',
  f: '\x0C',
  r: '\x0D',
  e: '\x1B',
  ' ': '\x20',
  '"': '"',
  '\\': '\\',
  '/': '/',
  N: '\x85',
  _: '\xA0',
  L: '\u2028',
  P: '\u2029'
}
const ESCAPE_CODES: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 }

interface SimpleKey {
  readonly level: number
  readonly tokenNumber: number
  readonly required: boolean
  readonly index: number
  readonly line: number
  readonly column: number
  readonly mark: Mark
}

export class PyScanner {
  /**
   * The text as code points (Python str indexing), only when it has characters outside the BMP;
   * otherwise code points are UTF-16 units and `src` is indexed directly (no array of one
   * string per character: on a 9 MB file that array was most of the scanner's memory).
   */
  private readonly chars: string[] | undefined
  private readonly src: string
  /** Length in code points; past it, `peek` reads PyYAML's '\0' end sentinel. */
  private readonly length: number
  private pointer = 0
  private line = 0
  private column = 0
  private offset = 0

  private done = false
  private flowLevel = 0
  private tokens: Token[] = []
  private head = 0
  private tokensTaken = 0
  private indent = -1
  private readonly indents: number[] = []
  private allowSimpleKey = true
  /**
   * PyYAML's `possible_simple_keys` dict (flow level → key) as a list in insertion order: it
   * holds a key or two, and is read for every token, so a scan beats a Map's iterators.
   */
  private readonly possibleSimpleKeys: SimpleKey[] = []

  constructor(text: string) {
    this.src = text
    this.chars = /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : undefined
    this.length = this.chars ? this.chars.length : text.length
    const m = this.mark()
    this.tokens.push({ type: 'stream-start', start: m, end: m })
  }

  // --- Reader -------------------------------------------------------------------------------

  private peek(k = 0): string {
    const i = this.pointer + k
    if (i >= this.length) return '\0'
    return this.chars ? this.chars[i]! : this.src[i]!
  }

  private prefix(length = 1): string {
    // Past the end PyYAML's buffer holds one '\0': no caller's prefix reaches it except the
    // ones compared with '---', '...' or '\r\n', which it cannot equal either way.
    if (this.chars) return this.chars.slice(this.pointer, this.pointer + length).join('')
    return this.src.slice(this.pointer, this.pointer + length)
  }

  private forward(length = 1): void {
    const chars = this.chars
    const src = this.src
    for (; length > 0; length--) {
      const p = this.pointer
      if (p >= this.length) return
      const ch = chars ? chars[p]! : src[p]!
      this.pointer = p + 1
      this.offset += ch.length
      if (
        ch === '\n' ||
        (ch === '\r' && (chars ? chars[p + 1] : src[p + 1]) !== '\n') ||
        ch === '\x85' ||
        ch === '\u2028' ||
        ch === '\u2029'
      ) {
        this.line++
        this.column = 0
      } else if (ch !== '\uFEFF') this.column++
    }
  }

  mark(): Mark {
    return { index: this.pointer, line: this.line, column: this.column, offset: this.offset }
  }

  private error(
    context: string | undefined,
    contextMark: Mark | undefined,
    problem: string,
    at = this.mark()
  ): PyYamlError {
    return new PyYamlError('scanner', context, contextMark, problem, at)
  }

  // --- Token queue --------------------------------------------------------------------------

  checkToken(...types: TokenType[]): boolean {
    while (this.needMoreTokens()) this.fetchMoreTokens()
    if (this.head < this.tokens.length) {
      if (types.length === 0) return true
      return types.includes(this.tokens[this.head]!.type)
    }
    return false
  }

  /** The next token's type, as `checkToken` would test it (undefined: none left). */
  peekType(): TokenType | undefined {
    while (this.needMoreTokens()) this.fetchMoreTokens()
    return this.head < this.tokens.length ? this.tokens[this.head]!.type : undefined
  }

  peekToken(): Token {
    while (this.needMoreTokens()) this.fetchMoreTokens()
    return this.tokens[this.head]!
  }

  getToken(): Token {
    while (this.needMoreTokens()) this.fetchMoreTokens()
    const t = this.tokens[this.head]!
    this.tokensTaken++
    this.head++
    if (this.head > 1024 && this.head * 2 > this.tokens.length) {
      this.tokens = this.tokens.slice(this.head)
      this.head = 0
    }
    return t
  }

  private queued(): number {
    return this.tokens.length - this.head
  }

  private insertToken(at: number, t: Token): void {
    // By hand rather than splice(), which allocates a result array on every call (a simple key
    // is inserted for every `key:` of every file); only the one or two queued tokens move.
    const tokens = this.tokens
    const pos = this.head + at
    for (let i = tokens.length; i > pos; i--) tokens[i] = tokens[i - 1]!
    tokens[pos] = t
  }

  private needMoreTokens(): boolean {
    if (this.done) return false
    if (this.queued() === 0) return true
    this.stalePossibleSimpleKeys()
    return this.nextPossibleSimpleKey() === this.tokensTaken
  }

  private fetchMoreTokens(): void {
    this.scanToNextToken()
    this.stalePossibleSimpleKeys()
    this.unwindIndent(this.column)
    const ch = this.peek()
    if (ch === '\0') return this.fetchStreamEnd()
    if (ch === '%' && this.column === 0) return this.fetchDirective()
    if (ch === '-' && this.column === 0 && this.atDocumentMarker())
      return this.fetchDocumentIndicator('document-start')
    if (ch === '.' && this.column === 0 && this.atDocumentMarker())
      return this.fetchDocumentIndicator('document-end')
    if (ch === '[') return this.fetchFlowCollectionStart('flow-sequence-start')
    if (ch === '{') return this.fetchFlowCollectionStart('flow-mapping-start')
    if (ch === ']') return this.fetchFlowCollectionEnd('flow-sequence-end')
    if (ch === '}') return this.fetchFlowCollectionEnd('flow-mapping-end')
    if (ch === ',') return this.fetchFlowEntry()
    if (ch === '-' && isZ(this.peek(1))) return this.fetchBlockEntry()
    if (ch === '?' && (this.flowLevel > 0 || isZ(this.peek(1)))) return this.fetchKey()
    if (ch === ':' && (this.flowLevel > 0 || isZ(this.peek(1)))) return this.fetchValue()
    if (ch === '*') return this.fetchAnchor('alias')
    if (ch === '&') return this.fetchAnchor('anchor')
    if (ch === '!') return this.fetchTag()
    if (ch === '|' && this.flowLevel === 0) return this.fetchBlockScalar('|')
    if (ch === '>' && this.flowLevel === 0) return this.fetchBlockScalar('>')
    if (ch === "'" || ch === '"') return this.fetchFlowScalar(ch)
    if (this.checkPlain()) return this.fetchPlain()
    throw this.error(
      'while scanning for the next token',
      undefined,
      `found character ${pyRepr(ch)} that cannot start any token`
    )
  }

  private nextPossibleSimpleKey(): number | undefined {
    let min: number | undefined
    const keys = this.possibleSimpleKeys
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      if (min === undefined || key.tokenNumber < min) min = key.tokenNumber
    }
    return min
  }

  private stalePossibleSimpleKeys(): void {
    const keys = this.possibleSimpleKeys
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      if (key.line !== this.line || this.pointer - key.index > 1024) {
        if (key.required) {
          throw this.error('while scanning a simple key', key.mark, "could not find expected ':'")
        }
        removeAt(keys, i--)
      }
    }
  }

  private savePossibleSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.column
    if (this.allowSimpleKey) {
      this.removePossibleSimpleKey()
      this.possibleSimpleKeys.push({
        level: this.flowLevel,
        tokenNumber: this.tokensTaken + this.queued(),
        required,
        index: this.pointer,
        line: this.line,
        column: this.column,
        mark: this.mark()
      })
    }
  }

  private removePossibleSimpleKey(): void {
    const key = this.simpleKeyAt(this.flowLevel)
    if (key) {
      if (key.required) {
        throw this.error('while scanning a simple key', key.mark, "could not find expected ':'")
      }
      this.deleteSimpleKey(key)
    }
  }

  private simpleKeyAt(level: number): SimpleKey | undefined {
    const keys = this.possibleSimpleKeys
    for (let i = 0; i < keys.length; i++) if (keys[i]!.level === level) return keys[i]
    return undefined
  }

  private deleteSimpleKey(key: SimpleKey): void {
    removeAt(this.possibleSimpleKeys, this.possibleSimpleKeys.indexOf(key))
  }

  private unwindIndent(column: number): void {
    if (this.flowLevel > 0) return
    while (this.indent > column) {
      const m = this.mark()
      this.indent = this.indents.pop()!
      this.tokens.push({ type: 'block-end', start: m, end: m })
    }
  }

  private addIndent(column: number): boolean {
    if (this.indent < column) {
      this.indents.push(this.indent)
      this.indent = column
      return true
    }
    return false
  }

  private simple(type: TokenType): void {
    const start = this.mark()
    this.forward()
    this.tokens.push({ type, start, end: this.mark() })
  }

  private fetchStreamEnd(): void {
    this.unwindIndent(-1)
    this.removePossibleSimpleKey()
    this.allowSimpleKey = false
    this.possibleSimpleKeys.length = 0
    const m = this.mark()
    this.tokens.push({ type: 'stream-end', start: m, end: m })
    this.done = true
  }

  private fetchDirective(): void {
    this.unwindIndent(-1)
    this.removePossibleSimpleKey()
    this.allowSimpleKey = false
    this.tokens.push(this.scanDirective())
  }

  private fetchDocumentIndicator(type: 'document-start' | 'document-end'): void {
    this.unwindIndent(-1)
    this.removePossibleSimpleKey()
    this.allowSimpleKey = false
    const start = this.mark()
    this.forward(3)
    this.tokens.push({ type, start, end: this.mark() })
  }

  private fetchFlowCollectionStart(type: TokenType): void {
    this.savePossibleSimpleKey()
    this.flowLevel++
    this.allowSimpleKey = true
    this.simple(type)
  }

  private fetchFlowCollectionEnd(type: TokenType): void {
    this.removePossibleSimpleKey()
    this.flowLevel--
    this.allowSimpleKey = false
    this.simple(type)
  }

  private fetchFlowEntry(): void {
    this.allowSimpleKey = true
    this.removePossibleSimpleKey()
    this.simple('flow-entry')
  }

  /**
   * A block indicator (`-`, `?`, `:` without a simple key) where a simple key could start, which
   * opens a block collection at this column if none is open there.
   */
  private openBlockCollection(
    what: 'sequence entries' | 'mapping keys' | 'mapping values',
    type: 'block-sequence-start' | 'block-mapping-start'
  ): void {
    if (this.flowLevel > 0) return
    if (!this.allowSimpleKey) throw this.error(undefined, undefined, `${what} are not allowed here`)
    if (this.addIndent(this.column)) {
      const m = this.mark()
      this.tokens.push({ type, start: m, end: m })
    }
  }

  private fetchBlockEntry(): void {
    this.openBlockCollection('sequence entries', 'block-sequence-start')
    this.allowSimpleKey = true
    this.removePossibleSimpleKey()
    this.simple('block-entry')
  }

  private fetchKey(): void {
    this.openBlockCollection('mapping keys', 'block-mapping-start')
    this.allowSimpleKey = this.flowLevel === 0
    this.removePossibleSimpleKey()
    this.simple('key')
  }

  private fetchValue(): void {
    const key = this.simpleKeyAt(this.flowLevel)
    if (key) {
      this.deleteSimpleKey(key)
      const at = key.tokenNumber - this.tokensTaken
      this.insertToken(at, { type: 'key', start: key.mark, end: key.mark })
      if (this.flowLevel === 0 && this.addIndent(key.column)) {
        this.insertToken(at, { type: 'block-mapping-start', start: key.mark, end: key.mark })
      }
      this.allowSimpleKey = false
    } else {
      this.openBlockCollection('mapping values', 'block-mapping-start')
      this.allowSimpleKey = this.flowLevel === 0
      this.removePossibleSimpleKey()
    }
    this.simple('value')
  }

  private fetchAnchor(type: 'alias' | 'anchor'): void {
    this.savePossibleSimpleKey()
    this.allowSimpleKey = false
    this.tokens.push(this.scanAnchor(type))
  }

  private fetchTag(): void {
    this.savePossibleSimpleKey()
    this.allowSimpleKey = false
    this.tokens.push(this.scanTag())
  }

  private fetchBlockScalar(style: '|' | '>'): void {
    this.allowSimpleKey = true
    this.removePossibleSimpleKey()
    this.tokens.push(this.scanBlockScalar(style))
  }

  private fetchFlowScalar(style: string): void {
    this.savePossibleSimpleKey()
    this.allowSimpleKey = false
    this.tokens.push(this.scanFlowScalar(style === '"'))
  }

  private fetchPlain(): void {
    this.savePossibleSimpleKey()
    this.allowSimpleKey = false
    this.tokens.push(this.scanPlain())
  }

  private checkPlain(): boolean {
    const ch = this.peek()
    return (
      !isPlainStopper(ch) ||
      (!isZ(this.peek(1)) && (ch === '-' || (this.flowLevel === 0 && (ch === '?' || ch === ':'))))
    )
  }

  // --- Scanners -----------------------------------------------------------------------------

  private scanToNextToken(): void {
    if (this.pointer === 0 && this.peek() === '\uFEFF') this.forward()
    for (;;) {
      while (this.peek() === ' ') this.forward()
      if (this.peek() === '#') while (!isBreakZ(this.peek())) this.forward()
      if (this.scanLineBreak()) {
        if (this.flowLevel === 0) this.allowSimpleKey = true
      } else return
    }
  }

  private scanDirective(): Token {
    const start = this.mark()
    this.forward()
    const name = this.scanDirectiveName(start)
    let pair: Token['pair']
    let end: Mark
    if (name === 'YAML') {
      pair = this.scanYamlDirectiveValue(start)
      end = this.mark()
    } else if (name === 'TAG') {
      pair = this.scanTagDirectiveValue(start)
      end = this.mark()
    } else {
      end = this.mark()
      while (!isBreakZ(this.peek())) this.forward()
    }
    this.scanIgnoredLine('while scanning a directive', start)
    return pair === undefined
      ? { type: 'directive', value: name, start, end }
      : { type: 'directive', value: name, pair, start, end }
  }

  private scanDirectiveName(start: Mark): string {
    let length = 0
    let ch = this.peek(length)
    while (isWordChar(ch)) ch = this.peek(++length)
    if (length === 0) {
      throw this.error(
        'while scanning a directive',
        start,
        `expected alphabetic or numeric character, but found ${pyRepr(ch)}`
      )
    }
    const value = this.prefix(length)
    this.forward(length)
    ch = this.peek()
    if (!has('\0 \r\n\x85\u2028\u2029', ch)) {
      throw this.error(
        'while scanning a directive',
        start,
        `expected alphabetic or numeric character, but found ${pyRepr(ch)}`
      )
    }
    return value
  }

  private scanYamlDirectiveValue(start: Mark): [number, number] {
    while (this.peek() === ' ') this.forward()
    const major = this.scanYamlDirectiveNumber(start)
    if (this.peek() !== '.') {
      throw this.error(
        'while scanning a directive',
        start,
        `expected a digit or '.', but found ${pyRepr(this.peek())}`
      )
    }
    this.forward()
    const minor = this.scanYamlDirectiveNumber(start)
    if (!has('\0 \r\n\x85\u2028\u2029', this.peek())) {
      throw this.error(
        'while scanning a directive',
        start,
        `expected a digit or ' ', but found ${pyRepr(this.peek())}`
      )
    }
    return [major, minor]
  }

  private scanYamlDirectiveNumber(start: Mark): number {
    const ch = this.peek()
    if (!(ch >= '0' && ch <= '9')) {
      throw this.error(
        'while scanning a directive',
        start,
        `expected a digit, but found ${pyRepr(ch)}`
      )
    }
    let length = 0
    while (this.peek(length) >= '0' && this.peek(length) <= '9') length++
    const value = Number(this.prefix(length))
    this.forward(length)
    return value
  }

  private scanTagDirectiveValue(start: Mark): [string, string] {
    while (this.peek() === ' ') this.forward()
    const handle = this.scanTagHandle('directive', start)
    if (this.peek() !== ' ') {
      throw this.error(
        'while scanning a directive',
        start,
        `expected ' ', but found ${pyRepr(this.peek())}`
      )
    }
    while (this.peek() === ' ') this.forward()
    const prefix = this.scanTagUri('directive', start)
    if (!has('\0 \r\n\x85\u2028\u2029', this.peek())) {
      throw this.error(
        'while scanning a directive',
        start,
        `expected ' ', but found ${pyRepr(this.peek())}`
      )
    }
    return [handle, prefix]
  }

  /** The rest of a directive or block-scalar header line: spaces, a comment, a line break. */
  private scanIgnoredLine(context: string, start: Mark): void {
    while (this.peek() === ' ') this.forward()
    if (this.peek() === '#') while (!isBreakZ(this.peek())) this.forward()
    const ch = this.peek()
    if (!isBreakZ(ch)) {
      throw this.error(
        context,
        start,
        `expected a comment or a line break, but found ${pyRepr(ch)}`
      )
    }
    this.scanLineBreak()
  }

  private scanAnchor(type: 'alias' | 'anchor'): Token {
    const start = this.mark()
    this.forward()
    let length = 0
    let ch = this.peek(length)
    while (isWordChar(ch)) ch = this.peek(++length)
    if (length === 0) {
      throw this.error(
        `while scanning an ${type}`,
        start,
        `expected alphabetic or numeric character, but found ${pyRepr(ch)}`
      )
    }
    const value = this.prefix(length)
    this.forward(length)
    ch = this.peek()
    if (!has('\0 \t\r\n\x85\u2028\u2029?:,]}%@`', ch)) {
      throw this.error(
        `while scanning an ${type}`,
        start,
        `expected alphabetic or numeric character, but found ${pyRepr(ch)}`
      )
    }
    return { type, value, start, end: this.mark() }
  }

  private scanTag(): Token {
    const start = this.mark()
    let ch = this.peek(1)
    let handle: string | null
    let suffix: string
    if (ch === '<') {
      handle = null
      this.forward(2)
      suffix = this.scanTagUri('tag', start)
      if (this.peek() !== '>') {
        throw this.error(
          'while parsing a tag',
          start,
          `expected '>', but found ${pyRepr(this.peek())}`
        )
      }
      this.forward()
    } else if (isZ(ch)) {
      handle = null
      suffix = '!'
      this.forward()
    } else {
      let length = 1
      let useHandle = false
      while (!has('\0 \r\n\x85\u2028\u2029', ch)) {
        if (ch === '!') {
          useHandle = true
          break
        }
        length++
        ch = this.peek(length)
      }
      if (useHandle) handle = this.scanTagHandle('tag', start)
      else {
        handle = '!'
        this.forward()
      }
      suffix = this.scanTagUri('tag', start)
    }
    ch = this.peek()
    if (!has('\0 \r\n\x85\u2028\u2029', ch)) {
      throw this.error('while scanning a tag', start, `expected ' ', but found ${pyRepr(ch)}`)
    }
    return { type: 'tag', pair: [handle, suffix], start, end: this.mark() }
  }

  private scanBlockScalar(style: '|' | '>'): Token {
    const folded = style === '>'
    const chunks: string[] = []
    const start = this.mark()
    this.forward()
    const [chomping, increment] = this.scanBlockScalarIndicators(start)
    this.scanIgnoredLine('while scanning a block scalar', start)
    const minIndent = Math.max(this.indent + 1, 1)
    let breaks: string[]
    let end: Mark
    let indent: number
    if (increment === undefined) {
      const r = this.scanBlockScalarIndentation()
      breaks = r.breaks
      end = r.end
      indent = Math.max(minIndent, r.maxIndent)
    } else {
      indent = minIndent + increment - 1
      ;({ breaks, end } = this.scanBlockScalarBreaks(indent))
    }
    let lineBreak = ''
    while (this.column === indent && this.peek() !== '\0') {
      chunks.push(...breaks)
      const leadingNonSpace = !isSpaceTab(this.peek())
      let length = 0
      while (!isBreakZ(this.peek(length))) length++
      chunks.push(this.prefix(length))
      this.forward(length)
      lineBreak = this.scanLineBreak()
      ;({ breaks, end } = this.scanBlockScalarBreaks(indent))
      if (this.column === indent && this.peek() !== '\0') {
        if (folded && lineBreak === '\n' && leadingNonSpace && !isSpaceTab(this.peek())) {
          if (breaks.length === 0) chunks.push(' ')
        } else chunks.push(lineBreak)
      } else break
    }
    if (chomping !== false) chunks.push(lineBreak)
    if (chomping === true) chunks.push(...breaks)
    return { type: 'scalar', value: chunks.join(''), plain: false, style, start, end }
  }

  private scanBlockScalarIndicators(start: Mark): [boolean | undefined, number | undefined] {
    let chomping: boolean | undefined
    let increment: number | undefined
    let ch = this.peek()
    const zero = (): PyYamlError =>
      this.error(
        'while scanning a block scalar',
        start,
        'expected indentation indicator in the range 1-9, but found 0'
      )
    if (ch === '+' || ch === '-') {
      chomping = ch === '+'
      this.forward()
      ch = this.peek()
      if (ch >= '0' && ch <= '9' && ch.length === 1) {
        increment = Number(ch)
        if (increment === 0) throw zero()
        this.forward()
      }
    } else if (ch >= '0' && ch <= '9' && ch.length === 1) {
      increment = Number(ch)
      if (increment === 0) throw zero()
      this.forward()
      ch = this.peek()
      if (ch === '+' || ch === '-') {
        chomping = ch === '+'
        this.forward()
      }
    }
    ch = this.peek()
    if (!has('\0 \r\n\x85\u2028\u2029', ch)) {
      throw this.error(
        'while scanning a block scalar',
        start,
        `expected chomping or indentation indicators, but found ${pyRepr(ch)}`
      )
    }
    return [chomping, increment]
  }

  private scanBlockScalarIndentation(): { breaks: string[]; maxIndent: number; end: Mark } {
    const breaks: string[] = []
    let maxIndent = 0
    let end = this.mark()
    while (has(' \r\n\x85\u2028\u2029', this.peek())) {
      if (this.peek() !== ' ') {
        breaks.push(this.scanLineBreak())
        end = this.mark()
      } else {
        this.forward()
        if (this.column > maxIndent) maxIndent = this.column
      }
    }
    return { breaks, maxIndent, end }
  }

  private scanBlockScalarBreaks(indent: number): { breaks: string[]; end: Mark } {
    const breaks: string[] = []
    let end = this.mark()
    while (this.column < indent && this.peek() === ' ') this.forward()
    while (isBreak(this.peek())) {
      breaks.push(this.scanLineBreak())
      end = this.mark()
      while (this.column < indent && this.peek() === ' ') this.forward()
    }
    return { breaks, end }
  }

  private scanFlowScalar(double: boolean): Token {
    const chunks: string[] = []
    const start = this.mark()
    const quote = this.peek()
    this.forward()
    this.scanFlowScalarNonSpaces(double, start, chunks)
    while (this.peek() !== quote) {
      this.scanFlowScalarSpaces(double, start, chunks)
      this.scanFlowScalarNonSpaces(double, start, chunks)
    }
    this.forward()
    return {
      type: 'scalar',
      value: chunks.join(''),
      plain: false,
      style: double ? '"' : "'",
      start,
      end: this.mark()
    }
  }

  private scanFlowScalarNonSpaces(double: boolean, start: Mark, chunks: string[]): void {
    for (;;) {
      let length = 0
      while (!isQuotedStopper(this.peek(length))) length++
      if (length) {
        chunks.push(this.prefix(length))
        this.forward(length)
      }
      let ch = this.peek()
      if (!double && ch === "'" && this.peek(1) === "'") {
        chunks.push("'")
        this.forward(2)
      } else if ((double && ch === "'") || (!double && (ch === '"' || ch === '\\'))) {
        chunks.push(ch)
        this.forward()
      } else if (double && ch === '\\') {
        this.forward()
        ch = this.peek()
        const rep = Object.hasOwn(ESCAPE_REPLACEMENTS, ch) ? ESCAPE_REPLACEMENTS[ch] : undefined
        const codeLength = Object.hasOwn(ESCAPE_CODES, ch) ? ESCAPE_CODES[ch] : undefined
        if (rep !== undefined) {
          chunks.push(rep)
          this.forward()
        } else if (codeLength !== undefined) {
          this.forward()
          for (let k = 0; k < codeLength; k++) {
            if (!has(HEX, this.peek(k)) || this.peek(k) === '\0') {
              throw this.error(
                'while scanning a double-quoted scalar',
                start,
                `expected escape sequence of ${codeLength} hexadecimal numbers, but found ${pyRepr(this.peek(k))}`
              )
            }
          }
          const code = parseInt(this.prefix(codeLength), 16)
          if (code > 0x10ffff) {
            // Python's chr() raises ValueError: no mark, but the load fails all the same.
            throw this.error(undefined, undefined, `chr() arg not in range(0x110000)`)
          }
          chunks.push(code >= 0xd800 && code <= 0xdfff ? '\ufffd' : String.fromCodePoint(code))
          this.forward(codeLength)
        } else if (isBreak(ch)) {
          this.scanLineBreak()
          this.scanFlowScalarBreaks(start, chunks)
        } else {
          throw this.error(
            'while scanning a double-quoted scalar',
            start,
            `found unknown escape character ${pyRepr(ch)}`
          )
        }
      } else return
    }
  }

  private scanFlowScalarSpaces(double: boolean, start: Mark, chunks: string[]): void {
    void double
    let length = 0
    while (isSpaceTab(this.peek(length))) length++
    const whitespaces = this.prefix(length)
    this.forward(length)
    const ch = this.peek()
    if (ch === '\0') {
      throw this.error('while scanning a quoted scalar', start, 'found unexpected end of stream')
    } else if (isBreak(ch)) {
      const lineBreak = this.scanLineBreak()
      const breaks: string[] = []
      this.scanFlowScalarBreaks(start, breaks)
      if (lineBreak !== '\n') chunks.push(lineBreak)
      else if (breaks.length === 0) chunks.push(' ')
      chunks.push(...breaks)
    } else chunks.push(whitespaces)
  }

  private scanFlowScalarBreaks(start: Mark, chunks: string[]): void {
    for (;;) {
      if (this.atDocumentMarker()) {
        throw this.error(
          'while scanning a quoted scalar',
          start,
          'found unexpected document separator'
        )
      }
      while (isSpaceTab(this.peek())) this.forward()
      if (isBreak(this.peek())) chunks.push(this.scanLineBreak())
      else return
    }
  }

  private scanPlain(): Token {
    // Most plain scalars are one chunk: the array (and the join) is only made for a second one.
    let first: string | undefined
    let chunks: string[] | undefined
    const start = this.mark()
    let end = start
    const indent = this.indent + 1
    let spaces: readonly string[] | undefined = NO_SPACES
    for (;;) {
      let length = 0
      if (this.peek() === '#') break
      for (;;) {
        const ch = this.peek(length)
        if (
          isZ(ch) ||
          (ch === ':' &&
            (isZ(this.peek(length + 1)) ||
              (this.flowLevel > 0 && has(',[]{}', this.peek(length + 1))))) ||
          (this.flowLevel > 0 && has(',?[]{}', ch))
        ) {
          break
        }
        length++
      }
      if (length === 0) break
      this.allowSimpleKey = false
      const chunk = this.prefix(length)
      if (first === undefined) first = chunk
      else {
        chunks ??= [first]
        for (let i = 0; i < spaces.length; i++) chunks.push(spaces[i]!)
        chunks.push(chunk)
      }
      this.forward(length)
      end = this.mark()
      spaces = this.scanPlainSpaces()
      if (
        spaces === undefined ||
        spaces.length === 0 ||
        this.peek() === '#' ||
        (this.flowLevel === 0 && this.column < indent)
      ) {
        break
      }
    }
    const value = chunks ? chunks.join('') : (first ?? '')
    return { type: 'scalar', value, plain: true, style: '', start, end }
  }

  /**
   * `undefined` where PyYAML returns None (a document marker ends the scalar). The common results
   * (nothing, one space) are shared frozen lists: this runs after every plain scalar of every file.
   */
  private scanPlainSpaces(): readonly string[] | undefined {
    let length = 0
    while (this.peek(length) === ' ') length++
    const whitespaces = this.prefix(length)
    this.forward(length)
    const ch = this.peek()
    if (isBreak(ch)) {
      const lineBreak = this.scanLineBreak()
      this.allowSimpleKey = true
      if (this.atDocumentMarker()) return undefined
      let breaks: string[] | undefined
      while (has(' \r\n\x85\u2028\u2029', this.peek())) {
        if (this.peek() === ' ') this.forward()
        else {
          ;(breaks ??= []).push(this.scanLineBreak())
          if (this.atDocumentMarker()) return undefined
        }
      }
      if (lineBreak === '\n' && breaks === undefined) return ONE_SPACE
      const chunks: string[] = lineBreak !== '\n' ? [lineBreak] : []
      if (breaks) chunks.push(...breaks)
      return chunks
    }
    return whitespaces ? [whitespaces] : NO_SPACES
  }

  /**
   * `---` or `...` followed by a space, a break or the end (PyYAML's `prefix(3)` tests; a
   * document start or end token also needs column 0, which its caller checks).
   */
  private atDocumentMarker(): boolean {
    const c = this.peek()
    return (c === '-' || c === '.') && this.peek(1) === c && this.peek(2) === c && isZ(this.peek(3))
  }

  private scanTagHandle(name: string, start: Mark): string {
    let ch = this.peek()
    if (ch !== '!') {
      throw this.error(`while scanning a ${name}`, start, `expected '!', but found ${pyRepr(ch)}`)
    }
    let length = 1
    ch = this.peek(length)
    if (ch !== ' ') {
      while (isWordChar(ch)) ch = this.peek(++length)
      if (ch !== '!') {
        this.forward(length)
        throw this.error(`while scanning a ${name}`, start, `expected '!', but found ${pyRepr(ch)}`)
      }
      length++
    }
    const value = this.prefix(length)
    this.forward(length)
    return value
  }

  private scanTagUri(name: string, start: Mark): string {
    const chunks: string[] = []
    let length = 0
    let ch = this.peek(length)
    while ((isWordChar(ch) && ch !== '\0') || has(URI_CHARS, ch)) {
      if (ch === '%') {
        chunks.push(this.prefix(length))
        this.forward(length)
        length = 0
        chunks.push(this.scanUriEscapes(name, start))
      } else length++
      ch = this.peek(length)
    }
    if (length) {
      chunks.push(this.prefix(length))
      this.forward(length)
    }
    if (chunks.length === 0) {
      throw this.error(`while parsing a ${name}`, start, `expected URI, but found ${pyRepr(ch)}`)
    }
    return chunks.join('')
  }

  private scanUriEscapes(name: string, start: Mark): string {
    const codes: number[] = []
    const mark = this.mark()
    while (this.peek() === '%') {
      this.forward()
      for (let k = 0; k < 2; k++) {
        if (!has(HEX, this.peek(k)) || this.peek(k) === '\0') {
          throw this.error(
            `while scanning a ${name}`,
            start,
            `expected URI escape sequence of 2 hexadecimal numbers, but found ${pyRepr(this.peek(k))}`
          )
        }
      }
      codes.push(parseInt(this.prefix(2), 16))
      this.forward(2)
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(codes))
    } catch {
      throw this.error(
        `while scanning a ${name}`,
        start,
        "'utf-8' codec can't decode the URI escape",
        mark
      )
    }
  }

  private scanLineBreak(): string {
    const ch = this.peek()
    if (ch === '\r' || ch === '\n' || ch === '\x85') {
      if (this.prefix(2) === '\r\n') this.forward(2)
      else this.forward()
      return '\n'
    }
    if (ch === '\u2028' || ch === '\u2029') {
      this.forward()
      return ch
    }
    return ''
  }
}
