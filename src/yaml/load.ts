/**
 * Reads a YAML file exactly as Anomstack does (`yaml.safe_load` on a UTF-8 text stream: PyYAML's
 * pure-Python SafeLoader, YAML 1.1), keeping source positions. `yaml` (eemeli) provides the CST
 * and composition; everything where it differs from PyYAML is checked or rebuilt here.
 */
import type { ComposedNode } from './composed.js'
import { lineStarts as computeLineStarts, type Range } from '../core/positions.js'
import type { Severity } from '../core/diagnostic.js'
import { PyConstructor, type ConstructProblem } from './construct.js'
import { CodePointColumns, pyYamlLineStarts } from './columns.js'
import { composeLikePyYaml } from './py-parser.js'
import type { Mark, PyYamlError } from './py-scanner.js'
import { syntaxHint } from './syntax-hints.js'
import { decodeFailureMessage, decodeUtf8, findLineBreakChars, findNonPrintable } from './decode.js'
import { findTrap } from './hints.js'
import type { LoadOptions, LoadResult, YamlProblem } from './types.js'
import type { YNode } from './node.js'

export const DEFAULT_MAX_BYTES = 1024 * 1024
export const DEFAULT_MAX_DEPTH = 400
export const DEFAULT_MAX_ALIAS_EXPANSION = 100_000

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
  private columns = new CodePointColumns('', [0])
  /** PyYAML's line numbering, for messages: differs from `columns` only after a NEL/LS/PS. */
  private pyColumns = this.columns
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
        message: decodeFailureMessage(f),
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
    this.columns = new CodePointColumns(this.text, this.starts)
    this.pyColumns = this.columns

    const bad = findNonPrintable(this.text)
    if (bad >= 0) {
      const hex = this.text.codePointAt(bad)!.toString(16).toUpperCase().padStart(4, '0')
      this.push(
        'yaml/non-printable',
        'error',
        bad,
        bad + 1,
        `unacceptable character #x${hex}: special characters are not allowed`,
        'remove the control character'
      )
      return this.result(undefined)
    }
    const breaks = findLineBreakChars(this.text)
    if (breaks.length > 0) {
      // PyYAML's marks (and so its messages) count NEL/LS/PS as line breaks; our ranges do not.
      this.pyColumns = new CodePointColumns(this.text, pyYamlLineStarts(this.starts, breaks))
      this.pushLineBreakChar(breaks)
    }
    return this.parse()
  }

  /**
   * NEL/LS/PS are line breaks for PyYAML: the file reads as PyYAML reads it (values folded by the
   * scanner port), with one warning at the first of them, because every editor, GitHub and our
   * ranges count lines at `\n` only, and a NEL inside a value silently becomes a space or a newline.
   */
  private pushLineBreakChar(breaks: readonly number[]): void {
    const at = breaks[0]!
    const code = this.text.charCodeAt(at)
    const hex = code.toString(16).toUpperCase().padStart(4, '0')
    const name = code === 0x85 ? 'NEL' : code === 0x2028 ? 'LS' : 'PS'
    const more = breaks.length > 1 ? ` (and ${breaks.length - 1} more NEL/LS/PS in this file)` : ''
    this.push(
      'yaml/line-break-char',
      'warning',
      at,
      at + 1,
      `character #x${hex} (${name}) is a line break for PyYAML${more}: PyYAML's line numbers for this file count it, your editor's do not, and inside a value it folds like a line break (a NEL becomes a space or a newline)`,
      'replace it with a normal line break or a space'
    )
  }

  private parse(): LoadResult {
    const composed = composeLikePyYaml(this.text, this.maxDepth)
    if (composed.ok) return this.construct(composed.root, composed.hasAliases)
    if ('tooDeep' in composed) {
      const at = composed.tooDeep.offset
      this.push(
        'yaml/too-deep',
        'error',
        at,
        at + 1,
        `nesting is deeper than ${this.maxDepth} levels (PyYAML itself fails near 490)`,
        'flatten the structure: no Anomstack setting nests this deep'
      )
      return this.result(undefined)
    }
    this.pushPyYamlError(composed.error)
    return this.result(undefined)
  }

  /**
   * A scanner/parser/composer error at PyYAML's marks. With a context mark the range runs from
   * it to the problem mark and the message names both, as PyYAML's does.
   */
  private pushPyYamlError(e: PyYamlError): void {
    const p = e.problemMark
    const c = e.contextMark
    const at = (m: Mark): string => named(markPosition(m))
    let ruleId = 'yaml/syntax'
    let hint: string | undefined
    let message: string
    if (e.kind === 'composer' && e.problem === 'but found another document') {
      ruleId = 'yaml/multi-document'
      message = `expected a single document in the stream, but found another document (${at(p)})`
      hint = 'Anomstack reads one document per file: remove the `---` separator or split the file'
    } else if (e.kind === 'composer' && e.problem.startsWith('found undefined alias')) {
      ruleId = 'yaml/undefined-alias'
      message = e.problem + this.pyYamlLineNote(p.offset, markPosition(p))
    } else if (c) {
      if (e.kind === 'composer') ruleId = 'yaml/duplicate-anchor'
      message = `${e.context} (${at(c)}), ${e.problem} (${at(p)})`
    } else {
      message = e.context === undefined ? e.problem : `${e.problem} (${e.context})`
      message += this.pyYamlLineNote(p.offset, markPosition(p))
    }
    hint ??= syntaxHint(e.problem)
    const trap =
      ruleId === 'yaml/syntax' || ruleId === 'yaml/undefined-alias'
        ? findTrap(this.text, this.starts, p.offset)
        : undefined
    // A scanner's context mark is the start of the token it failed in (the quote, the `*`, the
    // key): the range runs from there. A parser's is the start of the enclosing collection, maybe
    // far up the file: the message names it, the range stays at the problem.
    // Ranges come from offsets, so they count lines as editors do (`\n` only) where PyYAML's
    // marks also count NEL/LS/PS; without those characters the two are the same.
    const range: Range =
      c !== undefined && e.kind === 'scanner'
        ? this.columns.range(c.offset, p.offset)
        : this.pointRange(p.offset)
    const problem: YamlProblem = trap
      ? {
          ruleId: trap.ruleId,
          severity: 'error',
          message: `${trap.cause} (${message})`,
          hint: trap.hint,
          ...range
        }
      : { ruleId, severity: 'error', message, ...range }
    this.problems.push(hint === undefined || trap ? problem : { ...problem, hint })
  }

  /**
   * After a NEL/LS/PS, PyYAML's line is not the editor's (our range's): a message then names
   * PyYAML's position too, as Dagster logs it. `py` is PyYAML's own mark where there is one
   * (scanner, parser, composer); constructor problems have none, so it is counted from `offset`.
   */
  private pyYamlLineNote(
    offset: number,
    py?: { readonly line: number; readonly column: number }
  ): string {
    if (this.pyColumns === this.columns) return ''
    const at = py ?? this.pyColumns.position(offset)
    if (at.line === this.columns.position(offset).line) return ''
    return ` (${named(at)})`
  }

  /** The one-character range at `offset` (one column wide even at the end of a line or file). */
  private pointRange(offset: number): Range {
    const at = this.columns.position(offset)
    return { line: at.line, column: at.column, endLine: at.line, endColumn: at.column + 1 }
  }

  private construct(rootNode: ComposedNode | null, hasAliases: boolean): LoadResult {
    const ctor = new PyConstructor(
      this.text,
      { maxDepth: this.maxDepth, maxAliasExpansion: this.maxAliasExpansion },
      this.starts
    )
    const root = ctor.build(rootNode, hasAliases)
    for (const p of ctor.problems) this.pushConstructProblem(p)
    // A document that is just `~` or `---` is Python's None, like an empty file.
    return this.result(root && root.kind === 'scalar' && root.pyType === 'null' ? null : root)
  }

  private pushConstructProblem(p: ConstructProblem): void {
    switch (p.kind) {
      case 'unhashable-key': {
        // PyYAML names the mapping (its context mark) and then the key.
        const context = p.context!
        const at = (o: number): string => named(this.pyColumns.position(o))
        const message = `${context.text} (${at(context.start)}), ${p.message} (${at(p.start)})`
        this.pushTrapAware('yaml/bad-value', p.start, p.end, message, true)
        return
      }
      case 'undefined-alias':
        this.pushTrapAware(
          'yaml/undefined-alias',
          p.start,
          p.end,
          p.message + this.pyYamlLineNote(p.start)
        )
        return
      default:
        this.push(
          `yaml/${p.kind}`,
          p.severity,
          p.start,
          p.end,
          p.severity === 'error' ? p.message + this.pyYamlLineNote(p.start) : p.message
        )
    }
  }

  /** Uses the cron/Jinja rule id and hint when the failure sits on such a line. */
  private pushTrapAware(
    ruleId: string,
    start: number,
    end: number,
    message: string,
    keepRange = false
  ): void {
    const trap = findTrap(this.text, this.starts, start)
    if (!trap) this.push(ruleId, 'error', start, end, message)
    else if (keepRange)
      this.push(trap.ruleId, 'error', start, end, `${trap.cause} (${message})`, trap.hint)
    else
      this.push(trap.ruleId, 'error', trap.start, trap.end, `${trap.cause} (${message})`, trap.hint)
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
    const problem: YamlProblem = { ruleId, severity, message, ...this.columns.range(s, e) }
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

/** A position as PyYAML's messages name it: `line 3, column 5`. */
function named(p: { readonly line: number; readonly column: number }): string {
  return `line ${p.line}, column ${p.column}`
}

/** A PyYAML mark as a 1-based position. */
function markPosition(m: Mark): { line: number; column: number } {
  return { line: m.line + 1, column: m.column + 1 }
}
