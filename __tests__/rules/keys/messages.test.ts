import { describe, expect, it } from 'vitest'
import { said } from '../batch/harness.js'

// What the keys rules say about each kind of key: exact message, hint and the marked key.

const A = 'metric_batch: a\ningest_sql: select 1\n'

/** The keys/ findings of a batch whose third line is `line`. */
function third(line: string) {
  return said({ 'a/a.yaml': A + line + '\n' }, 'keys/')
}

describe('keys/unknown', () => {
  it('a near miss gets a suggestion; marks the key', () => {
    expect(third('alerts_methods: email')).toEqual([
      {
        ruleId: 'keys/unknown',
        severity: 'warning',
        file: 'a/a.yaml',
        line: 3,
        column: 1,
        end: [3, 15],
        message:
          '`alerts_methods` is not a key Anomstack reads, and no template of this batch uses it: it is ignored.',
        hint: 'Did you mean `alert_methods`?'
      }
    ])
  })

  it('without a near miss, the hint shows how to use it as a parameter', () => {
    expect(third('zzqqxx: 1')).toEqual([
      {
        ruleId: 'keys/unknown',
        severity: 'warning',
        file: 'a/a.yaml',
        line: 3,
        column: 1,
        end: [3, 7],
        message:
          '`zzqqxx` is not a key Anomstack reads, and no template of this batch uses it: it is ignored.',
        hint: 'Remove it, or reference it from `ingest_sql`/`ingest_fn` as {{ zzqqxx }} if it is a custom parameter.'
      }
    ])
  })

  it('a key a template uses is a custom parameter: a notice without a hint', () => {
    expect(
      said(
        {
          'a/a.yaml': 'metric_batch: a\nflag: 1\ningest_sql: "{% if flag %}select 1{% endif %}"\n'
        },
        'keys/'
      )
    ).toEqual([
      {
        ruleId: 'keys/unknown',
        severity: 'notice',
        file: 'a/a.yaml',
        line: 2,
        column: 1,
        end: [2, 5],
        message:
          "`flag` is not an Anomstack key, but this batch's templates use it as a Jinja variable (templates see the whole spec), so it is a custom parameter."
      }
    ])
  })
})

describe('keys/deprecated', () => {
  it('names the replacement, then the catalogue description', () => {
    expect(third('model_config: {model_name: PCA}')).toEqual([
      {
        ruleId: 'keys/deprecated',
        severity: 'warning',
        file: 'a/a.yaml',
        line: 3,
        column: 1,
        end: [3, 13],
        message:
          '`model_config` is deprecated (replaced by `model_configs`). Single-model mapping removed in 2024-10; now the model_configs list. Nothing reads it.',
        hint: 'Wrap the mapping in a list and rename the key to `model_configs`.'
      }
    ])
    expect(third('preprocess_diff_n: 1')).toMatchObject([
      {
        severity: 'warning',
        end: [3, 18],
        message:
          '`preprocess_diff_n` is deprecated (replaced by `preprocess_params.diff_n`). Removed in 2023-10; now preprocess_params.diff_n. Nothing reads it.',
        hint: 'Move it under `preprocess_params` as `diff_n`.'
      }
    ])
  })

  it('the legacy system prompt still works, so it is only a notice', () => {
    expect(third('llmalert_anomaly_agent_system_prompt: hi')).toEqual([
      {
        ruleId: 'keys/deprecated',
        severity: 'notice',
        file: 'a/a.yaml',
        line: 3,
        column: 1,
        end: [3, 37],
        message:
          '`llmalert_anomaly_agent_system_prompt` is deprecated (replaced by `llmalert_anomaly_agent_detection_prompt`). Legacy alias, still honoured when llmalert_anomaly_agent_detection_prompt is not set.',
        hint: 'Rename it to `llmalert_anomaly_agent_detection_prompt`.'
      }
    ])
  })
})

describe('keys/dead: each dead key explains itself', () => {
  it.each([
    [
      'disable_alert: true',
      14,
      '`disable_alert` has no effect: the alert job reads `disable_alerts` (plural), so this flag never disables anything.',
      'Rename it to `disable_alerts`.'
    ],
    [
      'prompt_fn: x',
      10,
      '`prompt_fn` is ignored: Anomstack stopped rendering it on 2025-05-25 (its include target prompt.py was deleted too).',
      'Remove it; customise prompts with `llmalert_anomaly_agent_detection_prompt` / `llmalert_anomaly_agent_verification_prompt`.'
    ],
    [
      'gcp_project_id: p',
      15,
      '`gcp_project_id` is never read from YAML: BigQuery only uses the ANOMSTACK_GCP_PROJECT_ID environment variable.',
      'Set the `ANOMSTACK_GCP_PROJECT_ID` environment variable instead.'
    ],
    [
      'metrics_dir: ./m',
      12,
      '`metrics_dir` is always overwritten by get_specs with the real metrics folder, so a YAML value has no effect.',
      'Remove it.'
    ]
  ])('%s', (line, end, message, hint) => {
    expect(third(line)).toEqual([
      {
        ruleId: 'keys/dead',
        severity: 'warning',
        file: 'a/a.yaml',
        line: 3,
        column: 1,
        end: [3, end],
        message,
        hint
      }
    ])
  })
})

describe('keys/doc-only', () => {
  it('ignored, with the catalogue hint', () => {
    expect(third('ingest_sql_file: q.sql')).toEqual([
      {
        ruleId: 'keys/doc-only',
        severity: 'warning',
        file: 'a/a.yaml',
        line: 3,
        column: 1,
        end: [3, 16],
        message:
          "`ingest_sql_file` appears only in Anomstack's documentation or prototypes; Anomstack never reads it, so it is ignored.",
        hint: 'Use `ingest_sql: >` with `{% include "./<path under metrics/>" %}`.'
      }
    ])
  })

  it('used by a template: a notice that it only works as a custom parameter', () => {
    expect(
      said(
        { 'a/a.yaml': 'metric_batch: a\ndataset: d\ningest_sql: select * from {{ dataset }}.t\n' },
        'keys/'
      )
    ).toEqual([
      {
        ruleId: 'keys/doc-only',
        severity: 'notice',
        file: 'a/a.yaml',
        line: 2,
        column: 1,
        end: [2, 8],
        message:
          "`dataset` appears in Anomstack's documentation but Anomstack never reads it; this batch's templates use it as a Jinja variable, so it works only as a custom parameter.",
        hint: 'Put the dataset into `table_key` (`dataset.table`).'
      }
    ])
  })
})

describe('keys in defaults.yaml', () => {
  const DEFAULTS = 'db: duckdb\ntable_key: metrics\nmy_p: 1\nname: n\n'

  it('count as used when any batch template uses them', () => {
    const found = said(
      {
        'defaults/defaults.yaml': DEFAULTS,
        'a/a.yaml': A,
        'b/b.yaml': 'metric_batch: b\ningest_sql: select {{ my_p }} {{ name }}\n'
      },
      'keys/'
    )
    expect(found.map((d) => [d.ruleId, d.severity, d.file, d.line])).toEqual([
      ['keys/unknown', 'notice', 'defaults/defaults.yaml', 3],
      ['keys/doc-only', 'notice', 'defaults/defaults.yaml', 4]
    ])
  })

  it('and are ignored when none does', () => {
    const found = said({ 'defaults/defaults.yaml': DEFAULTS, 'a/a.yaml': A }, 'keys/')
    expect(found.map((d) => [d.ruleId, d.severity, d.file, d.line, d.hint])).toEqual([
      [
        'keys/unknown',
        'warning',
        'defaults/defaults.yaml',
        3,
        'Remove it, or reference it from `ingest_sql`/`ingest_fn` as {{ my_p }} if it is a custom parameter.'
      ],
      [
        'keys/doc-only',
        'warning',
        'defaults/defaults.yaml',
        4,
        'The batch name key is `metric_batch`.'
      ]
    ])
  })

  it('a batch does not see another batch\u2019s template use', () => {
    const found = said(
      {
        'a/a.yaml': A + 'my_p: 1\n',
        'b/b.yaml': 'metric_batch: b\nmy_p: 2\ningest_sql: select {{ my_p }}\n'
      },
      'keys/'
    )
    expect(found.map((d) => [d.file, d.severity])).toEqual([
      ['a/a.yaml', 'warning'],
      ['b/b.yaml', 'notice']
    ])
  })
})

describe('keys that are not plain strings', () => {
  it('are left to yaml-keys/non-string-key', () => {
    expect(third('1: x')).toEqual([])
    expect(third('? [a]\n: x')).toEqual([])
    expect(third('"quoted_unknown": 1').map((d) => d.message)).toEqual([
      '`quoted_unknown` is not a key Anomstack reads, and no template of this batch uses it: it is ignored.'
    ])
  })
})
