/**
 * `anomstack-hot-reload watch` as a real child process over the real temporary repository of a
 * real webserver. Every scenario waits (bounded) for the JSON event it expects and checks the
 * fixture's load count, so "did not reload" is proven by Dagster, not by silence alone.
 */
import { appendFileSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCountedServer, WatchProcess, cleanEnv, type CountedServer } from './cli-harness.js'

let s: CountedServer
let w: WatchProcess
let repo: string

const batch = (cron: string, extra = ''): string =>
  `metric_batch: demo\ningest_sql: select 1 as metric_value\ningest_cron_schedule: "${cron}"\n${extra}`

/** Write an unrelated file and wait for the cycle that sees it: every earlier change is settled. */
let sentinel = 0
async function settle(from: number): Promise<number> {
  const name = `notes-${++sentinel}.txt`
  s.server.location.writeMetric(name, `sentinel ${sentinel}\n`)
  const { index } = await w.waitFor(
    (e) =>
      e.event === 'check' &&
      JSON.stringify((e['changed'] as { added: string[] } | null)?.added ?? []).includes(name),
    from
  )
  // The irrelevant file itself decides "no reload".
  await w.waitFor((e) => e.event === 'not-reloaded' || e.event === 'reload', index)
  return w.length
}

const events = (from: number, name: string) => w.events.slice(from).filter((e) => e.event === name)

beforeAll(async () => {
  s = await startCountedServer()
  repo = s.server.location.repoDir
  s.server.location.writeMetric('demo/demo.yaml', batch('*/5 * * * *'))
  writeFileSync(path.join(repo, '.env'), 'ANOMSTACK_DUCKDB_PATH=tmpdata/a.db\n')
  w = new WatchProcess(['--dagster-url', s.server.url, '--debounce', '300'], repo)
  // Start: the tree is valid, so watch brings Dagster up to date once.
  await w.waitFor((e) => e.event === 'reload', 0)
})
afterAll(async () => {
  w?.kill()
  await s?.stop()
})

describe('watch', () => {
  it('a broken save does not reload; the save that fixes the cron reloads once', async () => {
    const before = s.loadCount()
    let from = w.length
    s.server.location.writeMetric('demo/demo.yaml', batch('61 * * * *'))
    const { event: broken, index } = await w.waitFor((e) => e.event === 'not-reloaded', from)
    expect(broken).toMatchObject({
      reason: 'invalid',
      message: 'Dagster keeps running the last good config.'
    })
    const check = w.events.slice(from, index).find((e) => e.event === 'check')!
    expect(check).toMatchObject({ valid: false, errors: 1 })
    expect(JSON.stringify(check['newProblems'])).toContain('metrics/demo/demo.yaml')
    expect(s.loadCount()).toBe(before)

    from = w.length
    s.server.location.writeMetric('demo/demo.yaml', batch('*/10 * * * *'))
    const { event: reload, index: at } = await w.waitFor((e) => e.event === 'reload', from)
    expect(reload['ok']).toBe(true)
    const fixed = w.events.slice(from, at).find((e) => e.event === 'check')!
    expect((fixed['goneProblems'] as unknown[]).length).toBe(1)
    expect(JSON.stringify(fixed['plan'])).toContain('*/10 * * * *')
    const end = await settle(w.length)
    expect(events(from, 'reload')).toHaveLength(1)
    expect(s.loadCount()).toBe(before + 1)
    expect(end).toBeGreaterThan(from)
  })

  it('a burst of ten saves reloads once', async () => {
    const before = s.loadCount()
    const from = w.length
    for (let i = 1; i <= 10; i++) {
      s.server.location.writeMetric('demo/demo.yaml', batch(`${i} * * * *`))
      await new Promise((r) => setTimeout(r, 20))
    }
    await w.waitFor((e) => e.event === 'reload', from)
    await settle(w.length)
    expect(events(from, 'reload')).toHaveLength(1)
    expect(s.loadCount()).toBe(before + 1)
  })

  it('touch and a save that changes nothing do not reload', async () => {
    const before = s.loadCount()
    const from = w.length
    const file = path.join(s.server.location.metricsDir, 'demo/demo.yaml')
    const later = new Date(Date.now() + 5_000)
    utimesSync(file, later, later)
    s.server.location.writeMetric('demo/demo.yaml', batch('10 * * * *'))
    await settle(from)
    expect(events(from, 'reload')).toHaveLength(0)
    // The only change any cycle reported is the sentinel.
    for (const e of events(from, 'check'))
      expect(JSON.stringify(e['changed'])).not.toContain('demo.yaml')
    expect(s.loadCount()).toBe(before)
  })

  it('a change to an included SQL file reloads; one no enabled batch includes does not', async () => {
    s.server.location.writeMetric('demo/query.sql', 'select 1 as metric_value\n')
    s.server.location.writeMetric('other/unused.sql', 'select 3\n')
    s.server.location.writeMetric(
      'demo/demo.yaml',
      batch('10 * * * *', `ingest_sql_extra: x\n`)
        .replace(
          'ingest_sql: select 1 as metric_value',
          `ingest_sql: "{% include 'demo/query.sql' %}"`
        )
        .replace('ingest_sql_extra: x\n', '')
    )
    await w.waitFor((e) => e.event === 'reload', w.length)
    await settle(w.length)
    const before = s.loadCount()
    let from = w.length
    s.server.location.writeMetric('other/unused.sql', 'select 4\n')
    await settle(from)
    expect(events(from, 'reload')).toHaveLength(0)
    const unused = events(from, 'check').find((e) =>
      JSON.stringify(e['changed']).includes('unused.sql')
    )!
    expect(unused['affectsDagster']).toBe(false)

    from = w.length
    s.server.location.writeMetric('demo/query.sql', 'select 2 as metric_value\n')
    await w.waitFor((e) => e.event === 'reload', from)
    await settle(w.length)
    expect(events(from, 'reload')).toHaveLength(1)
    expect(s.loadCount()).toBe(before + 1)
  })

  it('a .env edit prints the restart notice and does not reload', async () => {
    const before = s.loadCount()
    const from = w.length
    appendFileSync(path.join(repo, '.env'), 'ANOMSTACK_CONFIG_WATCHER=false\n')
    const { event } = await w.waitFor((e) => e.event === 'restart-needed', from)
    expect(event['files']).toEqual(['.env'])
    await settle(w.length)
    expect(events(from, 'reload')).toHaveLength(0)
    expect(s.loadCount()).toBe(before)
  })

  it('keeps watching while the webserver is down and reloads when it is back', async () => {
    await s.kill()
    let from = w.length
    s.server.location.writeMetric('demo/demo.yaml', batch('20 * * * *'))
    const { event: down } = await w.waitFor((e) => e.event === 'dagster-down', from)
    expect(String(down['message'])).toContain(s.server.url)
    // A second change while down: said once, not again.
    s.server.location.writeMetric('demo/demo.yaml', batch('25 * * * *'))
    await w.waitFor((e) => e.event === 'not-reloaded' && e['reason'] === 'dagster-down', from)
    expect(events(from, 'dagster-down')).toHaveLength(1)

    from = w.length
    await s.restart()
    const before = s.loadCount()
    await w.waitFor((e) => e.event === 'dagster-up', from, 120_000)
    const { event: reload } = await w.waitFor((e) => e.event === 'reload', from, 120_000)
    const schedules = JSON.stringify(reload['locations'])
    expect(schedules).toContain('25 * * * *')
    expect(s.loadCount()).toBeGreaterThan(before)
  })

  it('SIGINT stops cleanly with exit 0', async () => {
    const from = w.length
    w.child.kill('SIGINT')
    expect(await w.exited).toBe(0)
    expect(events(from, 'stopped')).toHaveLength(1)
  })
})

describe('watch --interval', () => {
  it('polls the content and reloads a valid change', async () => {
    const p = new WatchProcess(['--dagster-url', s.server.url, '--interval', '1'], repo, cleanEnv())
    try {
      await p.waitFor((e) => e.event === 'status', 0)
      const from = p.length
      s.server.location.writeMetric('demo/demo.yaml', batch('30 * * * *'))
      const { event } = await p.waitFor((e) => e.event === 'reload', from)
      expect(JSON.stringify(event['locations'])).toContain('30 * * * *')
      expect(p.events[0]).toMatchObject({ event: 'start', mode: 'poll' })
    } finally {
      p.child.kill('SIGINT')
      expect(await p.exited).toBe(0)
    }
  })
})
