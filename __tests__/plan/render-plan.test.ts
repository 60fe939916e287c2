import { describe, expect, it } from 'vitest'
import { computePlan, type Plan } from '../../src/plan/compute-plan.js'
import { planModelOf } from '../../src/plan/model.js'
import { changedFilesBetween } from '../../src/plan/tree-diff.js'
import {
  PLAN_MARKER,
  renderPlanComment,
  renderPlanMarkdown,
  renderPlanText
} from '../../src/plan/render-plan.js'
import { edit, fixtureFiles, treeOf, type Files } from './helpers.js'

const BASE = fixtureFiles()
const SALES = 'metrics/sales/sales.yaml'

function planFor(head: Files, base: Files = BASE): Plan {
  const b = treeOf(base)
  const h = treeOf(head)
  return computePlan(planModelOf(b), planModelOf(h), { files: changedFilesBetween(b, h) })
}

/** A batch whose name, cron and file name try HTML, Markdown links and workflow commands. */
const HOSTILE_NAME = 'x<img src=y>[a](javascript:1)\n::error::owned ##[warning]bad'
const hostile = (): Files => ({
  ...BASE,
  'metrics/zz/<b>evil.yaml': [
    `metric_batch: ${JSON.stringify(HOSTILE_NAME)}`,
    'ingest_sql: "select 1"',
    'ingest_cron_schedule: "*/5 * * * * <script>"',
    ''
  ].join('\n')
})

describe('renderPlanMarkdown', () => {
  it('escapes every YAML-derived string', () => {
    const md = renderPlanMarkdown(planFor(hostile()))
    expect(md).not.toContain('<img')
    expect(md).not.toContain('<script')
    expect(md).not.toContain('<b>evil')
    expect(md).not.toContain('[a](')
    expect(md).toContain(
      'x&lt;img src=y&gt;&#91;a&#93;(javascript:1)<br>::error::owned ##&#91;warning&#93;bad'
    )
    expect(md).toContain('&lt;b&gt;evil.yaml')
  })

  it('shows a cron change with both human readings', () => {
    const md = renderPlanMarkdown(planFor(edit(BASE, SALES, '"*/10 * * * *"', '"0 * * * *"')))
    expect(md).toContain(
      'cron of <code>sales_ingest_schedule</code>: <code>*/10 * * * *</code> (every 10 minutes) → <code>0 * * * *</code> (hourly at :00)'
    )
    expect(md).toContain('<p>1 changed · 1 cron change</p>')
  })

  it('lists a shared file with every batch it affects, without a row per batch', () => {
    const md = renderPlanMarkdown(
      planFor(
        edit(
          BASE,
          'metrics/defaults/defaults.yaml',
          'alert_methods: "email"',
          'alert_methods: "slack"'
        )
      )
    )
    expect(md).toContain(
      '<code>metrics/defaults/defaults.yaml</code> (modified) affects every batch (2): <code>sales</code>, <code>signups</code>'
    )
    expect(md).not.toContain('<table>\n<thead><tr><th>Batch</th><th>Change</th>')
  })

  it('says so when nothing changes, and still shows the inventory', () => {
    const md = renderPlanMarkdown(planFor(BASE))
    expect(md).toContain('No change to Dagster jobs, schedules or batch configs.')
    expect(md).toContain(
      '<details><summary>What Anomstack will create: 2 batches, 16 jobs and 16 schedules (0 running by default)</summary>'
    )
    // The summary job is in its own group, never in a batch's rows.
    expect(md).not.toContain('<td><code>summary_schedule</code></td>')
    expect(md).toContain(
      '<details><summary>Global jobs (not tied to a batch): 3 jobs, 3 sensors</summary>'
    )
    expect(md).toContain(
      '<li><code>summary</code>: <code>summary</code> <code>0 9 * * *</code> (<code>daily at 09:00 UTC</code>), RUNNING: every batch gives the same'
    )
    expect(md).toContain(
      '<li><code>retention_cleanup</code>: <code>retention_cleanup</code> <code>0 */6 * * *</code>'
    )
  })

  it("shows a summary job the batches disagree on as one of several, never as one batch's", () => {
    const head = {
      ...BASE,
      'metrics/aaa/aaa.yaml': 'metric_batch: aaa\nsummary_cron_schedule: "0 6 * * *"\n'
    }
    const plan = planFor(head)
    const md = renderPlanMarkdown(plan)
    expect(md).toContain('Global jobs that change:')
    expect(md).toContain(
      'from the first batch Anomstack reads (os.walk order, not knowable here), one of:'
    )
    const text = renderPlanText(plan, { color: false })
    expect(text).toContain('~ global job summary: from the first batch Anomstack reads')
    expect(text).toContain('from aaa')
  })

  it('stays within its byte budget however many batches change', () => {
    const many: Files = { ...BASE }
    for (let i = 0; i < 400; i++) {
      many[`metrics/bulk/b${String(i).padStart(3, '0')}.yaml`] =
        `metric_batch: "bulk_${i}"\ningest_sql: "select 1"\n`
    }
    const md = renderPlanMarkdown(planFor(many), { budgetBytes: 20_000 })
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(20_000)
    expect(md).toMatch(/… and \d+ more batches/)
    expect(md).toContain('<p>400 batches added · ')
  })

  it('the comment starts with the hidden marker and a level-2 heading', () => {
    const body = renderPlanComment(planFor(edit(BASE, SALES, '"*/10 * * * *"', '"0 * * * *"')))
    expect(body.startsWith(`${PLAN_MARKER}\n## 🗺️ Dagster plan`)).toBe(true)
  })
})

describe('renderPlanText', () => {
  it('no line can become a workflow command, and names stay on one line', () => {
    const text = renderPlanText(planFor(hostile()), { color: false })
    for (const line of text.split('\n')) {
      expect(line.trimStart().startsWith('::')).toBe(false)
      expect(line).not.toContain('##[')
    }
    expect(text).toContain(
      '+ x<img src=y>[a](javascript:1)\\n::error::owned #\\#[warning]bad added'
    )
  })

  it('colours only when asked', () => {
    const plan = planFor(edit(BASE, SALES, '"*/10 * * * *"', '"0 * * * *"'))
    expect(renderPlanText(plan, { color: false })).not.toContain('\x1b[')
    const coloured = renderPlanText(plan, { color: true })
    expect(coloured).toContain('\x1b[33m~ sales changed\x1b[0m')
  })

  it('control characters from YAML are shown, not sent to the terminal', () => {
    const plan = planFor({
      ...BASE,
      'metrics/zz/z.yaml': 'metric_batch: "bell\\x07\\x1b[31mred"\ningest_sql: "select 1"\n'
    })
    const text = renderPlanText(plan, { color: false })
    expect(text).not.toContain('\x1b')
    expect(text).toContain('bell\\x07\\x1b[31mred')
  })

  it('without a base, lists what the tree creates', () => {
    const text = renderPlanText(computePlan(undefined, planModelOf(treeOf(BASE))), { color: false })
    expect(text).toContain('No base to compare with')
    expect(text).toContain(
      '    signups_ingest_schedule: 30 6 * * * (daily at 06:30 UTC), STOPPED\n'
    )
  })
})
