import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NODE24, REPO_ROOT } from '../helpers/paths.js'
import type { ReloadReport } from '../../src/dagster/reload.js'
import { renderReloadText, reloadJson, userException } from '../../src/local/render-reload.js'
import { painter } from '../../src/report/paint.js'

const CLI = path.join(REPO_ROOT, 'dist/cli/index.js')

function run(args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }
    for (const k of ['DAGSTER_URL', 'DAGSTER_HOST', 'DAGSTER_PORT', 'DAGSTER_CLOUD_API_TOKEN'])
      delete env[k]
    const child = spawn(NODE24, [CLI, ...args], { cwd, env })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (out += c.toString()))
    child.on('close', (code) => resolve({ code, out }))
  })
}

let dir: string
let server: Server
let url: string
let hits = 0

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ahr-reload-errors-'))
  mkdirSync(path.join(dir, '.git'))
  mkdirSync(path.join(dir, 'metrics/defaults'), { recursive: true })
  mkdirSync(path.join(dir, 'metrics/a'))
  writeFileSync(
    path.join(dir, 'metrics/defaults/defaults.yaml'),
    readFileSync(path.join(REPO_ROOT, 'python/fixture_location/metrics/defaults/defaults.yaml'))
  )
  writeFileSync(path.join(dir, 'metrics/a/a.yaml'), 'metric_batch: a\ningest_sql: select 1\n')
  // A web app that is not Dagster: an HTML page for every path.
  server = createServer((_req, res) => {
    hits++
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end('<!doctype html><title>Grafana</title>')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const address = server.address()
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})
afterAll(() => {
  server?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('reload error messages', () => {
  it('a webserver that is not Dagster', async () => {
    const r = await run(['reload', '--dagster-url', url], dir)
    expect(r.code).toBe(1)
    expect(r.out).toContain(
      `${url} (from --dagster-url) answered, but it is not a Dagster webserver`
    )
    expect(hits).toBeGreaterThan(0)
  })

  it('a config error never reaches the server', async () => {
    writeFileSync(path.join(dir, 'metrics/b.yaml'), 'metric_batch: [\n')
    const before = hits
    const r = await run(['reload', '--dagster-url', url], dir)
    rmSync(path.join(dir, 'metrics/b.yaml'))
    expect(r.code).toBe(1)
    expect(r.out).toContain('Dagster was not contacted')
    expect(hits).toBe(before)
  })

  it('usage errors exit 2, and --help works for both commands', async () => {
    expect((await run(['reload', '--dagster-url', 'ftp://x'], dir)).code).toBe(2)
    expect((await run(['watch', '--force'], dir)).code).toBe(2)
    // An unknown option is the same one escaped line as for validate, not parseArgs' own text.
    const unknown = await run(['reload', '--frobnicate\u001b[31m'], dir)
    expect(unknown.code).toBe(2)
    expect(unknown.out).toMatch(/^anomstack-hot-reload: unknown option --frobnicate\\x1b\[31m\n/)
    const help = await run(['watch', '--help'], dir)
    expect(help.code).toBe(0)
    expect(help.out).toContain('Usage: anomstack-hot-reload watch')
    expect((await run(['reload', '-h'], dir)).out).toContain('--force')
  })
})

describe('rendering a reload', () => {
  const error = {
    message:
      'dagster._core.errors.DagsterUserCodeLoadError: Error occurred during the loading of Dagster definitions\n',
    className: 'DagsterUserCodeLoadError',
    stack: [
      '  File "/venv/lib/python3.11/site-packages/dagster/_grpc/server.py", line 1, in load\n    x()\n'
    ],
    chain: [
      {
        message: "KeyError: 'metric_batch'\n",
        className: 'KeyError',
        stack: [
          '  File "/app/anomstack/config.py", line 90, in get_specs\n    metric_batch = metric_specs["metric_batch"]\n',
          '  File "/venv/lib/python3.11/site-packages/yaml/__init__.py", line 5, in load\n    y()\n'
        ],
        isExplicitLink: true
      }
    ],
    userError: { message: "KeyError: 'metric_batch'\n", className: 'KeyError' }
  }
  const target = { url: 'http://localhost:3000', source: 'default' as const, token: undefined }

  it('shows the user exception and the frame in their code, not the wrapping stack', () => {
    expect(userException(error)).toEqual([
      "KeyError: 'metric_batch'",
      'File "/app/anomstack/config.py", line 90, in get_specs',
      'metric_batch = metric_specs["metric_batch"]'
    ])
  })

  it('an unchanged version key says to restart the `dagster api grpc` server', () => {
    const snapshot = {
      name: 'anomstack',
      loadStatus: 'LOADED' as const,
      versionKey: 'v1',
      updatedTimestamp: 1,
      state: 'loaded' as const,
      repositories: [{ name: '__repository__', jobs: ['a_ingest'], schedules: [], sensors: [] }]
    }
    const report: ReloadReport = {
      ok: true,
      serverUrl: 'http://localhost:3000',
      dagsterVersion: '1.13.28',
      mode: 'location',
      availableLocations: ['anomstack'],
      warnings: [],
      durationMs: 10,
      locations: [
        {
          name: 'anomstack',
          ok: true,
          before: snapshot,
          after: snapshot,
          versionChanged: false,
          polled: false,
          durationMs: 5,
          warnings: [
            'the location reports the same version key before and after the reload, so ...'
          ],
          diff: {
            jobsAdded: [],
            jobsRemoved: [],
            schedulesAdded: [],
            schedulesRemoved: [],
            schedulesChanged: [],
            sensorsAdded: [],
            sensorsRemoved: []
          }
        }
      ]
    }
    const run = { report, mismatches: { byLocation: {}, count: 0 }, down: false }
    const text = renderReloadText(run, target, painter(false))
    expect(text).toContain('the default: no --dagster-url')
    expect(text).toContain('__repository__: 1 jobs, 0 schedules, 0 sensors')
    expect(text).toMatch(/`dagster api grpc` never re-imports: restart it/)
    const json = reloadJson(run, target)
    expect(JSON.stringify(json)).toContain('dagster api grpc')
    expect(json['urlSource']).toBe('default')
  })
})
