import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { validateCron, type CronValue, type ExpandedFields } from '../../src/cron/parse-cron.js'

/**
 * Differential test against the real Dagster 1.13 (`ScheduleDefinition` + vendored croniter).
 * With the project venv present the oracle runs live; otherwise the verdicts recorded from it by
 * make-cron-fixture.mjs are used.
 */
interface Verdict {
  readonly text: string
  readonly valid: boolean
  readonly helper: boolean
  readonly warned: boolean
  readonly expanded?: readonly (readonly (number | string)[])[]
  readonly nth?: Readonly<Record<string, readonly string[]>>
}

const here = dirname(fileURLToPath(import.meta.url))
const fixture = JSON.parse(
  readFileSync(join(here, 'fixtures', 'dagster-cron-verdicts.json'), 'utf8')
) as { dagster: string; verdicts: Verdict[] }
const python = join(here, '..', '..', '.venv', 'bin', 'python')

function oracle(strings: readonly string[]): { source: string; verdicts: Verdict[] } {
  if (!existsSync(python))
    return { source: `recorded (dagster ${fixture.dagster})`, verdicts: fixture.verdicts }
  const r = spawnSync(python, [join(here, 'dagster_cron_oracle.py')], {
    input: JSON.stringify(strings),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  })
  if (r.status !== 0) throw new Error(`oracle failed: ${r.stderr}`)
  return { source: 'live', verdicts: JSON.parse(r.stdout) as Verdict[] }
}

function asPython(fields: ExpandedFields): (number | string)[][] {
  const f = (vs: readonly CronValue[]): (number | string)[] => [...vs]
  return [
    f(fields.minute),
    f(fields.hour),
    f(fields.dayOfMonth),
    f(fields.month),
    f(fields.dayOfWeek)
  ]
}

const strings = fixture.verdicts.map((v) => v.text)
const { source, verdicts } = oracle(strings)

describe(`validateCron against Dagster (${source})`, () => {
  it('covers a table of at least 150 strings, both accepted and rejected', () => {
    expect(verdicts.length).toBe(strings.length)
    expect(verdicts.length).toBeGreaterThanOrEqual(150)
    expect(verdicts.filter((v) => v.valid).length).toBeGreaterThan(50)
    expect(verdicts.filter((v) => !v.valid).length).toBeGreaterThan(50)
  })

  it('the helper is_valid_cron_string agrees with ScheduleDefinition', () => {
    const disagree = verdicts.filter((v) => v.helper !== v.valid).map((v) => v.text)
    expect(disagree).toEqual([])
  })

  it('accepts exactly what Dagster accepts', () => {
    const mismatches = verdicts
      .filter((v) => validateCron(v.text).ok !== v.valid)
      .map((v) => `${JSON.stringify(v.text)}: dagster ${v.valid ? 'accepts' : 'rejects'}`)
    expect(mismatches).toEqual([])
  })

  it('expands accepted strings to the same values as croniter', () => {
    const mismatches: string[] = []
    for (const v of verdicts) {
      const r = validateCron(v.text)
      if (!v.valid || !r.ok || r.fields.random || !v.expanded) continue
      const ours = { expanded: asPython(r.fields), nth: nthAsPython(r.fields) }
      const theirs = { expanded: v.expanded, nth: v.nth ?? {} }
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
        mismatches.push(
          `${JSON.stringify(v.text)}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`
        )
      }
    }
    expect(mismatches).toEqual([])
  })

  it('reports a step overflow exactly when Dagster warns', () => {
    const mismatches = verdicts
      .filter((v) => v.valid)
      .filter((v) => {
        const r = validateCron(v.text)
        return r.ok && r.stepOverflow.length > 0 !== v.warned
      })
      .map((v) => v.text)
    expect(mismatches).toEqual([])
  })
})

function nthAsPython(fields: ExpandedFields): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [k, v] of fields.nthWeekday) out[String(k)] = v.map(String).sort()
  return out
}
