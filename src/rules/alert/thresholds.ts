import { pyTruthy } from '../../config/truthy.js'
import type { SourceDoc } from '../../config/model.js'
import { getEntry, type YNode } from '../../yaml/node.js'
import type { BatchRule, Report } from '../types.js'
import { excerpt, numValue } from '../yaml-keys/scalars.js'

/** PyYAML types json.dumps cannot encode (a date/datetime/bytes value or key). */
const NOT_JSON: ReadonlySet<string> = new Set(['date', 'datetime', 'binary'])

/**
 * `tholdalert_thresholds` entries: the threshold check is `value > upper` then `value < lower`,
 * and every entry is json.dumps'd into the metric metadata at ingest, even when the threshold
 * alert is disabled.
 */
export const thresholdsRule: BatchRule = {
  kind: 'batch',
  meta: [
    {
      id: 'alert/threshold-inverted',
      severity: 'error',
      effect: 'suspicious',
      description:
        'A tholdalert_thresholds entry with upper < lower: every value is above upper or below lower, so every ingest alerts.'
    },
    {
      id: 'alert/threshold-not-serialisable',
      severity: 'error',
      effect: 'job-fails',
      description:
        'A tholdalert_thresholds value json.dumps cannot encode (a YAML date/timestamp/binary): ingest fails, even with threshold alerts disabled.'
    }
  ],
  check(batch, _ctx, report) {
    const entry = batch.get('tholdalert_thresholds')
    if (entry?.entry.value.kind !== 'map') return
    // Always an error (an inverted pair can only be a mistake); while threshold alerts are off
    // (`disable_tholdalert` defaults to True in code) the message says when it will bite.
    const disable = batch.get('disable_tholdalert')
    const active = disable !== undefined && !pyTruthy(disable.entry.value)
    const seen = new Set<YNode>()
    for (const metric of entry.entry.value.entries) {
      const bounds = metric.value
      findNonJson(bounds, entry.doc, report, seen)
      if (bounds.kind !== 'map') continue
      const upperNode = getEntry(bounds, 'upper')?.value
      const upper = numValue(upperNode)
      const lower = numValue(getEntry(bounds, 'lower')?.value)
      if (!upperNode || upper === undefined || lower === undefined || !(upper < lower)) continue
      report({
        ruleId: 'alert/threshold-inverted',
        doc: entry.doc,
        span: upperNode,
        message: `upper (${upper}) is below lower (${lower}): every value is either above upper or below lower, so this metric alerts on every ingest${active ? '' : ' once threshold alerts are enabled'}.`,
        hint: 'Swap the bounds: alerts fire when value > upper or value < lower.'
      })
    }
  }
}

function findNonJson(node: YNode, doc: SourceDoc, report: Report, seen: Set<YNode>): void {
  // Aliases are shared nodes (possibly recursive): visit each once.
  if (seen.has(node)) return
  seen.add(node)
  if (node.kind === 'scalar') {
    if (NOT_JSON.has(node.pyType)) {
      report({
        ruleId: 'alert/threshold-not-serialisable',
        doc,
        span: node,
        message: `\`${excerpt(node.source)}\` is read by YAML as a ${node.pyType === 'binary' ? 'bytes value' : node.pyType}, which json.dumps cannot encode: the ingest job fails when it adds threshold metadata, even with threshold alerts disabled.`,
        hint: 'Quote it to keep it a string, or use a number.'
      })
    }
    return
  }
  if (node.kind === 'seq') {
    for (const item of node.items) findNonJson(item, doc, report, seen)
    return
  }
  for (const e of node.entries) {
    findNonJson(e.key, doc, report, seen)
    findNonJson(e.value, doc, report, seen)
  }
}
