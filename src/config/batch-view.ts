import type { BatchView, ConfigEntry, SourceDoc } from './model.js'
import { pyTruthy } from './truthy.js'

// defaults.yaml's entries, computed once per document rather than once per batch (10,000
// batches each copying 80 default keys showed up in profiles).
const ownCache = new WeakMap<SourceDoc, Map<string, ConfigEntry>>()

function ownEntries(doc: SourceDoc, fromDefaults: boolean): Map<string, ConfigEntry> {
  const cached = fromDefaults ? ownCache.get(doc) : undefined
  if (cached) return cached
  const out = new Map<string, ConfigEntry>()
  for (const entry of doc.root.entries) {
    // Only string keys can match Anomstack's `spec["..."]` look-ups.
    if (entry.key.kind !== 'scalar' || entry.key.pyType !== 'str') continue
    const name = String(entry.key.value)
    out.set(name, { name, entry, doc, fromDefaults })
  }
  if (fromDefaults) ownCache.set(doc, out)
  return out
}

/** `{**defaults, **batch}` as get_specs builds it: shallow, the batch wins, provenance kept. */
export function buildBatchView(doc: SourceDoc, defaults: SourceDoc | undefined): BatchView {
  const own = ownEntries(doc, false)
  const inherited = defaults ? ownEntries(defaults, true) : new Map<string, ConfigEntry>()
  return makeView(doc, defaults, false, own, inherited)
}

/** defaults.yaml checked on its own: every key optional. */
export function buildDefaultsView(defaults: SourceDoc): BatchView {
  return makeView(defaults, defaults, true, ownEntries(defaults, false), new Map())
}

function makeView(
  doc: SourceDoc,
  defaults: SourceDoc | undefined,
  isDefaults: boolean,
  own: Map<string, ConfigEntry>,
  inherited: Map<string, ConfigEntry>
): BatchView {
  const get = (key: string): ConfigEntry | undefined => own.get(key) ?? inherited.get(key)
  const nameEntry = own.get('metric_batch')
  const nameNode = nameEntry?.entry.value
  const name =
    nameNode?.kind === 'scalar' && nameNode.pyType === 'str' ? String(nameNode.value) : undefined
  let entries: ConfigEntry[] | undefined
  return {
    name: isDefaults ? undefined : name,
    doc,
    defaults,
    isDefaults,
    enabled: isDefaults || !pyTruthy(get('disable_batch')?.entry.value),
    // Merged keys in file order: the defaults' first, then the batch's own (built on demand).
    get entries(): readonly ConfigEntry[] {
      entries ??= [...[...inherited.values()].filter((e) => !own.has(e.name)), ...own.values()]
      return entries
    },
    get
  }
}
