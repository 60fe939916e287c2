import { RENDERED_KEYS } from '../../config/includes.js'
import type { Span } from '../../core/diagnostic.js'
import type { BatchView, ConfigEntry } from '../../config/model.js'
import { pyTruthy } from '../../config/truthy.js'
import { getEntry } from '../../yaml/node.js'
import { checkIncludeTarget, dirOf } from '../include/graph.js'
import type { BatchRule, RuleContext, RuleMeta } from '../types.js'

const META: readonly RuleMeta[] = [
  {
    id: 'ingest/missing-source',
    severity: 'error',
    effect: 'job-fails',
    description:
      'Neither a non-empty `ingest_sql` nor `ingest_fn`: every ingest run raises ValueError("No ingest_sql or ingest_fn specified").'
  },
  {
    id: 'ingest/both-sources',
    severity: 'warning',
    effect: 'ignored',
    description:
      'Both `ingest_sql` and `ingest_fn` are set: `ingest_sql` wins and `ingest_fn` is silently ignored.'
  },
  {
    id: 'ingest/bare-filename',
    severity: 'error',
    effect: 'job-fails',
    description:
      'An ingest value that is just a file name (`query.sql`, `ingest.py`): Anomstack runs that text as SQL/Python instead of reading the file.'
  },
  {
    id: 'include/bare-filename',
    severity: 'error',
    effect: 'job-fails',
    description:
      'Another rendered template (`train_sql`, `alert_sql`, `preprocess_fn`, ...) that is just a file name: the job runs that text instead of the file.'
  }
]

/** Rendered templates other than the two ingest sources (whose precedence is handled below). */
const OTHER_TEMPLATES = RENDERED_KEYS.filter((k) => k !== 'ingest_sql' && k !== 'ingest_fn')

const BARE_FILENAME = /^\S+\.(sql|py)$/

/** Where to point when the batch as a whole is at fault: its `metric_batch` key. */
function batchAnchor(batch: BatchView): Span {
  const root = batch.doc.root
  const named = getEntry(root, 'metric_batch') ?? root.entries[0]
  return named
    ? { start: named.key.start, end: named.key.end }
    : { start: root.start, end: root.end }
}

function bareFilenameHint(value: string, e: ConfigEntry, ctx: RuleContext): string {
  const check = checkIncludeTarget(value, dirOf(e.doc.path), ctx)
  const target = check.ok
    ? `./${check.path.slice(ctx.metricsDir.length + 1)}`
    : (check.problem.suggestion ?? guessUnderBatchDir(value, e, ctx))
  return `To run the file's contents, include it (paths are relative to ${ctx.metricsDir}/): \`${e.name}: >\` then \`{% include "${target}" %}\` on the next line.`
}

function guessUnderBatchDir(value: string, e: ConfigEntry, ctx: RuleContext): string {
  const dir = dirOf(e.doc.path)
  const base = value.slice(value.lastIndexOf('/') + 1)
  const rel = dir.startsWith(`${ctx.metricsDir}/`) ? `${dir.slice(ctx.metricsDir.length + 1)}/` : ''
  return `./${rel}${base}`
}

/** `ingest_sql` / `ingest_fn`: is there exactly one usable ingest source (contract §2.2, §3.1)? */
export const ingestSourceRule: BatchRule = {
  kind: 'batch',
  meta: META,
  check(batch, ctx, report) {
    const sql = batch.get('ingest_sql')
    const fn = batch.get('ingest_fn')
    const sqlUsed = pyTruthy(sql?.entry.value)
    const fnUsed = !sqlUsed && pyTruthy(fn?.entry.value)

    const templates = [
      sqlUsed ? sql : undefined,
      fnUsed ? fn : undefined,
      ...OTHER_TEMPLATES.map((k) => batch.get(k))
    ]
    for (const e of templates) {
      if (!e || e.fromDefaults) continue
      const node = e.entry.value
      if (node.kind !== 'scalar' || node.pyType !== 'str' || typeof node.value !== 'string')
        continue
      const value = node.value.trim()
      if (!BARE_FILENAME.test(value)) continue
      const lang = e.name.endsWith('_fn') ? 'Python' : 'SQL'
      const isIngest = e.name === 'ingest_sql' || e.name === 'ingest_fn'
      report({
        ruleId: isIngest ? 'ingest/bare-filename' : 'include/bare-filename',
        doc: e.doc,
        span: { start: node.start, end: node.end },
        message: `\`${e.name}: ${value}\` is not a file reference: Anomstack runs the text "${value}" itself as ${lang}, so every ${isIngest ? 'ingest' : 'such'} run fails.`,
        hint: bareFilenameHint(value, e, ctx)
      })
    }

    if (batch.isDefaults) return
    if (sqlUsed && fn && pyTruthy(fn.entry.value) && !fn.fromDefaults) {
      report({
        ruleId: 'ingest/both-sources',
        doc: fn.doc,
        span: { start: fn.entry.key.start, end: fn.entry.key.end },
        message:
          'Both `ingest_sql` and `ingest_fn` are set: Anomstack uses `ingest_sql` and silently ignores `ingest_fn`.',
        hint: 'Remove the one you do not want.'
      })
    }
    if (!sqlUsed && !fnUsed) {
      const empty = [sql, fn].filter((e) => e !== undefined).map((e) => `\`${e.name}\``)
      report({
        ruleId: 'ingest/missing-source',
        doc: batch.doc,
        span: batchAnchor(batch),
        message: `${
          empty.length > 0
            ? `${empty.join(' and ')} ${empty.length > 1 ? 'are' : 'is'} empty`
            : 'Neither `ingest_sql` nor `ingest_fn` is set'
        }: every ingest run of this batch raises ValueError("No ingest_sql or ingest_fn specified").`,
        hint: 'Add `ingest_sql: >` (a query returning metric_timestamp, metric_name, metric_value) or `ingest_fn: >` (Python defining ingest()); to keep a file, use {% include "./<path under metrics>" %}.'
      })
    }
  }
}
