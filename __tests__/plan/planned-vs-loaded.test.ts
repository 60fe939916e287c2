import { describe, expect, it } from 'vitest'
import { computePlan, type Plan } from '../../src/plan/compute-plan.js'
import { planModelOf } from '../../src/plan/model.js'
import { changedFilesBetween } from '../../src/plan/tree-diff.js'
import { comparePlannedLoaded, renderPlannedVsLoaded } from '../../src/plan/planned-vs-loaded.js'
import type { DefinitionsDiff } from '../../src/dagster/snapshot.js'
import { fixtureFiles, treeOf, type Files } from './helpers.js'

const BASE = fixtureFiles()
const ORDERS =
  'metric_batch: "orders"\ningest_sql: "select 1"\ningest_cron_schedule: "15 * * * *"\n'

function planFor(base: Files, head: Files): Plan {
  const b = treeOf(base)
  const h = treeOf(head)
  return computePlan(planModelOf(b), planModelOf(h), { files: changedFilesBetween(b, h) })
}

const EMPTY: DefinitionsDiff = {
  jobsAdded: [],
  jobsRemoved: [],
  schedulesAdded: [],
  schedulesRemoved: [],
  schedulesChanged: [],
  sensorsAdded: [],
  sensorsRemoved: []
}

describe('planned vs loaded', () => {
  const plan = planFor(BASE, { ...BASE, 'metrics/tickets/orders.yaml': ORDERS })
  const created = plan.batches.flatMap((b) => b.jobsCreated)

  it('matches when Dagster loaded exactly the planned jobs', () => {
    expect(created).toContain('orders_ingest')
    const c = comparePlannedLoaded(plan, [{ ...EMPTY, jobsAdded: [...created] }])
    expect(c.matches).toBe(true)
    expect(c.rows.find((r) => r.what === 'jobs created')?.loaded).toHaveLength(created.length)
  })

  it('names the planned jobs that did not load and the loaded jobs nobody planned', () => {
    const loaded = created.filter((j) => j !== 'orders_ingest').concat('stray_job')
    const c = comparePlannedLoaded(plan, [{ ...EMPTY, jobsAdded: loaded }])
    expect(c.matches).toBe(false)
    const row = c.rows.find((r) => r.what === 'jobs created')!
    expect(row.missing).toEqual(['orders_ingest'])
    expect(row.unexpected).toEqual(['stray_job'])
    expect(renderPlannedVsLoaded(c)).toContain('<code>orders_ingest</code>')
  })

  it('adds up several locations and compares cron changes by schedule name', () => {
    const cronPlan = planFor(BASE, {
      ...BASE,
      'metrics/sales/sales.yaml': BASE['metrics/sales/sales.yaml']!.replace(
        /ingest_cron_schedule: .*/,
        'ingest_cron_schedule: "0 7 * * *"'
      )
    })
    const schedule = cronPlan.batches.flatMap((b) => b.cronChanges.map((c) => c.schedule))
    expect(schedule).toEqual(['sales_ingest_schedule'])
    const change = {
      name: 'sales_ingest_schedule',
      before: { cronSchedule: '*/10 * * * *', status: 'STOPPED' as const },
      after: { cronSchedule: '0 7 * * *', status: 'STOPPED' as const }
    }
    expect(
      comparePlannedLoaded(cronPlan, [EMPTY, { ...EMPTY, schedulesChanged: [change] }]).matches
    ).toBe(true)
    expect(comparePlannedLoaded(cronPlan, [EMPTY]).matches).toBe(false)
  })

  it('never plans the global summary job as moving between batches', () => {
    // `aaa` sorts first; the summary job is global, so the plan shows it neither created nor removed.
    const moved = planFor(BASE, {
      ...BASE,
      'metrics/aaa/aaa.yaml': ORDERS.replace('orders', 'aaa')
    })
    expect(moved.batches.flatMap((b) => b.jobsCreated)).not.toContain('summary')
    expect(moved.batches.flatMap((b) => b.jobsRemoved)).not.toContain('summary')
    const loaded = moved.batches.flatMap((b) => b.jobsCreated)
    expect(comparePlannedLoaded(moved, [{ ...EMPTY, jobsAdded: loaded }]).matches).toBe(true)
  })

  it('escapes names in the table', () => {
    const c = comparePlannedLoaded(plan, [{ ...EMPTY, jobsAdded: ['<img src=x>'] }])
    expect(renderPlannedVsLoaded(c)).not.toContain('<img')
  })
})
