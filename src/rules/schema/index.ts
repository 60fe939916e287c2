import type { RuleMeta, Rule } from '../types.js'
import { SCHEMA_RULE_IDS, schemaFindings } from '../../schema/schema-findings.js'
import { pyTruthy } from '../../config/truthy.js'
import { getEntry, type YNode } from '../../yaml/node.js'

const TRUE: YNode = {
  kind: 'scalar',
  pyType: 'bool',
  value: true,
  plain: true,
  source: 'true',
  start: 0,
  end: 0
}

const META: readonly RuleMeta[] = [
  {
    id: SCHEMA_RULE_IDS.type,
    severity: 'error',
    effect: 'job-fails',
    description:
      'A value of the wrong type as PyYAML reads it (YAML 1.1 turns `on`, `010`, `2024-01-01` into bool/int/date): the job that reads it fails; a numeric string that only reaches rendered SQL (`train_max_n: "2500"`), or thresholds while threshold alerts are off, is a warning.'
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
      const thresholds = getEntry(batch.doc.root, 'tholdalert_thresholds')?.value
      // ingest reads spec.get("disable_tholdalert", True): missing means threshold alerts are off.
      const tholdOff = pyTruthy(batch.get('disable_tholdalert')?.entry.value ?? TRUE)
      for (const finding of schemaFindings(batch.doc, batch.isDefaults ? 'defaults' : 'batch')) {
        const onThresholds =
          thresholds !== undefined &&
          finding.span.start === thresholds.start &&
          finding.ruleId === SCHEMA_RULE_IDS.type
        if (onThresholds && tholdOff) {
          // Verified: a list or string here does not fail ingest while threshold alerts are off.
          report({
            ...finding,
            severity: 'warning',
            effect: 'ignored',
            message: `${finding.message} Threshold alerts are off (disable_tholdalert), so nothing fails today; turning them on would.`
          })
        } else report(finding)
      }
    }
  }
]
