import { pyTruthy } from '../../config/truthy.js'
import type { BatchRule } from '../types.js'
import { strValue } from '../yaml-keys/scalars.js'

const UNSUPPORTED = new Set(['bigquery', 'snowflake'])

/**
 * The delete job runs `read_sql(..., returns_df=False)`, which BigQuery and Snowflake do not
 * implement. Its schedule is STOPPED by default, so this is only certain to fail when RUNNING.
 */
export const deleteJobRule: BatchRule = {
  kind: 'batch',
  meta: [
    {
      id: 'storage/delete-unsupported',
      severity: 'warning',
      effect: 'job-fails',
      description:
        'db bigquery/snowflake with the delete job enabled: the delete run raises NotImplementedError (error when its schedule is RUNNING).'
    }
  ],
  check(batch, _ctx, report) {
    const dbEntry = batch.get('db')
    const db = strValue(dbEntry?.entry.value)
    if (!dbEntry || db === undefined || !UNSUPPORTED.has(db)) return
    if (pyTruthy(batch.get('disable_delete')?.entry.value)) return
    const running = strValue(batch.get('delete_default_schedule_status')?.entry.value) === 'RUNNING'
    report({
      ruleId: 'storage/delete-unsupported',
      ...(running ? { severity: 'error' as const } : {}),
      doc: dbEntry.doc,
      span: dbEntry.entry.value,
      message: `db ${db} does not support the delete job (NotImplementedError when it runs)${running ? ', and delete_default_schedule_status is RUNNING, so every scheduled delete run fails' : '; its schedule is STOPPED, so it fails only when started by hand or switched on'}.`,
      hint: 'Add `disable_delete: true` to this batch and prune old rows with your warehouse tools.'
    })
  }
}
