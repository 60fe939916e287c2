import { ownKeys } from '../../config/batch-view.js'
import type { BatchView, SourceDoc } from '../../config/model.js'
import {
  batchPartFlags,
  DAGSTER_PARTS,
  SCHEDULE_PREFIX,
  type DagsterPart,
  type PartFlags
} from '../../dagster/names.js'
import { loadedBatches } from '../dagster/batches.js'
import type { Finding, RuleMeta, TreeRule } from '../types.js'

export const MISSING_KEY: RuleMeta = {
  id: 'defaults/missing-key',
  severity: 'error',
  effect: 'load-crash',
  description:
    'A key Anomstack indexes with spec["..."] that neither defaults.yaml nor a batch sets: read while building definitions, the KeyError means the whole code location fails to load; read only by a job run (`summary_sql`, `train_sql`...), that job fails. Reported at defaults.yaml, naming the batches.'
}

/** When a key is read: while `anomstack.main` builds definitions, or when a job runs. */
type When = 'load' | 'run'

interface Need {
  readonly key: string
  readonly when: When
  /** The job module that reads it, for the message. */
  readonly reader: string
}

/**
 * What each enabled (not `disable_*`) part indexes with `spec[...]` (anomstack/jobs/*.py at the
 * pinned commit): the build function's locals are read at import, `render(key, spec)` at run time.
 * `.get(...)` reads with a default are not listed.
 */
const PART_NEEDS: Readonly<Record<DagsterPart, readonly Need[]>> = {
  ingest: [load('table_key', 'ingest'), load('db', 'ingest')],
  train: [
    load('db', 'train'),
    load('model_path', 'train'),
    load('preprocess_params', 'train'),
    load('model_configs', 'train'),
    run('train_sql', 'train'),
    run('preprocess_fn', 'train')
  ],
  score: [
    load('model_path', 'score'),
    load('model_configs', 'score'),
    load('table_key', 'score'),
    load('db', 'score'),
    load('preprocess_params', 'score'),
    run('score_sql', 'score'),
    run('preprocess_fn', 'score')
  ],
  alerts: [
    load('db', 'alert'),
    load('alert_threshold', 'alert'),
    load('alert_methods', 'alert'),
    load('table_key', 'alert'),
    run('alert_sql', 'alert')
  ],
  llmalert: [
    load('db', 'llmalert'),
    load('table_key', 'llmalert'),
    load('alert_threshold', 'llmalert'),
    load('alert_methods', 'llmalert'),
    load('llmalert_recent_n', 'llmalert'),
    load('llmalert_smooth_n', 'llmalert'),
    run('llmalert_sql', 'llmalert')
  ],
  plot: [load('db', 'plot'), load('preprocess_params', 'plot'), run('plot_sql', 'plot')],
  change: [
    load('db', 'change'),
    load('alert_methods', 'change'),
    load('table_key', 'change'),
    run('change_sql', 'change')
  ],
  delete: [
    load('db', 'delete'),
    load('alert_methods', 'delete'),
    load('table_key', 'delete'),
    run('delete_sql', 'delete')
  ],
  // Built from the first batch get_specs returns, which can be any of them (os.walk order).
  summary: [load('db', 'summary'), load('table_key', 'summary'), run('summary_sql', 'summary')]
}

function load(key: string, reader: string): Need {
  return { key, when: 'load', reader }
}
function run(key: string, reader: string): Need {
  return { key, when: 'run', reader }
}

/** Read for every stored batch, disabled part or not: the schedule definitions. */
function scheduleNeeds(): Need[] {
  const out: Need[] = []
  for (const part of DAGSTER_PARTS) {
    const prefix = SCHEDULE_PREFIX[part]
    const reader = part === 'alerts' ? 'alert' : part
    out.push(load(`${prefix}_cron_schedule`, reader))
    // ingest reads its status with .get(..., "STOPPED"); summary has none (always RUNNING).
    if (part !== 'ingest' && part !== 'summary') {
      out.push(load(`${prefix}_default_schedule_status`, reader))
    }
  }
  return out
}

const SCHEDULE_NEEDS = scheduleNeeds()

// Batches share a handful of disabled-part combinations, and one defaults.yaml: for each
// combination the keys defaults.yaml does not set are listed once. A key it sets is in every
// merged view, so only the others are looked up per batch (a Map per batch, and some thirty
// look-ups, were the rule's cost on a 10,000-batch tree).
const unsetNeeds = new WeakMap<SourceDoc, Map<number, readonly Need[]>>()

/**
 * The keys batches with these disabled parts read that `defaults` (the file the view inherits
 * from) does not set.
 */
function needsNotInDefaults(flags: PartFlags, defaults: SourceDoc): readonly Need[] {
  let mask = 0
  DAGSTER_PARTS.forEach((part, i) => {
    if (flags[part]) mask |= 1 << i
  })
  let byMask = unsetNeeds.get(defaults)
  if (!byMask) unsetNeeds.set(defaults, (byMask = new Map()))
  let needs = byMask.get(mask)
  if (!needs) {
    const set = ownKeys(defaults)
    needs = [...keysRead(flags).values()].filter((n) => !set.has(n.key))
    byMask.set(mask, needs)
  }
  return needs
}

/** Every key batch `view` makes Anomstack index, with the earliest moment it is read. */
export function keysRead(flags: PartFlags): Map<string, Need> {
  const out = new Map<string, Need>()
  const add = (n: Need): void => {
    const prev = out.get(n.key)
    if (!prev || (prev.when === 'run' && n.when === 'load')) out.set(n.key, n)
  }
  SCHEDULE_NEEDS.forEach(add)
  for (const part of DAGSTER_PARTS) if (!flags[part]) PART_NEEDS[part].forEach(add)
  return out
}

/** At most this many batch names in one message; the rest is a count (messages stay linear). */
const NAMED = 5

function batchList(names: readonly string[]): string {
  const shown = names.slice(0, NAMED).map((n) => `\`${n}\``)
  const more = names.length - shown.length
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ')
}

function finding(defaults: SourceDoc, key: string, when: When, missing: Missing): Finding {
  const one = missing.batches.length === 1
  const names = `${one ? 'batch' : 'batches'} ${batchList(missing.batches)} ${one ? 'does' : 'do'}`
  const readers = [...missing.readers].sort()
  // Batches with different disabled parts can need the key first in different jobs.
  const jobs =
    readers.length === 1
      ? `the ${readers[0]} job`
      : `the ${readers.slice(0, -1).join(', ')} and ${readers[readers.length - 1]} jobs`
  const firstOnly = readers.length === 1 && readers[0] === 'summary'
  const whose = firstOnly
    ? ' (the summary job is built from whichever batch Anomstack reads first, and any batch can be first)'
    : ''
  return {
    ruleId: MISSING_KEY.id,
    ...(when === 'run' ? { effect: 'job-fails' as const } : {}),
    doc: defaults,
    span: { start: 0, end: 0 },
    message:
      when === 'load'
        ? `defaults.yaml does not set \`${key}\` and ${names} not set it either: building ${jobs} reads spec["${key}"]${whose}, raises KeyError and the whole code location fails to load.`
        : `defaults.yaml does not set \`${key}\` and ${names} not set it either: ${jobs} ${readers.length === 1 ? 'renders' : 'render'} spec["${key}"]${whose}, so every run of ${readers.length === 1 ? 'it' : 'them'} fails with KeyError.`,
    hint: `Add \`${key}\` to defaults.yaml (or to each of those batches).`
  }
}

interface Missing {
  readonly batches: string[]
  readonly readers: Set<string>
}

/**
 * Keys Anomstack indexes directly, checked against the merged `{**defaults, **batch}` of every
 * batch get_specs stores. One diagnostic per key (and moment), at defaults.yaml: that is where a
 * key every batch needs belongs.
 */
export const requiredKeysRule: TreeRule = {
  kind: 'tree',
  meta: [MISSING_KEY],
  check(ctx, report) {
    const defaults = ctx.defaults
    // No defaults.yaml, or one that does not parse: other rules already fail the load.
    if (!defaults) return
    const byKey = new Map<string, { load: Missing; run: Missing }>()
    for (const view of loadedBatches(ctx.batches)) collect(view, byKey)
    for (const [key, m] of byKey) {
      if (m.load.batches.length > 0) report(finding(defaults, key, 'load', m.load))
      else if (m.run.batches.length > 0) report(finding(defaults, key, 'run', m.run))
    }
  }
}

function collect(view: BatchView, byKey: Map<string, { load: Missing; run: Missing }>): void {
  if (view.name === undefined) return
  const flags = batchPartFlags(view)
  const needs = view.defaults
    ? needsNotInDefaults(flags, view.defaults)
    : [...keysRead(flags).values()]
  for (const need of needs) {
    if (view.get(need.key)) continue
    let m = byKey.get(need.key)
    if (!m) {
      m = { load: { batches: [], readers: new Set() }, run: { batches: [], readers: new Set() } }
      byKey.set(need.key, m)
    }
    const slot = m[need.when]
    slot.batches.push(view.name)
    slot.readers.add(need.reader)
  }
}
