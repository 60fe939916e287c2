import type { YNode } from '../../yaml/node.js'
import { getEntry } from '../../yaml/node.js'
import type { BatchRule, RuleMeta } from '../types.js'

const META: readonly RuleMeta[] = [
  {
    id: 'batch/missing-name',
    severity: 'error',
    effect: 'load-crash',
    description:
      'A batch file without `metric_batch`: get_specs raises KeyError and the whole code location fails to load, even when the batch is disabled.'
  },
  {
    id: 'batch/name-type',
    severity: 'error',
    effect: 'load-crash',
    description:
      '`metric_batch` is not a string as PyYAML reads it (`yes` is True, `2024` is 2024): the code location fails to load with AttributeError.'
  },
  {
    id: 'batch/name-format',
    severity: 'error',
    effect: 'load-crash',
    description:
      '`metric_batch` outside ^[A-Za-z0-9_]+$: Dagster rejects the job and op names and the code location fails to load.'
  }
]

/** Dagster's `check_valid_name` pattern for job and op names. */
/**
 * What Dagster accepts once `_ingest`, `_train`... are appended: an empty `metric_batch` is valid
 * (the jobs are called `_ingest`, `_train`, ...), verified against the real code location.
 */
export const VALID_BATCH_NAME = /^[A-Za-z0-9_]*$/

/** How PyYAML 1.1 reads a non-string value, in Python terms, for messages. */
export function describePyValue(node: YNode): string {
  if (node.kind === 'map') return 'a mapping (dict)'
  if (node.kind === 'seq') return 'a list'
  const src = node.source.trim()
  switch (node.pyType) {
    case 'null':
      return src === '' ? 'None (the value is empty)' : `None (\`${src}\` is null in YAML)`
    case 'bool':
      return `the bool ${node.value === true ? 'True' : 'False'} (YAML 1.1 reads \`${src}\` as a boolean)`
    case 'int':
      return `the int ${String(node.value)}${String(node.value) === src ? '' : ` (YAML 1.1 reads \`${src}\` as a number)`}`
    case 'float':
      return `the float ${String(node.value)}`
    case 'date':
    case 'datetime':
      return `a ${node.pyType === 'date' ? 'datetime.date' : 'datetime.datetime'} (YAML reads \`${src}\` as a timestamp)`
    case 'binary':
      return 'bytes (a !!binary value)'
    case 'str':
      return 'a string'
  }
}

/** A Dagster-safe spelling of a batch name, for hints. */
export function sanitiseBatchName(name: string): string {
  const s = name
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '')
  return s === '' ? 'my_batch' : s
}

/** `metric_batch` exists, is a string and is a valid Dagster name (contract §1.3). */
export const batchNameRule: BatchRule = {
  kind: 'batch',
  meta: META,
  check(batch, _ctx, report) {
    if (batch.isDefaults) return
    const root = batch.doc.root
    // get_specs reads metric_batch from the file itself, before merging defaults.
    const entry = getEntry(root, 'metric_batch')
    if (!entry) {
      const first = root.entries[0]
      report({
        ruleId: 'batch/missing-name',
        doc: batch.doc,
        span: first
          ? { start: first.key.start, end: first.key.end }
          : { start: root.start, end: root.end },
        message:
          'This file has no `metric_batch` key: get_specs raises KeyError("metric_batch") and the whole code location fails to load (even if the batch is disabled).',
        hint: 'Add `metric_batch: <name>` (letters, digits and underscores), or move the file out of the metrics folder if it is not a batch.',
        fatalWhenDisabled: true
      })
      return
    }
    const node = entry.value
    const span = { start: node.start, end: node.end }
    if (node.kind !== 'scalar' || node.pyType !== 'str' || typeof node.value !== 'string') {
      const src = node.kind === 'scalar' ? node.source.trim() : ''
      const quoted = src !== '' ? sanitiseBatchName(src) : 'my_batch'
      report({
        ruleId: 'batch/name-type',
        doc: batch.doc,
        span,
        message: `\`metric_batch\` is ${describePyValue(node)}, not a string: Anomstack calls metric_batch.upper() and the whole code location fails to load with AttributeError.`,
        hint: `Use a quoted string, for example \`metric_batch: "${quoted}"\`.`
      })
      return
    }
    if (node.value === '') {
      report({
        ruleId: 'batch/name-format',
        severity: 'warning',
        effect: 'suspicious',
        doc: batch.doc,
        span,
        message:
          '`metric_batch` is the empty string: it loads, but the jobs are called `_ingest`, `_train`, ... and the schedules `_ingest_schedule`, ..., which is hard to tell apart.',
        hint: 'Give the batch a name (letters, digits and underscores).'
      })
      return
    }
    if (!VALID_BATCH_NAME.test(node.value)) {
      report({
        ruleId: 'batch/name-format',
        doc: batch.doc,
        span,
        message: `\`metric_batch\` "${node.value}" is not a valid Dagster name (only letters, digits and underscores): the job and op names derived from it are rejected and the whole code location fails to load.`,
        hint: `Rename it, for example \`metric_batch: ${sanitiseBatchName(node.value)}\`.`
      })
    }
  }
}
