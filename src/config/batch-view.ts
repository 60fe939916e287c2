import type { BatchView, ConfigEntry, SourceDoc } from './model.js'
import { pyTruthy } from './truthy.js'

// defaults.yaml's entries, computed once per document rather than once per batch (10,000
// batches each copying 80 default keys showed up in profiles).
const ownCache = new WeakMap<SourceDoc, Map<string, ConfigEntry>>()

function entriesOf(doc: SourceDoc, fromDefaults: boolean): Map<string, ConfigEntry> {
  const cached = fromDefaults ? ownCache.get(doc) : undefined
  if (cached) return cached
  const out = new Map<string, ConfigEntry>()
  for (const entry of doc.root.entries) {
    // Only string keys can match Anomstack's `spec["..."]` look-ups.
    if (entry.key.kind !== 'scalar' || entry.key.pyType !== 'str') continue
    const name = internedKey(String(entry.key.value))
    out.set(name, { name, entry, doc, fromDefaults })
  }
  if (fromDefaults) ownCache.set(doc, out)
  return out
}

const interned = new Map<string, string>()

/**
 * The key as V8's internalized string, the very object a string literal in a rule is. Rules make
 * about a hundred `get` calls per batch; with the parsed key (a slice of that file's text) every
 * hit compared the two strings' characters, in memory of its own per batch (measured 67 ns per
 * `get` on 10,000 batches, 25-40 ns internalized). A property key is internalized, and
 * `Object.keys` hands that string back (a computed key, so `__proto__` is a plain name here).
 * Bounded like the other per-text memos.
 */
function internedKey(name: string): string {
  let key = interned.get(name)
  if (key === undefined) {
    key = Object.keys({ [name]: 0 })[0] ?? name
    if (interned.size >= 100_000) interned.clear()
    interned.set(key, key)
  }
  return key
}

/**
 * `{**defaults, **batch}` as get_specs builds it: shallow, the batch wins, provenance kept.
 * `overrides` (from the environment, see env-overrides.ts) are applied last, in order, as
 * `merged_specs[key] = value` does: an existing key keeps its place, a new one is appended.
 */
export function buildBatchView(
  doc: SourceDoc,
  defaults: SourceDoc | undefined,
  overrides: readonly ConfigEntry[] = []
): BatchView {
  const own = entriesOf(doc, false)
  const inherited = defaults ? entriesOf(defaults, true) : new Map<string, ConfigEntry>()
  return makeView(doc, defaults, false, own, inherited, overrides)
}

/** The keys a batch's own file sets (string keys only), for env-overrides' `table_key` rule. */
export function ownKeys(doc: SourceDoc): ReadonlySet<string> {
  return new Set(entriesOf(doc, false).keys())
}

/** defaults.yaml checked on its own: every key optional. */
export function buildDefaultsView(defaults: SourceDoc): BatchView {
  return makeView(defaults, defaults, true, entriesOf(defaults, false), new Map())
}

function makeView(
  doc: SourceDoc,
  defaults: SourceDoc | undefined,
  isDefaults: boolean,
  own: Map<string, ConfigEntry>,
  inherited: Map<string, ConfigEntry>,
  overrides: readonly ConfigEntry[] = []
): BatchView {
  let env: Map<string, ConfigEntry> | undefined
  if (overrides.length > 0) {
    env = new Map()
    for (const o of overrides) env.set(o.name, o)
  }
  return new MergedView(doc, defaults, isDefaults, own, inherited, env)
}

/**
 * One class, so that the millions of `get` calls rules make on a large tree go through one
 * prototype method instead of a closure per view (measured faster on a cold 10,000-batch run).
 */
class MergedView implements BatchView {
  readonly name: string | undefined
  /** Tested before the environment overrides are applied, so they cannot change it. */
  readonly enabled: boolean
  private merged: readonly ConfigEntry[] | undefined
  private owned: readonly ConfigEntry[] | undefined

  constructor(
    readonly doc: SourceDoc,
    readonly defaults: SourceDoc | undefined,
    readonly isDefaults: boolean,
    private readonly own: Map<string, ConfigEntry>,
    private readonly inherited: Map<string, ConfigEntry>,
    /** Environment overrides by key; undefined when there are none (the common case). */
    private readonly env: Map<string, ConfigEntry> | undefined
  ) {
    // get_specs matches ANOMSTACK__<BATCH>__* against the file's own name, but the jobs are named
    // after spec['metric_batch'] afterwards, so an ANOMSTACK__<B>__METRIC_BATCH override renames them.
    const nameNode = (env?.get('metric_batch') ?? own.get('metric_batch'))?.entry.value
    const name =
      nameNode?.kind === 'scalar' && nameNode.pyType === 'str' ? String(nameNode.value) : undefined
    this.name = isDefaults ? undefined : name
    this.enabled =
      isDefaults ||
      !pyTruthy((own.get('disable_batch') ?? inherited.get('disable_batch'))?.entry.value)
  }

  /**
   * The entries not inherited from defaults.yaml (the batch's own, and the environment's), in
   * the order of `entries`, without building that merged list (built on demand).
   */
  get ownEntries(): readonly ConfigEntry[] {
    if (this.owned) return this.owned
    this.owned =
      this.env === undefined ? [...this.own.values()] : this.entries.filter((e) => !e.fromDefaults)
    return this.owned
  }

  get(key: string): ConfigEntry | undefined {
    if (this.env !== undefined) {
      const set = this.env.get(key)
      if (set !== undefined) return set
    }
    return this.own.get(key) ?? this.inherited.get(key)
  }

  /**
   * Merged keys in dict order: the defaults' first, then the batch's own, then keys only the
   * environment sets; an overridden key keeps its place (built on demand).
   */
  get entries(): readonly ConfigEntry[] {
    if (this.merged) return this.merged
    const { own, inherited, env } = this
    // One pass, no intermediate arrays: every view of a 10,000-batch tree builds this list.
    const merged: ConfigEntry[] = []
    for (const e of inherited.values()) if (!own.has(e.name)) merged.push(e)
    for (const e of own.values()) merged.push(e)
    if (env === undefined) return (this.merged = merged)
    const present = new Set(merged.map((e) => e.name))
    this.merged = [
      ...merged.map((e) => env.get(e.name) ?? e),
      ...[...env.values()].filter((e) => !present.has(e.name))
    ]
    return this.merged
  }
}
