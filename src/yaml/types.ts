import type { Severity } from '../core/diagnostic.js'
import type { Range } from '../core/positions.js'
import type { YNode } from './node.js'

/**
 * A problem found while reading a YAML file, already positioned: at PyYAML's problem mark
 * (columns in characters), except a scanner error with a context mark, whose range runs from the
 * context mark to the problem mark. Messages that name positions name PyYAML's marks, the
 * problem mark last (docs/yaml-parity.md).
 */
export interface YamlProblem extends Range {
  /** `yaml/...` rule id, for example `yaml/syntax`, `yaml/duplicate-key`. */
  readonly ruleId: string
  readonly severity: Severity
  readonly message: string
  readonly hint?: string
}

export interface LoadOptions {
  /** Files larger than this are not parsed (error `yaml/too-large`). Default 1 MiB. */
  readonly maxBytes?: number
  /** Deepest nesting accepted (PyYAML itself dies near 490). Default 400. */
  readonly maxDepth?: number
  /** Extra nodes that alias expansion may add before the file is rejected. Default 100,000. */
  readonly maxAliasExpansion?: number
}

export interface LoadResult {
  /** Decoded text: BOM dropped, `\r\n` and `\r` turned into `\n`. '' if the bytes are not UTF-8. */
  readonly text: string
  /** Offsets where each line of `text` starts (see core/positions). */
  readonly lineStarts: readonly number[]
  /**
   * The constructed document, or `null` when PyYAML would return None (empty or comment-only
   * file), or `undefined` when PyYAML would raise (then `failed` is true).
   */
  readonly root: YNode | null | undefined
  /** True when `yaml.safe_load` would raise on this file. */
  readonly failed: boolean
  /** Errors (why it fails) and warnings (traps PyYAML accepts silently), in source order. */
  readonly problems: readonly YamlProblem[]
}
