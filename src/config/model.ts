import type { LoadResult } from '../yaml/types.js'
import type { YEntry, YMap } from '../yaml/node.js'

/** A YAML file under the metrics folder that parsed to a mapping. */
export interface SourceDoc {
  /** Repository-relative POSIX path. */
  readonly path: string
  readonly load: LoadResult
  readonly root: YMap
}

/** One key of a batch's merged config, with where it came from. */
export interface ConfigEntry {
  readonly name: string
  readonly entry: YEntry
  readonly doc: SourceDoc
  /** True when the value comes from defaults.yaml (the batch does not set the key). */
  readonly fromDefaults: boolean
}

/**
 * A batch as `get_specs` sees it: `{**defaults, **batch}` (a shallow merge), keeping each key's
 * source. For the standalone pass over `defaults.yaml`, `isDefaults` is true and `doc` is the
 * defaults file.
 */
export interface BatchView {
  /** `metric_batch` when it is a string (valid or not), else undefined. */
  readonly name: string | undefined
  readonly doc: SourceDoc
  readonly defaults: SourceDoc | undefined
  readonly isDefaults: boolean
  /** False when the merged `disable_batch` is truthy (Python truthiness): Anomstack skips it. */
  readonly enabled: boolean
  /** Merged keys in file order: defaults first, then the batch's own. */
  readonly entries: readonly ConfigEntry[]
  /** The entries of `entries` not inherited from defaults.yaml, in the same order. */
  readonly ownEntries: readonly ConfigEntry[]
  get(name: string): ConfigEntry | undefined
}
