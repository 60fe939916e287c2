/**
 * Reads a YAML file exactly as Anomstack does (`yaml.safe_load` on a UTF-8 text stream: PyYAML's
 * pure-Python SafeLoader, YAML 1.1), keeping source positions. `yaml` (eemeli) provides the CST
 * and composition; everything where it differs from PyYAML is checked or rebuilt here.
 */
import { Composer, Parser } from 'yaml'
import type { CST, Document } from 'yaml'
import { lineStarts as computeLineStarts, rangeAt } from '../core/positions.js'
import type { Severity } from '../core/diagnostic.js'
import { PyConstructor, type ConstructProblem } from './construct.js'
import { findPyYamlSyntaxIssues, findTooDeep } from './cst-checks.js'
import { decodeUtf8, findNonPrintable } from './decode.js'
import { findTrap } from './hints.js'
import type { LoadOptions, LoadResult, YamlProblem } from './types.js'
import type { YNode } from './node.js'

export const DEFAULT_MAX_BYTES = 1024 * 1024
export const DEFAULT_MAX_DEPTH = 400
export const DEFAULT_MAX_ALIAS_EXPANSION = 100_000

const COMPOSER_OPTIONS = {
  version: '1.1',
  // Scalars are resolved by ./resolve.ts; failsafe keeps `yaml` from resolving them its own way.
  schema: 'failsafe',
  uniqueKeys: false,
  strict: true,
  prettyErrors: false,
  logLevel: 'error'
} as const

/**
 * Loads one file. Never throws: every failure becomes a positioned problem, and `failed` tells
 * whether PyYAML would raise. Input above `maxBytes` is not parsed at all.
 */
export function loadYaml(bytes: Uint8Array, options: LoadOptions = {}): LoadResult {
  try {
    return new Loader(options).load(bytes)
  } catch (e: unknown) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e)
    return {
      text: '',
      lineStarts: [0],
      root: undefined,
      failed: true,
      problems: [
        {
          ruleId: 'yaml/internal',
          severity: 'error',
          message: `internal error while reading the file (${message.slice(0, 200)})`,
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1
        }
      ]
    }
  }
}

class Loader {
  private text = ''
  private starts: number[] = [0]
  private readonly problems: YamlProblem[] = []
  private readonly maxBytes: number
  private readonly maxDepth: number
  private readonly maxAliasExpansion: number

  constructor(options: LoadOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH
    this.maxAliasExpansion = options.maxAliasExpansion ?? DEFAULT_MAX_ALIAS_EXPANSION
  }

  load(bytes: Uint8Array): LoadResult {
    if (bytes.length > this.maxBytes) {
      this.push(
        'yaml/too-large',
        'error',
        0,
        0,
        `file is ${bytes.length} bytes, over the ${this.maxBytes}-byte limit; not parsed`
      )
      return this.result(undefined)
    }
    const decoded = decodeUtf8(bytes)
    if ('failure' in decoded) {
      const f = decoded.failure
      this.problems.push({
        ruleId: 'yaml/encoding',
        severity: 'error',
        message: `'utf-8' codec can't decode byte 0x${f.byte.toString(16).padStart(2, '0')} in position ${f.byteOffset}: ${f.reason}`,
        hint: 'save the file as UTF-8',
        line: f.line,
        column: f.column,
        endLine: f.line,
        endColumn: f.column + 1
      })
      return this.result(undefined)
    }
    this.text = decoded.text
    this.starts = computeLineStarts(this.text)

    const bad = findNonPrintable(this.text)
    if (bad >= 0) {
      const cp = this.text.codePointAt(bad)!
      const hex = cp.toString(16).toUpperCase().padStart(4, '0')
      const lineBreak = cp === 0x85 || cp === 0x2028 || cp === 0x2029
      this.push(
        'yaml/non-printable',
        'error',
        bad,
        bad + 1,
        lineBreak
          ? `character #x${hex} is a line break for PyYAML; it is not accepted here`
          : `unacceptable character #x${hex}: special characters are not allowed`,
        lineBreak
          ? 'replace it with a normal line break or a space'
          : 'remove the control character'
      )
      return this.result(undefined)
    }
    return this.parse()
  }

  private parse(): LoadResult {
    // Composing is its own step so the CST tokens are garbage once construction starts (on a
    // 9 MB file, tokens, the yaml Document and our tree alive together cost gigabytes).
    const composed = this.compose()
    if (!('contents' in composed)) return composed
    return this.construct(composed)
  }

  /** CST → one yaml Document, or the LoadResult of a failure (too deep, syntax, several docs). */
  private compose(): Document.Parsed | LoadResult {
    const tokens: CST.Token[] = [...new Parser().parse(this.text)]
    const deep = findTooDeep(tokens, this.maxDepth)
    if (deep) {
      this.push('yaml/too-deep', 'error', deep.offset, deep.end, deep.message)
      return this.result(undefined)
    }
    const docTokens = tokens.filter((t): t is CST.Document => t.type === 'document')
    const secondStart = docTokens.length > 1 ? docStart(docTokens[1]!) : Infinity

    const docs: Document.Parsed[] = [
      ...new Composer(COMPOSER_OPTIONS).compose(tokens, true, this.text.length)
    ]
    const syntax: Array<{ start: number; end: number; message: string }> = []
    for (const d of docs) {
      for (const e of d.errors) syntax.push({ start: e.pos[0], end: e.pos[1], message: e.message })
    }
    for (const i of findPyYamlSyntaxIssues(tokens, this.text)) {
      syntax.push({ start: i.offset, end: i.end, message: i.message })
    }
    const first = syntax.filter((s) => s.start < secondStart).sort((a, b) => a.start - b.start)[0]
    if (first) {
      this.pushTrapAware('yaml/syntax', first.start, first.end, first.message)
      return this.result(undefined)
    }
    if (docs.length > 1 || secondStart !== Infinity) {
      const at = Number.isFinite(secondStart) ? secondStart : (docs[1]?.range[0] ?? 0)
      this.push(
        'yaml/multi-document',
        'error',
        at,
        at + 3,
        'expected a single document in the stream, but found another document',
        'Anomstack reads one document per file: remove the `---` separator or split the file'
      )
      return this.result(undefined)
    }
    const doc = docs[0]
    if (!doc) return this.result(null)
    return doc
  }

  private construct(doc: Document.Parsed): LoadResult {
    const ctor = new PyConstructor(
      this.text,
      { maxDepth: this.maxDepth, maxAliasExpansion: this.maxAliasExpansion },
      this.starts
    )
    const root = ctor.build(doc.contents)
    for (const p of ctor.problems) this.pushConstructProblem(p)
    // A document that is just `~` or `---` is Python's None, like an empty file.
    return this.result(root && root.kind === 'scalar' && root.pyType === 'null' ? null : root)
  }

  private pushConstructProblem(p: ConstructProblem): void {
    switch (p.kind) {
      case 'unhashable-key':
        this.pushTrapAware('yaml/bad-value', p.start, p.end, p.message)
        return
      case 'undefined-alias':
        this.pushTrapAware('yaml/undefined-alias', p.start, p.end, p.message)
        return
      default:
        this.push(`yaml/${p.kind}`, p.severity, p.start, p.end, p.message)
    }
  }

  /** Uses the cron/Jinja rule id and hint when the failure sits on such a line. */
  private pushTrapAware(ruleId: string, start: number, end: number, message: string): void {
    const trap = findTrap(this.text, this.starts, start)
    if (trap)
      this.push(trap.ruleId, 'error', trap.start, trap.end, `${trap.cause} (${message})`, trap.hint)
    else this.push(ruleId, 'error', start, end, message)
  }

  private push(
    ruleId: string,
    severity: Severity,
    start: number,
    end: number,
    message: string,
    hint?: string
  ): void {
    const s = Math.min(Math.max(start, 0), this.text.length)
    const e = Math.min(Math.max(end, s), this.text.length)
    const problem: YamlProblem = { ruleId, severity, message, ...rangeAt(this.starts, s, e) }
    this.problems.push(hint === undefined ? problem : { ...problem, hint })
  }

  private result(root: YNode | null | undefined): LoadResult {
    const failed = root === undefined || this.problems.some((p) => p.severity === 'error')
    const problems = [...this.problems].sort((a, b) => a.line - b.line || a.column - b.column)
    return {
      text: this.text,
      lineStarts: this.starts,
      root: failed ? undefined : root,
      failed,
      problems
    }
  }
}

function docStart(doc: CST.Document): number {
  const marker = doc.start.find((t) => t.type === 'doc-start')
  return marker ? marker.offset : doc.offset
}
