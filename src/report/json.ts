import {
  compareDiagnostics,
  countBySeverity,
  type Diagnostic,
  type Severity,
  type SeverityCounts
} from '../core/diagnostic.js'
import type { SummaryBatch, SummaryChangedFile, SummaryRestart, Verdict } from './summary.js'

import { TOOL_NAME } from '../version.js'
export { TOOL_NAME }

/** One diagnostic in the JSON report; keys always in this order, absent fields left out. */
export interface JsonDiagnostic {
  readonly ruleId: string
  readonly severity: Severity
  readonly file: string
  readonly line: number
  readonly column: number
  readonly endLine: number
  readonly endColumn: number
  readonly message: string
  readonly hint?: string
  readonly batch?: string
  readonly preExisting?: true
}

/** The `--format json` / `json-report` document. `version` changes only on breaking changes. */
export interface JsonReport {
  readonly version: 1
  readonly tool: { readonly name: string; readonly version: string }
  readonly verdict?: Verdict
  readonly event?: string
  readonly range?: string
  readonly counts: SeverityCounts & { readonly preExisting: number }
  readonly diagnostics: readonly JsonDiagnostic[]
  readonly changedFiles?: readonly SummaryChangedFile[]
  readonly affectedBatches?: readonly SummaryBatch[]
  readonly restartNeeded?: readonly SummaryRestart[]
  /** Whatever the reload module reports, already plain JSON data. */
  readonly reload?: JsonValue
}

export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue }

export interface JsonReportInput {
  readonly toolVersion: string
  readonly diagnostics: readonly Diagnostic[]
  readonly verdict?: Verdict
  readonly event?: string
  readonly range?: string
  readonly changedFiles?: readonly SummaryChangedFile[]
  readonly affectedBatches?: readonly SummaryBatch[]
  readonly restartNeeded?: readonly SummaryRestart[]
  readonly reload?: JsonValue
}

export function toJsonDiagnostic(d: Diagnostic): JsonDiagnostic {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    message: d.message,
    ...(d.hint !== undefined ? { hint: d.hint } : {}),
    ...(d.batch !== undefined ? { batch: d.batch } : {}),
    ...(d.preExisting ? { preExisting: true as const } : {})
  }
}

/** Build the report object: diagnostics sorted (severity, file, line, column, rule) so output is stable. */
export function toJsonReport(input: JsonReportInput): JsonReport {
  const counts = countBySeverity(input.diagnostics)
  const preExisting = input.diagnostics.filter((d) => d.preExisting).length
  return {
    version: 1,
    tool: { name: TOOL_NAME, version: input.toolVersion },
    ...(input.verdict !== undefined ? { verdict: input.verdict } : {}),
    ...(input.event !== undefined ? { event: input.event } : {}),
    ...(input.range !== undefined ? { range: input.range } : {}),
    counts: { ...counts, preExisting },
    diagnostics: [...input.diagnostics].sort(compareDiagnostics).map(toJsonDiagnostic),
    ...(input.changedFiles !== undefined ? { changedFiles: input.changedFiles } : {}),
    ...(input.affectedBatches !== undefined ? { affectedBatches: input.affectedBatches } : {}),
    ...(input.restartNeeded !== undefined ? { restartNeeded: input.restartNeeded } : {}),
    ...(input.reload !== undefined ? { reload: input.reload } : {})
  }
}

/** The JSON report as text (2-space indent, trailing newline). */
export function renderJson(input: JsonReportInput): string {
  return `${JSON.stringify(toJsonReport(input), null, 2)}\n`
}
