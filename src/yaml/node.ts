import type { Span } from '../core/diagnostic.js'

/**
 * A value as PyYAML's `safe_load` constructs it, with source positions. Produced by
 * `loadYaml` (src/yaml/load.ts). Aliases are expanded into shared references to the anchored
 * node, so an aliased node's span points at the anchor's definition.
 */
export type YNode = YScalar | YMap | YSeq

/** The Python type PyYAML gives a scalar. */
export type PyType = 'null' | 'bool' | 'int' | 'float' | 'str' | 'date' | 'datetime' | 'binary'

export interface YScalar extends Span {
  readonly kind: 'scalar'
  readonly pyType: PyType
  /**
   * JS view of the value: null, boolean, number (int and float; ints above 2^53 lose precision
   * and get a loader warning), string, or for date/datetime an ISO-8601 string, for binary the
   * base64 text. Use `pyType` to tell `'2024-01-01'` (str) from a date.
   */
  readonly value: null | boolean | number | string
  /** True when the scalar was written without quotes and without a block indicator. */
  readonly plain: boolean
  /** The source text of the scalar (for messages and hints). */
  readonly source: string
}

export interface YEntry {
  readonly key: YNode
  readonly value: YNode
  /** True when the entry came in through a `<<` merge key rather than being written in this map. */
  readonly merged: boolean
}

export interface YMap extends Span {
  readonly kind: 'map'
  /**
   * Entries after PyYAML's `flatten_mapping` and dict semantics: merge keys applied, and for
   * keys that compare equal in Python (`1`, `1.0`, `true`) only the last value kept (with the
   * first key node, as a Python dict does).
   */
  readonly entries: readonly YEntry[]
  /**
   * True for `!!set`: Python builds a `set` of the keys (values are all None), not a dict, so
   * `get_specs` cannot index it like a batch mapping.
   */
  readonly isSet?: true
}

export interface YSeq extends Span {
  readonly kind: 'seq'
  readonly items: readonly YNode[]
}

/** Python-`json.dumps`-style string form of a key: `True` → `"true"`, `None` → `"null"`, 1 → `"1"`. */
export function keyString(key: YNode): string {
  if (key.kind !== 'scalar') return key.kind === 'map' ? '{...}' : '[...]'
  // String() already spells None and the booleans as json.dumps does: 'null', 'true', 'false'.
  return String(key.value)
}

/** Finds an entry whose key is the *string* `name` (a bool/int key never matches, as in Python). */
export function getEntry(map: YMap, name: string): YEntry | undefined {
  for (const e of map.entries) {
    if (e.key.kind === 'scalar' && e.key.pyType === 'str' && e.key.value === name) return e
  }
  return undefined
}
