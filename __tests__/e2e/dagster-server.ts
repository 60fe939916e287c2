/**
 * Start and stop a real `dagster-webserver` (from `.venv`) on 127.0.0.1 for end-to-end tests,
 * serving the fixture code location `python/fixture_location/defs.py` over a temporary metrics
 * repository that tests edit.
 *
 * Reusable outside vitest (the action-level scenarios): `startDagster()` returns the URL, the
 * repository paths, helpers to write/remove metrics files, and `stop()`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Repository root (this file is `__tests__/e2e/dagster-server.ts`). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const FIXTURE_DEFS = join(REPO_ROOT, 'python', 'fixture_location', 'defs.py')
export const FIXTURE_DEFAULTS = join(
  REPO_ROOT,
  'python',
  'fixture_location',
  'metrics',
  'defaults',
  'defaults.yaml'
)
export const WEBSERVER_BIN = join(REPO_ROOT, '.venv', 'bin', 'dagster-webserver')

export interface LocationSpec {
  /** `location_name` in workspace.yaml. */
  name: string
  /** Files to create in this location's repository, path relative to the repo root → content. */
  files?: Record<string, string>
}

export interface StartOptions {
  /** Default: one location `metrics_location` with one batch `demo`. */
  locations?: LocationSpec[]
  /** Start with `--read-only`. */
  readOnly?: boolean
  /** Readiness deadline. Default 120 s. */
  startTimeoutMs?: number
  /** Serve another code location than the fixture (e.g. the real Anomstack one). */
  serve?: CustomLocation
}

/** A code location other than the fixture: its webserver, repositories and workspace. */
export interface CustomLocation {
  /** The `dagster-webserver` to run (its venv decides the Dagster version). */
  readonly webserverBin: string
  /** Creates the repositories under `root`; returns them, the workspace.yaml text and the webserver's cwd. */
  setup(root: string): { repos: LocationRepo[]; workspaceYaml: string; cwd: string }
  /** Extra environment for the webserver and its code servers. */
  readonly env?: Readonly<Record<string, string>>
}

export interface LocationRepo {
  name: string
  /** Temporary repository root (contains `metrics/`). */
  repoDir: string
  metricsDir: string
  /** Write `metrics/<relPath>` (directories created). */
  writeMetric(relPath: string, content: string): void
  /** Remove `metrics/<relPath>` (no error if absent). */
  removeMetric(relPath: string): void
}

export interface DagsterServer {
  /** `http://127.0.0.1:<port>` */
  url: string
  port: number
  pid: number
  dagsterHome: string
  workspaceFile: string
  /** The first (or only) location. */
  location: LocationRepo
  locations: LocationRepo[]
  /** Last ~64 KB of the webserver's stdout+stderr. */
  logs(): string
  /** SIGTERM the process group, SIGKILL after a grace period, remove temp dirs. Idempotent. */
  stop(): Promise<void>
}

/** The batch every default server starts with. */
export const DEFAULT_FILES: Record<string, string> = {
  'metrics/demo/demo.yaml': 'metric_batch: demo\ningest_sql: select 1 as metric_value\n'
}

const live = new Set<ChildProcess>()
let exitHookInstalled = false

/** Last resort if a test process dies without calling stop(): kill every group we started. */
function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const child of live) {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL')
        } catch {
          // already gone
        }
      }
    }
  })
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolvePort(port))
    })
  })
}

function makeRepo(root: string, spec: LocationSpec): LocationRepo {
  const repoDir = join(root, `repo-${spec.name}`)
  const metricsDir = join(repoDir, 'metrics')
  const write = (rel: string, content: string) => {
    const path = join(repoDir, rel)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, content)
  }
  write('metrics/defaults/defaults.yaml', readFileSync(FIXTURE_DEFAULTS, 'utf8'))
  // Dagster does not chdir into `working_directory` and has no per-location environment, so each
  // location gets a two-line entry file that points the fixture at its own metrics folder.
  write(
    'location.py',
    'import os, runpy\n' +
      `os.environ["ANOMSTACK_METRICS_DIR"] = ${JSON.stringify(metricsDir)}\n` +
      `defs = runpy.run_path(${JSON.stringify(FIXTURE_DEFS)})["defs"]\n`
  )
  for (const [rel, content] of Object.entries(spec.files ?? DEFAULT_FILES)) write(rel, content)
  return {
    name: spec.name,
    repoDir,
    metricsDir,
    writeMetric: (rel, content) => write(join('metrics', rel), content),
    removeMetric: (rel) => rmSync(join(metricsDir, rel), { force: true, recursive: true })
  }
}

function workspaceYaml(repos: LocationRepo[]): string {
  // JSON strings are valid YAML scalars, so paths need no further quoting rules.
  const entries = repos.map(
    (r) =>
      `  - python_file:\n      relative_path: ${JSON.stringify(join(r.repoDir, 'location.py'))}\n` +
      `      location_name: ${JSON.stringify(r.name)}\n` +
      `      working_directory: ${JSON.stringify(r.repoDir)}\n`
  )
  return `load_from:\n${entries.join('')}`
}

async function waitReady(
  url: string,
  child: ChildProcess,
  deadlineMs: number,
  logs: () => string
): Promise<void> {
  const deadline = Date.now() + deadlineMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `dagster-webserver exited early (${child.exitCode ?? child.signalCode}):\n${logs()}`
      )
    }
    try {
      const res = await fetch(`${url}/server_info`, { signal: AbortSignal.timeout(2_000) })
      if (res.ok) {
        await res.text()
        return
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`dagster-webserver not ready within ${deadlineMs} ms:\n${logs()}`)
}

/** Start a webserver; always pair with `stop()` (e.g. in `afterAll`). */
export async function startDagster(options: StartOptions = {}): Promise<DagsterServer> {
  const bin = options.serve?.webserverBin ?? WEBSERVER_BIN
  if (!existsSync(bin)) {
    throw new Error(`${bin} is missing: run \`bash scripts/setup-python.sh\` first`)
  }
  installExitHook()
  const root = mkdtempSync(join(tmpdir(), 'ahr-dagster-'))
  const dagsterHome = join(root, 'dagster_home')
  mkdirSync(dagsterHome)
  // No telemetry: the tests must not send anything beyond loopback.
  writeFileSync(join(dagsterHome, 'dagster.yaml'), 'telemetry:\n  enabled: false\n')
  const specs = options.locations ?? [{ name: 'metrics_location' }]
  const custom = options.serve?.setup(root)
  const repos = custom?.repos ?? specs.map((spec) => makeRepo(root, spec))
  const workspaceFile = join(root, 'workspace.yaml')
  writeFileSync(workspaceFile, custom?.workspaceYaml ?? workspaceYaml(repos))

  const port = await freePort()
  const args = ['-w', workspaceFile, '-h', '127.0.0.1', '-p', String(port)]
  if (options.readOnly) args.push('--read-only')
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DAGSTER_HOME: dagsterHome,
    PYTHONUNBUFFERED: '1',
    // Keep the repository clean of __pycache__ next to the fixture.
    PYTHONDONTWRITEBYTECODE: '1',
    ...options.serve?.env
  }
  delete env.ANOMSTACK_METRICS_DIR
  const child = spawn(bin, args, {
    cwd: custom?.cwd ?? root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  live.add(child)
  let buffer = ''
  const collect = (chunk: Buffer) => {
    buffer = (buffer + chunk.toString('utf8')).slice(-65_536)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const exited = new Promise<void>((r) => child.once('exit', () => r()))

  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
      const grace = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))
      if ((await Promise.race([exited, grace])) === 'timeout') {
        try {
          process.kill(-child.pid, 'SIGKILL')
        } catch {
          // already gone
        }
        await exited
      }
    }
    // The code-server subprocesses share the group; make sure none survives the webserver.
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // group already empty
      }
    }
    live.delete(child)
    rmSync(root, { recursive: true, force: true })
  }

  const url = `http://127.0.0.1:${port}`
  try {
    await waitReady(url, child, options.startTimeoutMs ?? 120_000, () => buffer)
  } catch (e: unknown) {
    await stop()
    throw e
  }
  return {
    url,
    port,
    pid: child.pid ?? -1,
    dagsterHome,
    workspaceFile,
    location: repos[0]!,
    locations: repos,
    logs: () => buffer,
    stop
  }
}
