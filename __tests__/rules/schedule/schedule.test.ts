import { describe, expect, it } from 'vitest'
import { ALL_RULES } from '../../../src/rules/registry.js'
import { validateTree } from '../../../src/validate.js'
import { toHit } from '../../helpers/tree.js'
import { DEFAULTS, hits, tree, validate } from './harness.js'

const one = (line: string): Record<string, string> => ({
  'a/a.yaml': `metric_batch: a\ningest_sql: select 1\n${line}\n`
})

describe('schedule/cron-invalid', () => {
  it.each([
    ['a plain cron', 'train_cron_schedule: "15 8 * * *"'],
    ['an alias', "score_cron_schedule: '@daily'"],
    ['names and nth weekday', 'alert_cron_schedule: "0 9 * * MON#2"'],
    ['a list of crons', 'delete_cron_schedule: ["0 6 * * *", "0 18 * * *"]'],
    ['an unquoted cron not starting with *', 'plot_cron_schedule: 0 6 * * *']
  ])('accepts %s', (_name, line) => {
    expect(hits(one(line), 'schedule/')).toEqual([])
  })

  it.each([
    ['six fields', 'train_cron_schedule: "0 0 6 * * *"', 22],
    ['minute 60', 'ingest_cron_schedule: "60 * * * *"', 23],
    ['@reboot', "score_cron_schedule: '@reboot'", 22],
    ['Feb 30', 'change_cron_schedule: "0 0 30 2 *"', 23],
    ['a step of 0', 'llmalert_cron_schedule: "*/0 * * * *"', 25],
    ['H', 'plot_cron_schedule: "H * * * *"', 21],
    ['null', 'delete_cron_schedule: null', 23],
    ['an int', 'alert_cron_schedule: 5', 22],
    ['a mapping', 'alert_cron_schedule: {a: 1}', 22],
    ['an empty list', 'alert_cron_schedule: []', 22],
    ['a summary cron', 'summary_cron_schedule: "0 9 * *"', 24]
  ])('reports %s at the value', (_name, line, column) => {
    expect(hits(one(line), 'schedule/')).toEqual([
      { ruleId: 'schedule/cron-invalid', severity: 'error', file: 'a/a.yaml', line: 3, column }
    ])
  })

  it('checks each item of a list and reports the bad one', () => {
    const files = one('train_cron_schedule:\n  - "0 6 * * *"\n  - "0 24 * * *"\n  - 7')
    expect(hits(files, 'schedule/')).toEqual([
      { ruleId: 'schedule/cron-invalid', severity: 'error', file: 'a/a.yaml', line: 5, column: 5 },
      { ruleId: 'schedule/cron-invalid', severity: 'error', file: 'a/a.yaml', line: 6, column: 5 }
    ])
  })

  it('checks the cron of a disabled part too (its schedule is still built)', () => {
    const files = one('disable_train: true\ndisable_llmalert: false\ntrain_cron_schedule: "* * *"')
    expect(hits(files, 'schedule/')).toEqual([
      { ruleId: 'schedule/cron-invalid', severity: 'error', file: 'a/a.yaml', line: 5, column: 22 }
    ])
  })

  it('reports a bad cron in defaults.yaml once, against defaults.yaml', () => {
    const files = {
      'defaults/defaults.yaml': DEFAULTS.replace('"0 6 * * *"', '"0 6 * * * *"'),
      ...one(''),
      'b/b.yaml': 'metric_batch: b\n'
    }
    expect(hits(files, 'schedule/')).toEqual([
      {
        ruleId: 'schedule/cron-invalid',
        severity: 'error',
        file: 'defaults/defaults.yaml',
        line: 12,
        column: 23
      }
    ])
  })

  it('a bad default that every batch overrides is a latent warning, not a load crash', () => {
    const files = {
      'defaults/defaults.yaml': DEFAULTS.replace('"0 6 * * *"', '"0 6 * * * *"'),
      ...one('delete_cron_schedule: "0 6 * * *"')
    }
    // The standalone pass over defaults.yaml still reports it: a new batch would inherit it.
    expect(hits(files, 'schedule/')).toEqual([
      {
        ruleId: 'schedule/cron-invalid',
        severity: 'warning',
        file: 'defaults/defaults.yaml',
        line: 12,
        column: 23
      }
    ])
    const d = validate(files).diagnostics.find((x) => x.ruleId === 'schedule/cron-invalid')
    expect(d?.effect).toBe('latent')
    expect(d?.message).toContain('the next batch without its own value will make')
    expect(d?.message).not.toContain('ScheduleDefinition raises')
  })

  it('the same bad default is a load crash as soon as one batch inherits it', () => {
    const files = {
      'defaults/defaults.yaml': DEFAULTS.replace('"0 6 * * *"', '"0 6 * * * *"'),
      ...one('delete_cron_schedule: "0 6 * * *"'),
      'b/b.yaml': 'metric_batch: b\n'
    }
    const d = validate(files).diagnostics.filter((x) => x.ruleId === 'schedule/cron-invalid')
    expect(d.map((x) => [x.severity, x.effect, x.file, x.line])).toEqual([
      ['error', 'load-crash', 'metrics/defaults/defaults.yaml', 12]
    ])
  })

  it('leaves a missing cron key to defaults/missing-key (once, at defaults.yaml)', () => {
    const files = {
      'defaults/defaults.yaml': DEFAULTS.replace(/^plot_cron_schedule:.*\n/m, ''),
      'a/a.yaml': 'x: 1\nmetric_batch: a\n'
    }
    expect(hits(files, 'schedule/')).toEqual([])
    const all = validateTree(tree(files), { rules: ALL_RULES }).diagnostics
    expect(all.filter((d) => d.message.includes('plot_cron_schedule')).map(toHit)).toEqual([
      {
        ruleId: 'defaults/missing-key',
        severity: 'error',
        file: 'defaults/defaults.yaml',
        line: 1,
        column: 1
      }
    ])
  })

  it('says in the message which field is wrong', () => {
    const d = validate(one('train_cron_schedule: "0 24 * * *"')).diagnostics[0]
    expect(d?.message).toMatch(/hour/)
  })

  it('downgrades findings in a disabled batch to warnings', () => {
    const files = one('disable_batch: true\ntrain_cron_schedule: "0 24 * * *"')
    expect(hits(files, 'schedule/')).toEqual([
      {
        ruleId: 'schedule/cron-invalid',
        severity: 'warning',
        file: 'a/a.yaml',
        line: 4,
        column: 22
      }
    ])
  })
})

describe('schedule/cron-step-overflow', () => {
  it.each([
    ['*/180 minutes', 'train_cron_schedule: "*/180 * * * *"', 22],
    ['*/60 minutes', 'llmalert_cron_schedule: "*/60 * * * *"', 25],
    ['*/24 hours', 'score_cron_schedule: "0 */24 * * *"', 22]
  ])('warns about %s', (_name, line, column) => {
    expect(hits(one(line), 'schedule/')).toEqual([
      {
        ruleId: 'schedule/cron-step-overflow',
        severity: 'warning',
        file: 'a/a.yaml',
        line: 3,
        column
      }
    ])
  })

  it.each([['*/59 * * * *'], ['*/7 * * * *'], ['15 */4 * * *']])('accepts %j', (cron) => {
    expect(hits(one(`train_cron_schedule: "${cron}"`), 'schedule/')).toEqual([])
  })

  it('says what the schedule really does', () => {
    const d = validate(one('train_cron_schedule: "*/180 * * * *"')).diagnostics[0]
    expect(d?.message).toMatch(/hourly at :00/)
    expect(d?.hint).toMatch(/0 \*\/3 \* \* \*/)
  })
})

describe('schedule/status-invalid', () => {
  it.each([['RUNNING'], ["'STOPPED'"], ['"RUNNING"']])('accepts %s', (v) => {
    expect(hits(one(`train_default_schedule_status: ${v}`), 'schedule/')).toEqual([])
  })

  it.each([
    ['lower case', 'train_default_schedule_status: running', 32],
    ['YAML ON (a bool)', 'alert_default_schedule_status: ON', 32],
    ['true', 'plot_default_schedule_status: true', 31],
    ['trailing space', 'delete_default_schedule_status: "RUNNING "', 33],
    ['ingest too', 'ingest_default_schedule_status: Running', 33]
  ])('reports %s', (_name, line, column) => {
    expect(hits(one(line), 'schedule/')).toEqual([
      { ruleId: 'schedule/status-invalid', severity: 'warning', file: 'a/a.yaml', line: 3, column }
    ])
    // It loads: the schedule silently starts STOPPED.
    expect(validate(one(line)).diagnostics[0]?.effect).toBe('suspicious')
  })

  it('hints with the correct spelling and says it means STOPPED', () => {
    const d = validate(one('train_default_schedule_status: running')).diagnostics[0]
    expect(d?.hint).toMatch(/exactly RUNNING/)
    expect(d?.message).toMatch(/STOPPED/)
  })

  it('a missing status key crashes the load except for ingest (which defaults to STOPPED)', () => {
    const files = {
      'defaults/defaults.yaml': DEFAULTS.replace(
        /^(ingest|score)_default_schedule_status:.*\n/gm,
        ''
      ),
      'a/a.yaml': 'metric_batch: a\n'
    }
    expect(hits(files, 'schedule/')).toEqual([])
    const all = validateTree(tree(files), { rules: ALL_RULES }).diagnostics
    const missing = all.filter((d) => d.message.includes('_default_schedule_status'))
    expect(missing.map((d) => [d.ruleId, d.effect, d.file, d.line, d.column])).toEqual([
      ['defaults/missing-key', 'load-crash', 'metrics/defaults/defaults.yaml', 1, 1]
    ])
    expect(missing[0]?.message).toContain('spec["score_default_schedule_status"]')
  })
})
