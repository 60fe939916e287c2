import { describe, expect, it } from 'vitest'
import { hits, OK_BATCH, validate } from './harness.js'

describe('batch/missing-name, batch/name-type, batch/name-format', () => {
  const valid: [string, string][] = [
    ['a plain name', 'metric_batch: my_batch\ningest_sql: select 1\n'],
    ['digits only, quoted', 'metric_batch: "2024"\ningest_sql: select 1\n'],
    ['a disabled batch with an int name loads fine', 'metric_batch: 7\ndisable_batch: true\n']
  ]
  it.each(valid)('accepts %s', (_name, text) => {
    const found = hits({ 'a/a.yaml': text, 'ok/ok.yaml': OK_BATCH }, 'batch/').filter(
      (h) => h.severity === 'error'
    )
    expect(found).toEqual([])
  })

  const invalid: [string, string, string, 'error' | 'warning', number, number][] = [
    ['no metric_batch', 'db: duckdb\ningest_sql: select 1\n', 'batch/missing-name', 'error', 1, 1],
    [
      'no metric_batch, even when disabled',
      'disable_batch: true\n',
      'batch/missing-name',
      'error',
      1,
      1
    ],
    ['an empty mapping', '{}\n', 'batch/missing-name', 'error', 1, 1],
    ['yes is a bool in YAML 1.1', 'metric_batch: yes\n', 'batch/name-type', 'error', 1, 15],
    ['a year is an int', 'db: duckdb\nmetric_batch: 2024\n', 'batch/name-type', 'error', 2, 15],
    ['a date', 'metric_batch: 2024-01-01\n', 'batch/name-type', 'error', 1, 15],
    ['null', 'metric_batch:\n', 'batch/name-type', 'error', 1, 14],
    ['a list', 'metric_batch: [a]\n', 'batch/name-type', 'error', 1, 15],
    ['a hyphen', 'metric_batch: my-batch\n', 'batch/name-format', 'error', 1, 15],
    ['a dot, quoted', 'metric_batch: "my.batch"\n', 'batch/name-format', 'error', 1, 15],
    ['an empty string', "metric_batch: ''\n", 'batch/name-format', 'warning', 1, 15],
    [
      'a bad name in a disabled batch is only a warning',
      'metric_batch: my-batch\ndisable_batch: true\n',
      'batch/name-format',
      'warning',
      1,
      15
    ]
  ]
  it.each(invalid)('reports %s', (_name, text, ruleId, severity, line, column) => {
    const found = hits({ 'a/a.yaml': text, 'ok/ok.yaml': OK_BATCH }, 'batch/')
    expect(found).toEqual([{ ruleId, severity, file: 'a/a.yaml', line, column }])
  })

  it('hints a sanitised name', () => {
    const d = validate({ 'a/a.yaml': 'metric_batch: my-batch.v2\n' }).diagnostics.find(
      (x) => x.ruleId === 'batch/name-format'
    )
    expect(d?.hint).toContain('my_batch_v2')
  })

  it('does not ask defaults.yaml for a metric_batch', () => {
    expect(hits({ 'a/a.yaml': OK_BATCH }, 'batch/')).toEqual([])
  })
})

describe('batch/duplicate-name', () => {
  it('reports every file that shares the name, naming the others', () => {
    const files = {
      'a/a.yaml': 'metric_batch: same\ningest_sql: select 1\n',
      'b/b.yaml': 'db: duckdb\nmetric_batch: same\ningest_sql: select 1\n',
      'c/c.yaml': 'metric_batch: same\ningest_sql: select 1\n'
    }
    expect(hits(files, 'batch/duplicate-name')).toEqual([
      { ruleId: 'batch/duplicate-name', severity: 'error', file: 'a/a.yaml', line: 1, column: 15 },
      { ruleId: 'batch/duplicate-name', severity: 'error', file: 'b/b.yaml', line: 2, column: 15 },
      { ruleId: 'batch/duplicate-name', severity: 'error', file: 'c/c.yaml', line: 1, column: 15 }
    ])
    const d = validate(files).diagnostics.find((x) => x.file === 'metrics/b/b.yaml')
    expect(d?.message).toContain('metrics/a/a.yaml')
    expect(d?.message).toContain('metrics/c/c.yaml')
  })

  it.each([
    ['different names', 'metric_batch: a\n', 'metric_batch: b\n'],
    [
      'a disabled duplicate never overwrites',
      'metric_batch: a\n',
      'metric_batch: a\ndisable_batch: true\n'
    ],
    ['names differing in case', 'metric_batch: a\n', 'metric_batch: A\n']
  ])('accepts %s', (_name, a, b) => {
    expect(hits({ 'a/a.yaml': a, 'b/b.yaml': b }, 'batch/duplicate-name')).toEqual([])
  })
})

describe('batch/no-enabled', () => {
  it('reports at defaults.yaml when every batch is disabled', () => {
    const files = { 'a/a.yaml': 'metric_batch: a\ndisable_batch: true\n' }
    expect(hits(files, 'batch/no-enabled')).toEqual([
      {
        ruleId: 'batch/no-enabled',
        severity: 'error',
        file: 'defaults/defaults.yaml',
        line: 1,
        column: 1
      }
    ])
  })

  it('reports when there is no batch file at all', () => {
    expect(hits({}, 'batch/no-enabled')).toEqual([
      {
        ruleId: 'batch/no-enabled',
        severity: 'error',
        file: 'defaults/defaults.yaml',
        line: 1,
        column: 1
      }
    ])
  })

  it('counts a quoted "false" as disabling', () => {
    const files = { 'a/a.yaml': 'metric_batch: a\ndisable_batch: "false"\n' }
    expect(hits(files, 'batch/no-enabled')).toHaveLength(1)
  })

  it.each([
    ['one enabled batch', { 'a/a.yaml': OK_BATCH }],
    [
      'a batch file that failed to parse (it may be the enabled one)',
      { 'a/a.yaml': 'metric_batch: [\n' }
    ],
    [
      'no defaults (batch/missing-defaults says why the load fails)',
      { 'defaults/defaults.yaml': null }
    ]
  ])('stays quiet with %s', (_name, files) => {
    expect(hits(files, 'batch/no-enabled')).toEqual([])
  })
})

describe('batch/missing-defaults', () => {
  it('reports the missing path', () => {
    const files = { 'defaults/defaults.yaml': null, 'a/a.yaml': OK_BATCH }
    expect(hits(files, 'batch/missing-defaults')).toEqual([
      {
        ruleId: 'batch/missing-defaults',
        severity: 'error',
        file: 'defaults/defaults.yaml',
        line: 1,
        column: 1
      }
    ])
  })

  it.each([
    ['a defaults file that is not a mapping (yaml/not-a-mapping covers it)', '- a\n'],
    ['a defaults file that does not parse', 'a: [\n'],
    ['a normal defaults file', 'db: duckdb\n']
  ])('stays quiet for %s', (_name, text) => {
    const files = { 'defaults/defaults.yaml': text, 'a/a.yaml': OK_BATCH }
    expect(hits(files, 'batch/missing-defaults')).toEqual([])
  })

  it('does not count a defaults.yaml elsewhere', () => {
    const files = {
      'defaults/defaults.yaml': null,
      'a/defaults.yaml': 'db: duckdb\n',
      'a/a.yaml': OK_BATCH
    }
    expect(hits(files, 'batch/missing-defaults')).toHaveLength(1)
  })
})
