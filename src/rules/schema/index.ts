import type { RuleMeta, Rule } from '../types.js'
import { SCHEMA_RULE_IDS, schemaFindings } from '../../schema/schema-findings.js'

const META: readonly RuleMeta[] = [
  {
    id: SCHEMA_RULE_IDS.type,
    severity: 'error',
    effect: 'job-fails',
    description:
      'A value of the wrong type as PyYAML reads it (YAML 1.1 turns `on`, `010`, `2024-01-01` into bool/int/date): the job that reads it fails.'
  },
  {
    id: SCHEMA_RULE_IDS.enum,
    severity: 'error',
    effect: 'job-fails',
    description:
      'A value outside its fixed set (`db`, `model_combination_method`, `freq_agg`): the job that uses it fails (schedule statuses are checked by schedule/status-invalid).'
  },
  {
    id: SCHEMA_RULE_IDS.range,
    severity: 'error',
    effect: 'job-fails',
    description:
      'A number outside its range (`contamination` in (0, 0.5], counts ≥ 0 or ≥ 1): the job run fails or silently does nothing.'
  },
  {
    id: SCHEMA_RULE_IDS.required,
    severity: 'error',
    effect: 'job-fails',
    description:
      'A nested mapping without a required key (`model_configs` items need `model_name` and `model_params`): the train run fails.'
  },
  {
    id: SCHEMA_RULE_IDS.unknownProperty,
    severity: 'warning',
    effect: 'ignored',
    description:
      'An unknown key inside a closed mapping (a `model_configs` item, a threshold): Anomstack ignores it, usually a typo.'
  },
  {
    id: SCHEMA_RULE_IDS.format,
    severity: 'error',
    effect: 'job-fails',
    description:
      'A value of the right type but the wrong shape (an empty cron or metric list): the schedule or SQL breaks.'
  }
]

/**
 * JSON Schema checks (schema/*.schema.json, precompiled). Runs on each file's own mapping rather
 * than the merged view, so a problem in defaults.yaml is reported once, in defaults.yaml.
 */
export const rules: Rule[] = [
  {
    kind: 'batch',
    meta: META,
    check(batch, _ctx, report) {
      for (const finding of schemaFindings(batch.doc, batch.isDefaults ? 'defaults' : 'batch')) {
        report(finding)
      }
    }
  }
]
