import type { BatchView, ConfigEntry, SourceDoc } from './model.js'
import { pyTruthy } from './truthy.js'

function ownEntries(doc: SourceDoc, fromDefaults: boolean): ConfigEntry[] {
  const out: ConfigEntry[] = []
  for (const entry of doc.root.entries) {
    // Only string keys can match Anomstack's `spec["..."]` look-ups.
    if (entry.key.kind !== 'scalar' || entry.key.pyType !== 'str') continue
    out.push({ name: String(entry.key.value), entry, doc, fromDefaults })
  }
  return out
}

/** `{**defaults, **batch}` as get_specs builds it: shallow, the batch wins, provenance kept. */
export function buildBatchView(doc: SourceDoc, defaults: SourceDoc | undefined): BatchView {
  const merged = new Map<string, ConfigEntry>()
  if (defaults) for (const e of ownEntries(defaults, true)) merged.set(e.name, e)
  for (const e of ownEntries(doc, false)) {
    merged.delete(e.name) // re-insert so the batch's keys keep their position after the defaults'
    merged.set(e.name, e)
  }
  return makeView(doc, defaults, false, merged)
}

/** defaults.yaml checked on its own: every key optional. */
export function buildDefaultsView(defaults: SourceDoc): BatchView {
  const own = new Map<string, ConfigEntry>()
  for (const e of ownEntries(defaults, false)) own.set(e.name, e)
  return makeView(defaults, defaults, true, own)
}

function makeView(
  doc: SourceDoc,
  defaults: SourceDoc | undefined,
  isDefaults: boolean,
  merged: Map<string, ConfigEntry>
): BatchView {
  const nameEntry = merged.get('metric_batch')
  const nameNode = nameEntry && !nameEntry.fromDefaults ? nameEntry.entry.value : undefined
  const name =
    nameNode?.kind === 'scalar' && nameNode.pyType === 'str' ? String(nameNode.value) : undefined
  const entries = [...merged.values()]
  return {
    name: isDefaults ? undefined : name,
    doc,
    defaults,
    isDefaults,
    enabled: isDefaults || !pyTruthy(merged.get('disable_batch')?.entry.value),
    entries,
    get: (key: string) => merged.get(key)
  }
}
