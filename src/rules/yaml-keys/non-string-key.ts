import type { SourceDoc } from '../../config/model.js'
import type { YEntry, YMap } from '../../yaml/node.js'
import type { BatchRule, Finding, Report } from '../types.js'
import { excerpt } from './scalars.js'

/** Maps keyed by metric_name, looked up with a string: `metric_tags.get(metric_name, {})`. */
const METRIC_NAME_MAPS = ['metric_tags', 'tholdalert_thresholds'] as const

const TYPE_WORDS: Readonly<Record<string, string>> = {
  bool: 'a boolean',
  int: 'an integer',
  float: 'a float',
  null: 'null (None)',
  date: 'a date',
  datetime: 'a timestamp',
  binary: 'bytes'
}

/**
 * YAML 1.1 turns keys like `yes`, `on`, `no`, `123`, `1:30` or `2024-01-01` into non-strings.
 * A top-level one reaches `template.render(**context)` in every job (TypeError: keywords must be
 * strings, verified against the real code location); a metric-name one never matches the metric.
 */
export const nonStringKeyRule: BatchRule = {
  kind: 'batch',
  meta: [
    {
      id: 'yaml-keys/non-string-key',
      severity: 'warning',
      effect: 'ignored',
      description:
        'A key that YAML 1.1 reads as bool/int/float/null/date (yes, on, 123, 1:30, ~): at the top level an error, as template.render(**spec) raises TypeError and every job of the batch fails; in metric_tags or tholdalert_thresholds a warning, as it never matches a metric name.'
    }
  ],
  check(batch, _ctx, report) {
    // The file's own top level: each file is visited once (defaults in its own pass).
    for (const e of batch.doc.root.entries) {
      checkKey(
        e,
        batch.doc,
        'top-level key',
        batch.isDefaults
          ? 'every batch inherits it, and every job renders its templates with template.render(**spec), which raises TypeError("keywords must be strings"): every job of every batch fails when it runs'
          : 'every job of this batch renders its templates with template.render(**spec), which raises TypeError("keywords must be strings"): every job of the batch fails when it runs (and the summary job, when this batch is read first)',
        report,
        { severity: 'error', effect: 'job-fails' }
      )
    }
    for (const key of METRIC_NAME_MAPS) {
      const entry = batch.get(key)
      if (!entry || entry.entry.value.kind !== 'map') continue
      const map: YMap = entry.entry.value
      for (const e of map.entries) {
        checkKey(
          e,
          entry.doc,
          `${key} key`,
          'it never matches a metric_name, which is a string',
          report
        )
      }
    }
  }
}

function checkKey(
  e: YEntry,
  doc: SourceDoc,
  what: string,
  effect: string,
  report: Report,
  level?: Pick<Finding, 'severity' | 'effect'>
): void {
  const k = e.key
  if (k.kind !== 'scalar' || k.pyType === 'str') return
  report({
    ruleId: 'yaml-keys/non-string-key',
    ...level,
    doc,
    span: k,
    message: `${what} \`${excerpt(k.source)}\` is read by YAML 1.1 as ${TYPE_WORDS[k.pyType] ?? k.pyType}, not a string: ${effect}.`,
    hint: `Quote it: '${excerpt(k.source).replace(/'/g, "''")}':`
  })
}
