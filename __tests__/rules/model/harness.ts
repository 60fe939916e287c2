import type { Diagnostic } from '../../../src/core/diagnostic.js'
import type { FileTree, TreeEntry } from '../../../src/core/tree.js'
import type { Rule } from '../../../src/rules/types.js'
import { validateTree } from '../../../src/validate.js'
import { rules as alertRules } from '../../../src/rules/alert/index.js'
import { rules as modelRules } from '../../../src/rules/model/index.js'
import { rules as preprocessRules } from '../../../src/rules/preprocess/index.js'
import { rules as storageRules } from '../../../src/rules/storage/index.js'
import { rules as yamlKeyRules } from '../../../src/rules/yaml-keys/index.js'

/** Every rule of the model/preprocess/storage/alert/yaml-keys areas. */
export const AREA_RULES: readonly Rule[] = [
  ...modelRules,
  ...preprocessRules,
  ...storageRules,
  ...alertRules,
  ...yamlKeyRules
]

export const AREA_RULE_IDS: ReadonlySet<string> = new Set(
  AREA_RULES.flatMap((r) => r.meta.map((m) => m.id))
)

/** A small defaults.yaml with the keys these rules read, set like Anomstack's own. */
export const DEFAULTS = `db: "duckdb"
table_key: "metrics"
model_path: "local://./models"
model_configs:
  - model_name: 'PCA'
    model_tag: 'pca_default'
    model_params:
      contamination: 0.01
  - model_name: 'KNN'
    model_tag: 'knn_default'
    model_params:
      contamination: 0.01
train_max_n: 2500
train_min_n: 14
score_max_n: 25
preprocess_params:
  diff_n: 1
  smooth_n: 3
  lags_n: 5
  freq: null
  freq_agg: 'mean'
alert_methods: "email,slack"
disable_tholdalert: True
tholdalert_methods: "email,slack"
preprocess_fn: >
  {% include "./defaults/python/preprocess.py" %}
disable_batch: False
disable_plot: False
disable_delete: False
delete_default_schedule_status: 'STOPPED'
`

export const DEFAULTS_PATH = 'metrics/defaults/defaults.yaml'
export const BATCH_PATH = 'metrics/b/b.yaml'

/** Builds an in-memory tree: path → text. */
export function tree(files: Readonly<Record<string, string>>): FileTree {
  const entries: TreeEntry[] = Object.entries(files).map(([path, text]) => ({
    kind: 'file',
    path,
    bytes: Buffer.from(text, 'utf8')
  }))
  return { metricsDir: 'metrics', entries }
}

/** Diagnostics of this area's rules for a tree. */
export function diagnose(files: Readonly<Record<string, string>>): Diagnostic[] {
  const all = validateTree(tree(files), { rules: AREA_RULES }).diagnostics
  const crash = all.find((d) => d.ruleId === 'internal/rule-crashed')
  if (crash) throw new Error(crash.message)
  return all.filter((d) => AREA_RULE_IDS.has(d.ruleId))
}

/** Diagnostics for one batch file (text after `metric_batch: b`) over DEFAULTS. */
export function diagnoseBatch(body: string, defaults: string = DEFAULTS): Diagnostic[] {
  return diagnose({ [DEFAULTS_PATH]: defaults, [BATCH_PATH]: `metric_batch: b\n${body}` })
}

export interface Hit {
  readonly ruleId: string
  readonly severity: string
  readonly file: string
  readonly line: number
  readonly column: number
}

/** The comparable part of a diagnostic, optionally only one rule id. */
export function hits(diags: readonly Diagnostic[], ruleId?: string): Hit[] {
  return diags
    .filter((d) => ruleId === undefined || d.ruleId === ruleId)
    .map(({ ruleId: id, severity, file, line, column }) => ({
      ruleId: id,
      severity,
      file,
      line,
      column
    }))
}

/** Shorthand for an expected hit in the batch file. */
export function at(
  ruleId: string,
  line: number,
  column: number,
  severity = 'error',
  file = BATCH_PATH
): Hit {
  return { ruleId, severity, file, line, column }
}
