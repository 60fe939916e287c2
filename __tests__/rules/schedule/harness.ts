import type { FileTree } from '../../../src/core/tree.js'
import { rules as dagsterRules } from '../../../src/rules/dagster/index.js'
import { rules as scheduleRules } from '../../../src/rules/schedule/index.js'
import { validateTree, type ValidationResult } from '../../../src/validate.js'
import { memoryTree, toHit, type Hit } from '../../helpers/tree.js'

/** A defaults.yaml with every key the schedule/dagster rules read, as Anomstack ships them. */
export const DEFAULTS = `db: duckdb
ingest_cron_schedule: "*/3 * * * *"
ingest_default_schedule_status: 'STOPPED'
train_cron_schedule: "*/5 * * * *"
train_default_schedule_status: 'STOPPED'
score_cron_schedule: "*/4 * * * *"
score_default_schedule_status: 'STOPPED'
alert_cron_schedule: "*/5 * * * *"
alert_default_schedule_status: 'STOPPED'
change_cron_schedule: "*/5 * * * *"
change_default_schedule_status: 'STOPPED'
delete_cron_schedule: "0 6 * * *"
delete_default_schedule_status: 'STOPPED'
llmalert_cron_schedule: "*/5 * * * *"
llmalert_default_schedule_status: 'STOPPED'
plot_cron_schedule: "*/5 * * * *"
plot_default_schedule_status: 'STOPPED'
summary_cron_schedule: "0 9 * * *"
disable_batch: False
disable_ingest: False
disable_train: False
disable_score: False
disable_alert: False
disable_change: False
disable_llmalert: True
disable_plot: False
disable_summary: False
disable_delete: False
`

export function tree(files: Record<string, string>): FileTree {
  return memoryTree({ 'defaults/defaults.yaml': DEFAULTS, ...files })
}

export function validate(files: Record<string, string>): ValidationResult {
  return validateTree(tree(files), { rules: [...scheduleRules, ...dagsterRules] })
}

export type { Hit }

/** Diagnostics whose rule id starts with `prefix`, compacted (paths relative to metrics/). */
export function hits(files: Record<string, string>, prefix: string): Hit[] {
  return validate(files)
    .diagnostics.filter((d) => d.ruleId.startsWith(prefix))
    .map(toHit)
}
