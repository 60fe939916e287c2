/**
 * Talks to python/oracle/runner.py: one pre-imported Python parent that forks a child per
 * metrics tree and answers, per tree, what the real `anomstack.main` defines (or how it fails).
 * Also runs the reference check the forking shortcut is measured against: a fresh
 * `dagster definitions validate` process per tree.
 */
import { spawn, spawnSync } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { ANOMSTACK_PYTHON, ORACLE_RUNNER, UPSTREAM_DIR } from '../helpers/paths.js'

export interface RealSchedule {
  readonly name: string
  readonly job: string
  readonly cron: string | readonly string[]
  readonly status: string
}

export interface RealLoad {
  readonly id: string
  readonly ok: boolean
  readonly ms: number
  readonly jobs?: readonly string[]
  readonly schedules?: readonly RealSchedule[]
  readonly sensors?: readonly { readonly name: string; readonly status: string }[]
  /** get_specs' batch names in the order it read them (os.walk order on this filesystem). */
  readonly specs?: readonly string[]
  readonly error?: {
    readonly type: string
    readonly message: string
    readonly cause?: string
    readonly causeMessage?: string
    readonly where?: string | null
  }
}

export interface LoadRequest {
  readonly id: string
  /** A folder holding `metrics/` (the working directory of the code location). */
  readonly root: string
  readonly env?: Readonly<Record<string, string>>
}

/** Loads every request with the real Anomstack; resolves when all have answered. */
export async function loadAll(
  requests: readonly LoadRequest[],
  options: {
    jobs?: number
    timeoutSeconds?: number
    onAnswer?: (done: number, total: number) => void
  } = {}
): Promise<Map<string, RealLoad>> {
  const child = spawn(
    ANOMSTACK_PYTHON,
    [
      ORACLE_RUNNER,
      '--upstream',
      UPSTREAM_DIR,
      '--jobs',
      String(options.jobs ?? 2),
      '--timeout',
      String(options.timeoutSeconds ?? 120)
    ],
    { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PYTHONWARNINGS: 'ignore' } }
  )
  let stderr = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (d: string) => {
    stderr = (stderr + d).slice(-4000)
  })
  const results = new Map<string, RealLoad>()
  const lines = createInterface({ input: child.stdout })
  const done = new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as RealLoad | { ready: true }
      if ('ready' in msg) {
        for (const r of requests) child.stdin.write(`${JSON.stringify(r)}\n`)
        child.stdin.end()
        return
      }
      results.set(msg.id, msg)
      if (options.onAnswer) options.onAnswer(results.size, requests.length)
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (results.size === requests.length) resolve()
      else
        reject(
          new Error(
            `oracle runner exited (${String(code)}) after ${results.size}/${requests.length} answers:\n${stderr}`
          )
        )
    })
  })
  await done
  return results
}

/** `dagster definitions validate` in a fresh process, as a user would run it: true when the location loads. */
export function validateFresh(
  root: string,
  env: Readonly<Record<string, string>> = {}
): { loads: boolean; output: string } {
  const cleanEnv: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(ANOMSTACK_|DAGSTER_DEV)/.test(k)) cleanEnv[k] = v
  }
  const r = spawnSync(
    path.join(path.dirname(ANOMSTACK_PYTHON), 'dagster'),
    ['definitions', 'validate', '-m', 'anomstack.main', '-d', root],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 180_000,
      env: { ...cleanEnv, ...env, PYTHONPATH: UPSTREAM_DIR, PYTHONWARNINGS: 'ignore' }
    }
  )
  return { loads: r.status === 0, output: `${r.stdout}${r.stderr}`.slice(-3000) }
}
