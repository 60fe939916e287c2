/**
 * Which files differ between two in-memory trees, for when there is no pair of commits to ask git
 * about (the CLI compares uncommitted edits with a ref). Pure.
 */
import type { FileTree } from '../core/tree.js'
import type { ChangedFile } from '../changes/changed-file.js'
import { compareText } from '../core/compare-text.js'

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

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

  const gone = new Set(deleted)
  for (const path of added.sort(compareText)) {
    const bytes = after.get(path)
    const from =
      bytes === undefined
        ? undefined
        : deleted.sort(compareText).find((d) => {
            const old = before.get(d)
            return gone.has(d) && old !== undefined && sameBytes(old, bytes)
          })
    if (from !== undefined) {
      gone.delete(from)
      out.push({ status: 'renamed', path, previousPath: from })
    } else out.push({ status: 'added', path })
  }
  for (const path of gone) out.push({ status: 'deleted', path })
  return out.sort((a, b) => compareText(a.path, b.path) || compareText(a.status, b.status))
}
