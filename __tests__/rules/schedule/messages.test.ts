import { describe, expect, it } from 'vitest'
import { toSaid } from '../../helpers/tree.js'
import { DEFAULTS, validate } from './harness.js'

// What the schedule rules say: exact messages and hints, and the value they mark.

function said(body: string, defaults = DEFAULTS) {
  return validate({
    'defaults/defaults.yaml': defaults,
    'a/a.yaml': `metric_batch: a\ningest_sql: s\n${body}`
  })
    .diagnostics.filter((d) => d.ruleId.startsWith('schedule/'))
    .map(toSaid)
}

const FORMAT =
  'Write five fields, `minute hour day-of-month month day-of-week` (e.g. "*/10 * * * *" or "0 6 * * *"), in quotes, or a list of such strings.'
const CRASH = 'ScheduleDefinition raises and the whole code location fails to load.'
const FIELDS = 'expected 5 fields (minute hour day-of-month month day-of-week)'

const invalid = (line: number, column: number, end: number, message: string) => ({
  ruleId: 'schedule/cron-invalid',
  severity: 'error',
  file: 'a/a.yaml',
  line,
  column,
  end: [line, end],
  message,
  hint: FORMAT
})

describe('schedule/cron-invalid', () => {
  it('a string Dagster rejects, with the reason', () => {
    expect(said('ingest_cron_schedule: "61 * * * *"\n')).toEqual([
      invalid(
        3,
        23,
        35,
        `ingest_cron_schedule "61 * * * *" is not a cron Dagster accepts (minute field: minute value \`61\` is out of range 0-59): ${CRASH}`
      )
    ])
  })

  it('a value of another type', () => {
    expect(said('train_cron_schedule: 5\n')).toEqual([
      invalid(3, 22, 23, `train_cron_schedule is an int (5), not a cron string: ${CRASH}`)
    ])
    expect(said('train_cron_schedule: 1.5\n')[0]?.message).toBe(
      `train_cron_schedule is a float (1.5), not a cron string: ${CRASH}`
    )
    expect(said('train_cron_schedule: []\n')).toEqual([
      invalid(3, 22, 24, `train_cron_schedule is an empty list, not a cron string: ${CRASH}`)
    ])
    expect(said('train_cron_schedule: {a: 1}\n')).toEqual([
      invalid(3, 22, 28, `train_cron_schedule is a mapping, not a cron string: ${CRASH}`)
    ])
    expect(said('train_cron_schedule:\n')).toEqual([
      invalid(3, 21, 21, `train_cron_schedule is null, not a cron string: ${CRASH}`)
    ])
  })

  it('a list: each item that is not a string, and each bad string', () => {
    const listed = (what: string): string =>
      `score_cron_schedule lists ${what}; Dagster accepts only strings here, so ${CRASH}`
    expect(said('score_cron_schedule: ["0 * * * *", 3, true, ~, "x"]\n')).toEqual([
      invalid(3, 36, 37, listed('an int (3)')),
      invalid(3, 39, 43, listed('a bool (true)')),
      invalid(3, 45, 46, listed('null')),
      invalid(
        3,
        48,
        51,
        `score_cron_schedule "x" is not a cron Dagster accepts (${FIELDS}, found 1): ${CRASH}`
      )
    ])
    expect(said('train_cron_schedule: [["* * * * *"], []]\n').map((d) => d.message)).toEqual([
      `train_cron_schedule lists a list; Dagster accepts only strings here, so ${CRASH}`,
      `train_cron_schedule lists an empty list; Dagster accepts only strings here, so ${CRASH}`
    ])
  })

  it('summary_cron_schedule: only the first batch\u2019s counts', () => {
    const note =
      ' Only the first batch\u2019s summary_cron_schedule is used, and only that one crashes the load, but any batch can end up first (os.walk order is unsorted).'
    expect(said('summary_cron_schedule: "bad"\n')).toEqual([
      invalid(
        3,
        24,
        29,
        `summary_cron_schedule "bad" is not a cron Dagster accepts (${FIELDS}, found 1): ${CRASH}${note}`
      )
    ])
    expect(said('summary_cron_schedule: 3\n')[0]?.message).toBe(
      `summary_cron_schedule is an int (3), not a cron string: ${CRASH}${note}`
    )
    expect(said('summary_cron_schedule: [3]\n')[0]?.message).toBe(
      `summary_cron_schedule lists an int (3); Dagster accepts only strings here, so ${CRASH}${note}`
    )
  })

  it('a bad default every batch overrides is latent: a warning that says when it bites', () => {
    const defaults = DEFAULTS.replace(
      'ingest_cron_schedule: "*/3 * * * *"',
      'ingest_cron_schedule: "bad"'
    )
    const latent = (what: string): string =>
      `${what} Today every batch sets its own ingest_cron_schedule, so this default never reaches Dagster; the next batch without its own value will make the whole code location fail to load.`
    expect(said('ingest_cron_schedule: "0 * * * *"\n', defaults)).toEqual([
      {
        ruleId: 'schedule/cron-invalid',
        severity: 'warning',
        file: 'defaults/defaults.yaml',
        line: 2,
        column: 23,
        end: [2, 28],
        message: latent(
          `ingest_cron_schedule "bad" is not a cron Dagster accepts (${FIELDS}, found 1).`
        ),
        hint: FORMAT
      }
    ])
    const typed = DEFAULTS.replace(
      'ingest_cron_schedule: "*/3 * * * *"',
      'ingest_cron_schedule: [7]'
    )
    expect(said('ingest_cron_schedule: "0 * * * *"\n', typed).map((d) => d.message)).toEqual([
      latent('ingest_cron_schedule lists an int (7); Dagster accepts only strings here.')
    ])
    const scalar = DEFAULTS.replace(
      'ingest_cron_schedule: "*/3 * * * *"',
      'ingest_cron_schedule: 7'
    )
    expect(said('ingest_cron_schedule: "0 * * * *"\n', scalar).map((d) => d.message)).toEqual([
      latent('ingest_cron_schedule is an int (7), not a cron string.')
    ])
  })

  it('a bad default a batch inherits is today\u2019s crash, at defaults.yaml', () => {
    const defaults = DEFAULTS.replace(
      'ingest_cron_schedule: "*/3 * * * *"',
      'ingest_cron_schedule: 7'
    )
    expect(said('', defaults)).toEqual([
      {
        ruleId: 'schedule/cron-invalid',
        severity: 'error',
        file: 'defaults/defaults.yaml',
        line: 2,
        column: 23,
        end: [2, 24],
        message: `ingest_cron_schedule is an int (7), not a cron string: ${CRASH}`,
        hint: FORMAT
      }
    ])
  })
})

describe('schedule/cron-step-overflow', () => {
  const overflow = (text: string, step: number, field: string, max: number, runs: string) =>
    `ingest_cron_schedule "${text}": the step ${step} in the ${field} field is larger than ${max}, so Dagster collapses it and the schedule really runs ${runs}.`

  it.each([
    ['*/180 * * * *', 180, 'To run every 3 hours, write "0 */3 * * *".'],
    ['*/1440 * * * *', 1440, 'To run every 24 hours, write "0 */24 * * *".'],
    [
      '*/60 * * * *',
      60,
      'It already runs hourly at :00; write "0 * * * *" to say so (and silence Dagster\'s warning).'
    ],
    [
      '*/100 * * * *',
      100,
      'Use a step no larger than the field allows, or list several cron strings.'
    ],
    [
      '*/300 * * * *',
      300,
      'Use a step no larger than the field allows, or list several cron strings.'
    ],
    [
      '0-59/120 * * * *',
      120,
      'Use a step no larger than the field allows, or list several cron strings.'
    ]
  ])('%s', (text, step, hint) => {
    const found = said(`ingest_cron_schedule: "${text}"\n`)
    expect(found).toEqual([
      {
        ruleId: 'schedule/cron-step-overflow',
        severity: 'warning',
        file: 'a/a.yaml',
        line: 3,
        column: 23,
        end: [3, 25 + text.length],
        message: expect.stringMatching(
          /^ingest_cron_schedule ".+": the step \d+ in the minute field/
        ),
        hint
      }
    ])
    expect(found[0]?.message).toBe(overflow(text, step, 'minute', 59, 'hourly at :00'))
  })

  it('an hour step', () => {
    expect(said('ingest_cron_schedule: "0 */30 * * *"\n')).toEqual([
      {
        ruleId: 'schedule/cron-step-overflow',
        severity: 'warning',
        file: 'a/a.yaml',
        line: 3,
        column: 23,
        end: [3, 37],
        message: overflow('0 */30 * * *', 30, 'hour', 23, 'daily at 00:00 UTC'),
        hint: 'Use a step no larger than the field allows, or list several cron strings.'
      }
    ])
  })
})

describe('schedule/status-invalid', () => {
  const status = (key: string, shown: string): string =>
    `${key} is ${shown}, not exactly RUNNING or STOPPED: Anomstack compares it with == "RUNNING", so this schedule silently starts STOPPED.`
  const EXACT = 'Write exactly RUNNING or STOPPED.'

  it('each kind of wrong value, with the matching hint', () => {
    const body =
      'train_default_schedule_status: running\nscore_default_schedule_status: " STOPPED"\nalert_default_schedule_status: on\nchange_default_schedule_status: 3\nplot_default_schedule_status: [a]\ndelete_default_schedule_status: {a: 1}\nllmalert_default_schedule_status: PAUSED\n'
    const w = (line: number, column: number, end: number, message: string, hint: string) => ({
      ruleId: 'schedule/status-invalid',
      severity: 'warning',
      file: 'a/a.yaml',
      line,
      column,
      end: [line, end],
      message,
      hint
    })
    expect(said(body)).toEqual([
      w(
        3,
        32,
        39,
        status('train_default_schedule_status', 'running'),
        'Write exactly RUNNING (upper case, no spaces).'
      ),
      w(
        4,
        32,
        42,
        status('score_default_schedule_status', '" STOPPED"'),
        'Write exactly STOPPED (upper case, no spaces).'
      ),
      w(
        5,
        32,
        34,
        status('alert_default_schedule_status', 'on'),
        'Write RUNNING or STOPPED: YAML reads on/off/yes/no/true/false as booleans, which never equal "RUNNING".'
      ),
      w(6, 33, 34, status('change_default_schedule_status', '3'), EXACT),
      w(7, 31, 34, status('plot_default_schedule_status', 'a list'), EXACT),
      w(8, 33, 39, status('delete_default_schedule_status', 'a mapping'), EXACT),
      w(9, 35, 41, status('llmalert_default_schedule_status', 'PAUSED'), EXACT)
    ])
  })

  it('the exact values and the summary (always RUNNING) are quiet', () => {
    expect(
      said(
        "train_default_schedule_status: RUNNING\nscore_default_schedule_status: 'STOPPED'\nsummary_default_schedule_status: nope\n"
      )
    ).toEqual([])
  })

  it('ingest: its status too', () => {
    expect(said('ingest_default_schedule_status: Running\n').map((d) => [d.line, d.hint])).toEqual([
      [3, 'Write exactly RUNNING (upper case, no spaces).']
    ])
  })
})
