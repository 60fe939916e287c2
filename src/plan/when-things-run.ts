/**
 * "When things run": how many scheduled runs fall in each hour of the day (UTC), for people who
 * would rather look than read, so that fifty jobs all firing at :00 stand out. Pure.
 *
 * Counted per schedule on a day it runs: the minute and hour fields decide, the day-of-month,
 * month and weekday fields are ignored (a weekly job counts on its day). Crons Dagster rejects,
 * and `R` (random) crons, are left out and counted as such.
 */
import { validateCron, type CronValue } from '../cron/parse-cron.js'
import { escapeHtmlInline } from '../report/escape.js'
import type { Plan } from './compute-plan.js'

export interface RunsByHour {
  /** 24 counts, hour 0 first. */
  readonly hours: readonly number[]
  /** Schedules counted. */
  readonly schedules: number
  /** Schedules left out: invalid or random crons. */
  readonly uncounted: number
  /** The busiest minute of the day (0-1439) and its runs, when anything runs. */
  readonly peak?: { readonly minute: number; readonly runs: number }
}

const expand = (values: readonly CronValue[], size: number): number[] =>
  values.includes('*')
    ? Array.from({ length: size }, (_, i) => i)
    : values.filter((v): v is number => typeof v === 'number')

/** Runs per minute of the day for one cron text, or undefined when it cannot be counted. */
function minutesOf(cron: string): Uint16Array | undefined {
  const check = validateCron(cron)
  if (!check.ok || check.fields.random) return undefined
  const out = new Uint16Array(1440)
  for (const h of expand(check.fields.hour, 24))
    for (const m of expand(check.fields.minute, 60)) out[h * 60 + m] = 1
  return out
}

/**
 * Runs per hour across the schedules of enabled batches and the global jobs; `runningOnly` keeps those RUNNING by
 * default. Each distinct cron text is expanded once (configs repeat a few crons everywhere), so
 * the cost is one 1,440-slot pass per distinct cron plus one per schedule.
 */
export function runsByHour(plan: Plan, runningOnly: boolean): RunsByHour {
  const byCron = new Map<string, number>()
  let schedules = 0
  let uncounted = 0
  for (const batch of plan.inventory) {
    if (!batch.enabled) continue
    for (const s of batch.schedules) {
      if (runningOnly && s.defaultStatus !== 'RUNNING') continue
      const crons = s.cron === undefined ? [] : typeof s.cron === 'string' ? [s.cron] : s.cron
      if (crons.length === 0) {
        uncounted++
        continue
      }
      schedules++
      for (const c of crons) byCron.set(c, (byCron.get(c) ?? 0) + 1)
    }
  }
  // Global jobs (summary, cleanup, retention, config reload) run once per location. A summary job
  // whose candidate first batches disagree on its cron or status is unknowable: left out.
  for (const g of plan.globalJobs) {
    const first = g.variants[0]
    if (!first) continue
    const same = g.variants.every(
      (v) =>
        JSON.stringify(v.cron) === JSON.stringify(first.cron) &&
        v.defaultStatus === first.defaultStatus
    )
    if (!same) {
      uncounted++
      continue
    }
    if (runningOnly && first.defaultStatus !== 'RUNNING') continue
    const crons =
      first.cron === undefined ? [] : typeof first.cron === 'string' ? [first.cron] : first.cron
    if (crons.length === 0) {
      uncounted++
      continue
    }
    schedules++
    for (const c of crons) byCron.set(c, (byCron.get(c) ?? 0) + 1)
  }
  const minutes = new Float64Array(1440)
  for (const [cron, n] of byCron) {
    const slots = minutesOf(cron)
    if (!slots) {
      uncounted += n
      schedules -= n
      continue
    }
    for (let i = 0; i < 1440; i++) if (slots[i]) minutes[i]! += n
  }
  const hours = Array.from({ length: 24 }, () => 0)
  let peak: { minute: number; runs: number } | undefined
  for (let i = 0; i < 1440; i++) {
    const runs = minutes[i]!
    hours[Math.floor(i / 60)]! += runs
    if (runs > 0 && (!peak || runs > peak.runs)) peak = { minute: i, runs }
  }
  return { hours, schedules: Math.max(0, schedules), uncounted, ...(peak ? { peak } : {}) }
}

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█']

/** One bar per hour, scaled to the busiest hour; `·` for an hour with no run. */
export function barRow(hours: readonly number[]): string[] {
  const max = Math.max(0, ...hours)
  return hours.map((n) =>
    n === 0 ? '·' : BARS[Math.min(BARS.length - 1, Math.ceil((n / max) * BARS.length) - 1)]!
  )
}

const hh = (n: number): string => String(n).padStart(2, '0')

/**
 * Three aligned rows in a `<pre>` (hours, bars, counts): 24 table columns would not fit GitHub's
 * summary width, a monospace row does. Rows are joined with `&#10;` so no raw line break can end
 * the HTML block.
 */
function chart(r: RunsByHour): string {
  const width = Math.max(2, ...r.hours.map((n) => String(n).length))
  const cell = (s: string): string => s.padStart(width)
  const rows = [
    `hour ${r.hours.map((_, h) => cell(hh(h))).join(' ')}`,
    `     ${barRow(r.hours).map(cell).join(' ')}`,
    `runs ${r.hours.map((n) => cell(String(n))).join(' ')}`
  ]
  return `<pre>${rows.join('&#10;')}</pre>`
}

function facts(r: RunsByHour, what: string): string {
  const peak = r.peak
    ? ` Busiest minute: <strong>${hh(Math.floor(r.peak.minute / 60))}:${hh(r.peak.minute % 60)}</strong>, ${r.peak.runs} run${r.peak.runs === 1 ? '' : 's'} at once.`
    : ''
  const left = r.uncounted > 0 ? ` (${r.uncounted} with an invalid or random cron left out)` : ''
  return `${escapeHtmlInline(what)}: ${r.schedules} schedule${r.schedules === 1 ? '' : 's'}${left}, runs per hour of the day on a day each runs.${peak}`
}

/**
 * The section for the job summary: the schedules RUNNING by default, then (collapsed) all of
 * them. Empty when the plan has no schedule.
 */
export function renderWhenThingsRun(plan: Plan): string {
  const all = runsByHour(plan, false)
  if (all.schedules + all.uncounted === 0) return ''
  const running = runsByHour(plan, true)
  const main =
    running.schedules > 0
      ? `<p>${facts(running, 'Running by default')}</p>\n${chart(running)}\n`
      : '<p>No schedule is RUNNING by default.</p>\n'
  return (
    '### 🕒 When things run\n\n' +
    main +
    `<details><summary>All schedules, including those STOPPED by default</summary>\n<p>${facts(all, 'All')}</p>\n${chart(all)}\n</details>\n`
  )
}
