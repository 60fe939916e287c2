import { describe, expect, it } from 'vitest'
import { schemaFindings, decodePointer } from '../../src/schema/schema-findings.js'
import { rules } from '../../src/rules/schema/index.js'
import type { BatchView } from '../../src/config/model.js'
import type { Finding, RuleContext } from '../../src/rules/types.js'
import { docOf, where } from './helpers.js'

const HEAD = 'metric_batch: demo\n'

describe('schemaFindings positions', () => {
  const cases: [name: string, yaml: string, expected: string[]][] = [
    ['wrong type on a scalar', 'train_max_n: many\n', ['schema/type@1:14']],
    ['bool where a string is expected', 'alert_methods: on\n', ['schema/type@1:16']],
    ['enum', 'db: postgres\n', ['schema/enum@1:5']],
    ['enum in a nested mapping', 'preprocess_params:\n  freq_agg: max\n', ['schema/enum@2:13']],
    ['minimum', 'alert_recent_n: 0\n', ['schema/range@1:17']],
    [
      'contamination above 0.5',
      'model_configs:\n  - model_name: PCA\n    model_params:\n      contamination: 0.7\n',
      ['schema/range@4:22']
    ],
    [
      'contamination zero (exclusive)',
      'model_configs:\n  - model_name: PCA\n    model_params: {contamination: 0}\n',
      ['schema/range@3:35']
    ],
    [
      'required inside a list item points at its first key',
      'model_configs:\n  - model_name: PCA\n    model_tag: a\n',
      ['schema/required@2:5']
    ],
    [
      'unknown nested key points at the key',
      'model_configs:\n  - model_name: PCA\n    model_parms: {}\n    model_params: {}\n',
      ['schema/unknown-property@3:5']
    ],
    [
      'unknown threshold bound',
      'tholdalert_thresholds:\n  m1:\n    uper: 3\n',
      ['schema/unknown-property@3:5']
    ],
    // Crons and statuses belong to the schedule rules (schedule/cron-invalid, status-invalid).
    ['empty cron list: left to the schedule rules', 'ingest_cron_schedule: []\n', []],
    ['cron of the wrong type: left to the schedule rules', 'train_cron_schedule: 5\n', []],
    [
      'schedule status: left to the schedule rules',
      'ingest_default_schedule_status: running\n',
      []
    ],
    ['empty SQL list: left to alert/exclude-unquoted', 'train_exclude_metrics: []\n', []],
    ['date where a string is expected', 'llmalert_model: 2024-01-01\n', ['schema/type@1:17']],
    ['YAML 1.1 octal where a string is expected', 'table_key: 010\n', ['schema/type@1:12']],
    ['date where a mapping is expected', 'metric_tags:\n  m1: 2024-01-01\n', ['schema/type@2:7']],
    ['metric_tags value not a mapping', 'metric_tags:\n  m1: p1\n', ['schema/type@2:7']],
    ['tag value not a scalar', 'metric_tags:\n  m1:\n    priority: [1]\n', ['schema/type@3:15']],
    // A `__proto__` key is checked as data (had it set the prototype, nothing would be found),
    // both in a small mapping (an ordinary object) and in a larger one (a null-prototype one).
    [
      '__proto__ key in a small mapping',
      'metric_tags:\n  __proto__:\n    priority: [1]\n',
      ['schema/type@3:15']
    ],
    [
      '__proto__ key in a larger mapping',
      'metric_tags:\n  m1: {a: 1}\n  m2: {a: 1}\n  m3: {a: 1}\n  m4: {a: 1}\n  __proto__: 5\n',
      ['schema/type@6:14']
    ],
    [
      'preprocess_params not a mapping: left to preprocess/not-mapping',
      'preprocess_params: [1]\n',
      []
    ],
    ['exponent without dot', 'alert_threshold: 1e-1\n', ['schema/type@1:18']],
    ['non-finite float', 'change_threshold: .inf\n', ['schema/type@1:19']],
    ['null template', 'ingest_sql:\n', ['schema/type@1:12']]
  ]

  it.each(cases)('%s', (_name, yaml, expected) => {
    const doc = docOf(HEAD + yaml)
    const found = schemaFindings(doc, 'batch').map((f) => where(doc, f))
    // HEAD takes one line.
    const shifted = expected.map((e) =>
      e.replace(/@(\d+):/, (_m, l: string) => `@${Number(l) + 1}:`)
    )
    expect(found).toEqual(shifted)
  })

  it('reports nothing for a valid batch', () => {
    const doc = docOf(
      HEAD +
        [
          'db: snowflake',
          'alert_methods: [email, slack]',
          'ingest_cron_schedule: ["0 * * * *", "30 * * * *"]',
          'model_configs:',
          '  - {model_name: IForest, model_tag: if, model_params: {contamination: 0.5, n_estimators: 50}}',
          'preprocess_params: {diff_n: 0, freq: 10min, freq_agg: sum, my_custom_arg: 3}',
          'tholdalert_thresholds: {m1: {upper: 1.5}, m2: {lower: -3}}',
          'metric_tags: {m1: {priority: p1, level: 2, page: true, owner: null}}',
          'my_jinja_var: [anything, {goes: here}]',
          'change_exclude_metrics: ["\'m1\'"]'
        ].join('\n') +
        '\n'
    )
    expect(schemaFindings(doc, 'batch')).toEqual([])
  })
})

describe('schemaFindings scope', () => {
  it('leaves metric_batch and disable_* to the semantic rules', () => {
    const doc = docOf('metric_batch: my-batch\ndisable_train: "false"\ndisable_alert: 1\n')
    expect(schemaFindings(doc, 'batch')).toEqual([])
    expect(schemaFindings(docOf('db: duckdb\n'), 'batch')).toEqual([])
  })

  it('checks defaults.yaml without requiring metric_batch', () => {
    const doc = docOf('db: DuckDB\ntrain_max_n: 0\n', 'metrics/defaults/defaults.yaml')
    expect(schemaFindings(doc, 'defaults').map((f) => where(doc, f))).toEqual([
      'schema/enum@1:5',
      'schema/range@2:14'
    ])
  })

  it('reports every error in a file, in source order', () => {
    const doc = docOf(HEAD + 'alert_max_n: 0\ndb: x\nmodel_combination_method: avg\n')
    expect(schemaFindings(doc, 'batch').map((f) => f.ruleId)).toEqual([
      'schema/range',
      'schema/enum',
      'schema/enum'
    ])
  })

  it('finds keys that need JSON Pointer escapes', () => {
    expect(decodePointer('/a~1b/c~0d/0')).toEqual(['a/b', 'c~d', '0'])
    const doc = docOf(HEAD + 'tholdalert_thresholds:\n  "a/b~c": {upper: x}\n')
    expect(schemaFindings(doc, 'batch').map((f) => where(doc, f))).toEqual(['schema/type@3:20'])
  })

  it('reaches values through anchors and merge keys', () => {
    const doc = docOf(
      HEAD +
        'base: &b {model_name: PCA, model_params: {contamination: 2}}\nmodel_configs:\n  - <<: *b\n    model_tag: x\n'
    )
    expect(schemaFindings(doc, 'batch').map((f) => where(doc, f))).toEqual(['schema/range@2:58'])
  })
})

describe('schemaFindings messages', () => {
  const one = (yaml: string): Finding => {
    const found = schemaFindings(docOf(HEAD + yaml), 'batch')
    expect(found).toHaveLength(1)
    return found[0]!
  }

  it('names the path with list indexes', () => {
    const f = one(
      'model_configs:\n  - {model_name: PCA, model_params: {}}\n  - {model_name: 3, model_params: {}}\n'
    )
    expect(f.message).toContain('`model_configs[1].model_name`')
  })

  it('explains YAML 1.1 booleans and suggests quoting', () => {
    const f = one('alert_methods: on\n')
    expect(f.message).toContain('boolean true')
    expect(f.hint).toContain('"on"')
  })

  it('gives a case hint for enums', () => {
    expect(one('db: DuckDB\n').hint).toContain('`duckdb`')
    expect(one('db: DuckDB\n').severity).toBeUndefined()
  })

  it('reports a wrongly typed enum value once, as a type error', () => {
    expect(one('db: yes\n').ruleId).toBe('schema/type')
    expect(one('model_combination_method: 1\n').ruleId).toBe('schema/type')
  })

  it('explains quoted numbers and booleans', () => {
    expect(one('alert_threshold: "0.5"\n').hint).toContain('Remove the quotes')
    expect(one('alert_always: "False"\n').hint).toContain('`false`')
  })

  it('does not call a plain decimal a YAML 1.1 surprise', () => {
    expect(one('table_key: 5\n').message).not.toContain('PyYAML')
    expect(one('table_key: 0x1F\n').message).toContain('integer 31')
  })

  it('suggests the nearest known key', () => {
    expect(
      one('model_configs:\n  - {model_name: PCA, model_params: {}, modle_tag: x}\n').hint
    ).toContain('`model_tag`')
  })
})

describe('schema rule', () => {
  const ctx: RuleContext = {
    metricsDir: 'metrics',
    batches: [],
    defaults: undefined,
    files: new Set(),
    fileText: () => undefined
  }
  const view = (yaml: string, isDefaults: boolean): BatchView => {
    const doc = docOf(yaml)
    return {
      name: undefined,
      doc,
      defaults: undefined,
      isDefaults,
      enabled: true,
      entries: [],
      ownEntries: [],
      get: () => undefined
    }
  }

  it('declares meta for every id it can emit', () => {
    const ids = rules.flatMap((r) => r.meta.map((m) => m.id)).sort()
    expect(ids).toEqual([
      'schema/enum',
      'schema/format',
      'schema/range',
      'schema/required',
      'schema/type',
      'schema/unknown-property'
    ])
  })

  it('uses the batch schema for batches and the defaults schema for defaults.yaml', () => {
    const run = (v: BatchView): Finding[] => {
      const out: Finding[] = []
      for (const r of rules) if (r.kind === 'batch') r.check(v, ctx, (f) => out.push(f))
      return out
    }
    expect(run(view('db: nope\n', true)).map((f) => f.ruleId)).toEqual(['schema/enum'])
    expect(run(view('metric_batch: a\ndb: nope\n', false)).map((f) => f.ruleId)).toEqual([
      'schema/enum'
    ])
  })
})
