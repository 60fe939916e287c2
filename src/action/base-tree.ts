import { realpath } from 'node:fs/promises'
import path from 'node:path'
import type { FileTree, TreeEntry } from '../core/tree.js'
import {
  lsTree,
  lsTreeAll,
  readBlobs,
  type BlobRead,
  type TreeEntry as GitTreeEntry,
  type TreeObject
} from '../changes/git.js'
import { isBlobOf } from '../changes/blob-id.js'

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
    message: 'This symbolic link is broken, so the file cannot be checked.',
    notAFile: true
  }
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

/** What a link of the base commit ends at, decided from the listing and the link blobs alone. */
type LinkEnd =
  | { readonly kind: 'blob'; readonly oid: string }
  | { readonly kind: 'entry'; readonly entry: TreeEntry }
  | { readonly kind: 'ask-disk'; readonly absolute: string }

/**
 * Follows the chain from `link` through the commit's own objects: `objects` is the whole
 * listing, `linkTargets` the text of every link blob. At most {@link MAX_LINK_HOPS} hops, so a
 * loop or a long chain ends as a broken link instead of running forever.
 */
function followLink(
  link: GitTreeEntry,
  objects: ReadonlyMap<string, TreeObject>,
  linkTargets: ReadonlyMap<string, string>,
  repoRoot: string
): LinkEnd {
  let at: TreeObject | GitTreeEntry = link
  for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
    const text = linkTargets.get(at.oid)
    if (text === undefined) return { kind: 'entry', entry: broken(link.path) }
    const next = resolveLink(at.path, text, repoRoot)
    if (next === undefined) {
      // On disk a dangling link is "broken" before it is "outside"; ask the same question here.
      const absolute = path.isAbsolute(text)
        ? text
        : path.resolve(repoRoot, path.posix.dirname(at.path), text)
      return { kind: 'ask-disk', absolute }
    }
    const target = objects.get(next)
    if (target === undefined) return { kind: 'entry', entry: broken(link.path) }
    if (target.type === 'tree')
      return { kind: 'entry', entry: { kind: 'dir-link', path: link.path } }
    if (target.mode !== '120000') return { kind: 'blob', oid: target.oid }
    at = target
  }
  return { kind: 'entry', entry: broken(link.path) }
}

/**
 * The metrics tree as it was at `rev`, read from git objects (the working tree holds head).
 * Used only to tell pre-existing problems from new ones, so each file gets the entry the
 * working-tree reader would have given it at that commit.
 *
 * A constant number of git processes whatever the number of links: one listing of the metrics
 * folder, and when it has links one listing of the whole commit plus one `cat-file` batch for
 * every link blob; then one batch for every file and link target that `sameAs` does not hold.
 *
 * `sameAs` is a tree already read (head, from the working tree): a file whose bytes there are
 * exactly the blob this commit has at the same path (same git object id) is taken from it
 * instead of from git, so a push that changes one file of ten thousand reads one blob. The bytes
 * are shared, not copied: both trees hold the same Uint8Array, which the parse cache recognises.
 */
export async function readTreeAtRevision(
  cwd: string,
  rev: string,
  metricsDir: string,
  maxBytes: number,
  sameAs?: FileTree
): Promise<FileTree> {
  const listed = await lsTree(cwd, rev, metricsDir)
  const repoRoot = await realpath(cwd)
  const links = listed.filter((e) => e.mode === '120000')
  const ends = new Map<string, LinkEnd>()
  if (links.length > 0) {
    const all = await lsTreeAll(cwd, rev)
    const objects = new Map(all.map((o) => [o.path, o]))
    const linkBlobs = await readBlobs(
      cwd,
      all.filter((o) => o.mode === '120000').map((o) => o.oid),
      LINK_TARGET_MAX_BYTES
    )
    const linkTargets = new Map<string, string>()
    for (const [oid, blob] of linkBlobs) {
      if (blob instanceof Uint8Array) linkTargets.set(oid, utf8.decode(blob))
    }
    for (const link of links) ends.set(link.path, followLink(link, objects, linkTargets, repoRoot))
  }
  const known = knownBlobs(listed, ends, sameAs, maxBytes)
  const wanted = listed.filter((e) => e.mode !== '120000' && !known.has(e.oid)).map((e) => e.oid)
  for (const end of ends.values())
    if (end.kind === 'blob' && !known.has(end.oid)) wanted.push(end.oid)
  // Regular files and link targets not known already: all blobs in one `cat-file --batch`.
  const blobs: Map<string, BlobRead> = await readBlobs(cwd, wanted, maxBytes)
  for (const [oid, bytes] of known) blobs.set(oid, bytes)
  const entries: TreeEntry[] = []
  const blobEntry = (shownAs: string, oid: string): TreeEntry | undefined => {
    const blob = blobs.get(oid)
    if (blob === undefined) return undefined
    return blob instanceof Uint8Array
      ? { kind: 'file', path: shownAs, bytes: blob }
      : tooLarge(shownAs, blob.tooLarge, maxBytes)
  }
  for (const e of listed) {
    const end = ends.get(e.path)
    let entry: TreeEntry | undefined
    if (e.mode !== '120000') entry = blobEntry(e.path, e.oid)
    else if (end === undefined) entry = broken(e.path)
    else if (end.kind === 'blob') entry = blobEntry(e.path, end.oid) ?? broken(e.path)
    else if (end.kind === 'entry') entry = end.entry
    else {
      const exists = await realpath(end.absolute).then(
        () => true,
        () => false
      )
      entry = exists ? outside(e.path) : broken(e.path)
    }
    if (entry !== undefined) entries.push(entry)
  }
  // The working-tree reader lists entries in path order; keep the same order for stable output.
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { metricsDir, entries }
}

/**
 * The blobs of `listed` whose bytes `sameAs` already holds at the same path, by object id. A link
 * is compared through what it ends at, as the working-tree reader reads through it; a path whose
 * bytes differ (or that `sameAs` lacks) is simply not known, and git is asked.
 */
function knownBlobs(
  listed: readonly GitTreeEntry[],
  ends: ReadonlyMap<string, LinkEnd>,
  sameAs: FileTree | undefined,
  maxBytes: number
): Map<string, Uint8Array> {
  const known = new Map<string, Uint8Array>()
  if (sameAs === undefined) return known
  const bytesAt = new Map<string, Uint8Array>()
  for (const e of sameAs.entries) if (e.kind === 'file') bytesAt.set(e.path, e.bytes)
  for (const e of listed) {
    const end = ends.get(e.path)
    const oid = e.mode !== '120000' ? e.oid : end?.kind === 'blob' ? end.oid : undefined
    const bytes = bytesAt.get(e.path)
    // Past this commit's limit the blob is reported by size, whatever another read allowed.
    if (oid === undefined || bytes === undefined || bytes.byteLength > maxBytes) continue
    if (known.has(oid)) continue
    if (isBlobOf(oid, bytes)) known.set(oid, bytes)
  }
  return known
}

/** A link target is a path: anything longer than this is not one git would store for a link. */
const LINK_TARGET_MAX_BYTES = 64 * 1024

const utf8 = new TextDecoder('utf-8')
