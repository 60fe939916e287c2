/**
 * Content fingerprints of the tree, so `watch` decides by what files contain, never by when they
 * were written: a `touch` or a save that changes nothing is no change at all.
 */
import { createHash } from 'node:crypto'
import { contentHash } from '../config/parse-cache.js'
import type { FileTree } from '../core/tree.js'
import type { ValidationResult } from '../validate.js'

/** Path → content hash (an unreadable file → its rule id, so "became readable" is a change). */
export function fileHashes(tree: FileTree): Map<string, string> {
  const out = new Map<string, string>()
  for (const e of tree.entries) {
    if (e.kind === 'file') out.set(e.path, contentHash(e.bytes))
    else if (e.kind === 'unreadable') out.set(e.path, `!${e.ruleId}:${e.message}`)
    else out.set(e.path, '@dir-link')
  }
  return out
}

export interface HashDiff {
  readonly added: string[]
  readonly modified: string[]
  readonly removed: string[]
}

export function diffHashes(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>
): HashDiff {
  const added: string[] = []
  const modified: string[] = []
  const removed: string[] = []
  for (const [p, h] of after) {
    const old = before.get(p)
    if (old === undefined) added.push(p)
    else if (old !== h) modified.push(p)
  }
  for (const p of before.keys()) if (!after.has(p)) removed.push(p)
  return { added: added.sort(), modified: modified.sort(), removed: removed.sort() }
}

export function isEmptyDiff(d: HashDiff): boolean {
  return d.added.length === 0 && d.modified.length === 0 && d.removed.length === 0
}

/**
 * The files Dagster's code location reads: every `.yaml` (get_specs parses them all, disabled
 * batches included) and every file an enabled batch includes. A change elsewhere (a README, a
 * SQL file only a disabled batch uses) cannot change what Dagster loads.
 */
export function dagsterInputs(
  result: ValidationResult,
  hashes: ReadonlyMap<string, string>
): Set<string> {
  const inputs = new Set<string>()
  for (const p of hashes.keys()) if (p.endsWith('.yaml')) inputs.add(p)
  for (const b of result.batches) if (b.enabled) for (const d of b.dependsOn) inputs.add(d)
  return inputs
}

/** One hash over the Dagster inputs' paths and contents (a missing input counts too). */
export function dagsterFingerprint(
  inputs: ReadonlySet<string>,
  hashes: ReadonlyMap<string, string>
): string {
  const h = createHash('sha256')
  for (const p of [...inputs].sort()) h.update(`${p}\0${hashes.get(p) ?? '-'}\n`)
  return h.digest('hex')
}
