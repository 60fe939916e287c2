import { realpath } from 'node:fs/promises'
import path from 'node:path'
import type { FileTree, TreeEntry } from '../core/tree.js'
import {
  GitError,
  lsTree,
  runGit,
  readBlobs,
  showFile,
  type TreeEntry as GitTreeEntry
} from '../changes/git.js'

/** How many symbolic links in a row are followed before the chain counts as broken (a loop). */
const MAX_LINK_HOPS = 8

/*
 * The entries below say what the working-tree reader (src/config/read-tree.ts) says for the same
 * situation, with the same rule ids and wording: a base problem only excuses a head problem that
 * matches it, so a different word here would turn every old problem into a "new" one.
 */
function outside(filePath: string): TreeEntry {
  return {
    kind: 'unreadable',
    path: filePath,
    ruleId: 'file/outside-repository',
    message: 'This symbolic link resolves outside the repository; it is not followed or read.',
    hint: 'Commit the file itself instead of a link to a location outside the repository.'
  }
}

/** `size` is undefined when git stopped reading the blob before its end. */
function tooLarge(filePath: string, size: number | undefined, maxBytes: number): TreeEntry {
  return {
    kind: 'unreadable',
    path: filePath,
    ruleId: 'file/too-large',
    message:
      size === undefined
        ? `The file is over the ${maxBytes}-byte limit, so it is not parsed.`
        : `The file is ${size} bytes, over the ${maxBytes}-byte limit, so it is not parsed.`,
    hint: 'Raise the limit (max-file-bytes) if this file is really meant to be this large.'
  }
}

function broken(filePath: string): TreeEntry {
  return {
    kind: 'unreadable',
    path: filePath,
    ruleId: 'file/unreadable',
    message: 'This symbolic link is broken, so the file cannot be checked.'
  }
}

/** `git cat-file -t <rev>:<path>`: `blob`, `tree`, … or undefined when the path does not exist. */
async function objectType(cwd: string, rev: string, repoPath: string): Promise<string | undefined> {
  const r = await runGit(['cat-file', '-t', `${rev}:${repoPath}`], { cwd })
  return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined
}

/** `git ls-tree` mode of one path at `rev` (`120000` for a link), or undefined. */
async function modeOf(cwd: string, rev: string, repoPath: string): Promise<string | undefined> {
  const r = await runGit(
    ['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', rev, '--', repoPath],
    { cwd }
  )
  if (r.code !== 0) return undefined
  const record = r.stdout.toString('utf8').split('\0')[0] ?? ''
  return record === '' ? undefined : record.split(' ')[0]
}

/**
 * Where a link stored at `linkPath` points, as a repository-relative path, or undefined when it
 * leaves the repository. Resolved by text (the commit has no file system to ask), which is what
 * realpath does when no folder on the way is itself a link.
 */
function resolveLink(linkPath: string, target: string, repoRoot: string): string | undefined {
  let rel: string
  if (path.posix.isAbsolute(target)) {
    rel = path.relative(repoRoot, target).split(path.sep).join('/')
    if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined
  } else {
    rel = path.posix.normalize(path.posix.join(path.posix.dirname(linkPath), target))
  }
  if (rel === '..' || rel.startsWith('../') || rel === '' || rel === '.') return undefined
  return rel
}

/** The bytes of a blob, or a too-large entry; git refusing an oversized blob is the same verdict. */
async function readBlob(
  cwd: string,
  rev: string,
  blobPath: string,
  shownAs: string,
  maxBytes: number
): Promise<TreeEntry | undefined> {
  let bytes: Uint8Array | undefined
  try {
    bytes = await showFile(cwd, rev, blobPath)
  } catch (e: unknown) {
    if (e instanceof GitError && e.result.overflowed) return tooLarge(shownAs, undefined, maxBytes)
    throw e
  }
  if (bytes === undefined) return undefined
  return bytes.length > maxBytes
    ? tooLarge(shownAs, bytes.length, maxBytes)
    : { kind: 'file', path: shownAs, bytes }
}

/** A link on the base commit, judged as the working-tree reader would judge it on disk. */
async function readLink(
  cwd: string,
  rev: string,
  link: GitTreeEntry,
  repoRoot: string,
  maxBytes: number
): Promise<TreeEntry | undefined> {
  let at = link.path
  for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
    const target = await showFile(cwd, rev, at)
    if (target === undefined) return broken(link.path)
    const next = resolveLink(at, new TextDecoder('utf-8').decode(target), repoRoot)
    if (next === undefined) {
      // On disk a dangling link is "broken" before it is "outside"; ask the same question here.
      const text = new TextDecoder('utf-8').decode(target)
      const absolute = path.isAbsolute(text)
        ? text
        : path.resolve(repoRoot, path.posix.dirname(at), text)
      const exists = await realpath(absolute).then(
        () => true,
        () => false
      )
      return exists ? outside(link.path) : broken(link.path)
    }
    const type = await objectType(cwd, rev, next)
    if (type === 'tree') return { kind: 'dir-link', path: link.path }
    if (type !== 'blob') return broken(link.path)
    if ((await modeOf(cwd, rev, next)) !== '120000')
      return readBlob(cwd, rev, next, link.path, maxBytes)
    at = next
  }
  return broken(link.path)
}

/**
 * The metrics tree as it was at `rev`, read from git objects (the working tree holds head).
 * Used only to tell pre-existing problems from new ones, so each file gets the entry the
 * working-tree reader would have given it at that commit.
 */
export async function readTreeAtRevision(
  cwd: string,
  rev: string,
  metricsDir: string,
  maxBytes: number
): Promise<FileTree> {
  const listed = await lsTree(cwd, rev, metricsDir)
  const repoRoot = await realpath(cwd)
  const entries: TreeEntry[] = []
  // Regular files: all blobs in one `cat-file --batch` (one process per file was 25% of a run).
  const blobs = await readBlobs(
    cwd,
    listed.filter((e) => e.mode !== '120000').map((e) => e.oid),
    maxBytes
  )
  for (const e of listed) {
    if (e.mode === '120000') {
      const entry = await readLink(cwd, rev, e, repoRoot, maxBytes)
      if (entry !== undefined) entries.push(entry)
      continue
    }
    const blob = blobs.get(e.oid)
    if (blob === undefined) continue
    entries.push(
      blob instanceof Uint8Array
        ? { kind: 'file', path: e.path, bytes: blob }
        : tooLarge(e.path, blob.tooLarge, maxBytes)
    )
  }
  // The working-tree reader lists entries in path order; keep the same order for stable output.
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { metricsDir, entries }
}
