/**
 * Runs the bundled action (`dist/index.js`) the way the GitHub runner does: a fresh Node 24
 * process with `INPUT_*` and `GITHUB_*` variables, an event payload file, and the
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files to read back. Repositories are real git repositories
 * in temporary folders. Everything is spawned with argument arrays, never through a shell.
 */
import { spawn } from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { commandsIn, type ParsedCommand } from '../report/runner-parser.js'
import { NODE24, REPO_ROOT } from '../helpers/paths.js'
import { git } from '../changes/git-fixture.js'

/** The committed bundle under test. */
export const ACTION_ENTRY = path.join(REPO_ROOT, 'dist/index.js')

/** A small metrics tree that validates with zero problems (two batches, one shared include). */
export const CLEAN_METRICS = path.join(REPO_ROOT, '__tests__/fixtures/action/clean-metrics')

/** Git with an isolated configuration (shared with the change-detection tests). */
export { git }

const roots: string[] = []

/** A fresh temporary folder, removed by {@link cleanupAll}. */
export function tempRoot(prefix = 'ahr-action-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  roots.push(dir)
  return dir
}

/** Removes every folder {@link tempRoot} made (call from `afterAll`). */
export function cleanupAll(): void {
  for (const dir of roots.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/** A git working repository in a temporary folder. */
export class Repo {
  constructor(readonly dir: string) {}

  /** `git init` in a new temporary folder (branch `main`). */
  static init(root = tempRoot()): Repo {
    const dir = path.join(root, 'work')
    mkdirSync(dir, { recursive: true })
    git(dir, 'init', '-q', '.')
    return new Repo(dir)
  }

  git(...args: string[]): string {
    return git(this.dir, ...args)
  }

  abs(rel: string): string {
    return path.join(this.dir, rel)
  }

  write(rel: string, content: string | Uint8Array): this {
    const full = this.abs(rel)
    mkdirSync(path.dirname(full), { recursive: true })
    writeFileSync(full, content)
    return this
  }

  read(rel: string): string {
    return readFileSync(this.abs(rel), 'utf8')
  }

  /** Replaces exactly one occurrence of `from` in a file (throws when it is not there once). */
  edit(rel: string, from: string, to: string): this {
    const text = this.read(rel)
    const at = text.indexOf(from)
    if (at < 0 || text.indexOf(from, at + 1) >= 0) {
      throw new Error(`edit: ${JSON.stringify(from)} is not in ${rel} exactly once`)
    }
    return this.write(rel, text.slice(0, at) + to + text.slice(at + from.length))
  }

  /** Copies a folder into the repository (e.g. a metrics tree to `metrics`). */
  copyIn(from: string, rel: string): this {
    cpSync(from, this.abs(rel), { recursive: true })
    return this
  }

  symlink(rel: string, target: string): this {
    mkdirSync(path.dirname(this.abs(rel)), { recursive: true })
    symlinkSync(target, this.abs(rel))
    return this
  }

  rm(rel: string): this {
    this.git('rm', '-q', '-r', '--', rel)
    return this
  }

  mv(from: string, to: string): this {
    mkdirSync(path.dirname(this.abs(to)), { recursive: true })
    this.git('mv', '--', from, to)
    return this
  }

  /** Stages everything and commits; returns the commit SHA. */
  commit(message = 'change'): string {
    this.git('add', '-A')
    this.git('commit', '-q', '--allow-empty', '-m', message)
    return this.head()
  }

  head(): string {
    return this.git('rev-parse', 'HEAD')
  }

  /** A bare `origin` beside the work tree, with every branch pushed to it. */
  addOrigin(): string {
    const bare = path.join(path.dirname(this.dir), 'origin.git')
    git(path.dirname(this.dir), 'init', '-q', '--bare', bare)
    this.git('remote', 'add', 'origin', bare)
    this.git('push', '-q', 'origin', '--all')
    return bare
  }
}

/**
 * A repository whose first commit holds `metrics` (from `from`, default the clean fixture);
 * returns it with that base commit.
 */
export function repoWithMetrics(from = CLEAN_METRICS): { repo: Repo; base: string } {
  const repo = Repo.init()
  repo.copyIn(from, 'metrics')
  return { repo, base: repo.commit('base') }
}

/** `git clone` of a bare repository (`file://` URL, so `--depth` really makes a shallow clone). */
export function cloneOf(bare: string, args: readonly string[] = []): Repo {
  const root = tempRoot('ahr-clone-')
  const dir = path.join(root, 'work')
  git(root, 'clone', '-q', ...args, `file://${bare}`, dir)
  return new Repo(dir)
}

const REPOSITORY = { full_name: 'acme/metrics', default_branch: 'main', name: 'metrics' }

/** What the runner would hand the action for one event. */
export interface EventSpec {
  readonly name: string
  readonly payload: Record<string, unknown>
  readonly ref: string
  readonly sha: string
}

export function pushEvent(
  before: string,
  after: string,
  opts: { branch?: string; forced?: boolean } = {}
): EventSpec {
  const ref = `refs/heads/${opts.branch ?? 'main'}`
  return {
    name: 'push',
    ref,
    sha: after,
    payload: {
      ref,
      before,
      after,
      created: /^0+$/.test(before),
      deleted: false,
      forced: opts.forced ?? false,
      repository: REPOSITORY
    }
  }
}

export function pullRequestEvent(baseSha: string, headSha: string): EventSpec {
  return {
    name: 'pull_request',
    ref: 'refs/pull/7/merge',
    sha: headSha,
    payload: {
      action: 'synchronize',
      number: 7,
      pull_request: {
        number: 7,
        base: { ref: 'main', sha: baseSha },
        head: { ref: 'feature', sha: headSha }
      },
      repository: REPOSITORY
    }
  }
}

export function dispatchEvent(sha: string): EventSpec {
  return {
    name: 'workflow_dispatch',
    ref: 'refs/heads/main',
    sha,
    payload: { ref: 'refs/heads/main', inputs: {}, repository: REPOSITORY }
  }
}

/** The input defaults of action.yml, as the runner fills them in. The token is left empty so no run can call api.github.com. */
function actionDefaults(): Record<string, string> {
  const doc: unknown = parseYaml(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8'))
  const inputs = (doc as { inputs?: Record<string, { default?: unknown }> }).inputs ?? {}
  const out: Record<string, string> = {}
  for (const [name, spec] of Object.entries(inputs)) {
    const d = spec.default === undefined ? '' : String(spec.default)
    out[name] = d.includes('${{') ? '' : d
  }
  return out
}
const DEFAULTS = actionDefaults()

/** One parsed annotation (`::error file=…,line=…::message`). */
export interface Annotation {
  readonly level: 'error' | 'warning' | 'notice'
  readonly file?: string
  readonly line?: number
  readonly col?: number
  readonly title?: string
  readonly message: string
}

export interface ActionRun {
  /** Exit code (null when killed). */
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  /** Every workflow command the runner would execute from stdout. */
  readonly commands: readonly ParsedCommand[]
  readonly annotations: readonly Annotation[]
  /** Parsed from the GITHUB_OUTPUT file. */
  readonly outputs: Readonly<Record<string, string>>
  /** The GITHUB_STEP_SUMMARY file. */
  readonly summary: string
  readonly ms: number
  /** The JSON report, when the action wrote one. */
  readonly report: JsonReport | undefined
}

export interface ReportDiagnostic {
  readonly ruleId: string
  readonly severity: string
  readonly file: string
  readonly line: number
  readonly column: number
  readonly preExisting?: boolean
}

export interface JsonReport {
  readonly diagnostics: readonly ReportDiagnostic[]
}

/**
 * Parses a GITHUB_OUTPUT file: `name<<delimiter` heredocs (what @actions/core writes) and plain
 * `name=value` lines. Throws on anything else, so a malformed file fails the test.
 */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (line === '') continue
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name = '', delimiter = ''] = heredoc
      const value: string[] = []
      let closed = false
      for (i++; i < lines.length; i++) {
        if (lines[i] === delimiter) {
          closed = true
          break
        }
        value.push(lines[i] ?? '')
      }
      if (!closed) throw new Error(`GITHUB_OUTPUT: heredoc for ${name} is not closed`)
      if (name in out) throw new Error(`GITHUB_OUTPUT: ${name} is set twice`)
      out[name] = value.join('\n')
      continue
    }
    const eq = line.indexOf('=')
    if (eq <= 0) throw new Error(`GITHUB_OUTPUT: cannot parse line ${JSON.stringify(line)}`)
    out[line.slice(0, eq)] = line.slice(eq + 1)
  }
  return out
}

function toAnnotation(c: ParsedCommand): Annotation | undefined {
  if (c.command !== 'error' && c.command !== 'warning' && c.command !== 'notice') return undefined
  const p = c.properties
  const num = (v: string | undefined): number | undefined =>
    v === undefined ? undefined : Number(v)
  return {
    level: c.command,
    message: c.data,
    ...(p['file'] !== undefined ? { file: p['file'] } : {}),
    ...(p['line'] !== undefined ? { line: num(p['line']) } : {}),
    ...(p['col'] !== undefined ? { col: num(p['col']) } : {}),
    ...(p['title'] !== undefined ? { title: p['title'] } : {})
  }
}

export interface RunOptions {
  readonly workspace: string
  readonly event: EventSpec
  /** Overrides of the action.yml defaults, by input name (`fail-on`, `dagster-url`, …). */
  readonly inputs?: Readonly<Record<string, string>>
  /** Raw extra environment (e.g. to set an input under an odd name). */
  readonly env?: Readonly<Record<string, string>>
  readonly timeoutMs?: number
}

/** Runs `node24 dist/index.js` with a runner-like environment and collects everything it left. */
export async function runAction(opts: RunOptions): Promise<ActionRun> {
  const dir = tempRoot('ahr-run-')
  const home = path.join(dir, 'home')
  const runnerTemp = path.join(dir, 'runner-temp')
  mkdirSync(home)
  mkdirSync(runnerTemp)
  const eventPath = path.join(dir, 'event.json')
  const outputPath = path.join(dir, 'github-output')
  const summaryPath = path.join(dir, 'step-summary.md')
  writeFileSync(eventPath, JSON.stringify(opts.event.payload))
  writeFileSync(outputPath, '')
  writeFileSync(summaryPath, '')

  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: opts.event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    RUNNER_TEMP: runnerTemp,
    GITHUB_REF: opts.event.ref,
    GITHUB_SHA: opts.event.sha,
    GITHUB_REPOSITORY: 'acme/metrics',
    GITHUB_SERVER_URL: 'https://github.com',
    // Keep any accidental API call on this machine: nothing listens on port 9.
    GITHUB_API_URL: 'http://127.0.0.1:9'
  }
  for (const [name, value] of Object.entries({ ...DEFAULTS, ...opts.inputs })) {
    env[`INPUT_${name.toUpperCase()}`] = value
  }
  Object.assign(env, opts.env)

  const t0 = performance.now()
  const { code, stdout, stderr } = await new Promise<{
    code: number | null
    stdout: string
    stderr: string
  }>((resolve, reject) => {
    const child = spawn(NODE24, [ACTION_ENTRY], {
      cwd: opts.workspace,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000)
    child.on('error', reject)
    child.on('close', (c) => {
      clearTimeout(timer)
      resolve({
        code: c,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8')
      })
    })
  })
  const ms = performance.now() - t0

  const commands = commandsIn(stdout)
  const outputs = parseOutputFile(readFileSync(outputPath, 'utf8'))
  const reportFile = outputs['report-path']
  let report: JsonReport | undefined
  if (reportFile) report = JSON.parse(readFileSync(reportFile, 'utf8')) as JsonReport
  return {
    code,
    stdout,
    stderr,
    commands,
    annotations: commands.map(toAnnotation).filter((a): a is Annotation => a !== undefined),
    outputs,
    summary: readFileSync(summaryPath, 'utf8'),
    ms,
    report
  }
}

/** Error annotations, optionally only those on one file. */
export function errorsOf(run: ActionRun, file?: string): Annotation[] {
  return run.annotations.filter(
    (a) => a.level === 'error' && (file === undefined || a.file === file)
  )
}

/** The `changed-files` output, parsed. */
export function changedFilesOf(
  run: ActionRun
): { path: string; status: string; previousPath?: string }[] {
  return JSON.parse(run.outputs['changed-files'] ?? 'null') as {
    path: string
    status: string
    previousPath?: string
  }[]
}

/** The `affected-batches` output, parsed. */
export function affectedOf(run: ActionRun): string[] {
  return JSON.parse(run.outputs['affected-batches'] ?? 'null') as string[]
}
