/**
 * Compares loadYaml with recorded PyYAML results, document by document: verdict, values, and the
 * problem line and column of rejections (generated.test.ts live, recorded.test.ts from a file).
 */
import { loadYaml } from '../../../src/yaml/load.js'
import type { LoadResult } from '../../../src/yaml/types.js'
import type { Generated } from './generate.js'
import { difference, problemMark, type PyResult } from './pyyaml.js'

const SHOW = process.env['YAML_DIFF_SHOW'] === '1'

/** Rule ids of the deliberate limits (docs/yaml-parity.md "stricter than PyYAML, on purpose"). */
export const DELIBERATE = new Set([
  'yaml/alias-bomb',
  'yaml/recursive-alias',
  'yaml/too-deep',
  'yaml/too-large'
])

const QUOTED_ERRORS = new Set(['ScannerError', 'ParserError', 'ComposerError'])

export interface Tally {
  docs: number
  rejected: number
  agreeVerdict: number
  deliberate: number
  marked: number
  sameLine: number
  sameColumn: number
  valueDiffs: number
  /** Documents with a NEL/LS/PS (line breaks for PyYAML), and how many of them both accept. */
  lineBreakDocs: number
  lineBreakLoaded: number
  cDiffers: number
  verdictDiffs: string[]
  lineDiffs: string[]
  columnDiffs: string[]
  /** Rejections whose message leaves out PyYAML's problem or context text. */
  messageDiffs: string[]
}

export function compare(cases: readonly Generated[], py: readonly PyResult[]): Tally {
  const t: Tally = {
    docs: cases.length,
    rejected: 0,
    agreeVerdict: 0,
    deliberate: 0,
    marked: 0,
    sameLine: 0,
    sameColumn: 0,
    valueDiffs: 0,
    lineBreakDocs: 0,
    lineBreakLoaded: 0,
    cDiffers: 0,
    verdictDiffs: [],
    lineDiffs: [],
    columnDiffs: [],
    messageDiffs: []
  }
  const enc = new TextEncoder()
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!
    const ref = py[i]!
    if ('c' in ref) t.cDiffers++
    const lineBreak = /[\u0085\u2028\u2029]/.test(c.text)
    if (lineBreak) t.lineBreakDocs++
    const js: LoadResult = loadYaml(enc.encode(c.text))
    if (!js.failed && js.problems.some((p) => p.ruleId === 'yaml/int-precision')) {
      t.deliberate++
      continue
    }
    const mine = js.problems.find((p) => p.severity === 'error')
    const show = `${c.family} ${JSON.stringify(c.text.slice(0, 160))}`
    if ('error' in ref !== js.failed) {
      if (mine && DELIBERATE.has(mine.ruleId)) t.deliberate++
      else
        t.verdictDiffs.push(
          `${show}: ${'error' in ref ? `PyYAML ${ref.error} ${ref.line}:${ref.column} ${ref.message.split('\n').join(' / ')}` : 'PyYAML loads'} | ours ${mine ? `${mine.ruleId} ${mine.line}:${mine.column} ${mine.message}` : 'loads'}`
        )
      continue
    }
    t.agreeVerdict++
    if (!('error' in ref)) {
      if (lineBreak) t.lineBreakLoaded++
      const d = difference(ref, js)
      if (d) {
        t.valueDiffs++
        t.verdictDiffs.push(`${show}: value ${d}`)
      }
      continue
    }
    t.rejected++
    if (mine && DELIBERATE.has(mine.ruleId)) {
      // Both reject; where a deliberate limit stops us first, PyYAML's position is not ours.
      t.deliberate++
      continue
    }
    if (!mine) continue
    // A scanner, parser or composer error is reported in PyYAML's own words (problem and
    // context); constructor errors are reworded for Anomstack users (construct.ts).
    const quoted = QUOTED_ERRORS.has(ref.error) ? [ref.problem, ref.context] : []
    const missing = quoted.filter((words) => words !== undefined && !mine.message.includes(words))
    if (missing.length > 0)
      t.messageDiffs.push(`${show}: PyYAML says ${JSON.stringify(missing)} | ours ${mine.message}`)
    if (ref.line === undefined) continue
    t.marked++
    const at = problemMark(mine)
    const where = `${show}: PyYAML ${ref.line}:${ref.column} ${ref.message.split('\n').join(' / ')} | ours ${mine.ruleId} ${at.line}:${at.column} ${mine.message}`
    if (at.line !== ref.line) {
      t.lineDiffs.push(where)
      continue
    }
    t.sameLine++
    if (at.column === ref.column) t.sameColumn++
    else t.columnDiffs.push(where)
  }
  return t
}

export function report(name: string, t: Tally): void {
  const pct = (a: number, b: number): string => (b === 0 ? '-' : ((100 * a) / b).toFixed(1) + '%')
  console.log(
    `${name}: ${t.docs} docs, verdict agrees ${t.agreeVerdict}/${t.docs} (${pct(t.agreeVerdict, t.docs)}), ` +
      `${t.deliberate} deliberate limits, ${t.valueDiffs} value differences; ` +
      `${t.lineBreakDocs} with NEL/LS/PS (${t.lineBreakLoaded} load); of ${t.marked} marked rejections ` +
      `line agrees ${pct(t.sameLine, t.marked)}, column ${pct(t.sameColumn, t.marked)}; ` +
      `CSafeLoader differs from SafeLoader on ${t.cDiffers}`
  )
  if (SHOW) {
    for (const d of [...t.verdictDiffs, ...t.lineDiffs, ...t.columnDiffs]) console.log('  ' + d)
  }
}
