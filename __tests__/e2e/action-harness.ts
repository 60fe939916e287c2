/**
 * Runs the WHOLE bundled action (`dist/index.js` under Node 24) against a real
 * `dagster-webserver`: the location's temporary repository becomes a git repository and the
 * runner's GITHUB_WORKSPACE, each scenario commits a change and hands the action a push event.
 *
 * The fixture appends one line to `$ANOMSTACK_LOAD_LOG` on every import, so a test can prove
 * that a run did (or did not) make the webserver load the code location again.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Repo, pushEvent, runAction, type ActionRun, type EventSpec } from '../action/harness.js'
import type { DagsterServer, LocationRepo, StartOptions } from './dagster-server.js'
import { startWithLoadLog } from './load-log.js'

export type { ActionRun } from '../action/harness.js'

/** A webserver whose first location's repository is a git repository with a base commit. */
export interface ActionServer {
  readonly server: DagsterServer
  readonly location: LocationRepo
  readonly repo: Repo
  /** How many times the code location has been imported (initial load included). */
  loadCount(): number
  /** Apply `change` to the location's metrics, commit it, and return the push event. */
  push(change: (location: LocationRepo) => void, message?: string): EventSpec
  /** Run the bundled action on `event` against this webserver (`inputs` override the defaults). */
  run(
    event: EventSpec,
    inputs?: Readonly<Record<string, string>>,
    env?: Readonly<Record<string, string>>
  ): Promise<ActionRun>
  stop(): Promise<void>
}

/** Inputs every scenario shares (the workflow's `with:`), minus the URL. */
export function baseInputs(timeoutSeconds = 60): Record<string, string> {
  return {
    mode: 'auto',
    'metrics-path': 'metrics',
    'timeout-seconds': String(timeoutSeconds)
  }
}

/** Start a webserver for action runs; always pair with `stop()`. */
export async function startActionServer(options: StartOptions = {}): Promise<ActionServer> {
  const { server, loadCount, removeLog } = await startWithLoadLog(options)
  const location = server.location
  const repo = new Repo(location.repoDir)
  repo.git('init', '-q', '.')
  repo.commit('base')

  return {
    server,
    location,
    repo,
    loadCount,
    push(change, message = 'change metrics') {
      const before = repo.head()
      change(location)
      const after = repo.commit(message)
      return pushEvent(before, after)
    },
    run(event, inputs = {}, env = {}) {
      return runAction({
        workspace: location.repoDir,
        event,
        inputs: { ...baseInputs(), 'dagster-url': server.url, ...inputs },
        env,
        timeoutMs: 150_000
      })
    },
    async stop() {
      await server.stop()
      removeLog()
    }
  }
}

/** One location of the `repositories` output. */
export interface RepositoriesLocation {
  name: string
  ok: boolean
  failure?: { kind: string; message: string }
  versionChanged: boolean | null
  repositories: {
    name: string
    jobs: string[]
    schedules: { name: string; cron: string; status: string }[]
  }[]
  changes: {
    jobsAdded: string[]
    jobsRemoved: string[]
    schedulesAdded: string[]
    schedulesRemoved: string[]
    schedulesChanged: {
      name: string
      before: { cronSchedule: string }
      after: { cronSchedule: string }
    }[]
  } | null
}

/** The `repositories` output, parsed. */
export interface RepositoriesOutput {
  ok?: boolean
  failure?: { kind: string; message: string }
  locations?: RepositoriesLocation[]
}

export function repositoriesOf(run: ActionRun): RepositoriesOutput {
  return JSON.parse(run.outputs['repositories'] ?? 'null') as RepositoriesOutput
}

/** Every job loaded in `location` according to the `repositories` output. */
export function loadedJobs(run: ActionRun, location = 'metrics_location'): string[] {
  const loc = repositoriesOf(run).locations?.find((l) => l.name === location)
  return (loc?.repositories ?? []).flatMap((r) => r.jobs)
}

/** The cron of schedule `name` in `location`, from the `repositories` output. */
export function scheduleCron(
  run: ActionRun,
  name: string,
  location = 'metrics_location'
): string | undefined {
  const loc = repositoriesOf(run).locations?.find((l) => l.name === location)
  return loc?.repositories.flatMap((r) => r.schedules).find((s) => s.name === name)?.cron
}

/** Workflow commands of one kind (`error`, `warning`, …) from stdout. */
export function commandData(run: ActionRun, command: string): string[] {
  return run.commands.filter((c) => c.command === command).map((c) => c.data)
}

/** The jobs Anomstack generates for one enabled batch (parts enabled by the fixture defaults). */
export function batchJobs(batch: string): string[] {
  return ['ingest', 'train', 'score', 'alerts', 'change', 'plot_job', 'delete'].map(
    (p) => `${batch}_${p}`
  )
}

/**
 * A `--require` preload that records every outgoing TCP connection attempt of the process it is
 * loaded into (fetch, http, tls all end in `net.Socket.prototype.connect`), one line each, into
 * `$AHR_NET_LOG`. Returns the environment to pass to the action run and a reader for the log.
 */
export function networkGuard(dir: string): { env: Record<string, string>; attempts(): string[] } {
  const preload = path.join(dir, 'net-guard.cjs')
  const log = path.join(dir, 'net.log')
  writeFileSync(log, '')
  writeFileSync(
    preload,
    [
      "const fs = require('node:fs')",
      "const net = require('node:net')",
      'const original = net.Socket.prototype.connect',
      'net.Socket.prototype.connect = function (...args) {',
      // net.connect() passes its normalised [options, callback] array as the first argument.
      '  const o = Array.isArray(args[0]) ? args[0][0] : args[0]',
      "  const where = o && typeof o === 'object' ? `${o.host ?? o.path}:${o.port ?? ''}` : String(o)",
      "  fs.appendFileSync(process.env.AHR_NET_LOG, where + '\\n')",
      '  return original.apply(this, args)',
      '}',
      ''
    ].join('\n')
  )
  return {
    env: { NODE_OPTIONS: `--require=${preload}`, AHR_NET_LOG: log },
    attempts: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
  }
}
