import { describe, expect, it } from 'vitest'
import { validateCron } from '../../src/cron/parse-cron.js'
import { describeCron } from '../../src/cron/describe-cron.js'

describe('validateCron', () => {
  it.each([
    ['60 * * * *', 1],
    ['0 24 * * *', 3],
    ['0  0\t0 * *', 6],
    ['0 0 * 0 *', 7],
    ['0 0 * * 8', 9],
    ['*/5 * * * 5L', 11],
    ['0 0 30 2 *', 5],
    ['@reboot', 1],
    ['  @every 5m', 3]
  ])('rejects %j and points at column %i', (text, column) => {
    const r = validateCron(text)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.column).toBe(column)
  })

  it.each([['* * * *'], ['0 0 * * * 2024'], ['']])('rejects %j for its field count', (text) => {
    const r = validateCron(text)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.column).toBeUndefined()
  })

  it('explains out-of-range values with the field name', () => {
    const r = validateCron('0 0 32 * *')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toMatch(/day-of-month/)
  })

  it('reports collapsing steps with field, step and range top', () => {
    const r = validateCron('*/180 */24 * * *')
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.stepOverflow).toEqual([
        { field: 'minute', step: 180, max: 59 },
        { field: 'hour', step: 24, max: 23 }
      ])
      expect(r.fields.minute).toEqual([0])
    }
  })

  it('treats an R field that can be invalid as invalid (Dagster would fail at random)', () => {
    expect(validateCron('r(0-100) * * * *').ok).toBe(false)
    expect(validateCron('0 0 r 2 *').ok).toBe(false)
    expect(validateCron('r/70 * * * *').ok).toBe(false)
    const ok = validateCron('r(0-29) * * * *')
    expect(ok.ok && ok.fields.random).toBe(true)
  })

  it('does not treat non-Python whitespace as a separator', () => {
    // U+FEFF is whitespace for JavaScript's \s but not for Python's str.split().
    expect(validateCron('0\ufeff6 * * *').ok).toBe(false)
    expect(validateCron('0\u00a06 * * *').ok).toBe(true)
    expect(validateCron('0\x1c6 * * *').ok).toBe(true)
  })
})

describe('describeCron', () => {
  it.each([
    ['*/10 * * * *', 'every 10 minutes'],
    ['*/180 * * * *', 'hourly at :00'],
    ['*/60 * * * *', 'hourly at :00'],
    ['0 * * * *', 'hourly at :00'],
    ['45 6 * * *', 'daily at 06:45 UTC'],
    ['15 */4 * * *', 'every 4 hours at :15'],
    ['* * * * *', 'every minute'],
    ['@daily', 'daily at 00:00 UTC'],
    ['*/7 * * * *', '*/7 * * * *'],
    ['0 9 * * mon-fri', '0 9 * * mon-fri'],
    ['not a cron', 'not a cron']
  ])('%j reads as %j', (text, expected) => {
    expect(describeCron(text)).toBe(expected)
  })
})

describe('validateCron on hostile lists', () => {
  // 250,000 overlapping ranges (about 1.7 MB): the queue check used to rescan the queue for every
  // expanded value, which took minutes at this size.
  const ranges = (n: number, top: number): string =>
    Array.from({ length: n }, (_, i) => `${i % (top - 8)}-${(i % (top - 8)) + 9}`).join(',')

  it('expands a list of 250,000 minute ranges to every minute', () => {
    const r = validateCron(`${ranges(250_000, 59)} * * * *`)
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.fields.minute).toEqual(['*'])
  })

  it('expands a list of 100,000 nth-weekday ranges once per weekday', () => {
    const list = Array.from({ length: 100_000 }, (_, i) => `${['mon', 'tue'][i % 2]}-fri#2`)
    const r = validateCron(`0 0 ? * ${list.join(',')}`)
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.fields.dayOfWeek).toEqual([1, 2, 3, 4, 5])
  })

  it('still reports an invalid item at the end of a long list', () => {
    const r = validateCron(`${ranges(100_000, 59)},61 * * * *`)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toMatch(/minute value `61` is out of range/)
  })
})
