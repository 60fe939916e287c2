/**
 * `anomstack-hot-reload reload` against a real webserver: a valid tree reloads and lists what
 * loaded; a broken tree never reaches Dagster (the fixture's load count does not move); an
 * unknown location lists the real ones; nothing listening names the URL and how it was chosen;
 * DAGSTER_HOST/DAGSTER_PORT are honoured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from './dagster-server.js'
import { cleanEnv, runCli, startCountedServer, type CountedServer } from './cli-harness.js'

let s: CountedServer
let repo: string

const DEMO = 'metric_batch: demo\ningest_sql: select 1 as metric_value\n'

beforeAll(async () => {
  s = await startCountedServer()
  repo = s.server.location.repoDir
})
afterAll(async () => {
  await s?.stop()
})

interface ReloadJson {
  ok: boolean
  reloaded: boolean
  reason?: string
  urlSource?: string
  url?: string
  failure?: { kind: string; message: string; hint?: string }
  validation: { errors: number }
  locations?: {
    name: string
    ok: boolean
    failure?: { kind: string; message: string; hint?: string; exception?: string[] }
    repositories: { name: string; jobs: string[]; schedules: { name: string; cron: string }[] }[]
    changes: { jobsAdded: string[]; schedulesChanged: { name: string }[] } | null
  }[]
}

const parse = (stdout: string): ReloadJson => JSON.parse(stdout) as ReloadJson

describe('reload', () => {
  it('reloads a valid tree and lists the repositories with their counts', async () => {
    s.server.location.writeMetric('demo/demo.yaml', DEMO)
    s.server.location.writeMetric(
      'extra/extra.yaml',
      'metric_batch: extra\ningest_sql: select 2 as metric_value\ningest_cron_schedule: "*/7 * * * *"\n'
    )
    const before = s.loadCount()
    const run = await runCli(['reload', '--dagster-url', s.server.url], repo)
    expect(run.code, run.stderr + run.stdout).toBe(0)
    expect(s.loadCount()).toBe(before + 1)
    expect(run.stdout).toMatch(/✔ metrics_location loaded in/)
    expect(run.stdout).toMatch(/__repository__: \d+ jobs, \d+ schedules, 0 sensors/)
    expect(run.stdout).toMatch(/\+ jobs: .*extra_ingest/)
    expect(run.stdout).toContain('from --dagster-url')

    const json = await runCli(['reload', '--dagster-url', s.server.url, '--format', 'json'], repo)
    expect(json.code).toBe(0)
    const out = parse(json.stdout)
    expect(out.ok).toBe(true)
    const jobs = out.locations![0]!.repositories.flatMap((r) => r.jobs)
    expect(jobs).toEqual(expect.arrayContaining(['demo_ingest', 'extra_ingest', 'summary']))
    const crons = out.locations![0]!.repositories.flatMap((r) => r.schedules)
    expect(crons).toContainEqual(
      expect.objectContaining({ name: 'extra_ingest_schedule', cron: '*/7 * * * *' })
    )
    s.server.location.removeMetric('extra')
  })

  it('never contacts Dagster with a broken tree: exit 1 and the load count stays', async () => {
    s.server.location.writeMetric('demo/demo.yaml', `${DEMO}ingest_cron_schedule: "61 * * * *"\n`)
    const before = s.loadCount()
    const run = await runCli(['reload', '--dagster-url', s.server.url], repo)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('metrics/demo/demo.yaml')
    expect(run.stderr).toMatch(/Not reloading: the config has 1 error/)
    const json = parse(
      (await runCli(['reload', '--dagster-url', s.server.url, '--format', 'json'], repo)).stdout
    )
    expect(json).toMatchObject({ ok: false, reloaded: false, reason: 'config-errors' })
    // Give a reload that should not have happened time to show up in the log.
    await new Promise((r) => setTimeout(r, 1_500))
    expect(s.loadCount()).toBe(before)
  })

  it('--force reloads a broken tree, says so loudly, and shows the Python exception', async () => {
    s.server.location.writeMetric(
      'demo/demo.yaml',
      `${DEMO}fixture_fail_on_load: true\ningest_cron_schedule: "61 * * * *"\n`
    )
    const before = s.loadCount()
    const run = await runCli(['reload', '--dagster-url', s.server.url, '--force'], repo)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/--force: reloading Dagster although the config has \d+ error/)
    expect(run.stdout).toContain('RuntimeError: fixture: fixture_fail_on_load is set')
    expect(run.stdout).not.toMatch(/Traceback|site-packages\/dagster/)
    expect(s.loadCount()).toBeGreaterThan(before)
    s.server.location.writeMetric('demo/demo.yaml', DEMO)
    expect((await runCli(['reload', '--dagster-url', s.server.url], repo)).code).toBe(0)
  })

  it('an unknown location lists the real ones', async () => {
    const run = await runCli(
      ['reload', '--dagster-url', s.server.url, '--location', 'anomstack_code'],
      repo
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('`anomstack_code` does not exist')
    expect(run.stdout).toContain('use --location with one of: metrics_location')
  })

  it('nothing listening: says which URL was tried and how it was chosen', async () => {
    const port = await freePort()
    const before = s.loadCount()
    const run = await runCli(
      ['reload'],
      repo,
      cleanEnv({ DAGSTER_URL: `http://127.0.0.1:${port}` })
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      `no Dagster webserver answered at http://127.0.0.1:${port} (from DAGSTER_URL)`
    )
    expect(run.stdout).toMatch(/connection refused/)
    const dflt = await runCli(
      ['reload', '--format', 'json'],
      repo,
      cleanEnv({ DAGSTER_PORT: String(port) })
    )
    expect(parse(dflt.stdout)).toMatchObject({
      ok: false,
      urlSource: 'DAGSTER_HOST/DAGSTER_PORT',
      url: `http://localhost:${port}`
    })
    expect(s.loadCount()).toBe(before)
  })

  it('honours DAGSTER_HOST and DAGSTER_PORT, and never prints the token', async () => {
    const before = s.loadCount()
    const token = 'secret-token-value-123'
    const run = await runCli(
      ['reload', '--format', 'json'],
      repo,
      cleanEnv({
        DAGSTER_HOST: '127.0.0.1',
        DAGSTER_PORT: String(s.server.port),
        DAGSTER_CLOUD_API_TOKEN: token
      })
    )
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(parse(run.stdout)).toMatchObject({ ok: true, urlSource: 'DAGSTER_HOST/DAGSTER_PORT' })
    expect(run.stdout + run.stderr).not.toContain(token)
    expect(s.loadCount()).toBe(before + 1)
  })
})
