import type { BatchRule } from '../types.js'
import { excerpt, strValue } from '../yaml-keys/scalars.js'

/** Lists rendered into SQL as `metric_name [not] in ({{ ','.join(list) }})` (contract §2.8). */
const SQL_LIST_KEYS = [
  'train_exclude_metrics',
  'score_exclude_metrics',
  'alert_exclude_metrics',
  'change_exclude_metrics',
  'change_include_metrics'
] as const

/** An item that carries its own SQL string quotes renders as a literal. */
function isSqlLiteral(item: string): boolean {
  const t = item.trim()
  return t.length >= 2 && t.startsWith("'") && t.endsWith("'")
}

export const excludeListsRule: BatchRule = {
  kind: 'batch',
  meta: [
    {
      id: 'alert/exclude-unquoted',
      severity: 'error',
      effect: 'job-fails',
      description:
        '*_exclude_metrics / change_include_metrics items without their own SQL quotes ("\'m1\'") or an empty list: the rendered SQL fails (warning on sqlite).'
    }
  ],
  check(batch, _ctx, report) {
    const db = strValue(batch.get('db')?.entry.value)
    // SQLite reads an unknown double-quoted identifier as a string, so plain names happen to work.
    const lenient = db === 'sqlite'
    const severity = lenient ? ({ severity: 'warning' } as const) : {}
    const where = lenient ? 'works on sqlite only by accident' : `fails on ${db ?? 'this db'}`
    for (const key of SQL_LIST_KEYS) {
      const entry = batch.get(key)
      const list = entry?.entry.value
      if (!entry || list?.kind !== 'seq') continue
      const op = key === 'change_include_metrics' ? 'in' : 'not in'
      if (list.items.length === 0) {
        report({
          ruleId: 'alert/exclude-unquoted',
          ...severity,
          doc: entry.doc,
          span: list,
          message: `${key} is an empty list: it renders \`metric_name ${op} ()\`, which is not valid SQL on most databases.`,
          hint: `Remove ${key}, or list at least one metric as "'name'".`
        })
        continue
      }
      for (const item of list.items) {
        const name = strValue(item)
        if (name === undefined || isSqlLiteral(name)) continue
        report({
          ruleId: 'alert/exclude-unquoted',
          ...severity,
          doc: entry.doc,
          span: item,
          message: `${key} item \`${excerpt(name)}\` has no SQL quotes: it renders \`metric_name ${op} (${excerpt(name)})\`, which the SQL translation turns into a column name, so the query ${where}.`,
          hint: `Write it with SQL quotes inside YAML quotes: - "'${excerpt(name).replace(/'/g, "''")}'"`
        })
      }
    }
  }
}
