import type { BatchView } from '../../config/model.js'
import { VALID_BATCH_NAME } from '../batch/name.js'
import { getEntry } from '../../yaml/node.js'
import type { Span } from '../../core/diagnostic.js'

/**
 * The batches that reach Dagster, as `get_specs` returns them: enabled, with a valid name; a
 * repeated `metric_batch` keeps its first position (Python dict) but the later file's config.
 * Path order stands in for os.walk order, which is unsorted.
 */
export function loadedBatches(batches: readonly BatchView[]): readonly BatchView[] {
  return loadedSet(batches).list
}

/** Whether `batch` is the file get_specs builds its batch from (another file may take the name over). */
export function isLoaded(batches: readonly BatchView[], batch: BatchView): boolean {
  return loadedSet(batches).set.has(batch)
}

// Per-batch rules ask this for every batch: compute it once per validation, not once per batch
// (which made 10,000 batches quadratic).
const cache = new WeakMap<readonly BatchView[], { list: BatchView[]; set: Set<BatchView> }>()

function loadedSet(batches: readonly BatchView[]): { list: BatchView[]; set: Set<BatchView> } {
  let hit = cache.get(batches)
  if (!hit) {
    const specs = new Map<string, BatchView>()
    for (const b of batches) {
      if (b.isDefaults || !b.enabled || b.name === undefined || !VALID_BATCH_NAME.test(b.name))
        continue
      specs.set(b.name, b)
    }
    const list = [...specs.values()]
    hit = { list, set: new Set(list) }
    cache.set(batches, hit)
  }
  return hit
}

/** The `metric_batch` value in the batch's own file (1:1 when it is missing). */
export function metricBatchSpan(batch: BatchView): Span {
  const e = getEntry(batch.doc.root, 'metric_batch')
  return e ? { start: e.value.start, end: e.value.end } : { start: 0, end: 0 }
}
