import type { ReloadReport } from './reload.js'
import { verifyLoaded, type ExpectedDefinitions, type Mismatch } from './verify.js'

export interface ReportMismatches {
  /** Per reloaded location name; only locations that loaded are checked. */
  readonly byLocation: Record<string, Mismatch[]>
  readonly count: number
}

/** {@link verifyLoaded} for every location of a reload that loaded (action and CLI alike). */
export function verifyReport(
  report: ReloadReport,
  expected: ExpectedDefinitions
): ReportMismatches {
  const byLocation: Record<string, Mismatch[]> = {}
  let count = 0
  for (const location of report.locations) {
    if (!location.ok || !location.after) continue
    const found = verifyLoaded(location.after, expected)
    byLocation[location.name] = found
    count += found.length
  }
  return { byLocation, count }
}
