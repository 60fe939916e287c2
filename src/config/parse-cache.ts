/**
 * A content-addressed cache of parsed YAML files: the same bytes under the same load options
 * always parse to the same (immutable) {@link LoadResult}, so a long-running process (`watch`, or
 * an action validating base and head trees that share most files) parses each distinct file once.
 *
 * Keyed by SHA-256 of the bytes, never by path or modification time: a `touch` or a save that
 * changes nothing is a hit, and two files with identical bytes share one entry.
 */
import { hash as oneShotHash } from 'node:crypto'
import { loadYaml } from '../yaml/load.js'
import type { LoadOptions, LoadResult } from '../yaml/types.js'

export interface ParseCacheStats {
  readonly entries: number
  readonly hits: number
  readonly misses: number
}

export class ParseCache {
  private entries = new Map<string, LoadResult>()
  /** Keys used since the last {@link sweep}. */
  private used = new Set<string>()
  private hits = 0
  private misses = 0
  /**
   * Each byte array's hash, by identity: the base tree shares head's arrays for every unchanged
   * file (action/base-tree.ts), so the second tree costs no hashing. Bytes are never mutated once
   * read, which is what makes identity a safe key.
   */
  private hashes = new WeakMap<Uint8Array, string>()

  /** {@link loadYaml}, served from the cache when these bytes were parsed with these options. */
  load(bytes: Uint8Array, options: LoadOptions = {}): LoadResult {
    let hash = this.hashes.get(bytes)
    if (hash === undefined) this.hashes.set(bytes, (hash = contentHash(bytes)))
    const key = cacheKey(hash, options)
    this.used.add(key)
    const cached = this.entries.get(key)
    if (cached !== undefined) {
      this.hits++
      return cached
    }
    this.misses++
    const result = loadYaml(bytes, options)
    this.entries.set(key, result)
    return result
  }

  /**
   * Forget every entry not used since the previous sweep, so memory follows the current tree
   * instead of every version of every file ever saved. Call once per full validation.
   */
  sweep(): void {
    if (this.used.size < this.entries.size) {
      for (const key of this.entries.keys()) if (!this.used.has(key)) this.entries.delete(key)
    }
    this.used = new Set()
  }

  stats(): ParseCacheStats {
    return { entries: this.entries.size, hits: this.hits, misses: this.misses }
  }
}

/** SHA-256 of the bytes, plus the options that change what a parse produces. */
export function contentHash(bytes: Uint8Array): string {
  // The one-shot form: a Hash object per file was a visible share of a 16,000-file read.
  return oneShotHash('sha256', bytes, 'hex')
}

function cacheKey(hash: string, o: LoadOptions): string {
  return `${hash}:${o.maxBytes ?? ''}:${o.maxDepth ?? ''}:${o.maxAliasExpansion ?? ''}`
}
