import type { ConfigEntry } from '../../config/model.js'
import { DAGSTER_PARTS, STATUS_KEY } from '../../dagster/names.js'
import type { YNode } from '../../yaml/node.js'
import type { BatchRule, Report, RuleMeta } from '../types.js'

export const STATUS_INVALID: RuleMeta = {
  id: 'schedule/status-invalid',
  severity: 'warning',
  effect: 'suspicious',
  description:
    'A `*_default_schedule_status` that is not exactly `RUNNING` or `STOPPED`: Anomstack compares with == "RUNNING", so `running`, `ON` or `true` silently leave the schedule STOPPED.'
}

function shown(node: YNode): string {
  return node.kind === 'scalar' ? node.source : node.kind === 'map' ? 'a mapping' : 'a list'
}

function hintFor(node: YNode): string {
  if (node.kind === 'scalar' && node.pyType === 'str') {
    const v = String(node.value).trim().toUpperCase()
    if (v === 'RUNNING' || v === 'STOPPED') return `Write exactly ${v} (upper case, no spaces).`
  }
  if (node.kind === 'scalar' && node.pyType === 'bool') {
    return 'Write RUNNING or STOPPED: YAML reads on/off/yes/no/true/false as booleans, which never equal "RUNNING".'
  }
  return 'Write exactly RUNNING or STOPPED.'
}

function checkStatus(key: string, e: ConfigEntry, report: Report): void {
  const node = e.entry.value
  if (node.kind === 'scalar' && (node.value === 'RUNNING' || node.value === 'STOPPED')) return
  report({
    ruleId: STATUS_INVALID.id,
    doc: e.doc,
    span: { start: node.start, end: node.end },
    message: `${key} is ${shown(node)}, not exactly RUNNING or STOPPED: Anomstack compares it with == "RUNNING", so this schedule silently starts STOPPED.`,
    hint: hintFor(node)
  })
}

/** The per-part default schedule status (summary has none: it is always RUNNING). */
export const statusRule: BatchRule = {
  kind: 'batch',
  meta: [STATUS_INVALID],
  check(batch, _ctx, report) {
    for (const part of DAGSTER_PARTS) {
      if (part === 'summary') continue
      const key = STATUS_KEY[part]
      const e = batch.get(key)
      // A missing key is defaults/missing-key's (reported once, at defaults.yaml).
      if (e) checkStatus(key, e, report)
    }
  }
}
