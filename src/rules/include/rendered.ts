/** The keys Anomstack renders with Jinja, as each batch owns them, and who renders each. */
import { RENDERED_KEYS } from '../../config/includes.js'
import type { BatchView, ConfigEntry } from '../../config/model.js'
import { pyTruthy } from '../../config/truthy.js'
import type { YScalar } from '../../yaml/node.js'

/** Which run renders a key, for messages (contract §3.2). */
const RENDERED_BY: Readonly<Record<string, string>> = {
  ingest_sql: 'the ingest job',
  ingest_fn: 'the ingest job',
  train_sql: 'the train job',
  score_sql: 'the score job',
  alert_sql: 'the alert job',
  change_sql: 'the change job',
  llmalert_sql: 'the llmalert job',
  plot_sql: 'the plot job',
  delete_sql: 'the delete job',
  summary_sql: 'the summary job',
  dashboard_sql: 'the dashboard',
  preprocess_fn: 'the train and score jobs'
}

/** Who renders `key` and how to say that they fail, for messages ("the train and score jobs fail"). */
export function renderer(key: string): {
  readonly who: string
  readonly fails: string
  readonly renders: string
} {
  // Stryker disable next-line StringLiteral: every RENDERED_KEYS key has an entry, so the fallback is never read
  const who = RENDERED_BY[key] ?? 'its job'
  const plural = who.endsWith(' jobs')
  return {
    who,
    fails: plural ? 'fail' : 'fails',
    renders: plural ? 'they render' : 'it renders'
  }
}

/** A rendered value as Jinja gets it: a `str` (anything else is the schema's to report). */
export interface RenderedTemplate {
  readonly entry: ConfigEntry
  readonly node: YScalar
  readonly text: string
}

// Two rules ask for every batch's templates; views are immutable.
const ownCache = new WeakMap<BatchView, readonly RenderedTemplate[]>()

/** The rendered templates this batch owns (inherited ones are checked once, at defaults.yaml). */
export function ownRenderedTemplates(batch: BatchView): readonly RenderedTemplate[] {
  const known = ownCache.get(batch)
  if (known) return known
  const found = findOwnTemplates(batch)
  ownCache.set(batch, found)
  return found
}

function findOwnTemplates(batch: BatchView): RenderedTemplate[] {
  // When ingest_sql is truthy Anomstack never renders ingest_fn (ingest/both-sources says so).
  const ingestFnIgnored = pyTruthy(batch.get('ingest_sql')?.entry.value)
  const out: RenderedTemplate[] = []
  for (const key of RENDERED_KEYS) {
    const e = batch.get(key)
    if (!e || e.fromDefaults) continue
    if (key === 'ingest_fn' && ingestFnIgnored) continue
    const node = e.entry.value
    if (node.kind !== 'scalar' || node.pyType !== 'str' || typeof node.value !== 'string') continue
    out.push({ entry: e, node, text: node.value })
  }
  return out
}
