/**
 * The only module that runs git. Everything here spawns `git` with an argument array (never a
 * shell), with per-command config (never global config), a timeout and a cap on output.
 */
import { spawn } from 'node:child_process'
import { resolve as resolvePath } from 'node:path'
import { parseNameStatusZ } from './parse-name-status.js'
import { parseUnifiedZeroHunks } from './parse-unified-hunks.js'
import type { ChangedFile } from './changed-file.js'

export { parseUnifiedZeroHunks } from './parse-unified-hunks.js'

export interface GitOptions {
  /** Directory to run in: the repository (or a folder inside it). */
  readonly cwd: string
  /** Kill git after this long. Default 60 s (fetches: 180 s). */
  readonly timeoutMs?: number
  /** Stop reading and kill git once stdout exceeds this many bytes. Default 64 MiB. */
  readonly maxOutputBytes?: number
  /** Written to git's standard input (for `cat-file --batch`); none when absent. */
  readonly input?: string
}

export interface GitResult {
  /** Exit code; -1 when git could not be started, timed out or produced too much output. */
  readonly code: number
  readonly stdout: Buffer
  /** At most 64 KiB, decoded as UTF-8. */
  readonly stderr: string
  readonly timedOut: boolean
  readonly overflowed: boolean
}

/** A git command failed in a way the caller cannot reasonably recover from. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly result: GitResult
  ) {
    super(message)
    this.name = 'GitError'
  }
}

const DEFAULT_TIMEOUT_MS = 60_000
const FETCH_TIMEOUT_MS = 180_000
const DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024
const MAX_STDERR = 64 * 1024

/**
 * Variables that would point git at another repository than `cwd` (they are set inside git hooks,
 * for example). Our contract is "the repository at cwd", so they are removed.
 */
const REPO_ENV = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_COMMON_DIR']

/**
 * Runs `git <args>` in `opts.cwd`.
 *
 * Every call gets `-c core.quotePath=false` (names verbatim), `-c safe.directory=<cwd>` and
 * `-c diff.relative=false`. Runners and containers often check a repository out as a different
 * user than the one running the action, and git then refuses with "dubious ownership". Command
 * line config is a protected scope (git >= 2.39 reads `safe.directory` from it), so this trusts
 * exactly this repository without touching anyone's global config. When `cwd` is a subfolder, git
 * reports the repository root instead; the call is retried once with that path.
 */
export async function runGit(args: readonly string[], opts: GitOptions): Promise<GitResult> {
  const first = await spawnGit([...baseConfig(opts.cwd), ...args], opts)
  const root = first.code !== 0 ? dubiousOwnershipPath(first.stderr) : undefined
  if (root === undefined || root === resolvePath(opts.cwd)) return first
  return spawnGit([...baseConfig(opts.cwd), '-c', `safe.directory=${root}`, ...args], opts)
}

function baseConfig(cwd: string): string[] {
  return [
    '-c',
    'core.quotePath=false',
    '-c',
    `safe.directory=${resolvePath(cwd)}`,
    '-c',
    'diff.relative=false',
    '-c',
    'color.ui=false'
  ]
}

/** The repository path from git's "detected dubious ownership in repository at '<path>'" error. */
export function dubiousOwnershipPath(stderr: string): string | undefined {
  const m = /detected dubious ownership in repository at '([^\n]*)'/.exec(stderr)
  return m?.[1]
}

function spawnGit(args: readonly string[], opts: GitOptions): Promise<GitResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const maxOutput = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of REPO_ENV) delete env[name]
  // Never wait for a password prompt; keep messages in English so they can be recognised.
  env.GIT_TERMINAL_PROMPT = '0'
  env.LC_ALL = 'C'
  env.LANGUAGE = 'C'

  return new Promise((resolve) => {
    const stdout: Buffer[] = []
    let stdoutBytes = 0
    let stderr = ''
    let timedOut = false
    let overflowed = false
    let settled = false
    // Stryker disable next-line StringLiteral: only Windows differs, and CI runs this on Linux
    const usesGroup = process.platform !== 'win32'
    const child = spawn('git', [...args], {
      cwd: opts.cwd,
      env,
      shell: false,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      // Stryker disable next-line BooleanLiteral: a Windows-only option
      windowsHide: true,
      // A process group, so a timeout also ends helpers git started (remote transports).
      detached: usesGroup
    })

    const kill = (): void => {
      try {
        // Stryker disable next-line ConditionalExpression,LogicalOperator: kill() only runs after a successful spawn, so the pid is set (and usesGroup holds on Linux)
        if (usesGroup && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
        else child.kill('SIGKILL')
      } catch {
        // Already gone.
      }
    }
    const timer = setTimeout(() => {
      timedOut = true
      kill()
    }, timeoutMs)

    const done = (code: number): void => {
      // Stryker disable next-line ConditionalExpression: a second resolve() of a settled promise is a no-op
      if (settled) return
      // Stryker disable next-line BooleanLiteral: as above
      settled = true
      clearTimeout(timer)
      const failed = timedOut || overflowed
      resolve({
        code: failed ? -1 : code,
        stdout: Buffer.concat(stdout),
        stderr: timedOut ? `git timed out after ${timeoutMs} ms\n${stderr}` : stderr,
        timedOut,
        overflowed
      })
    }

    child.stdout?.on('data', (chunk: Buffer) => {
      // Stryker disable next-line ConditionalExpression: past the cap every later chunk also exceeds it and returns before being kept
      if (overflowed) return
      stdoutBytes += chunk.length
      if (stdoutBytes > maxOutput) {
        overflowed = true
        kill()
        return
      }
      stdout.push(chunk)
    })
    // Stryker disable next-line OptionalChaining: stderr is always piped
    child.stderr?.on('data', (chunk: Buffer) => {
      // Stryker disable next-line MethodExpression: a pipe chunk is at most 64 KiB, so the slice never cuts
      if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8').slice(0, MAX_STDERR)
    })
    child.on('error', (e: Error) => {
      stderr += `could not run git: ${e.message}`
      done(-1)
    })
    child.on('close', (code: number | null) => done(code ?? -1))
    // Stryker disable next-line LogicalOperator: stdin is null exactly when there is no input
    if (opts.input !== undefined && child.stdin) {
      child.stdin.on('error', () => undefined) // git exiting early must not crash us (EPIPE)
      child.stdin.end(opts.input)
    }
  })
}

/**
 * Revisions come from event payloads and inputs. One that starts with `-` would be read as an
 * option, so it is refused outright.
 */
function checkRev(rev: string): void {
  if (rev.length === 0 || rev.startsWith('-') || rev.includes('\0')) {
    throw new Error(`refusing suspicious revision ${JSON.stringify(rev)}`)
  }
}

function describeFailure(what: string, r: GitResult): string {
  const detail = r.stderr.trim().split('\n').slice(0, 3).join(' / ')
  return `${what} failed (exit ${r.code})${detail ? `: ${detail}` : ''}`
}

/** The commit SHA `rev` names, or undefined when it does not resolve to a commit. */
export async function revParse(cwd: string, rev: string): Promise<string | undefined> {
  checkRev(rev)
  const r = await runGit(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { cwd })
  if (r.timedOut) throw new GitError(describeFailure('git rev-parse', r), r)
  return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined
}

/** True when the commit object is present locally (in a shallow clone, most are not). */
export async function commitExists(cwd: string, sha: string): Promise<boolean> {
  checkRev(sha)
  const r = await runGit(['cat-file', '-e', `${sha}^{commit}`], { cwd })
  if (r.timedOut) throw new GitError(describeFailure('git cat-file', r), r)
  return r.code === 0
}

/** The best common ancestor of `a` and `b`, or undefined when the local history has none. */
export async function mergeBase(cwd: string, a: string, b: string): Promise<string | undefined> {
  checkRev(a)
  checkRev(b)
  const r = await runGit(['merge-base', a, b], { cwd })
  if (r.timedOut) throw new GitError(describeFailure('git merge-base', r), r)
  return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined
}

/** True when the repository is a shallow clone (the `actions/checkout` default). */
export async function isShallow(cwd: string): Promise<boolean> {
  const r = await runGit(['rev-parse', '--is-shallow-repository'], { cwd })
  if (r.code !== 0)
    throw new GitError(describeFailure('git rev-parse --is-shallow-repository', r), r)
  return r.stdout.toString('utf8').trim() === 'true'
}

/**
 * Files that differ between the trees of `base` and `head` (a two-dot diff), with rename
 * detection on. Throws GitError when git fails (for example a missing commit).
 */
export async function diffNameStatus(
  cwd: string,
  base: string,
  head: string
): Promise<ChangedFile[]> {
  checkRev(base)
  checkRev(head)
  const r = await runGit(
    ['diff', '-z', '--name-status', '-M', '--no-ext-diff', '--no-textconv', base, head, '--'],
    { cwd }
  )
  if (r.code !== 0) throw new GitError(describeFailure('git diff --name-status', r), r)
  return parseNameStatusZ(r.stdout)
}

/**
 * Per head-side path, the 1-based lines that `base..head` adds or replaces (see
 * parseUnifiedZeroHunks for what a missing entry means). Same rename detection as diffNameStatus.
 */
export async function diffAddedLines(
  cwd: string,
  base: string,
  head: string
): Promise<Map<string, Set<number>>> {
  checkRev(base)
  checkRev(head)
  const r = await runGit(
    [
      'diff',
      '-U0',
      '-M',
      '--no-ext-diff',
      '--no-textconv',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      base,
      head,
      '--'
    ],
    { cwd }
  )
  if (r.code !== 0) throw new GitError(describeFailure('git diff -U0', r), r)
  return parseUnifiedZeroHunks(r.stdout.toString('utf8'))
}

export interface FetchOptions {
  /** `--depth=1` (true) fetches only the commit itself. Default: true when the clone is shallow. */
  readonly shallow?: boolean
  readonly remote?: string
  readonly timeoutMs?: number
}

/**
 * Fetches one commit or ref from `origin` (`git fetch --no-tags --depth=1 origin <what>`). GitHub
 * serves any commit of the repository by SHA. Returns the git result; a non-zero code means the
 * remote does not have it, is unreachable, or needs credentials the runner does not have.
 */
export async function fetchCommit(
  cwd: string,
  what: string,
  options: FetchOptions = {}
): Promise<GitResult> {
  checkRev(what)
  const shallow = options.shallow ?? (await isShallow(cwd))
  const args = ['fetch', '--no-tags', '--no-recurse-submodules', '--quiet']
  if (shallow) args.push('--depth=1')
  args.push(options.remote ?? 'origin', what)
  return runGit(args, { cwd, timeoutMs: options.timeoutMs ?? FETCH_TIMEOUT_MS })
}

/**
 * Extends the history of a shallow clone by `by` commits beyond the current shallow boundary,
 * following the given tips (`git fetch --deepen=<by> origin <tips…>`).
 */
export async function deepen(
  cwd: string,
  tips: readonly string[],
  by: number,
  options: { remote?: string; timeoutMs?: number } = {}
): Promise<GitResult> {
  for (const t of tips) checkRev(t)
  return runGit(
    [
      'fetch',
      '--no-tags',
      '--no-recurse-submodules',
      '--quiet',
      `--deepen=${Math.max(1, Math.floor(by))}`,
      options.remote ?? 'origin',
      ...tips
    ],
    { cwd, timeoutMs: options.timeoutMs ?? FETCH_TIMEOUT_MS }
  )
}

/** The SHA that the last fetch wrote to FETCH_HEAD (its first line). */
export async function fetchHead(cwd: string): Promise<string | undefined> {
  return revParse(cwd, 'FETCH_HEAD')
}

/**
 * The bytes of `path` at `rev` (repository-relative), or undefined when it does not exist there.
 * Uses `git cat-file blob` rather than `git show` so no textconv or filter can alter the bytes.
 */
export async function showFile(
  cwd: string,
  rev: string,
  path: string
): Promise<Uint8Array | undefined> {
  checkRev(rev)
  const r = await runGit(['cat-file', 'blob', `${rev}:${path}`], {
    cwd,
    maxOutputBytes: 16 * 1024 * 1024
  })
  if (r.timedOut || r.overflowed) throw new GitError(describeFailure('git cat-file blob', r), r)
  return r.code === 0 ? new Uint8Array(r.stdout) : undefined
}

export interface TreeEntry {
  /** Repository-relative path. */
  readonly path: string
  /** `100644`, `100755` or `120000` (symlink; the blob is the link target). */
  readonly mode: string
  readonly oid: string
}

/**
 * The files (blobs, recursively) under `dir` at `rev`. `dir` is repository-relative and matched
 * literally (`--literal-pathspecs`), so a name starting with `:` cannot turn into pathspec magic.
 * Submodules are left out.
 */
export async function lsTree(cwd: string, rev: string, dir: string): Promise<TreeEntry[]> {
  return (await listObjects(cwd, rev, dir, false)).filter((e) => e.type === 'blob')
}

/** A {@link TreeEntry} that may also be a folder (`type: 'tree'`). */
export interface TreeObject extends TreeEntry {
  readonly type: string
}

/**
 * Every blob and folder of the whole commit `rev`, in one `git ls-tree -r -t`: enough to resolve
 * any symbolic link of that commit without asking git once per hop.
 */
export async function lsTreeAll(cwd: string, rev: string): Promise<TreeObject[]> {
  return listObjects(cwd, rev, '', true)
}

async function listObjects(
  cwd: string,
  rev: string,
  dir: string,
  withTrees: boolean
): Promise<TreeObject[]> {
  checkRev(rev)
  const args = ['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree']
  if (withTrees) args.push('-t')
  args.push(rev)
  if (dir !== '' && dir !== '.') args.push('--', dir.replace(/\/+$/, ''))
  const r = await runGit(args, { cwd })
  if (r.code !== 0) throw new GitError(describeFailure('git ls-tree', r), r)
  const entries: TreeObject[] = []
  for (const record of new TextDecoder('utf-8').decode(r.stdout).split('\0')) {
    if (record === '') continue
    const tab = record.indexOf('\t')
    const [mode, type, oid] = record.slice(0, tab).split(' ')
    if (tab < 0 || mode === undefined || oid === undefined || type === undefined) continue
    if (type !== 'blob' && type !== 'tree') continue
    entries.push({ path: record.slice(tab + 1), mode, oid, type })
  }
  return entries
}

export type BlobRead = Uint8Array | { readonly tooLarge: number }

/**
 * Reads many blobs with two git processes instead of one per file: `cat-file --batch-check` for
 * the sizes, then `cat-file --batch` for the blobs of at most `maxBytes` (larger ones are
 * reported by size and never loaded). Missing objects are absent from the result.
 */
export async function readBlobs(
  cwd: string,
  oids: readonly string[],
  maxBytes: number
): Promise<Map<string, BlobRead>> {
  const out = new Map<string, BlobRead>()
  const unique = [...new Set(oids)].filter((o) => /^[0-9a-f]{40,64}$/.test(o))
  if (unique.length === 0) return out
  const check = await runGit(['cat-file', '--batch-check'], {
    cwd,
    input: unique.join('\n') + '\n'
  })
  if (check.code !== 0)
    throw new GitError(describeFailure('git cat-file --batch-check', check), check)
  const wanted: string[] = []
  let total = 0
  for (const line of check.stdout.toString('utf8').split('\n')) {
    const [oid, type, size] = line.split(' ')
    if (oid === undefined || type !== 'blob' || size === undefined) continue
    const n = Number(size)
    if (n > maxBytes) out.set(oid, { tooLarge: n })
    else {
      wanted.push(oid)
      total += n + 128
    }
  }
  if (wanted.length === 0) return out
  const batch = await runGit(['cat-file', '--batch'], {
    cwd,
    input: wanted.join('\n') + '\n',
    maxOutputBytes: total + 1024
  })
  if (batch.code !== 0) throw new GitError(describeFailure('git cat-file --batch', batch), batch)
  // Records: "<oid> <type> <size>\n<content>\n".
  const buf = batch.stdout
  let at = 0
  while (at < buf.length) {
    const nl = buf.indexOf(10, at)
    if (nl === -1) break
    const [oid, type, size] = buf.subarray(at, nl).toString('utf8').split(' ')
    if (type === 'missing' || oid === undefined || size === undefined) {
      at = nl + 1
      continue
    }
    const n = Number(size)
    out.set(oid, new Uint8Array(buf.subarray(nl + 1, nl + 1 + n)))
    at = nl + 1 + n + 1
  }
  return out
}
