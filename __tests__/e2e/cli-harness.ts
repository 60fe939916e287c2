/**
 * The CLI's `reload` and `watch` against a real `dagster-webserver`: the bundled CLI
 * (`dist/cli/index.js` under Node 24) runs as a child process in the location's temporary
 * repository, and the fixture's load log counts how often the code location was imported.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { NODE24, REPO_ROOT } from '../helpers/paths.js'
import { startWithLoadLog } from './load-log.js'
import { WEBSERVER_BIN, type DagsterServer, type StartOptions } from './dagster-server.js'

export const CLI = path.join(REPO_ROOT, 'dist', 'cli', 'index.js')

export interface CountedServer {
  readonly server: DagsterServer
  /** Imports of the code location so far (initial load included). */
  loadCount(): number
  /** SIGKILL the webserver and its code servers (the repository stays). */
  kill(): Promise<void>
  /** Start a webserver again on the same port, workspace and DAGSTER_HOME. */
  restart(): Promise<void>
  stop(): Promise<void>
}

export async function startCountedServer(options: StartOptions = {}): Promise<CountedServer> {
  const { server, loadLog, loadCount, removeLog } = await startWithLoadLog(options)
  // A git repository, so the CLI finds the repository root the way a user's clone has it.
  spawnSync('git', ['init', '-q', '.'], { cwd: server.location.repoDir })
  let second: ChildProcess | undefined
  const killGroup = async (pid: number | undefined, child?: ChildProcess): Promise<void> => {
    if (pid === undefined) return
    const gone = child ? new Promise<void>((r) => child.once('exit', () => r())) : undefined
    try {
      process.kill(-pid, 'SIGKILL')
    } catch {
      return
    }
    if (gone && child?.exitCode === null && child.signalCode === null) await gone
  }
  const waitDown = async (): Promise<void> => {
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(`${server.url}/server_info`, { signal: AbortSignal.timeout(500) })
      } catch {
        return
      }
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return {
    server,
    loadCount,
    async kill() {
      if (second) {
        await killGroup(second.pid, second)
        second = undefined
      } else {
        await killGroup(server.pid)
      }
      await waitDown()
    },
    async restart() {
      const child = spawn(
        WEBSERVER_BIN,
        ['-w', server.workspaceFile, '-h', '127.0.0.1', '-p', String(server.port)],
        {
          cwd: path.dirname(server.workspaceFile),
          env: {
            ...process.env,
            DAGSTER_HOME: server.dagsterHome,
            ANOMSTACK_LOAD_LOG: loadLog,
            PYTHONUNBUFFERED: '1',
            PYTHONDONTWRITEBYTECODE: '1'
          },
          detached: true,
          stdio: 'ignore'
        }
      )
      second = child
      const deadline = Date.now() + 120_000
      while (Date.now() < deadline) {
        try {
          const res = await fetch(`${server.url}/server_info`, {
            signal: AbortSignal.timeout(2_000)
          })
          if (res.ok) return
        } catch {
          // not yet
        }
        await new Promise((r) => setTimeout(r, 250))
      }
      throw new Error('the restarted webserver did not come up')
    },
    async stop() {
      if (second) await killGroup(second.pid, second)
      await server.stop()
      removeLog()
    }
  }
}

/** An environment without the Dagster variables of the machine running the tests. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }
  for (const k of ['DAGSTER_URL', 'DAGSTER_HOST', 'DAGSTER_PORT', 'DAGSTER_CLOUD_API_TOKEN'])
    delete env[k]
  return { ...env, ...extra }
}

export interface CliRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

export async function runCli(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = cleanEnv()
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE24, [CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

export type WatchEvent = Record<string, unknown> & { event: string }

/** `watch --format json` as a child process, with bounded waits for its events. */
export class WatchProcess {
  readonly events: WatchEvent[] = []
  readonly child: ChildProcess
  private stderr = ''
  private waiters: (() => void)[] = []
  readonly exited: Promise<number | null>

  constructor(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()) {
    this.child = spawn(NODE24, [CLI, 'watch', '--format', 'json', ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    this.child.stderr?.on('data', (c: Buffer) => (this.stderr += c.toString('utf8')))
    createInterface({ input: this.child.stdout! }).on('line', (l) => {
      try {
        this.events.push(JSON.parse(l) as WatchEvent)
      } catch {
        this.events.push({ event: 'unparsable', line: l })
      }
      for (const w of this.waiters.splice(0)) w()
    })
    this.exited = new Promise((r) => this.child.once('exit', (code) => r(code)))
  }

  /** The first event at index ≥ `from` matching `pred`, waiting at most `ms`. */
  async waitFor(
    pred: (e: WatchEvent) => boolean,
    from: number,
    ms = 90_000
  ): Promise<{ event: WatchEvent; index: number }> {
    const deadline = Date.now() + ms
    for (;;) {
      const index = this.events.findIndex((e, i) => i >= from && pred(e))
      if (index >= 0) return { event: this.events[index]!, index }
      const left = deadline - Date.now()
      if (left <= 0 || this.child.exitCode !== null) {
        throw new Error(
          `no matching watch event within ${ms} ms; events:\n${this.events
            .slice(from)
            .map((e) => JSON.stringify(e).slice(0, 400))
            .join('\n')}\nstderr:\n${this.stderr}`
        )
      }
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 1_000))
        this.waiters.push(() => {
          clearTimeout(t)
          r()
        })
      })
    }
  }

  get length(): number {
    return this.events.length
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL')
  }
}
