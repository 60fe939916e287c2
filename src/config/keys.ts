/**
 * Catalogue of every metric-batch key Anomstack knows about, has known about, or that its docs
 * invent. Source: the Anomstack contract §2 (keys read at HEAD), §7 (doc-only keys) and §8
 * (history). The JSON Schemas in `schema/` must list exactly the live, deprecated, dead and
 * internal keys (a test checks for drift).
 */

/**
 * - `live`: read by Anomstack at HEAD.
 * - `deprecated`: replaced by another key; may still be honoured (see `description`).
 * - `dead`: accepted silently but never read, so setting it has no effect.
 * - `internal`: set by Anomstack itself; a user value is overwritten.
 * - `doc-only`: appears in docs, prototypes or unmerged branches, never read on main.
 */
export type KeyStatus = 'live' | 'dead' | 'deprecated' | 'doc-only' | 'internal'

export interface KeyInfo {
  readonly name: string
  readonly status: KeyStatus
  /** One line: what the key does (or why it does nothing). */
  readonly description: string
  /** The key to use instead, for deprecated, dead and doc-only keys. */
  readonly replacement?: string
  /** How to fix a config that uses this key. */
  readonly hint?: string
}

type Row = readonly [name: string, description: string]

const live = (rows: readonly Row[]): KeyInfo[] =>
  rows.map(([name, description]) => ({ name, status: 'live', description }))

/** The eight parts that each get a Dagster schedule from `<part>_cron_schedule`. */
export const SCHEDULED_PARTS = [
  'ingest',
  'train',
  'score',
  'alert',
  'change',
  'llmalert',
  'plot',
  'delete'
] as const

const scheduleRows: Row[] = [
  ...SCHEDULED_PARTS.flatMap((part): Row[] => [
    [
      `${part}_cron_schedule`,
      `Cron string (or list) for the ${part} job's Dagster schedule (UTC).`
    ],
    [
      `${part}_default_schedule_status`,
      `Initial status of the ${part} schedule: exactly RUNNING, anything else means STOPPED.`
    ]
  ]),
  ['summary_cron_schedule', 'Cron string for the summary job; only the first batch walked counts.']
]

const templateRows: Row[] = [
  ['train_sql', 'Jinja SQL template that selects training data.'],
  ['score_sql', 'Jinja SQL template that selects scoring data.'],
  ['alert_sql', 'Jinja SQL template that selects anomaly alerts.'],
  ['change_sql', 'Jinja SQL template that selects change-detection data.'],
  ['plot_sql', 'Jinja SQL template that selects plot data.'],
  ['llmalert_sql', 'Jinja SQL template that selects LLM-alert data.'],
  ['dashboard_sql', 'Jinja SQL template the dashboard renders.'],
  ['delete_sql', 'Jinja SQL template that deletes old metrics.'],
  ['summary_sql', 'Jinja SQL template for the summary email.'],
  ['preprocess_fn', 'Jinja Python source defining preprocess(df, ...), used by train and score.']
]

const disableRows: Row[] = [
  ['disable_batch', 'Truthy value makes Anomstack skip the whole batch.'],
  ['disable_ingest', 'Replace the ingest job with a no-op job.'],
  ['disable_train', 'Replace the train job with a no-op job.'],
  ['disable_score', 'Replace the score job with a no-op job.'],
  ['disable_alerts', 'Replace the alert job with a no-op job (plural; the real key).'],
  ['disable_change', 'Replace the change-detection job with a no-op job.'],
  ['disable_llmalert', 'Replace the LLM-alert job with a no-op job (default true).'],
  ['disable_plot', 'Replace the plot job with a no-op job.'],
  ['disable_delete', 'Replace the delete job with a no-op job.'],
  ['disable_summary', 'Replace the summary job with a no-op job (first batch only).'],
  ['disable_dashboard', 'Hide the batch from the dashboard.'],
  ['disable_tholdalert', 'Turn threshold alerts off (default true).']
]

const LIVE: KeyInfo[] = live([
  ['metric_batch', 'Batch name; required in every file, must match ^[A-Za-z0-9_]+$.'],
  ['db', 'Database: duckdb, sqlite, bigquery, snowflake or clickhouse.'],
  ['table_key', 'Table that stores the metrics; its shape depends on db.'],
  ['ingest_sql', 'Jinja SQL returning metric_timestamp, metric_name, metric_value.'],
  ['ingest_fn', 'Jinja Python source defining ingest() that returns the metrics DataFrame.'],
  ['ingest_metric_rounding', 'Decimal places to round ingested values to.'],
  ['model_path', 'Where models are stored: local://, gs:// or s3://.'],
  ['model_configs', 'List of PyOD models to train: model_name, model_params, model_tag.'],
  ['model_combination_method', 'How model scores are combined: mean, max or min.'],
  ['preprocess_params', 'Keyword arguments passed to preprocess().'],
  ['train_max_n', 'Most recent observations used for training.'],
  ['train_min_n', 'Drops the newest n-1 observations from training (not a minimum count).'],
  ['train_metric_timestamp_max_days_ago', 'Days of history used for training.'],
  ['train_exclude_metrics', 'Metrics left out of training (SQL-quoted items).'],
  ['score_max_n', 'Most recent observations pulled for scoring.'],
  ['score_metric_timestamp_max_days_ago', 'Days of history used for scoring.'],
  ['score_exclude_metrics', 'Metrics left out of scoring (SQL-quoted items).'],
  ['score_metric_rounding', 'Decimal places to round scores to.'],
  ['alert_methods', 'Alert channels: a string containing email and/or slack.'],
  ['alert_threshold', 'Smoothed anomaly score above which to alert.'],
  ['alert_always', 'Always send alerts, even without anomalies.'],
  ['alert_metric_timestamp_max_days_ago', 'Do not alert on metrics older than this many days.'],
  ['alert_recent_n', 'Only alert on the most recent n observations.'],
  ['alert_max_n', 'Observations included and plotted in an alert.'],
  ['alert_smooth_n', 'Rolling window over which the anomaly score is smoothed.'],
  ['alert_snooze_n', 'Periods to snooze alerts after an alert.'],
  ['alert_exclude_metrics', 'Metrics left out of alerts (SQL-quoted items).'],
  ['metric_tags', 'Per-metric tags added to alerts: metric name to mapping of scalars.'],
  ['tholdalert_thresholds', 'Per-metric static bounds: metric name to {upper, lower}.'],
  ['tholdalert_methods', 'Threshold-alert channels, like alert_methods.'],
  ['tholdalert_recent_n', 'Rows of the current ingest batch checked against thresholds.'],
  ['tholdalert_snooze_n', 'Periods to snooze threshold alerts (within one ingest run).'],
  ['tholdalert_exclude_metrics', 'Metrics left out of threshold alerts (plain names).'],
  ['change_threshold', 'MAD threshold for change detection.'],
  ['change_detect_last_n', 'Last n observations checked for a change.'],
  ['change_metric_timestamp_max_days_ago', 'Days of history used for change detection.'],
  ['change_max_n', 'Observations used for change detection.'],
  ['change_smooth_n', 'Smoothing window for change detection.'],
  ['change_snooze_n', 'Periods to snooze change alerts.'],
  ['change_include_metrics', 'Only these metrics get change detection (SQL-quoted items).'],
  ['change_exclude_metrics', 'Metrics left out of change detection (SQL-quoted items).'],
  ['llmalert_model', 'LLM model id for LLM alerts, or "random".'],
  ['llmalert_recent_n', 'Only LLM-alert on the most recent n observations.'],
  ['llmalert_smooth_n', 'Smoothing window applied before the LLM sees values.'],
  ['llmalert_metric_rounding', 'Decimal places sent to the LLM (-1 = no rounding).'],
  ['llmalert_metric_timestamp_max_days_ago', 'Days of history sent to the LLM.'],
  ['llmalert_prompt_max_n', 'Observations included in the LLM prompt.'],
  ['llmalert_include_plot', 'Include a plot image in the LLM prompt.'],
  ['llmalert_anomaly_agent_detection_prompt', 'Custom detection prompt (plain text, not Jinja).'],
  ['llmalert_anomaly_agent_verification_prompt', 'Custom verification prompt (plain text).'],
  ['dashboard_stale_metric_max_days_ago', 'Days after which the dashboard calls a metric stale.'],
  ['delete_after_n_days', 'Delete metrics older than this many days.'],
  ['summary_metric_timestamp_max_days_ago', 'Days covered by the summary email.'],
  ...disableRows,
  ...scheduleRows,
  ...templateRows
])

const RETIRED: KeyInfo[] = [
  {
    name: 'disable_alert',
    status: 'dead',
    description: 'Never read: the alert job reads disable_alerts (plural).',
    replacement: 'disable_alerts',
    hint: 'Rename it to `disable_alerts`.'
  },
  {
    name: 'prompt_fn',
    status: 'dead',
    description: 'Ignored since 2025-05-25; its include target prompt.py no longer exists.',
    replacement: 'llmalert_anomaly_agent_detection_prompt',
    hint: 'Remove it; customise prompts with `llmalert_anomaly_agent_detection_prompt` / `llmalert_anomaly_agent_verification_prompt`.'
  },
  {
    name: 'gcp_project_id',
    status: 'dead',
    description:
      'Only set from the ANOMSTACK_GCP_PROJECT_ID environment variable; never read from YAML.',
    hint: 'Set the `ANOMSTACK_GCP_PROJECT_ID` environment variable instead.'
  },
  {
    name: 'metrics_dir',
    status: 'internal',
    description: 'Set by Anomstack to the metrics folder; a YAML value is always overwritten.',
    hint: 'Remove it.'
  },
  ...(['diff_n', 'smooth_n', 'lags_n'] as const).map((p): KeyInfo => ({
    name: `preprocess_${p}`,
    status: 'deprecated',
    description: `Removed in 2023-10; now preprocess_params.${p}. Nothing reads it.`,
    replacement: `preprocess_params.${p}`,
    hint: `Move it under \`preprocess_params\` as \`${p}\`.`
  })),
  {
    name: 'model_config',
    status: 'deprecated',
    description:
      'Single-model mapping removed in 2024-10; now the model_configs list. Nothing reads it.',
    replacement: 'model_configs',
    hint: 'Wrap the mapping in a list and rename the key to `model_configs`.'
  },
  {
    name: 'llmalert_anomaly_agent_system_prompt',
    status: 'deprecated',
    description:
      'Legacy alias, still honoured when llmalert_anomaly_agent_detection_prompt is not set.',
    replacement: 'llmalert_anomaly_agent_detection_prompt',
    hint: 'Rename it to `llmalert_anomaly_agent_detection_prompt`.'
  }
]

const docOnly = (name: string, replacement: string | undefined, hint: string): KeyInfo => ({
  name,
  status: 'doc-only',
  description: 'Appears only in documentation or prototypes; Anomstack never reads it.',
  ...(replacement === undefined ? {} : { replacement }),
  hint
})

const TIMEGPT_KEYS = [
  'disable_timegptalert',
  'timegpt_sql',
  ...[
    'cron_schedule',
    'default_schedule_status',
    'freq',
    'freq_agg',
    'max_n',
    'metric_rounding',
    'recent_n',
    'smooth_n'
  ].map((s) => `timegptalert_${s}`)
]

const DOC_ONLY: KeyInfo[] = [
  docOnly('name', 'metric_batch', 'The batch name key is `metric_batch`.'),
  docOnly('batch', 'metric_batch', 'The batch name key is `metric_batch`.'),
  docOnly('description', undefined, 'Use a YAML comment instead.'),
  docOnly('source', undefined, 'Define the data with `ingest_sql` or `ingest_fn`.'),
  docOnly('data_source', undefined, 'Define the data with `ingest_sql` or `ingest_fn`.'),
  docOnly('metrics', undefined, 'Metrics are the rows your `ingest_sql`/`ingest_fn` returns.'),
  docOnly(
    'schedule',
    'ingest_cron_schedule',
    'Use `ingest_cron_schedule` (and the other `*_cron_schedule` keys).'
  ),
  docOnly('alerts', 'alert_methods', 'Use `alert_methods` and the `alert_*` keys.'),
  docOnly(
    'ml_algorithm',
    'model_configs',
    'Choose models with `model_configs` (`model_name`: a PyOD class).'
  ),
  docOnly('anomaly_threshold', 'alert_threshold', 'Use `alert_threshold`.'),
  docOnly(
    'ingest_sql_file',
    'ingest_sql',
    'Use `ingest_sql: >` with `{% include "./<path under metrics/>" %}`.'
  ),
  docOnly(
    'ingest_fn_file',
    'ingest_fn',
    'Use `ingest_fn: >` with `{% include "./<path under metrics/>" %}`.'
  ),
  docOnly('metric_sql', 'ingest_sql', 'Pre-release key removed in 2023-08; use `ingest_sql`.'),
  docOnly('table', 'table_key', 'Use `table_key`.'),
  docOnly('dataset', 'table_key', 'Put the dataset into `table_key` (`dataset.table`).'),
  ...TIMEGPT_KEYS.map((k) => docOnly(k, undefined, 'TimeGPT alerts never shipped in Anomstack.'))
]

/** Every known key, live ones first. */
export const KEY_CATALOGUE: readonly KeyInfo[] = Object.freeze([...LIVE, ...RETIRED, ...DOC_ONLY])

const BY_NAME: ReadonlyMap<string, KeyInfo> = new Map(KEY_CATALOGUE.map((k) => [k.name, k]))

/** The catalogue entry for a top-level key, or undefined when Anomstack has never heard of it. */
export function keyInfo(name: string): KeyInfo | undefined {
  return BY_NAME.get(name)
}
