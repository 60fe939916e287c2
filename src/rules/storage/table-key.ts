import type { BatchRule } from '../types.js'
import type { Severity } from '../../core/diagnostic.js'
import { excerpt, strValue } from '../yaml-keys/scalars.js'

interface ShapeVerdict {
  readonly severity: Severity
  readonly message: string
  readonly hint: string
}

/**
 * What each `db` writer does with `table_key` (contract §2.1): duckdb creates `schema` for
 * `schema.table`, bigquery asserts a project, snowflake indexes three parts.
 */
function judgeTableKey(db: string, tableKey: string): ShapeVerdict | undefined {
  const parts = tableKey.split('.')
  const key = excerpt(tableKey)
  const n = parts.length
  if (parts.some((p) => p.trim() === '')) {
    return {
      severity: 'error',
      message: `table_key \`${key}\` has an empty name part: the SQL Anomstack renders with it is invalid.`,
      hint: 'Remove the stray dot or fill in the missing name.'
    }
  }
  switch (db) {
    case 'duckdb':
      if (n <= 2) return undefined
      return {
        severity: 'error',
        message: `table_key \`${key}\` has ${n} parts, but db duckdb accepts \`table\` or \`schema.table\`: saving metrics fails.`,
        hint: 'Use `table` or `schema.table`.'
      }
    case 'sqlite':
      if (n === 1) return undefined
      return {
        severity: 'error',
        message: `table_key \`${key}\` contains a dot, but db sqlite has no schemas: saving metrics fails.`,
        hint: 'Use a plain table name, e.g. `metrics`.'
      }
    case 'clickhouse':
      if (n <= 2) return undefined
      return {
        severity: 'error',
        message: `table_key \`${key}\` has ${n} parts, but db clickhouse accepts \`table\` or \`database.table\`: saving metrics fails.`,
        hint: 'Use `table` or `database.table`.'
      }
    case 'bigquery':
      if (n === 3) return undefined
      if (n === 2) {
        return {
          severity: 'warning',
          message: `table_key \`${key}\` is \`dataset.table\`: the BigQuery writer asserts a project, so this works only when ANOMSTACK_GCP_PROJECT_ID is set.`,
          hint: 'Use `project.dataset.table`, or make sure ANOMSTACK_GCP_PROJECT_ID is set wherever the jobs run.'
        }
      }
      return {
        severity: 'error',
        message: `table_key \`${key}\` has ${n} part${n === 1 ? '' : 's'}, but db bigquery needs \`project.dataset.table\` (or \`dataset.table\` with ANOMSTACK_GCP_PROJECT_ID): saving metrics fails.`,
        hint: 'Use `project.dataset.table`.'
      }
    case 'snowflake':
      if (n === 3) return undefined
      return {
        severity: 'error',
        message: `table_key \`${key}\` has ${n} part${n === 1 ? '' : 's'}, but db snowflake needs exactly \`DATABASE.SCHEMA.TABLE\`: the Snowflake writer indexes three parts and saving fails.`,
        hint: 'Use `DATABASE.SCHEMA.TABLE` (identifiers are quoted, so keep the case you created them with).'
      }
    default:
      // Unknown dbs are the schema's `db` enum finding.
      return undefined
  }
}

export const tableKeyRule: BatchRule = {
  kind: 'batch',
  meta: [
    {
      id: 'storage/table-key-shape',
      severity: 'error',
      effect: 'job-fails',
      description:
        'table_key does not have the shape the db writer needs (duckdb/clickhouse ≤1 dot, sqlite none, bigquery project.dataset.table, snowflake DATABASE.SCHEMA.TABLE).'
    }
  ],
  check(batch, _ctx, report) {
    const dbEntry = batch.get('db')
    const keyEntry = batch.get('table_key')
    const db = strValue(dbEntry?.entry.value)
    const key = strValue(keyEntry?.entry.value)
    if (!keyEntry || db === undefined || key === undefined) return
    const verdict = judgeTableKey(db, key)
    if (!verdict) return
    const inherited = keyEntry.fromDefaults && dbEntry && !dbEntry.fromDefaults
    report({
      ruleId: 'storage/table-key-shape',
      severity: verdict.severity,
      doc: keyEntry.doc,
      span: keyEntry.entry.value,
      message: inherited
        ? `${verdict.message} (The table_key comes from defaults.yaml; batch \`${batch.name ?? batch.doc.path}\` sets db ${db}.)`
        : verdict.message,
      hint: inherited ? `Set table_key in ${batch.doc.path}. ${verdict.hint}` : verdict.hint
    })
  }
}
