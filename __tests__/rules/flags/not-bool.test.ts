import { describe, expect, it } from 'vitest'
import { hits, OK_BATCH, validate } from '../batch/harness.js'

const batch = (line: string): Record<string, string> => ({
  'a/a.yaml': `metric_batch: a\ningest_sql: select 1\n${line}\n`,
  'ok/ok.yaml': OK_BATCH
})

describe('flags/not-bool', () => {
  it.each([
    ['true', 'disable_train: true'],
    ['False', 'disable_train: False'],
    ['YAML 1.1 no', 'disable_plot: no'],
    ['a dead key (keys/dead covers it)', 'disable_alert: "yes"']
  ])('accepts %s', (_name, line) => {
    expect(hits(batch(line), 'flags/')).toEqual([])
  })

  it.each([
    ['the quoted string "false"', 'disable_batch: "false"', 16],
    ['a quoted "no"', "disable_train: 'no'", 16],
    ['an int', 'disable_score: 1', 16],
    ['null', 'disable_change: null', 17],
    ['an unknown disable_ key', 'disable_things: "true"', 17]
  ])('reports %s', (_name, line, column) => {
    expect(hits(batch(line), 'flags/')).toEqual([
      { ruleId: 'flags/not-bool', severity: 'warning', file: 'a/a.yaml', line: 3, column }
    ])
  })

  it('says a quoted "false" disable_batch skips the batch', () => {
    const d = validate(batch('disable_batch: "false"')).diagnostics.find(
      (x) => x.ruleId === 'flags/not-bool'
    )
    expect(d?.message).toMatch(/skips this batch entirely/)
  })

  it('reports a flag in defaults.yaml once, at defaults.yaml', () => {
    const files = { 'defaults/defaults.yaml': 'db: duckdb\ndisable_plot: "False"\n', ...batch('') }
    expect(hits(files, 'flags/')).toEqual([
      {
        ruleId: 'flags/not-bool',
        severity: 'warning',
        file: 'defaults/defaults.yaml',
        line: 2,
        column: 15
      }
    ])
  })
})
