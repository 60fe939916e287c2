/**
 * What validateCron tells the user, word for word, and the expansions behind it. The verdicts
 * (accepted or not) were checked against Dagster 1.13.28 (`ScheduleDefinition`); the reasons are
 * ours and are what the action prints, so each one is pinned here. `R` strings that Dagster only
 * sometimes rejects (it draws a new value at each load) are rejected on purpose.
 */
import { describe, expect, it } from 'vitest'
import { clearCronMemo, validateCron, type CronValue } from '../../src/cron/parse-cron.js'

function reason(text: string): { reason: string; column: number | undefined } {
  const r = validateCron(text)
  if (r.ok) throw new Error(`${JSON.stringify(text)} was accepted`)
  return { reason: r.reason, column: r.column }
}

function fields(text: string): CronValue[][] {
  const r = validateCron(text)
  if (!r.ok) throw new Error(`${JSON.stringify(text)} was rejected: ${r.reason}`)
  const f = r.fields
  return [f.minute, f.hour, f.dayOfMonth, f.month, f.dayOfWeek].map((v) => [...v])
}

const ALIAS_HELP =
  'is not a cron alias Dagster knows (use @hourly, @daily, @weekly, @monthly, @yearly, @annually or @midnight, with nothing around it)'

describe('validateCron reasons', () => {
  it.each([
    ['0 0 * xyz *', 'month field: `xyz` is not a valid month value', 7],
    ['abc * * * *', 'minute field: `abc` is not a valid minute value', 1],
    ['1*/5 * * * *', 'minute field: `1*` is not a valid minute value', 1],
    ['5- * * * *', 'minute field: `5-` is not a valid minute value', 1],
    ['0 0 * 1-l *', 'month field: `l` is not a valid month value', 7],
    ['0 0 * * 1-l', 'day-of-week field: `l` is not a valid day-of-week value', 9],
    ['*/0 * * * *', 'minute field: a step of 0 is not allowed', 1],
    ['0 ? * * *', 'hour field: `?` is only allowed in the day-of-month and day-of-week fields', 3],
    ['0 0 1? * *', 'day-of-month field: `?` cannot be combined with other characters', 5],
    ['0 0 * * mon#6', 'day-of-week field: `#6`: the nth weekday must be 1 to 5', 9],
    ['0 0 * * mon#0', 'day-of-week field: `#0`: the nth weekday must be 1 to 5', 9],
    ['0 0 l-5 * *', 'day-of-month field: `l-5`: a range needs numbers or names on both sides', 5],
    ['1-60 * * * *', 'minute field: `1-60` goes past 59, the largest minute value', 1],
    // 7 is Sunday, so the weekday top the user may write is 7, not 6.
    ['0 0 * * mon-8', 'day-of-week field: `mon-8` goes past 7, the largest day-of-week value', 9],
    ['-5 * * * *', 'minute field: `-5`: negative numbers are not allowed', 1],
    ['61 * * * *', 'minute field: minute value `61` is out of range 0-59', 1],
    ['0 0 0 * *', 'day-of-month field: day-of-month value `0` is out of range 1-31', 5],
    ['0 0 * 13 *', 'month field: month value `13` is out of range 1-12', 7],
    ['0 0 * * 8', 'day-of-week field: day-of-week value `8` is out of range 0-7', 9],
    [
      '0 0 * * mon#2,tue',
      'day-of-week field: plain weekdays cannot be mixed with `#`/`L` weekdays',
      9
    ],
    // The plain range is expanded first here: its values must not hide the `#2` ones.
    [
      '0 0 * * mon-wed#2,mon-fri',
      'day-of-week field: plain weekdays cannot be mixed with `#`/`L` weekdays',
      9
    ],
    [
      '0 0 * * mon-fri,mon-wed#2',
      'day-of-week field: plain weekdays cannot be mixed with `#`/`L` weekdays',
      9
    ],
    ['H * * * *', 'minute field: `H` (hashed value) is not supported by Dagster', 1],
    ['r(5-5) * * * *', 'minute field: in `R(a-b)`, b must be greater than a', 1],
    ['r(5-5)/0 * * * *', 'minute field: in `R(a-b)`, b must be greater than a', 1],
    ['r(5-10)/0 * * * *', 'minute field: a step of 0 is not allowed', 1],
    ['r/0 * * * *', 'minute field: a step of 0 is not allowed', 1],
    // Every draw is invalid: the plain reason, without "sometimes".
    ['r(150-200) * * * *', 'minute field: minute value `150` is out of range 0-59', 1],
    ['r(101-200) * * * *', 'minute field: minute value `101` is out of range 0-59', 1],
    [
      'r(0-60) * * * *',
      'minute field: `r(0-60)` picks a random value that is sometimes invalid (minute value `60` is out of range 0-59), so the code location would fail to load at random',
      1
    ],
    [
      'r(0-200) * * * *',
      'minute field: `r(0-200)` picks a random value that is sometimes invalid (minute value `60` is out of range 0-59), so the code location would fail to load at random',
      1
    ],
    [
      '0 R(10-30) * * *',
      'hour field: `r(10-30)` picks a random value that is sometimes invalid (hour value `24` is out of range 0-23), so the code location would fail to load at random',
      3
    ],
    [
      'r(50-59)/20 * * * *',
      'minute field: `r(50-59)/20` picks a random value that is sometimes invalid (`60-59/20` goes past 59, the largest minute value), so the code location would fail to load at random',
      1
    ],
    [
      'r/70 * * * *',
      'minute field: `r/70` picks a random value that is sometimes invalid (`60-59/70` goes past 59, the largest minute value), so the code location would fail to load at random',
      1
    ],
    ['0 0 30 2 *', 'February never has a 30th or 31st day, so Dagster rejects this schedule', 5],
    ['0 0 31 feb *', 'February never has a 30th or 31st day, so Dagster rejects this schedule', 5],
    [
      '0 0 r(30-31) 2 *',
      'February never has a 30th or 31st day, so Dagster rejects this schedule',
      5
    ],
    [
      '0 0 r(1-30) 2 *',
      'the random (`R`) value can land on 30 or 31 February, which Dagster rejects',
      5
    ],
    ['@reboot', `\`@reboot\` ${ALIAS_HELP}`, 1],
    [' @daily', `\`@daily\` ${ALIAS_HELP}`, 2],
    ['@daily ', `\`@daily\` ${ALIAS_HELP}`, 1]
  ])('%j: %s (column %i)', (text, expected, column) => {
    expect(reason(text)).toEqual({ reason: expected, column })
  })

  it.each([
    ['', 'found 0'],
    ['* * * *', 'found 4'],
    ['0 0 0 * * *', 'found 6 (Dagster has no seconds or year field)'],
    ['0 0 0 * * * 2024', 'found 7 (Dagster has no seconds or year field)'],
    ['0 0 0 * * * 2024 x', 'found 8']
  ])('%j has the wrong number of fields: %s', (text, found) => {
    expect(reason(text)).toEqual({
      reason: `expected 5 fields (minute hour day-of-month month day-of-week), ${found}`,
      column: undefined
    })
  })
})

describe('validateCron expansions that Dagster accepts', () => {
  it.each([
    ['0 0 * * 7/2', [[0], [0], ['*'], ['*'], [0, 2, 4, 6]]],
    ['50-10/7 * * * *', [[5, 50, 57], ['*'], ['*'], ['*'], ['*']]],
    ['0 20-3/4 * * *', [[0], [0, 20], ['*'], ['*'], ['*']]],
    ['0 0 28-3/3 * *', [[0], [0], [28, 31], ['*'], ['*']]],
    ['0 0 * nov-feb/1 *', [[0], [0], ['*'], [1, 2, 11, 12], ['*']]],
    ['10,9 * * * *', [[9, 10], ['*'], ['*'], ['*'], ['*']]],
    ['0 0 1,l * *', [[0], [0], [1, 'l'], ['*'], ['*']]],
    // Only a lone 30/31 of a lone February is rejected.
    ['0 0 30 1,2 *', [[0], [0], [30], [1, 2], ['*']]],
    ['0 0 30 2,3 *', [[0], [0], [30], [2, 3], ['*']]],
    ['0 0 30,31 2 *', [[0], [0], [30, 31], [2], ['*']]],
    // A plain `*` beside an nth weekday is not a mix.
    ['0 0 * * *,mon#2', [[0], [0], ['*'], ['*'], ['*', 1]]],
    // A full weekday list beside an nth weekday is not a mix either (kept, as dom is restricted).
    ['0 0 1 * mon#2,0-6', [[0], [0], [1], ['*'], [0, 1, 2, 3, 4, 5, 6]]]
  ])('%j expands like croniter', (text, expected) => {
    expect(fields(text)).toEqual(expected)
  })

  it('keeps every nth of a weekday, in the order croniter lists them', () => {
    const r = validateCron('0 0 * * mon-wed#2,mon-wed#3')
    expect(r.ok && [...r.fields.nthWeekday].map(([k, v]) => [k, [...v].sort()])).toEqual([
      [3, [2, 3]],
      [2, [2, 3]],
      [1, [2, 3]]
    ])
    const last = validateCron('0 0 * * L6,l0')
    expect(last.ok && [...last.fields.nthWeekday]).toEqual([
      [0, ['l']],
      [6, ['l']]
    ])
  })

  it.each([
    // The field's own range: 1-31 for the day of the month, not 0-59.
    ['0 0 r * *', [[0], [0], [1], ['*'], ['*']]],
    ['0 r * * *', [[0], [0], ['*'], ['*'], ['*']]],
    ['r/15 * * * *', [[0, 15, 30, 45], ['*'], ['*'], ['*'], ['*']]],
    // `R/60` starts at 0..59: `59-59/60` is the whole hour at step 60, valid.
    ['r/60 * * * *', [[0], ['*'], ['*'], ['*'], ['*']]],
    ['r(10-20) * * * *', [[10], ['*'], ['*'], ['*'], ['*']]],
    ['r(0-29)/10 * * * *', [[0, 10, 20], ['*'], ['*'], ['*'], ['*']]],
    // Starts 40..59, the last of which (`59-59/20`) is the whole hour again.
    ['r(40-59)/20 * * * *', [[40], ['*'], ['*'], ['*'], ['*']]]
  ])('%j is random, valid on every draw, and reports its lowest draw', (text, expected) => {
    const r = validateCron(text)
    expect(r.ok && r.fields.random).toBe(true)
    expect(fields(text)).toEqual(expected)
  })
})

describe('validateCron step overflow (Dagster warns, the step fires once per cycle)', () => {
  it.each([
    ['* * * * */8', [{ field: 'day-of-week', step: 8, max: 7 }]],
    ['* * * * */7', []],
    ['* * */32 * *', [{ field: 'day-of-month', step: 32, max: 31 }]],
    ['* * */31 * *', []],
    ['* * * */13 *', [{ field: 'month', step: 13, max: 12 }]],
    ['* * 5-l/40 * *', [{ field: 'day-of-month', step: 40, max: 31 }]],
    ['* * 5-L/40 * *', [{ field: 'day-of-month', step: 40, max: 31 }]],
    ['5/70 * * * *', [{ field: 'minute', step: 70, max: 59 }]],
    ['5-10/11 * * * *', [{ field: 'minute', step: 11, max: 10 }]],
    ['5-10/10 * * * *', []],
    ['0 22-2/5 * * *', [{ field: 'hour', step: 5, max: 2 }]],
    // Dagster skips ranges with a name on either side.
    ['0 0 * * mon-5/9', []],
    ['0 0 * * 1-fri/9', []],
    ['@hourly', []]
  ])('%j', (text, expected) => {
    const r = validateCron(text)
    expect(r.ok && r.stepOverflow).toEqual(expected)
  })
})

describe('validateCron memo', () => {
  it('returns the same result object for a repeated short text until the memo is cleared', () => {
    const first = validateCron('0 6 * * *')
    expect(validateCron('0 6 * * *')).toBe(first)
    clearCronMemo()
    const after = validateCron('0 6 * * *')
    expect(after).not.toBe(first)
    expect(after).toEqual(first)
  })

  it('keeps texts up to 256 characters and no longer ones', () => {
    const kept = '0 6 * * *'.padEnd(256, ' ')
    expect(validateCron(kept)).toBe(validateCron(kept))
    const long = '0 6 * * *'.padEnd(257, ' ')
    const r = validateCron(long)
    expect(r.ok).toBe(true)
    expect(validateCron(long)).not.toBe(r)
  })

  it('holds at most 4096 texts, then starts again', () => {
    const first = validateCron('0 6 * * *')
    // 4095 more fill the memo to 4096 entries: the first is still there.
    for (let i = 1; i < 4096; i++) validateCron(`${i % 60} ${Math.floor(i / 60) % 24} * * ${i}`)
    expect(validateCron('0 6 * * *')).toBe(first)
    // One more is a 4097th text: the memo is emptied before it is stored.
    validateCron('0 0 1 1 *')
    expect(validateCron('0 6 * * *')).not.toBe(first)
  })
})
