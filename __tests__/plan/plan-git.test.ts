/**
 * The plan on real git repositories: the CLI compares the working tree with a ref, the action's
 * section compares two commits. One scenario per kind of change the issue names.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { runPlan } from '../../src/cli/plan-command.js'
import type { PlanArgs } from '../../src/cli/args.js'
import { computePlan, type Plan } from '../../src/plan/compute-plan.js'
import { planModelOf } from '../../src/plan/model.js'
import { changedFilesBetween } from '../../src/plan/tree-diff.js'
import { planSectionFromResults, type PlanSection } from '../../src/plan/section.js'
import { validateTree } from '../../src/validate.js'
import { readMetricsTree } from '../../src/config/read-tree.js'
import { readTreeAtRevision } from '../../src/action/base-tree.js'
import type { ChangedFile } from '../../src/changes/changed-file.js'
import { PLAN_MARKER } from '../../src/plan/render-plan.js'
import { diffNameStatus } from '../../src/changes/git.js'
import { Repo, TempDirs } from '../changes/git-fixture.js'
import { fixtureFiles } from './helpers.js'

const temp = new TempDirs()
afterEach(() => temp.cleanup())

const DEFAULTS = 'metrics/defaults/defaults.yaml'
const SALES = 'metrics/sales/sales.yaml'
const SIGNUPS = 'metrics/signups/signups.yaml'

function baseRepo(): Repo {
  const repo = temp.repo()
  for (const [p, text] of Object.entries(fixtureFiles())) repo.write(p, text)
  repo.commit('base')
  repo.git('tag', 'base')
  return repo
}

function editFile(repo: Repo, file: string, from: string, to: string): void {
  const abs = path.join(repo.dir, file)
  const text = repo.git('show', `HEAD:${file}`)
  const next = `${text}\n`.replace(from, to)
  if (next === `${text}\n`) throw new Error(`${from} not in ${file}`)
  writeFileSync(abs, next)
}

interface Captured {
  code: number
  stdout: string
  stderr: string
}

async function cli(
  repo: Repo,
  overrides: Partial<PlanArgs> = {},
  cwd = repo.dir
): Promise<Captured> {
  const out: Captured = { code: -1, stdout: '', stderr: '' }
  out.code = await runPlan(
    {
      command: 'plan',
      metricsDir: 'metrics',
      repo: undefined,
      base: 'base',
      format: 'json',
      ...overrides
    },
    {
      cwd,
      stdout: (t) => void (out.stdout += t),
      stderr: (t) => void (out.stderr += t),
      color: false
    }
  )
  return out
}

async function planJson(repo: Repo): Promise<Plan> {
  const r = await cli(repo)
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout) as Plan
}

const kinds = (p: Plan): string[] => p.batches.map((b) => `${b.name}:${b.kind}`)

interface Scenario {
  readonly name: string
  readonly change: (repo: Repo) => void
  readonly check: (plan: Plan) => void
  /** Text the terminal rendering must show. */
  readonly text: readonly string[]
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'a new batch',
    change: (r) => {
      r.write('metrics/tickets/tickets.yaml', 'metric_batch: "tickets"\ningest_sql: "select 1"\n')
    },
    check: (p) => {
      expect(kinds(p)).toEqual(['tickets:added'])
      expect(p.batches[0]!.jobsCreated).toHaveLength(8)
    },
    text: [
      '+ tickets added',
      '+ job tickets_ingest, schedule tickets_ingest_schedule: */3 * * * * (every 3 minutes), STOPPED'
    ]
  },
  {
    name: 'a deleted batch',
    change: (r) => r.rm(SIGNUPS),
    check: (p) => {
      expect(kinds(p)).toEqual(['signups:removed'])
      expect(p.batches[0]!.jobsRemoved).toContain('signups_ingest')
    },
    text: ['- signups removed', '- job signups_delete, schedule signups_delete_schedule']
  },
  {
    name: 'a cron change',
    change: (r) => editFile(r, SALES, '"*/10 * * * *"', '"0 * * * *"'),
    check: (p) => {
      expect(kinds(p)).toEqual(['sales:changed'])
      expect(
        p.batches[0]!.cronChanges.map((c) => [c.schedule, c.before.human, c.after.human])
      ).toEqual([['sales_ingest_schedule', 'every 10 minutes', 'hourly at :00']])
    },
    text: [
      '~ cron sales_ingest_schedule: */10 * * * * (every 10 minutes) -> 0 * * * * (hourly at :00)'
    ]
  },
  {
    name: 'a disable_batch flip',
    change: (r) => r.write(SIGNUPS, `${r.git('show', `HEAD:${SIGNUPS}`)}\ndisable_batch: true\n`),
    check: (p) => {
      expect(kinds(p)).toEqual(['signups:disabled'])
      expect(p.batches[0]).toMatchObject({ enabledBefore: true, enabledAfter: false })
      expect(p.batches[0]!.jobsRemoved).toHaveLength(8)
    },
    text: ['- signups disabled']
  },
  {
    name: 'a defaults.yaml change that affects every batch',
    change: (r) =>
      editFile(
        r,
        DEFAULTS,
        "score_default_schedule_status: 'STOPPED'",
        "score_default_schedule_status: 'RUNNING'"
      ),
    check: (p) => {
      expect(kinds(p)).toEqual(['sales:changed', 'signups:changed'])
      for (const b of p.batches) {
        expect(b.statusChanges).toEqual([
          {
            part: 'score',
            schedule: `${b.name}_score_schedule`,
            before: 'STOPPED',
            after: 'RUNNING'
          }
        ])
      }
      expect(p.sharedFiles).toEqual([
        { file: DEFAULTS, status: 'modified', isDefaults: true, batches: ['sales', 'signups'] }
      ])
    },
    text: ['metrics/defaults/defaults.yaml (modified) affects every batch (2): sales, signups']
  },
  {
    name: 'a changed include',
    change: (r) =>
      editFile(r, 'metrics/shared/revenue.sql', '1 as metric_value', '100 as metric_value'),
    check: (p) => {
      expect(kinds(p)).toEqual(['sales:changed'])
      expect(p.sharedFiles.map((s) => [s.file, s.batches])).toEqual([
        ['metrics/shared/revenue.sql', ['sales']]
      ])
    },
    text: ['metrics/shared/revenue.sql (modified) affects 1 batch: sales']
  }
]

describe('anomstack-hot-reload plan --base (working tree vs a ref)', () => {
  it.each(SCENARIOS)('$name', async ({ change, check, text }) => {
    const repo = baseRepo()
    change(repo)
    const plan = await planJson(repo)
    check(plan)
    // The CLI shares one parse cache and memo between head and base: the plan is exactly the
    // one two independent validations give.
    const load = { maxBytes: 1024 * 1024 }
    const baseTree = await readTreeAtRevision(repo.dir, 'base', 'metrics', load.maxBytes)
    const headTree = await readMetricsTree(repo.dir, 'metrics', load)
    const separate = computePlan(planModelOf(baseTree, load), planModelOf(headTree, load), {
      files: changedFilesBetween(baseTree, headTree)
    })
    const { base, ...rest } = plan as Plan & { base: unknown }
    expect(base).toMatchObject({ ref: 'base' })
    expect(rest).toEqual(JSON.parse(JSON.stringify(separate)))
    const t = await cli(repo, { format: 'text' })
    expect(t.code).toBe(0)
    for (const line of text) expect(t.stdout).toContain(line)
  })

  it('sees committed changes too, and runs from a subfolder', async () => {
    const repo = baseRepo()
    editFile(repo, SALES, '"*/10 * * * *"', '"*/15 * * * *"')
    repo.commit('faster')
    const r = await cli(repo, { metricsDir: '.' }, path.join(repo.dir, 'metrics'))
    expect(r.code).toBe(0)
    const plan = JSON.parse(r.stdout) as Plan & { base: { sha: string } }
    expect(kinds(plan)).toEqual(['sales:changed'])
    expect(plan.base.sha).toBe(repo.git('rev-parse', 'base'))
  })

  it('an unchanged tree prints an empty plan and exits 0', async () => {
    const repo = baseRepo()
    const r = await cli(repo, { format: 'text' })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('No change to Dagster jobs, schedules or batch configs.')
  })

  it('an unknown ref exits 2', async () => {
    const repo = baseRepo()
    const r = await cli(repo, { base: 'no-such-branch' })
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/not a commit/)
  })

  it('a ref that looks like an option exits 2 without running it', async () => {
    const repo = baseRepo()
    const r = await cli(repo, { base: '--output=/tmp/x' })
    expect(r.code).toBe(2)
  })

  it('outside a git repository exits 2', async () => {
    const dir = temp.make('plain-')
    mkdirSync(path.join(dir, 'metrics'))
    const r = await runPlan(
      { command: 'plan', metricsDir: 'metrics', repo: undefined, base: 'main', format: 'text' },
      { cwd: dir, stdout: () => undefined, stderr: () => undefined, color: false }
    )
    expect(r).toBe(2)
  })

  it('a metrics folder that is new since the base shows every batch as added', async () => {
    const repo = temp.repo()
    repo.write('README.md', 'x\n')
    repo.commit('empty')
    repo.git('tag', 'base')
    for (const [p, text] of Object.entries(fixtureFiles())) repo.write(p, text)
    expect(kinds(await planJson(repo))).toEqual(['sales:added', 'signups:added'])
  })
})

/** The section as the action builds it: both trees validated, then the pure section. */
async function sectionOf(
  dir: string,
  base: string | undefined,
  changes: readonly ChangedFile[] | undefined
): Promise<PlanSection> {
  const load = { maxBytes: 1024 * 1024 }
  return planSectionFromResults({
    base:
      base === undefined
        ? undefined
        : validateTree(await readTreeAtRevision(dir, base, 'metrics', load.maxBytes), load),
    head: validateTree(await readMetricsTree(dir, 'metrics', load), load),
    changes
  })
}

describe('the plan section (the action: base commit vs head commit)', () => {
  it('renders the summary section and a marked comment for a real diff', async () => {
    const repo = baseRepo()
    const base = repo.head()
    editFile(repo, DEFAULTS, 'train_cron_schedule: "0 */6 * * *"', 'train_cron_schedule: "@daily"')
    repo.write(
      'metrics/tickets/tickets.yaml',
      'metric_batch: "tickets<b>"\ningest_sql: "select 1"\n'
    )
    const head = repo.commit('head')
    const s = await sectionOf(repo.dir, base, await diffNameStatus(repo.dir, base, head))
    expect(s.empty).toBe(false)
    expect(kinds(s.plan)).toEqual(['sales:changed', 'signups:changed', 'tickets<b>:added'])
    expect(s.plan.sharedFiles.map((f) => f.batches)).toEqual([['sales', 'signups', 'tickets<b>']])
    expect(s.markdown.startsWith('### 🗺️ Dagster plan')).toBe(true)
    expect(s.markdown).toContain('tickets&lt;b&gt;')
    expect(s.markdown).not.toContain('tickets<b>')
    expect(s.commentBody?.startsWith(`${PLAN_MARKER}\n## `)).toBe(true)
    expect(s.text).toContain('every 6 hours at :00) -> @daily (daily at 00:00 UTC)')
  })

  it('an empty plan has no comment body (the sticky comment is deleted)', async () => {
    const repo = baseRepo()
    const base = repo.head()
    repo.write('metrics/sales/README.md', '# notes\n')
    const head = repo.commit('docs')
    const s = await sectionOf(repo.dir, base, await diffNameStatus(repo.dir, base, head))
    expect(s.empty).toBe(true)
    expect(s.commentBody).toBeUndefined()
    expect(s.markdown).toContain('No change to Dagster jobs')
  })

  it('without a validated base it shows the inventory of what head creates', async () => {
    const repo = baseRepo()
    const s = await sectionOf(repo.dir, undefined, undefined)
    expect(s.empty).toBe(true)
    expect(s.commentBody).toBeUndefined()
    expect(s.plan.compared).toBe(false)
    expect(s.plan.inventory.map((b) => b.name)).toEqual(['sales', 'signups'])
    expect(s.markdown).toContain('What Anomstack will create: 2 batches')
  })
})
