// A real dagster-webserver on 127.0.0.1 for the reload workload, serving the e2e fixture code
// location (python/fixture_location/defs.py) over a temporary metrics repository. Same layout as
// __tests__/e2e/dagster-server.ts (which is TypeScript and cannot be imported from a plain .mjs).
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

export const LOCATION = 'metrics_location'

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const a = server.address()
      const port = typeof a === 'object' && a ? a.port : 0
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts the webserver; resolves once `/server_info` answers.
 * @returns {Promise<{ url: string, repoDir: string, stop: () => Promise<void> }>}
 */
export async function startDagster(repoRoot, { startTimeoutMs = 180_000 } = {}) {
  const bin = path.join(repoRoot, '.venv', 'bin', 'dagster-webserver')
  const fixture = path.join(repoRoot, 'python', 'fixture_location')
  if (!existsSync(bin)) throw new Error(`${bin} is missing (run scripts/setup-python.sh)`)
  if (!existsSync(path.join(fixture, 'defs.py')))
    throw new Error('python/fixture_location/defs.py is missing')
  const root = mkdtempSync(path.join(tmpdir(), 'ahr-bench-dagster-'))
  const home = path.join(root, 'dagster_home')
  mkdirSync(home)
  // No telemetry: nothing may leave the machine.
  writeFileSync(path.join(home, 'dagster.yaml'), 'telemetry:\n  enabled: false\n')
  const repoDir = path.join(root, 'repo')
  const metricsDir = path.join(repoDir, 'metrics')
  cpSync(path.join(fixture, 'metrics'), metricsDir, { recursive: true })
  writeFileSync(
    path.join(repoDir, 'location.py'),
    'import os, runpy\n' +
      `os.environ["ANOMSTACK_METRICS_DIR"] = ${JSON.stringify(metricsDir)}\n` +
      `defs = runpy.run_path(${JSON.stringify(path.join(fixture, 'defs.py'))})["defs"]\n`
  )
  // The action diffs with git, so the location's repository is a git repository too.
  const gitEnv = {
    PATH: process.env.PATH,
    HOME: root,
    GIT_AUTHOR_NAME: 'bench',
    GIT_AUTHOR_EMAIL: 'bench@example.invalid',
    GIT_COMMITTER_NAME: 'bench',
    GIT_COMMITTER_EMAIL: 'bench@example.invalid'
  }
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repoDir, env: gitEnv })
  execFileSync('git', ['add', '-A'], { cwd: repoDir, env: gitEnv })
  execFileSync('git', ['commit', '-q', '-m', 'fixture'], { cwd: repoDir, env: gitEnv })
  const sha = execFileSync('git', ['rev-parse', 'HEAD'], {
    cwd: repoDir,
    env: gitEnv,
    encoding: 'utf8'
  }).trim()

  const workspace = path.join(root, 'workspace.yaml')
  writeFileSync(
    workspace,
    `load_from:\n  - python_file:\n      relative_path: ${JSON.stringify(path.join(repoDir, 'location.py'))}\n` +
      `      location_name: ${JSON.stringify(LOCATION)}\n      working_directory: ${JSON.stringify(repoDir)}\n`
  )
  const port = await freePort()
  const env = {
    ...process.env,
    DAGSTER_HOME: home,
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1'
  }
  delete env.ANOMSTACK_METRICS_DIR
  const child = spawn(bin, ['-w', workspace, '-h', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let logs = ''
  const collect = (c) => {
    logs = (logs + c.toString('utf8')).slice(-16_384)
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const exited = new Promise((r) => child.once('exit', r))
  const killGroup = (sig) => {
    try {
      process.kill(-child.pid, sig)
    } catch {
      // already gone
    }
  }
  const onExit = () => killGroup('SIGKILL')
  process.once('exit', onExit)
  const stop = async () => {
    killGroup('SIGTERM')
    const t = setTimeout(() => killGroup('SIGKILL'), 10_000)
    await exited
    clearTimeout(t)
    killGroup('SIGKILL') // code servers share the group
    process.removeListener('exit', onExit)
    rmSync(root, { recursive: true, force: true })
  }

  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + startTimeoutMs
  for (;;) {
    if (child.exitCode !== null) {
      await stop()
      throw new Error(`dagster-webserver exited early:\n${logs}`)
    }
    try {
      const res = await fetch(`${url}/server_info`, { signal: AbortSignal.timeout(2000) })
      if (res.ok) {
        await res.text()
        break
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`dagster-webserver not ready in ${startTimeoutMs} ms:\n${logs}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return { url, repoDir, sha, stop, logs: () => logs }
}

const RELOAD = `mutation BenchReload($name: String!) {
  reloadRepositoryLocation(repositoryLocationName: $name) {
    __typename
    ... on WorkspaceLocationEntry { name loadStatus locationOrLoadError { __typename } }
    ... on PythonError { message }
  }
}`

/**
 * One raw GraphQL reload of the location (a plain fetch, no client library).
 * @returns {Promise<{ ms: number, typename: string, loadStatus: string | undefined }>}
 */
export async function rawReload(url, name = LOCATION) {
  const t0 = performance.now()
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: RELOAD, variables: { name } }),
    signal: AbortSignal.timeout(120_000)
  })
  const body = await res.json()
  const ms = performance.now() - t0
  const r = body?.data?.reloadRepositoryLocation
  return {
    ms,
    typename: r?.__typename ?? `HTTP ${res.status}`,
    loadStatus: r?.loadStatus,
    innerType: r?.locationOrLoadError?.__typename
  }
}
