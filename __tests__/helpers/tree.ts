import type { Diagnostic } from '../../src/core/diagnostic.js'
import type { FileTree } from '../../src/core/tree.js'

/**
 * An in-memory tree under `metrics/`: keys are paths below the metrics folder, `null` leaves a
 * file out (so a default can be removed).
 */
export function memoryTree(files: Readonly<Record<string, string | null>>): FileTree {
  return {
    metricsDir: 'metrics',
    entries: Object.entries(files)
      .filter((e): e is [string, string] => e[1] !== null)
      .map(([path, text]) => ({ kind: 'file', path: `metrics/${path}`, bytes: Buffer.from(text) }))
  }
}

/** The comparable part of a diagnostic for table assertions (path relative to metrics/). */
export interface Hit {
  readonly ruleId: string
  readonly severity: Diagnostic['severity']
  readonly file: string
  readonly line: number
  readonly column: number
}

export function toHit(d: Diagnostic): Hit {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    file: d.file.replace(/^metrics\//, ''),
    line: d.line,
    column: d.column
  }
}

/** A hit with what the reader sees: span end, message and hint (absent when there is none). */
export interface Said extends Hit {
  readonly end: readonly [line: number, column: number]
  readonly message: string
  readonly hint?: string
}

export function toSaid(d: Diagnostic): Said {
  return {
    ...toHit(d),
    end: [d.endLine, d.endColumn],
    message: d.message,
    ...(d.hint !== undefined ? { hint: d.hint } : {})
  }
}

/**
 * A diagnostic as the message tests compare it: the repository path as reported, the span it
 * marks (`[line, column, endLine, endColumn]`), and exactly what it says.
 */
export interface Stated {
  readonly ruleId: string
  readonly severity: Diagnostic['severity']
  readonly file: string
  readonly at: readonly [number, number, number, number]
  readonly message: string
  readonly hint: string | undefined
}

export function toStated(d: Diagnostic): Stated {
  return { ruleId: d.ruleId, ...stated(d) }
}

function stated(d: Diagnostic): Omit<Stated, 'ruleId'> {
  return {
    severity: d.severity,
    file: d.file,
    at: [d.line, d.column, d.endLine, d.endColumn],
    message: d.message,
    hint: d.hint
  }
}

/** {@link toStated} without the rule id, for tests that already picked one rule's findings. */
export function toStatedOf(ruleId: string, diags: readonly Diagnostic[]): Omit<Stated, 'ruleId'>[] {
  return diags.filter((d) => d.ruleId === ruleId).map(stated)
}
