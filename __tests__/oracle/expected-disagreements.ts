/**
 * Disagreements between us and the real Anomstack load that are known and not yet fixed
 * (issue 10's rule fixes). Keys: `<kind>:<variant id>` for the default seed; values: why.
 * The differential suite fails when a listed case starts agreeing: delete its line then.
 */
/** Reasons starting with this depend on os.walk order (the filesystem): such an entry may not reproduce. */
export const WALK_ORDER = 'os.walk order:'

export const EXPECTED_DISAGREEMENTS: Readonly<Record<string, string>> = {
  'false-crash-claim:cron-defaults-overridden/ingest_cron_schedule':
    'issue 10: a *_cron_schedule only in defaults.yaml, overridden by every batch, never reaches Dagster (latent, not a load crash today)',
  'false-crash-claim:cron-defaults-overridden/score_cron_schedule':
    'issue 10: a *_cron_schedule only in defaults.yaml, overridden by every batch, never reaches Dagster (latent, not a load crash today)',
  'false-crash-claim:metric-batch-chars/empty':
    'issue 10: metric_batch "" loads (job names like `_ingest` are valid Dagster names)',
  'missed-crash:anchors/undefined-alias':
    'we report yaml/undefined-alias as an error, but neither its message nor its rule metadata says the code location fails to load (give it effect: "load-crash")',
  'missed-crash:cron-unquoted-star/alias-scanner':
    'we report yaml/unquoted-cron as an error, but neither its message nor its rule metadata says the code location fails to load (give it effect: "load-crash")',
  'missed-crash:defaults-key-removed/alert_methods':
    'issue 10 "keys defaults.yaml must provide": a job module reads spec["alert_methods"] while building definitions (KeyError) and no batch sets it; no rule reports the missing key',
  'missed-crash:defaults-key-removed/alert_threshold':
    'issue 10 "keys defaults.yaml must provide": a job module reads spec["alert_threshold"] while building definitions (KeyError) and no batch sets it; no rule reports the missing key',
  'missed-crash:defaults-key-removed/db':
    'issue 10 "keys defaults.yaml must provide": a job module reads spec["db"] while building definitions (KeyError) and no batch sets it; no rule reports the missing key',
  'missed-crash:defaults-key-removed/llmalert_recent_n':
    'issue 10 "keys defaults.yaml must provide": a job module reads spec["llmalert_recent_n"] while building definitions (KeyError) and no batch sets it; no rule reports the missing key',
  'missed-crash:defaults-key-removed/llmalert_smooth_n':
    'issue 10 "keys defaults.yaml must provide": a job module reads spec["llmalert_smooth_n"] while building definitions (KeyError) and no batch sets it; no rule reports the missing key',
  'missed-crash:defaults-key-removed/model_configs':
    'issue 10 "keys defaults.yaml must provide": a job module reads spec["model_configs"] while building definitions (KeyError) and no batch sets it; no rule reports the missing key',
  'missed-crash:defaults-key-removed/model_path':
    'issue 10 "keys defaults.yaml must provide": a job module reads spec["model_path"] while building definitions (KeyError) and no batch sets it; no rule reports the missing key',
  'missed-crash:defaults-key-removed/preprocess_params':
    'issue 10 "keys defaults.yaml must provide": a job module reads spec["preprocess_params"] while building definitions (KeyError) and no batch sets it; no rule reports the missing key',
  'missed-crash:defaults-key-removed/table_key':
    'issue 10 "keys defaults.yaml must provide": a job module reads spec["table_key"] while building definitions (KeyError) and no batch sets it; no rule reports the missing key',
  'missed-crash:env/auto-config-reload-bad-cron':
    'issue 10 environment (the validator does not apply the environment yet): ANOMSTACK_CONFIG_RELOAD_CRON=bad with ANOMSTACK_AUTO_CONFIG_RELOAD=true',
  'missed-crash:env/batch-bad-ingest-cron':
    'issue 10 environment (the validator does not apply the environment yet): ANOMSTACK__<B>__INGEST_CRON_SCHEDULE=bad reaches ScheduleDefinition',
  'missed-crash:env/batch-disable-train-False':
    'issue 10 environment (the validator does not apply the environment yet): ANOMSTACK__<B>__DISABLE_TRAIN=False is the truthy string "False": train is disabled, its <B>_noop collides with the llmalert one',
  'missed-crash:env/batch-preprocess-string':
    'issue 10 environment (the validator does not apply the environment yet): ANOMSTACK__<B>__PREPROCESS_PARAMS=x is a string: plot calls .get on it (AttributeError)',
  'missed-crash:env/config-watcher-bad-interval':
    'issue 10 environment (the validator does not apply the environment yet): int(ANOMSTACK_CONFIG_WATCHER_INTERVAL) raises ValueError at import',
  'missed-crash:env/ignore-examples-yes':
    'issue 10 environment (the validator does not apply the environment yet): ANOMSTACK_IGNORE_EXAMPLES=yes drops every batch under examples/: zero batches (IndexError)',
  'missed-crash:env/retention-batch-size-bad':
    'issue 10 environment (the validator does not apply the environment yet): int(ANOMSTACK_RETENTION_BATCH_SIZE) raises ValueError at import',
  'missed-crash:env/retention-days-bad':
    'issue 10 environment (the validator does not apply the environment yet): int(ANOMSTACK_RETENTION_DAYS) raises ValueError at import',
  'missed-crash:env/retention-schedule-bad':
    'issue 10 environment (the validator does not apply the environment yet): ANOMSTACK_RETENTION_SCHEDULE=bad reaches ScheduleDefinition',
  'missed-crash:multi-document/two-docs':
    'we report yaml/multi-document as an error, but neither its message nor its rule metadata says the code location fails to load (give it effect: "load-crash")',
  'missed-crash:unquoted-jinja/flow-mapping':
    'we report yaml/unquoted-jinja as an error, but neither its message nor its rule metadata says the code location fails to load (give it effect: "load-crash")',
  'missed-crash:unsafe-tag/python-tag':
    'we report yaml/unsafe-tag as an error, but neither its message nor its rule metadata says the code location fails to load (give it effect: "load-crash")',
  'missed-crash:yaml-syntax/disabled-batch':
    'we report yaml/syntax as an error, but neither its message nor its rule metadata says the code location fails to load (give it effect: "load-crash")',
  'missed-crash:yaml-syntax/non-batch-yaml-in-defaults':
    'we report yaml/syntax as an error, but neither its message nor its rule metadata says the code location fails to load (give it effect: "load-crash")',
  'missed-crash:yaml-syntax/tab-indent-eirgrid':
    'we report yaml/syntax as an error, but neither its message nor its rule metadata says the code location fails to load (give it effect: "load-crash")',
  'missed-crash:yaml-syntax/tab-indent-tomtom':
    'we report yaml/syntax as an error, but neither its message nor its rule metadata says the code location fails to load (give it effect: "load-crash")',
  'missed-crash:yaml-syntax/unclosed-flow-eirgrid':
    'we report yaml/syntax as an error, but neither its message nor its rule metadata says the code location fails to load (give it effect: "load-crash")',
  'missed-crash:yaml-syntax/unclosed-flow-tomtom':
    'we report yaml/syntax as an error, but neither its message nor its rule metadata says the code location fails to load (give it effect: "load-crash")',
  'plan-mismatch:first-batch/every-batch-disable-summary-llm-on':
    'os.walk order: the plan names the disabled summary job after the first batch in path order (bigquery_example_simple); Anomstack takes the first batch os.walk yields (hackernews on ext4). Issue 10: model "any batch may be first"',
  'plan-mismatch:non-printable/u0085-quoted':
    'issue 10: a U+0085 inside a quoted value loads (PyYAML accepts it), but we report yaml/non-printable as an error and leave the batch out of the plan',
  'plan-mismatch:non-printable/u0085-quoted-in-sql-comment':
    'issue 10: a U+0085 inside a quoted value loads (PyYAML accepts it), but we report yaml/non-printable as an error and leave the batch out of the plan'
}

/** The global definitions the plan model does not list yet, on the unmodified upstream tree. */
export const GLOBAL_INVENTORY_GAP: {
  readonly reason: string
  readonly baseline: readonly string[]
} = {
  reason:
    'issue 10 "Global jobs missing from the plan": cleanup_disk_space, retention_cleanup and the sensors are always defined, but the plan model lists per-batch definitions only',
  baseline: [
    'job:cleanup_disk_space',
    'job:retention_cleanup',
    'schedule:cleanup_disk_space_schedule job=cleanup_disk_space cron="0 */2 * * *" status=RUNNING',
    'schedule:retention_cleanup_schedule job=retention_cleanup cron="0 */6 * * *" status=RUNNING',
    'sensor:config_file_watcher_disabled',
    'sensor:email_on_run_failure',
    'sensor:kill_long_running_runs'
  ]
}
