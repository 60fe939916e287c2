/**
 * The cron describer never says something a schedule does not do: a list that is not an even
 * step through the whole cycle, or a step of one, reads as the expression or its plain meaning,
 * never as "every undefined hours" or a wrong "every 15 minutes". (Survivors of mutation testing.)
 */
import { describe, expect, it } from 'vitest'
import { describeCron } from '../../src/cron/describe-cron.js'

describe('describeCron on lists, ranges and steps', () => {
  it.each([
    ['0 1,5 * * *', '0 1,5 * * *'],
    ['0,15,31,45 * * * *', '0,15,31,45 * * * *'],
    ['0,15,30,45 * * * *', 'every 15 minutes'],
    ['0,15,30 * * * *', '0,15,30 * * * *'],
    ['15,30,45 * * * *', '15,30,45 * * * *'],
    ['0,30 * * * *', 'every 30 minutes'],
    ['*/1 * * * *', 'every minute'],
    ['0-59 * * * *', 'every minute'],
    ['0 */1 * * *', 'hourly at :00'],
    ['5 0-23 * * *', 'hourly at :05'],
    ['0 0,12 * * *', 'every 12 hours at :00'],
    ['0 0,8,16 * * *', 'every 8 hours at :00'],
    ['0 0,7,14 * * *', '0 0,7,14 * * *'],
    ['0 */24 * * *', 'daily at 00:00 UTC'],
    ['* 3 * * *', '* 3 * * *'],
    ['*/5 1 * * *', '*/5 1 * * *'],
    ['0 6 1 * *', '0 6 1 * *'],
    ['0 6 * 1 *', '0 6 * 1 *'],
    ['@HOURLY', 'hourly at :00'],
    ['@weekly', 'weekly on Sunday at 00:00 UTC'],
    ['@monthly', 'monthly on day 1 at 00:00 UTC'],
    ['@yearly', 'yearly on 1 January at 00:00 UTC'],
    ['@annually', 'yearly on 1 January at 00:00 UTC'],
    ['@midnight', 'daily at 00:00 UTC'],
    // A field that lists '*' and more is not read as "every": the expression is shown.
    ['0 6 * * *,1', '0 6 * * *,1'],
    ['0 *,5 * * *', '0 *,5 * * *'],
    ['0 0 ? * *', 'daily at 00:00 UTC']
  ])('%j reads as %j', (text, expected) => {
    expect(describeCron(text)).toBe(expected)
  })

  it('never prints undefined or NaN for any small list of minutes and hours', () => {
    for (let a = 0; a < 24; a += 1)
      for (let b = a + 1; b < 24; b += 5) {
        for (const text of [`0 ${a},${b} * * *`, `${a},${b} * * * *`, `${a}-${b} * * * *`]) {
          expect(describeCron(text), text).not.toMatch(/undefined|NaN/)
        }
      }
  })
})
