/**
 * "A change is blocked only by what it introduced." Pure.
 */
import type { Diagnostic } from '../core/diagnostic.js'
import type { ChangedFile } from './changed-file.js'

export interface PreExistingInput {
  /** Diagnostics of the head tree. */
  readonly head: readonly Diagnostic[]
  /** Diagnostics of the base tree (same rules, same options). */
  readonly base: readonly Diagnostic[]
  /** The base..head file changes (renames detected). */
  readonly changes: readonly ChangedFile[]
  /**
   * Per head path, the 1-based head lines the diff added or replaced (diffAddedLines). A changed
   * file without an entry is treated as changed on every line.
   */
  readonly changedLines: ReadonlyMap<string, ReadonlySet<number>>
  /**
   * Optional identity for matching when the message may legitimately differ between base and head
   * (for example it quotes a line number): the offending key path, say. Undefined means "no key".
   */
  readonly keyOf?: (d: Diagnostic) => string | undefined
}

/**
 * Marks head diagnostics that the change did not introduce: `preExisting: true`, and an `error`
 * becomes a `warning` (so it is still shown, but no longer blocks). Returns a new array in the
 * same order; diagnostics that stay new are returned as they were.
 *
 * Matching rule. A head diagnostic H is pre-existing when all of these hold:
 * 1. H's file existed on base: it was not added or copied by the change. Its base path is the
 *    previous path when the file was renamed, else the same path.
 * 2. H's line was not touched: the file is unchanged, or it changed and H.line is not among its
 *    changed lines. (Only the start line counts, so a long span is not "new" because one of its
 *    lines moved.) A changed file whose changed lines are unknown counts as fully changed.
 * 3. Some base diagnostic B has the same ruleId, B.file equals H's base path, and either the same
 *    message or the same non-undefined `keyOf`. Each B excuses at most one H, so a change that
 *    adds a second copy of an existing problem still reports one as new. Exact-message pairs are
 *    taken before key-only pairs.
 * Line numbers are deliberately not compared between base and head: unrelated edits above a
 * problem shift it without making it new, and condition 2 already catches edits to the line.
 */
export function markPreExisting(input: PreExistingInput): Diagnostic[] {
  const basePath = new Map<string, string | undefined>()
  for (const c of input.changes) {
    if (c.status === 'added' || c.status === 'copied') basePath.set(c.path, undefined)
    else if (c.status === 'renamed') basePath.set(c.path, c.previousPath)
    else if (c.status !== 'deleted') basePath.set(c.path, c.path)
  }
  const changed = new Set(input.changes.filter((c) => c.status !== 'deleted').map((c) => c.path))

  const candidates: boolean[] = input.head.map((h) => {
    if (basePath.has(h.file) && basePath.get(h.file) === undefined) return false
    if (!changed.has(h.file)) return true
    const lines = input.changedLines.get(h.file)
    return lines !== undefined && !lines.has(h.line)
  })

  const used = new Uint8Array(input.base.length)
  const matched = new Uint8Array(input.head.length)

  // One pass per matching kind, each with the base problems indexed by (rule, file, identity):
  // a head problem takes the first unused base problem of its bucket in base order. A bucket's
  // cursor only moves forward past used entries, so each pass is linear in head + base.
  const pass = (identity: (d: Diagnostic) => string | undefined): void => {
    const buckets = new Map<string, { items: number[]; next: number }>()
    input.base.forEach((b, i) => {
      const id = identity(b)
      if (id === undefined) return
      const k = `${b.ruleId}\0${b.file}\0${id}`
      const bucket = buckets.get(k)
      if (bucket) bucket.items.push(i)
      else buckets.set(k, { items: [i], next: 0 })
    })
    input.head.forEach((h, hi) => {
      if (!candidates[hi] || matched[hi] === 1) return
      const id = identity(h)
      if (id === undefined) return
      const from = basePath.has(h.file) ? basePath.get(h.file) : h.file
      const bucket = buckets.get(`${h.ruleId}\0${from ?? ''}\0${id}`)
      if (!bucket) return
      while (bucket.next < bucket.items.length && used[bucket.items[bucket.next] ?? 0] === 1) {
        bucket.next++
      }
      const bi = bucket.items[bucket.next]
      if (bi === undefined) return
      bucket.next++
      used[bi] = 1
      matched[hi] = 1
    })
  }
  pass((d) => d.message)
  if (input.keyOf) pass(input.keyOf)

  return input.head.map((h, i) =>
    matched[i] === 1
      ? h.severity === 'error'
        ? { ...h, preExisting: true, severity: 'warning', downgradedFrom: 'error' }
        : { ...h, preExisting: true }
      : h
  )
}
