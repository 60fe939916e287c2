import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  DAGSTER_PARTS,
  generatedNames,
  type DagsterPart,
  type PartFlags
} from '../../../src/dagster/names.js'
import { hits } from '../schedule/harness.js'

/**
 * Differential test: the generated names of each scenario are built into a real Dagster 1.13
 * repository; our rules must report a collision exactly when Dagster rejects it. Without the
 * project venv, the verdicts recorded from it below are used.
 */
interface Scenario {
  readonly label: string
  readonly batches: readonly { readonly name: string; readonly disabled: readonly DagsterPart[] }[]
  readonly recorded: boolean
}

const SCENARIOS: readonly Scenario[] = [
  { label: 'foo + bar', batches: [b('foo'), b('bar')], recorded: true },
  { label: 'foo + foo_change', batches: [b('foo'), b('foo_change')], recorded: false },
  { label: 'foo + foo_get', batches: [b('foo'), b('foo_get')], recorded: false },
  { label: 'foo + foo_save', batches: [b('foo'), b('foo_save')], recorded: false },
  {
    label: 'weather + weather_forecast',
    batches: [b('weather'), b('weather_forecast')],
    recorded: true
  },
  { label: 'one batch, train disabled', batches: [b('x', 'train', 'llmalert')], recorded: false },
  { label: 'one batch, llmalert disabled only', batches: [b('x', 'llmalert')], recorded: true },
  {
    label: 'change + delete disabled',
    batches: [b('x', 'change', 'delete', 'llmalert')],
    recorded: true
  },
  {
    label: 'foo (change disabled) + foo_change',
    batches: [b('foo', 'change'), b('foo_change', 'llmalert')],
    recorded: false
  }
]

function b(name: string, ...disabled: DagsterPart[]): Scenario['batches'][number] {
  return { name, disabled }
}

function flags(disabled: readonly DagsterPart[]): PartFlags {
  return Object.fromEntries(DAGSTER_PARTS.map((p) => [p, disabled.includes(p)])) as PartFlags
}

/** The jobs of a scenario in the oracle's shape: each job with its ops and asset. */
function jobsOf(s: Scenario): { job: string; ops: string[]; asset: string | null }[] {
  const out: { job: string; ops: string[]; asset: string | null }[] = []
  s.batches.forEach((batch, i) => {
    const names = generatedNames(batch.name, flags(batch.disabled), i === 0)
    for (const part of DAGSTER_PARTS) {
      const mine = names.filter((n) => n.part === part)
      const job = mine.find((n) => n.kind === 'job')
      if (!job) continue
      out.push({
        job: job.name,
        ops: mine.filter((n) => n.kind === 'op').map((n) => n.name),
        asset: mine.find((n) => n.kind === 'asset')?.name ?? null
      })
    }
  })
  return out
}

const here = dirname(fileURLToPath(import.meta.url))
const python = join(here, '..', '..', '..', '.venv', 'bin', 'python')

function verdicts(): { source: string; accepted: boolean[] } {
  if (!existsSync(python)) return { source: 'recorded', accepted: SCENARIOS.map((s) => s.recorded) }
  const r = spawnSync(python, [join(here, 'dagster_names_oracle.py')], {
    input: JSON.stringify(SCENARIOS.map(jobsOf)),
    encoding: 'utf8'
  })
  if (r.status !== 0) throw new Error(`oracle failed: ${r.stderr}`)
  return { source: 'live', accepted: JSON.parse(r.stdout) as boolean[] }
}

const { source, accepted } = verdicts()

describe(`dagster name rules against Dagster (${source})`, () => {
  it('the recorded verdicts match the live ones', () => {
    expect(accepted).toEqual(SCENARIOS.map((s) => s.recorded))
  })

  it.each(SCENARIOS.map((s, i) => [s.label, s, i] as const))(
    '%s: we report a collision exactly when Dagster rejects',
    (_label, s, i) => {
      const files: Record<string, string> = {}
      s.batches.forEach((batch, j) => {
        const flagLines = DAGSTER_PARTS.map((p) => `disable_${p}: ${batch.disabled.includes(p)}`)
        files[`b${j}/${batch.name}.yaml`] = `metric_batch: ${batch.name}\n${flagLines.join('\n')}\n`
      })
      const reported = hits(files, 'dagster/').filter((h) => h.severity === 'error').length > 0
      expect(reported).toBe(!accepted[i])
    }
  )
})
