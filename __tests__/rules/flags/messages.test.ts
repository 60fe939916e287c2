import { describe, expect, it } from 'vitest'
import { said } from '../batch/harness.js'

// What flags/not-bool says: the value as Python sees it, its truthiness and what that does.

function flag(line: string) {
  return said({ 'a/a.yaml': `metric_batch: a\ningest_sql: select 1\n${line}\n` }, 'flags/')
}

const TRUTHY = 'not a boolean: Anomstack only tests truthiness, which is'

describe('flags/not-bool messages', () => {
  it('a quoted "false" disables: the opposite of what it says', () => {
    expect(flag('disable_train: "false"')).toEqual([
      {
        ruleId: 'flags/not-bool',
        severity: 'warning',
        file: 'a/a.yaml',
        line: 3,
        column: 16,
        end: [3, 23],
        message: `\`disable_train\` is the string "false", ${TRUTHY} True, so the train part is disabled (the opposite of what the text says).`,
        hint: 'Use an unquoted YAML boolean: `disable_train: false` (or `disable_train: true` to keep it disabled).'
      }
    ])
  })

  it.each([
    [
      'disable_batch: "no"',
      'the string "no"',
      'True',
      'so Anomstack skips this batch entirely: no jobs, no schedules (the opposite of what the text says)',
      'Use an unquoted YAML boolean: `disable_batch: false` (or `disable_batch: true` to keep it disabled).'
    ],
    [
      'disable_batch: " Off "',
      'the string " Off "',
      'True',
      'so Anomstack skips this batch entirely: no jobs, no schedules (the opposite of what the text says)',
      'Use an unquoted YAML boolean: `disable_batch: false` (or `disable_batch: true` to keep it disabled).'
    ],
    [
      'disable_score: "0"',
      'the string "0"',
      'True',
      'so the score part is disabled (the opposite of what the text says)',
      'Use an unquoted YAML boolean: `disable_score: false` (or `disable_score: true` to keep it disabled).'
    ],
    [
      'disable_score: "N"',
      'the string "N"',
      'True',
      'so the score part is disabled (the opposite of what the text says)',
      'Use an unquoted YAML boolean: `disable_score: false` (or `disable_score: true` to keep it disabled).'
    ],
    [
      'disable_score: "yes"',
      'the string "yes"',
      'True',
      'so the score part is disabled',
      'Use an unquoted YAML boolean: `disable_score: true`.'
    ],
    [
      'disable_score: "nope"',
      'the string "nope"',
      'True',
      'so the score part is disabled',
      'Use an unquoted YAML boolean: `disable_score: true`.'
    ],
    [
      'disable_batch: "1"',
      'the string "1"',
      'True',
      'so Anomstack skips this batch entirely: no jobs, no schedules',
      'Use an unquoted YAML boolean: `disable_batch: true`.'
    ],
    [
      'disable_plot: 0',
      'the int 0',
      'False',
      'so the plot part stays enabled',
      'Use an unquoted YAML boolean: `disable_plot: false`.'
    ],
    [
      'disable_delete: ""',
      'the string ""',
      'False',
      'so the delete part stays enabled',
      'Use an unquoted YAML boolean: `disable_delete: false`.'
    ],
    [
      'disable_change: [1]',
      'a list',
      'True',
      'so the change part is disabled',
      'Use an unquoted YAML boolean: `disable_change: true`.'
    ],
    [
      'disable_alerts: 1.5',
      'the float 1.5',
      'True',
      'so the alerts part is disabled',
      'Use an unquoted YAML boolean: `disable_alerts: true`.'
    ],
    [
      'disable_ingest:',
      'None (the value is empty)',
      'False',
      'so the ingest part stays enabled',
      'Use an unquoted YAML boolean: `disable_ingest: false`.'
    ]
  ])('%s', (line, shown, truthy, effect, hint) => {
    const key = line.slice(0, line.indexOf(':'))
    expect(flag(line)).toMatchObject([
      {
        ruleId: 'flags/not-bool',
        severity: 'warning',
        message: `\`${key}\` is ${shown}, ${TRUTHY} ${truthy}, ${effect}.`,
        hint
      }
    ])
  })

  it('a falsy disable_batch keeps the batch', () => {
    expect(flag('disable_batch: 0')[0]?.message).toBe(
      `\`disable_batch\` is the int 0, ${TRUTHY} False, so the batch stays enabled.`
    )
  })

  it('flags inherited from defaults.yaml are reported there, once', () => {
    const found = said(
      {
        'defaults/defaults.yaml': 'db: duckdb\ntable_key: metrics\ndisable_plot: "false"\n',
        'a/a.yaml': 'metric_batch: a\ningest_sql: select 1\n',
        'b/b.yaml': 'metric_batch: b\ningest_sql: select 1\n'
      },
      'flags/'
    )
    expect(found.map((d) => [d.file, d.line, d.column])).toEqual([
      ['defaults/defaults.yaml', 3, 15]
    ])
  })
})
