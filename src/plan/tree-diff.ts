/**
 * Which files differ between two in-memory trees, for when there is no pair of commits to ask git
 * about (the CLI compares uncommitted edits with a ref). Pure.
 */
import type { FileTree } from '../core/tree.js'
import type { ChangedFile } from '../changes/changed-file.js'
import { compareText } from '../core/compare-text.js'
import { sameBytes } from '../core/same-bytes.js'
import { contentHash } from '../config/parse-cache.js'

/** Bytes of each readable file; an unreadable entry maps to undefined (it exists, contents unknown). */
function contents(tree: FileTree): Map<string, Uint8Array | undefined> {
  const out = new Map<string, Uint8Array | undefined>()
  for (const e of tree.entries) {
    if (e.kind === 'file') out.set(e.path, e.bytes)
    else if (e.kind === 'unreadable') out.set(e.path, undefined)
  }
  return out
}

/**
 * Added, modified, deleted and renamed files between `base` and `head`, sorted by path. A file
 * that disappeared while another with identical bytes appeared is reported as a rename, like
 * `git diff -M` would for an exact move. An unreadable file counts as modified.
 */
export function changedFilesBetween(base: FileTree, head: FileTree): ChangedFile[] {
  const before = contents(base)
  const after = contents(head)
  const out: ChangedFile[] = []
  const deleted: string[] = []
  const added: string[] = []
  for (const [path, bytes] of before) {
    if (!after.has(path)) deleted.push(path)
    else {
      const now = after.get(path)
      if (bytes === undefined || now === undefined || !sameBytes(bytes, now)) {
        out.push({ status: 'modified', path })
      }
    }
  }
  for (const path of after.keys()) if (!before.has(path)) added.push(path)

  // Exact moves: each added path (in order) takes the first deleted path (in order) with the
  // same bytes (the same SHA-256) that no earlier added path took. Deleted files are queued by
  // content hash, so this is one pass over each list, not a search of every deleted file for
  // every added one.
  const queues = new Map<string, { readonly paths: string[]; next: number }>()
  for (const d of deleted.sort(compareText)) {
    const old = before.get(d)
    if (old === undefined) continue
    const key = contentHash(old)
    const queue = queues.get(key)
    if (queue) queue.paths.push(d)
    else queues.set(key, { paths: [d], next: 0 })
  }
  const taken = new Set<string>()
  for (const path of added.sort(compareText)) {
    const bytes = after.get(path)
    const queue = bytes === undefined ? undefined : queues.get(contentHash(bytes))
    const from = queue?.paths[queue.next]
    if (queue !== undefined && from !== undefined) {
      queue.next++
      taken.add(from)
      out.push({ status: 'renamed', path, previousPath: from })
    } else out.push({ status: 'added', path })
  }
  for (const path of deleted) if (!taken.has(path)) out.push({ status: 'deleted', path })
  return out.sort((a, b) => compareText(a.path, b.path) || compareText(a.status, b.status))
}
