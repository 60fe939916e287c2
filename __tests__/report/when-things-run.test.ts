import { describe, expect, it } from 'vitest'
import { computePlan, type Plan } from '../../src/plan/compute-plan.js'
import { planModelOf } from '../../src/plan/model.js'
import { barRow, renderWhenThingsRun, runsByHour } from '../../src/plan/when-things-run.js'
import { memoryTree } from '../helpers/tree.js'

/** A plan of `n` batches, each with the given ingest cron (other parts keep the defaults). */
/** Crons for every other part, STOPPED by default (summary runs daily at 23:30, RUNNING). */
const DEFAULTS = ['train', 'score', 'alert', 'change', 'llmalert', 'plot', 'delete']
  .map((p) => `${p}_cron_schedule: "0 12 * * *"\n`)
  .join('')
  .concat('summary_cron_schedule: "30 23 * * *"\n')

function planOf(batches: Record<string, string>, defaults = DEFAULTS): Plan {
  const files: Record<string, string> = { 'defaults/defaults.yaml': defaults }
  for (const [name, cron] of Object.entries(batches)) {
    files[`${name}/${name}.yaml`] =
      `metric_batch: ${name}\ningest_sql: select 1\ningest_cron_schedule: "${cron}"\n` +
      'ingest_default_schedule_status: RUNNING\n'
  }
  return computePlan(undefined, planModelOf(memoryTree(files)))
}

describe('runsByHour', () => {
  it('counts runs per hour of RUNNING schedules, so fifty jobs at :00 stand out', () => {
    const batches: Record<string, string> = {}
    for (let i = 0; i < 50; i++) batches[`b${i}`] = '0 * * * *'
    batches['quarter'] = '*/15 9-10 * * *'
    const r = runsByHour(planOf(batches), true)
    // 51 ingest schedules and the global ones: summary (23:30), cleanup_disk_space (every 2 h)
    // and retention_cleanup (every 6 h), all RUNNING by default.
    expect(r.schedules).toBe(54)
    expect(r.hours[0]).toBe(52)
    expect(r.hours[9]).toBe(54)
    expect(r.hours[10]).toBe(55)
    expect(r.hours[23]).toBe(51)
    expect(r.peak).toEqual({ minute: 0, runs: 52 })
    expect(r.hours.reduce((a, b) => a + b, 0)).toBe(50 * 24 + 8 + 1 + 12 + 4)
  })

  it('leaves STOPPED schedules out unless asked for all', () => {
    const plan = planOf({ a: '30 6 * * *' })
    const running = runsByHour(plan, true)
    const all = runsByHour(plan, false)
    // ingest, summary, cleanup_disk_space and retention_cleanup are RUNNING; the 7 others STOPPED.
    expect(running.schedules).toBe(4)
    expect(running.hours[12]).toBe(2)
    expect(all.schedules).toBe(11)
    expect(all.hours[12]).toBe(9)
  })

  it('counts crons Dagster rejects or randomises as left out, not as runs', () => {
    const r = runsByHour(planOf({ bad: '0 25 * * *', ok: '0 3 * * *' }), true)
    expect(r.schedules).toBe(4)
    expect(r.uncounted).toBe(1)
    expect(r.hours[3]).toBe(1)
    expect(r.hours[25 % 24]).toBe(0)
  })
})

describe('renderWhenThingsRun', () => {
  it('scales bars to the busiest hour and shows a dot for an idle hour', () => {
    expect(barRow([0, 1, 4, 8])).toEqual(['·', '▁', '▄', '█'])
  })

  it('renders the running view and a collapsed view of all schedules', () => {
    const html = renderWhenThingsRun(planOf({ a: '0 * * * *' }))
    expect(html).toMatch(/^### 🕒 When things run\n/)
    expect(html).toContain('Busiest minute: <strong>00:00</strong>')
    expect(html.indexOf('<details>')).toBeGreaterThan(html.indexOf('Running by default'))
    expect(html.match(/<details>/g)).toHaveLength(1)
    expect(html.match(/<\/details>/g)).toHaveLength(1)
    // No blank line inside: it would end the HTML block on GitHub.
    expect(html.trimEnd()).not.toMatch(/\n\s*\n(?!<)/)
  })

  it('draws hours, bars and counts as three aligned monospace rows', () => {
    const html = renderWhenThingsRun(planOf({ a: '0 * * * *', b: '*/5 3 * * *' }))
    const rows = /<pre>(.*?)<\/pre>/.exec(html)![1]!.split('&#10;')
    expect(rows).toHaveLength(3)
    expect(rows[0]).toMatch(/^hour 00 01 02 03 /)
    // Hour 0 also has cleanup_disk_space and retention_cleanup, hour 2 cleanup_disk_space.
    expect(rows[2]).toMatch(/^runs {2}3 {2}1 {2}2 13 /)
    expect(rows[1]!.slice(5, 16)).toBe(' ▂  ▁  ▂  █')
    expect(new Set(rows.map((r) => [...r].length)).size).toBe(1)
  })

  it('is empty when nothing is scheduled', () => {
    expect(renderWhenThingsRun({ ...planOf({}), inventory: [], globalJobs: [] })).toBe('')
  })
})
