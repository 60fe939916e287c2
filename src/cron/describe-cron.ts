import { validateCron, type CronValue } from './parse-cron.js'

// @hourly and @daily need no entry: the parser expands them to fields that read the same.
const ALIAS_TEXT = new Map<string, string>([
  ['@midnight', 'daily at 00:00 UTC'],
  ['@weekly', 'weekly on Sunday at 00:00 UTC'],
  ['@monthly', 'monthly on day 1 at 00:00 UTC'],
  ['@yearly', 'yearly on 1 January at 00:00 UTC'],
  ['@annually', 'yearly on 1 January at 00:00 UTC']
])

const pad = (n: number): string => String(n).padStart(2, '0')

/** The step of `values` when they are 0, s, 2s, ... filling the whole cycle evenly; else undefined. */
function evenStep(values: readonly CronValue[], cycle: number): number | undefined {
  // NaN (no second value, or '*') fails the length check below.
  const step = Number(values[1])
  if (values.length * step !== cycle) return undefined
  return values.every((v, i) => v === i * step) ? step : undefined
}

/**
 * A short human reading of a cron string as Dagster will run it (schedules run in UTC in
 * Anomstack): "every 10 minutes", "hourly at :00", "daily at 06:45 UTC". Anything less common
 * falls back to the expression itself.
 */
export function describeCron(text: string): string {
  const alias = ALIAS_TEXT.get(text.toLowerCase())
  if (alias) return alias
  const check = validateCron(text)
  if (!check.ok || check.fields.random) return text
  const { minute, hour, dayOfMonth, month, dayOfWeek } = check.fields
  const everyDay = [dayOfMonth, month, dayOfWeek].every((f) => f.length === 1 && f[0] === '*')
  if (!everyDay) return text
  const allHours = hour.length === 1 && hour[0] === '*'
  const m = minute.length === 1 ? minute[0] : undefined
  const h = hour.length === 1 ? hour[0] : undefined
  if (allHours) {
    if (m === '*') return 'every minute'
    if (typeof m === 'number') return `hourly at :${pad(m)}`
    const step = evenStep(minute, 60)
    if (step !== undefined) return `every ${step} minutes`
    return text
  }
  if (typeof m !== 'number') return text
  if (typeof h === 'number') return `daily at ${pad(h)}:${pad(m)} UTC`
  const hourStep = evenStep(hour, 24)
  if (hourStep !== undefined) return `every ${hourStep} hours at :${pad(m)}`
  return text
}
