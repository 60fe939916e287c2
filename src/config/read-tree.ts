import {
  closeSync,
  constants,
  type Dirent,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  type Stats
} from 'node:fs'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import type { FileTree, TreeEntry } from '../core/tree.js'

export interface ReadTreeOptions {
  /** Files larger than this are not read (reported instead). Default 1 MiB. */
  readonly maxBytes?: number
  /** Stop walking after this many entries (a runaway tree fails closed). Default 200,000. */
  readonly maxEntries?: number
}

export class MetricsDirError extends Error {
  override readonly name = 'MetricsDirError'
}

const toPosix = (p: string): string => p.split(path.sep).join('/')

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

/**
 * Reads every file under `<repoRoot>/<metricsPath>` into memory, the I/O edge of validation.
 * Synchronous on purpose: a one-shot process reading thousands of small files spends most of an
 * async walk idle between awaits (measured: 40% of a 1,000-batch validation).
 * Never follows a link out of the repository and never prints where such a link points;
 * never opens anything but regular files (a FIFO would block forever).
 */
export async function readMetricsTree(
  repoRoot: string,
  metricsPath: string,
  options: ReadTreeOptions = {}
): Promise<FileTree> {
  const maxBytes = options.maxBytes ?? 1024 * 1024
  const maxEntries = options.maxEntries ?? 200_000
  const realRoot = realpathSync(repoRoot)
  const relMetrics = toPosix(path.normalize(metricsPath)).replace(/^\.\/|\/+$/g, '')
  if (
    relMetrics === '' ||
    relMetrics === '.' ||
    relMetrics.startsWith('../') ||
    path.isAbsolute(metricsPath)
  ) {
    throw new MetricsDirError(
      `metrics-path must be a folder inside the repository, got "${metricsPath}".`
    )
  }
  const metricsAbs = path.join(realRoot, relMetrics)
  let realMetrics: string
  try {
    realMetrics = realpathSync(metricsAbs)
  } catch {
    throw new MetricsDirError(
      `The metrics folder "${relMetrics}" does not exist in the repository.`
    )
  }
  if (!isInside(realRoot, realMetrics)) {
    throw new MetricsDirError(
      `The metrics folder "${relMetrics}" resolves outside the repository; it is not read.`
    )
  }

  const entries: TreeEntry[] = []
  const stack: string[] = [metricsAbs]
  const tracked = new TrackedFiles(realRoot)
  let seen = 0
  while (stack.length > 0) {
    const dir = stack.pop()!
    let listed: Dirent[]
    try {
      listed = readdirSync(dir, { withFileTypes: true })
    } catch (e: unknown) {
      const rel = toPosix(path.relative(realRoot, dir))
      entries.push({
        kind: 'unreadable',
        path: rel,
        ruleId: 'file/unreadable',
        message: `The folder could not be listed (${errCode(e)}), so its files cannot be checked.`
      })
      continue
    }
    // By name, in UTF-16 code-unit order (what a plain sort() of the names gives).
    listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const dirent of listed) {
      if (++seen > maxEntries) {
        throw new MetricsDirError(
          `The metrics folder has more than ${maxEntries} entries; refusing to walk further.`
        )
      }
      const abs = path.join(dir, dirent.name)
      const rel = toPosix(path.relative(realRoot, abs))
      // The listing already tells a regular file (no lstat): it is opened without following
      // links and checked again on the open descriptor, so a swap in between still fails closed.
      if (dirent.isFile()) entries.push(readRegularFile(abs, rel, maxBytes))
      else entries.push(...readEntry(abs, rel, realRoot, maxBytes, stack, tracked))
    }
  }
  return { metricsDir: relMetrics, entries }
}

function readEntry(
  abs: string,
  rel: string,
  realRoot: string,
  maxBytes: number,
  stack: string[],
  tracked: TrackedFiles
): TreeEntry[] {
  let st: Stats
  try {
    st = lstatSync(abs)
  } catch (e: unknown) {
    return [unreadable(rel, `The file could not be examined (${errCode(e)}).`)]
  }
  if (st.isDirectory()) {
    stack.push(abs)
    return []
  }
  let target = abs
  if (st.isSymbolicLink()) {
    let real: string
    try {
      real = realpathSync(abs)
    } catch {
      return [
        {
          ...unreadable(rel, 'This symbolic link is broken, so the file cannot be checked.'),
          notAFile: true
        }
      ]
    }
    if (!isInside(realRoot, real)) {
      return [
        {
          kind: 'unreadable',
          path: rel,
          ruleId: 'file/outside-repository',
          message:
            'This symbolic link resolves outside the repository; it is not followed or read.',
          hint: 'Commit the file itself instead of a link to a location outside the repository.'
        }
      ]
    }
    const tst = lstatOrUndefined(real)
    if (tst?.isDirectory()) return [{ kind: 'dir-link', path: rel }]
    // A link may reach any file of the repository, but only one git tracks: an untracked file
    // (a `.env`, a runner's credentials) must not be parsed and quoted in messages.
    if (!tracked.allows(toPosix(path.relative(realRoot, real)))) {
      return [
        {
          kind: 'unreadable',
          path: rel,
          ruleId: 'file/untracked-link-target',
          message:
            'This symbolic link points to a file git does not track, so it is not read (its content is not shown).',
          hint: 'Link only to files committed to the repository, or commit the file itself here.'
        }
      ]
    }
    target = real
    st = tst ?? st
  }
  if (!st.isFile()) {
    return [
      {
        ...unreadable(
          rel,
          'This is not a regular file (a FIFO, socket or device), so it is not opened.'
        ),
        notAFile: true
      }
    ]
  }
  // Known too large from the lstat: not even opened (so an unreadable one is still "too large").
  if (st.size > maxBytes) return [tooLarge(rel, st.size, maxBytes)]
  return [readRegularFile(target, rel, maxBytes)]
}

function tooLarge(rel: string, size: number, maxBytes: number): TreeEntry {
  return {
    kind: 'unreadable',
    path: rel,
    ruleId: 'file/too-large',
    message: `The file is ${size} bytes, over the ${maxBytes}-byte limit, so it is not parsed.`,
    hint: 'Raise the limit (max-file-bytes) if this file is really meant to be this large.'
  }
}

/**
 * Reads the regular file at `target` (shown as `rel`). Its type and size are judged on the open
 * descriptor, whatever the caller saw before: anything but a regular file there means it changed
 * in between, and one over `maxBytes` is reported as too large without being read.
 */
function readRegularFile(target: string, rel: string, maxBytes: number): TreeEntry {
  try {
    // O_NOFOLLOW | O_NONBLOCK: the path could be swapped for a link or a FIFO after it was listed;
    // these flags make such a race fail instead of reading elsewhere or hanging.
    const fd = openSync(target, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
    try {
      const fst = fstatSync(fd)
      if (fst.isFile() && fst.size > maxBytes) return tooLarge(rel, fst.size, maxBytes)
      const bytes = fst.isFile() ? readExactly(fd, fst.size) : undefined
      if (!bytes) return unreadable(rel, 'The file changed while it was being read.')
      return { kind: 'file', path: rel, bytes }
    } finally {
      closeSync(fd)
    }
  } catch (e: unknown) {
    return unreadable(rel, `The file could not be read (${errCode(e)}).`)
  }
}

const SLAB_BYTES = 1024 * 1024
let slab = Buffer.allocUnsafeSlow(0)
let slabUsed = 0

/**
 * `size` bytes of `fd`, or undefined when the file is not that long any more or has grown (it
 * changed while being read: fail closed). Small files are read into shared 1 MiB slabs, one
 * ArrayBuffer per slab instead of one per file: 16,000 separate buffers made every read pay the
 * heap's external-memory accounting (reads took 3× longer on a 10,000-batch tree). The views are
 * exact, so nothing outside a file's own bytes is ever visible through its entry.
 *
 * One byte more than `size` is asked for: getting it means the file grew, and a read that stops
 * short exactly at `size` is the end of a regular file, so no separate end-of-file probe is needed.
 */
function readExactly(fd: number, size: number): Uint8Array | undefined {
  const want = size + 1
  let buf: Buffer
  let at = 0
  if (size > SLAB_BYTES / 8) {
    buf = Buffer.allocUnsafeSlow(want)
  } else {
    if (slabUsed + want > slab.length) {
      slab = Buffer.allocUnsafeSlow(SLAB_BYTES)
      slabUsed = 0
    }
    buf = slab
    at = slabUsed
  }
  let got = 0
  for (;;) {
    const n = readSync(fd, buf, at + got, want - got, null)
    got += n
    if (got === want) return undefined
    if (n === 0 || got === size) break
  }
  if (got !== size) return undefined
  if (buf === slab) slabUsed += size
  return buf.subarray(at, at + size)
}

/**
 * Which files of the repository git tracks, asked once (`git ls-files`) and only when a link
 * needs it. Outside a git work tree every file inside the repository root is allowed; when git
 * is there but cannot answer, nothing is (fail closed).
 */
class TrackedFiles {
  private files: Set<string> | 'any' | 'none' | undefined

  constructor(private readonly root: string) {}

  allows(rel: string): boolean {
    this.files ??= this.list()
    if (this.files === 'any') return true
    if (this.files === 'none') return false
    return this.files.has(rel)
  }

  private list(): Set<string> | 'any' | 'none' {
    const r = spawnSync('git', ['ls-files', '-z', '--cached'], {
      cwd: this.root,
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' }
    })
    if (r.error) return 'any' // no git installed: not a git checkout we could ask
    if (r.status !== 0) return /not a git repository/i.test(r.stderr.toString()) ? 'any' : 'none'
    return new Set(r.stdout.toString('utf8').split('\0').filter(Boolean))
  }
}

function lstatOrUndefined(p: string): Stats | undefined {
  try {
    return lstatSync(p)
  } catch {
    return undefined
  }
}

function unreadable(rel: string, message: string): Extract<TreeEntry, { kind: 'unreadable' }> {
  return { kind: 'unreadable', path: rel, ruleId: 'file/unreadable', message }
}

function errCode(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code
  return 'error'
}
