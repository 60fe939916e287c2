import { describe, expect, it } from 'vitest'
import { computePlan, isEmpty, type BatchPlan, type Plan } from '../../src/plan/compute-plan.js'
import { planModelOf } from '../../src/plan/model.js'
import { changedFilesBetween } from '../../src/plan/tree-diff.js'
import { edit, fixtureFiles, treeOf, without, type Files } from './helpers.js'

const DEFAULTS = 'metrics/defaults/defaults.yaml'
const SALES = 'metrics/sales/sales.yaml'
const SIGNUPS = 'metrics/signups/signups.yaml'
const BASE = fixtureFiles()

function planFor(base: Files, head: Files): Plan {
  const b = treeOf(base)
  const h = treeOf(head)
  return computePlan(planModelOf(b), planModelOf(h), { files: changedFilesBetween(b, h) })
}

function batch(plan: Plan, name: string): BatchPlan {
  const found = plan.batches.find((b) => b.name === name)
  if (!found)
    throw new Error(`${name} is not in the plan: ${plan.batches.map((b) => b.name).join(', ')}`)
  return found
}

const names = (plan: Plan): string[] => plan.batches.map((b) => `${b.name}:${b.kind}`)

const ORDERS =
  'metric_batch: "orders"\ningest_sql: "select 1"\ningest_cron_schedule: "15 * * * *"\n'

interface Case {
  readonly name: string
  readonly head: () => Files
  readonly check: (plan: Plan) => void
}

const CASES: readonly Case[] = [
  {
    name: 'a new batch creates its jobs and schedules',
    // Sorted after metrics/sales, so the summary job stays with sales.
    head: () => ({ ...BASE, 'metrics/tickets/orders.yaml': ORDERS }),
    check: (plan) => {
      expect(names(plan)).toEqual(['orders:added'])
      const b = batch(plan, 'orders')
      expect(b.jobsCreated).toContain('orders_ingest')
      expect(b.jobsCreated).toHaveLength(8)
      const ingest = b.schedulesCreated.find((s) => s.part === 'ingest')
      expect(ingest).toMatchObject({
        name: 'orders_ingest_schedule',
        defaultStatus: 'STOPPED',
        cronText: { expression: '15 * * * *', human: 'hourly at :15' }
      })
      expect(b.schedulesCreated.find((s) => s.part === 'llmalert')?.name).toBe(
        'orders_llmalert_disabled_schedule'
      )
    }
  },
  {
    name: 'a deleted batch removes its jobs',
    head: () => without(BASE, SIGNUPS),
    check: (plan) => {
      expect(names(plan)).toEqual(['signups:removed'])
      expect(batch(plan, 'signups').jobsRemoved).toEqual([
        'signups_ingest',
        'signups_train',
        'signups_score',
        'signups_alerts',
        'signups_change',
        'signups_llmalert_disabled',
        'signups_plot_job',
        'signups_delete'
      ])
    }
  },
  {
    name: 'a cron change shows both readings',
    head: () => edit(BASE, SALES, '"*/10 * * * *"', '"0 * * * *"'),
    check: (plan) => {
      expect(names(plan)).toEqual(['sales:changed'])
      const b = batch(plan, 'sales')
      expect(b.cronChanges).toEqual([
        {
          part: 'ingest',
          schedule: 'sales_ingest_schedule',
          before: { expression: '*/10 * * * *', human: 'every 10 minutes' },
          after: { expression: '0 * * * *', human: 'hourly at :00' }
        }
      ])
      expect(b.jobsCreated).toEqual([])
      expect(b.fileChanged).toBe(true)
    }
  },
  {
    name: 'a default status change',
    head: () => ({
      ...BASE,
      [SIGNUPS]: `${BASE[SIGNUPS]}ingest_default_schedule_status: RUNNING\n`
    }),
    check: (plan) => {
      expect(batch(plan, 'signups').statusChanges).toEqual([
        { part: 'ingest', schedule: 'signups_ingest_schedule', before: 'STOPPED', after: 'RUNNING' }
      ])
    }
  },
  {
    name: 'a lower-case status is still STOPPED: no status change',
    head: () => ({
      ...BASE,
      [SIGNUPS]: `${BASE[SIGNUPS]}ingest_default_schedule_status: running\n`
    }),
    check: (plan) => {
      const b = batch(plan, 'signups')
      expect(b.statusChanges).toEqual([])
      expect(b.fileChanged).toBe(true)
    }
  },
  {
    name: 'disable_batch: true disables the batch and removes its jobs',
    head: () => ({ ...BASE, [SIGNUPS]: `${BASE[SIGNUPS]}disable_batch: true\n` }),
    check: (plan) => {
      expect(names(plan)).toEqual(['signups:disabled'])
      const b = batch(plan, 'signups')
      expect(b).toMatchObject({ enabledBefore: true, enabledAfter: false })
      expect(b.jobsRemoved).toHaveLength(8)
      expect(b.schedulesRemoved).toHaveLength(8)
    }
  },
  {
    name: 'a part flag flip swaps the job for its dummy',
    head: () => ({ ...BASE, [SALES]: `${BASE[SALES]}disable_train: true\n` }),
    check: (plan) => {
      const b = batch(plan, 'sales')
      expect(b.kind).toBe('changed')
      expect(b.partsDisabled).toEqual(['train'])
      expect(b.jobsCreated).toEqual(['sales_train_disabled'])
      expect(b.jobsRemoved).toEqual(['sales_train'])
      expect(b.cronChanges).toEqual([])
    }
  },
  {
    name: 'a defaults.yaml cron change affects every batch',
    head: () =>
      edit(BASE, DEFAULTS, 'train_cron_schedule: "0 */6 * * *"', 'train_cron_schedule: "@daily"'),
    check: (plan) => {
      expect(names(plan)).toEqual(['sales:changed', 'signups:changed'])
      for (const name of ['sales', 'signups']) {
        const b = batch(plan, name)
        expect(b.cronChanges.map((c) => [c.schedule, c.before.human, c.after.human])).toEqual([
          [`${name}_train_schedule`, 'every 6 hours at :00', 'daily at 00:00 UTC']
        ])
        expect(b.sharedFiles).toEqual([DEFAULTS])
        expect(b.fileChanged).toBe(false)
      }
      expect(plan.sharedFiles).toEqual([
        { file: DEFAULTS, status: 'modified', isDefaults: true, batches: ['sales', 'signups'] }
      ])
    }
  },
  {
    name: 'a defaults.yaml change with no schedule effect still lists every batch',
    head: () => edit(BASE, DEFAULTS, 'alert_methods: "email"', 'alert_methods: "email,slack"'),
    check: (plan) => {
      expect(plan.sharedFiles.map((s) => s.batches)).toEqual([['sales', 'signups']])
      expect(
        plan.batches.every((b) => b.cronChanges.length === 0 && b.sharedFiles.length === 1)
      ).toBe(true)
    }
  },
  {
    name: 'a changed include affects only the batches that include it',
    head: () => edit(BASE, 'metrics/shared/revenue.sql', '1 as metric_value', '2 as metric_value'),
    check: (plan) => {
      expect(names(plan)).toEqual(['sales:changed'])
      expect(plan.sharedFiles).toEqual([
        {
          file: 'metrics/shared/revenue.sql',
          status: 'modified',
          isDefaults: false,
          batches: ['sales']
        }
      ])
    }
  },
  {
    name: 'a changed include of defaults.yaml affects every batch',
    head: () => edit(BASE, 'metrics/defaults/sql/train.sql', 'select', 'select distinct'),
    check: (plan) => {
      expect(plan.sharedFiles.map((s) => [s.file, s.batches])).toEqual([
        ['metrics/defaults/sql/train.sql', ['sales', 'signups']]
      ])
    }
  },
  {
    name: 'the same metric_batch in another file is a rename, with no job change',
    head: () => {
      const { [SALES]: text, ...rest } = BASE
      return { ...rest, 'metrics/revenue/sales.yaml': text! }
    },
    check: (plan) => {
      expect(names(plan)).toEqual(['sales:renamed'])
      const b = batch(plan, 'sales')
      expect(b).toMatchObject({ previousFile: SALES, file: 'metrics/revenue/sales.yaml' })
      expect(b.previousName).toBeUndefined()
      expect(b.jobsCreated).toEqual([])
      expect(b.jobsRemoved).toEqual([])
    }
  },
  {
    name: 'the same file with a new metric_batch is a rename that renames every job',
    head: () => edit(BASE, SALES, 'metric_batch: "sales"', 'metric_batch: "revenue"'),
    check: (plan) => {
      expect(names(plan)).toEqual(['revenue:renamed'])
      const b = batch(plan, 'revenue')
      expect(b.previousName).toBe('sales')
      expect(b.jobsCreated).toContain('revenue_ingest')
      expect(b.jobsRemoved).toContain('sales_ingest')
      // Same crons: matched by part, so no cron "change" is invented.
      expect(b.cronChanges).toEqual([])
    }
  },
  {
    name: 'a batch sorted before the others moves no summary job: it is global',
    head: () => ({ ...BASE, 'metrics/aaa/aaa.yaml': ORDERS.replace('orders', 'aaa') }),
    check: (plan) => {
      expect(names(plan)).toEqual(['aaa:added'])
      expect(batch(plan, 'aaa').jobsCreated).not.toContain('summary')
      // The new batch inherits the same summary cron: the global summary job does not change.
      expect(plan.globalChanges).toEqual([])
      expect(plan.globalJobs[0]?.variants.map((v) => v.batches)).toEqual([
        ['aaa', 'sales', 'signups']
      ])
    }
  },
  {
    name: 'a batch with its own summary cron makes the summary job depend on the first batch read',
    head: () => ({
      ...BASE,
      'metrics/aaa/aaa.yaml': `${ORDERS.replace('orders', 'aaa')}summary_cron_schedule: "0 6 * * *"\n`
    }),
    check: (plan) => {
      expect(names(plan)).toEqual(['aaa:added'])
      const [change] = plan.globalChanges
      expect(change?.name).toBe('summary')
      expect(change?.after?.origin).toBe('first-batch')
      expect(change?.after?.variants.map((v) => [v.job, v.cron, v.batches])).toEqual([
        ['summary', '0 6 * * *', ['aaa']],
        ['summary', '0 9 * * *', ['sales', 'signups']]
      ])
    }
  },
  {
    name: 'a batch file edited without any Dagster change is listed as config-only',
    head: () => edit(BASE, SALES, '"metrics_sales"', '"metrics_sales_v2"'),
    check: (plan) => {
      const b = batch(plan, 'sales')
      expect(b).toMatchObject({
        kind: 'changed',
        fileChanged: true,
        jobsCreated: [],
        cronChanges: []
      })
    }
  },
  {
    name: 'a batch file that no longer parses is left out, not removed',
    head: () => ({ ...BASE, [SIGNUPS]: 'metric_batch: [unclosed\n' }),
    check: (plan) => {
      expect(plan.batches).toEqual([])
      expect(plan.unreadableFiles).toEqual([SIGNUPS])
    }
  },
  {
    name: 'a README change is an empty plan',
    head: () => ({ ...BASE, 'metrics/sales/README.md': '# Sales\n' }),
    check: (plan) => {
      expect(isEmpty(plan)).toBe(true)
    }
  },
  {
    name: 'no change is an empty plan',
    head: () => BASE,
    check: (plan) => {
      expect(isEmpty(plan)).toBe(true)
      expect(plan.inventory.map((b) => b.name)).toEqual(['sales', 'signups'])
    }
  }
]

describe('computePlan', () => {
  it.each(CASES)('$name', ({ head, check }) => {
    check(planFor(BASE, head()))
  })

  it('re-enabling a batch creates its jobs again', () => {
    const off = { ...BASE, [SIGNUPS]: `${BASE[SIGNUPS]}disable_batch: true\n` }
    const plan = planFor(off, BASE)
    expect(names(plan)).toEqual(['signups:enabled'])
    expect(batch(plan, 'signups').jobsCreated).toHaveLength(8)
  })

  it('an added but disabled batch creates nothing', () => {
    const plan = planFor(BASE, {
      ...BASE,
      'metrics/orders/orders.yaml': `${ORDERS}disable_batch: "no"\n`
    })
    expect(batch(plan, 'orders')).toMatchObject({
      kind: 'added',
      enabledAfter: false,
      jobsCreated: []
    })
  })

  it('a git rename that also changes metric_batch pairs old and new', () => {
    const b = treeOf(BASE)
    const headFiles = without(BASE, SALES)
    headFiles['metrics/revenue/revenue.yaml'] = BASE[SALES]!.replace('"sales"', '"revenue"')
    const h = treeOf(headFiles)
    const plan = computePlan(planModelOf(b), planModelOf(h), {
      files: [{ status: 'renamed', path: 'metrics/revenue/revenue.yaml', previousPath: SALES }]
    })
    expect(names(plan)).toEqual(['revenue:renamed'])
    expect(batch(plan, 'revenue')).toMatchObject({ previousName: 'sales', previousFile: SALES })
  })

  it('is deterministic: the order of the tree entries does not matter', () => {
    const head = {
      ...edit(BASE, DEFAULTS, '"0 9 * * *"', '"0 8 * * *"'),
      'metrics/orders/orders.yaml': ORDERS
    }
    const a = computePlan(planModelOf(treeOf(BASE)), planModelOf(treeOf(head)), {
      files: changedFilesBetween(treeOf(BASE), treeOf(head))
    })
    const b = computePlan(
      planModelOf(treeOf(BASE, 'reversed')),
      planModelOf(treeOf(head, 'reversed')),
      {
        files: [...changedFilesBetween(treeOf(BASE), treeOf(head))].reverse()
      }
    )
    expect(JSON.stringify(b)).toBe(JSON.stringify(a))
  })

  it('without a base, holds only the inventory', () => {
    const plan = computePlan(undefined, planModelOf(treeOf(BASE)))
    expect(plan.compared).toBe(false)
    expect(plan.batches).toEqual([])
    // The summary job is global, not the first batch's.
    const sales = plan.inventory.find((b) => b.name === 'sales')
    expect(sales?.jobs).not.toContain('summary')
    expect(sales?.schedules.map((s) => s.part)).not.toContain('summary')
    expect(plan.globalJobs.map((j) => [j.name, j.origin])).toEqual([
      ['summary', 'first-batch'],
      ['cleanup_disk_space', 'fixed'],
      ['retention_cleanup', 'fixed']
    ])
    expect(plan.globalJobs[0]?.variants[0]).toMatchObject({
      schedule: 'summary_schedule',
      defaultStatus: 'RUNNING',
      cronText: { human: 'daily at 09:00 UTC' }
    })
    expect(plan.sensors).toEqual([
      'config_file_watcher_disabled',
      'email_on_run_failure',
      'kill_long_running_runs'
    ])
  })

  it('models the global jobs and sensors the environment changes', () => {
    const env = {
      ANOMSTACK_AUTO_CONFIG_RELOAD: 'True',
      ANOMSTACK_CONFIG_RELOAD_CRON: '*/10 * * * *',
      ANOMSTACK_RETENTION_ENABLED: 'no',
      ANOMSTACK_RETENTION_SCHEDULE: '0 3 * * *',
      ANOMSTACK_CONFIG_WATCHER: 'true'
    }
    const model = planModelOf(treeOf(BASE), {}, env)
    const byName = new Map(model.globalJobs.map((j) => [j.name, j.variants[0]]))
    expect(byName.get('retention_cleanup')).toMatchObject({
      cron: '0 3 * * *',
      defaultStatus: 'STOPPED'
    })
    expect(byName.get('config_reload')).toMatchObject({
      schedule: 'config_reload_schedule',
      cron: '*/10 * * * *',
      defaultStatus: 'STOPPED'
    })
    expect(model.sensors).toContain('config_file_watcher')
    // DAGSTER_DEV alone turns on both the reload job and the watcher.
    const dev = planModelOf(treeOf(BASE), {}, { DAGSTER_DEV: 'true' })
    expect(dev.globalJobs.map((j) => j.name)).toContain('config_reload')
    expect(dev.sensors).toContain('config_file_watcher')
  })

  it('a disabled summary is a `<batch>_summary_disabled` job whichever batch is read first', () => {
    const head = {
      ...BASE,
      'metrics/aaa/aaa.yaml': `${ORDERS.replace('orders', 'aaa')}disable_summary: true\n`
    }
    const model = planModelOf(treeOf(head))
    expect(model.globalJobs[0]?.variants.map((v) => [v.job, v.batches])).toEqual([
      ['aaa_summary_disabled', ['aaa']],
      ['summary', ['sales', 'signups']]
    ])
  })

  it('without changed files, still diffs jobs and schedules but names no shared file', () => {
    const head = edit(
      BASE,
      DEFAULTS,
      'train_cron_schedule: "0 */6 * * *"',
      'train_cron_schedule: "@daily"'
    )
    const plan = computePlan(planModelOf(treeOf(BASE)), planModelOf(treeOf(head)))
    expect(names(plan)).toEqual(['sales:changed', 'signups:changed'])
    expect(plan.sharedFiles).toEqual([])
  })
})
