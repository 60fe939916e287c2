import type { FileTree, TreeEntry } from '../core/tree.js'
import { lsTree, showFile } from '../changes/git.js'

/**
 * The metrics tree as it was at `rev`, read from git objects (the working tree holds head).
 * Used only to tell pre-existing problems from new ones, so a file that cannot be read there is
 * simply reported as unreadable on base.
 */
export async function readTreeAtRevision(
  cwd: string,
  rev: string,
  metricsDir: string,
  maxBytes: number
): Promise<FileTree> {
  const listed = await lsTree(cwd, rev, metricsDir)
  const entries: TreeEntry[] = []
  // A handful of concurrent `git cat-file` processes: fast on a 2-core runner without a flood.
  const queue = [...listed]
  const worker = async (): Promise<void> => {
    for (let e = queue.shift(); e !== undefined; e = queue.shift()) {
      if (e.mode === '120000') {
        entries.push({ kind: 'unreadable', path: e.path, ruleId: 'file/unreadable', message: 'A symbolic link on the base commit.' })
        continue
      }
      const bytes = await showFile(cwd, rev, e.path)
      if (bytes === undefined) continue
      entries.push(
        bytes.length > maxBytes
          ? { kind: 'unreadable', path: e.path, ruleId: 'file/too-large', message: 'Over the size limit on the base commit.' }
          : { kind: 'file', path: e.path, bytes }
      )
    }
  }
  await Promise.all(Array.from({ length: 4 }, worker))
  return { metricsDir, entries }
}
