/**
 * Real git repositories in temporary folders for the change-detection tests. Uses argument arrays
 * only, and an isolated git config so the machine's global settings cannot leak in.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const ISOLATED_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  LC_ALL: 'C'
}
for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete ISOLATED_ENV[k]

const IDENTITY = [
  '-c',
  'user.name=t',
  '-c',
  'user.email=t@example.com',
  '-c',
  'init.defaultBranch=main',
  '-c',
  'commit.gpgsign=false',
  '-c',
  'core.quotePath=false',
  // Clones and fetches from `file://` remotes (shallow-clone scenarios).
  '-c',
  'protocol.file.allow=always'
]

/** Runs git in `cwd` and returns trimmed stdout; throws with stderr on failure. */
export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', [...IDENTITY, ...args], { cwd, env: ISOLATED_ENV, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`)
  return r.stdout.trim()
}

export class Repo {
  constructor(readonly dir: string) {}

  git(...args: string[]): string {
    return git(this.dir, ...args)
  }

  write(path: string, content: string): this {
    const full = join(this.dir, path)
    mkdirSync(dirname(full), { recursive: true })
    writeFileSync(full, content)
    return this
  }

  executable(path: string): this {
    chmodSync(join(this.dir, path), 0o755)
    return this
  }

  rm(path: string): this {
    this.git('rm', '-q', '--', path)
    return this
  }

  mv(from: string, to: string): this {
    mkdirSync(dirname(join(this.dir, to)), { recursive: true })
    this.git('mv', '--', from, to)
    return this
  }

  /** Stages everything and commits; returns the new commit SHA. */
  commit(message: string): string {
    this.git('add', '-A')
    this.git('commit', '-q', '--allow-empty', '-m', message)
    return this.head()
  }

  head(): string {
    return this.git('rev-parse', 'HEAD')
  }
}

/** Creates temp folders and removes them all in `cleanup()` (call it from afterEach). */
export class TempDirs {
  private readonly dirs: string[] = []

  make(prefix = 'changes-'): string {
    const d = mkdtempSync(join(tmpdir(), prefix))
    this.dirs.push(d)
    return d
  }

  /** `git init` in a new temp folder. */
  repo(): Repo {
    const dir = this.make('repo-')
    git(dir, 'init', '-q')
    return new Repo(dir)
  }

  /** `git clone [--depth=N] [--branch B] file://<origin>`. */
  clone(origin: Repo, opts: { depth?: number; branch?: string } = {}): Repo {
    const dir = join(this.make('clone-'), 'c')
    const args = ['clone', '-q']
    if (opts.depth !== undefined) args.push(`--depth=${opts.depth}`)
    if (opts.branch !== undefined) args.push('--branch', opts.branch)
    args.push(`file://${origin.dir}`, dir)
    git(this.dirs[this.dirs.length - 1] ?? tmpdir(), ...args)
    return new Repo(dir)
  }

  cleanup(): void {
    for (const d of this.dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  }
}
