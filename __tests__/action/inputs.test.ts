/**
 * The bundled action's inputs as the runner passes them (`INPUT_<NAME>`, hyphens kept): the
 * fail-on levels, a bad input, the metrics path, and runs that must not touch the network.
 */
import net from 'node:net'
import { afterAll, describe, test } from 'vitest'
import {
  Repo,
  affectedOf,
  cleanupAll,
  dispatchEvent,
  errorsOf,
  pullRequestEvent,
  pushEvent,
  repoWithMetrics,
  runAction,
  CLEAN_METRICS
} from './harness.js'

afterAll(cleanupAll)

const ALPHA = 'metrics/alpha/alpha.yaml'

/** A repository whose head has one warning (a .yml file) and no error. */
function repoWithOneWarning(): { repo: Repo; head: string } {
  const { repo } = repoWithMetrics()
  repo.write('metrics/extra/extra.yml', 'metric_batch: "extra"\n')
  return { repo, head: repo.commit() }
}

/** A repository whose head has one error (a bad cron in alpha). */
function repoWithOneError(): { repo: Repo; base: string; head: string } {
  const { repo, base } = repoWithMetrics()
  repo.edit(ALPHA, '"*/5 * * * *"', '"0 24 * * *"')
  return { repo, base, head: repo.commit() }
}

/** A TCP server on 127.0.0.1 that counts connections and answers none. */
async function countingServer(): Promise<{
  port: number
  count: () => number
  close: () => Promise<void>
}> {
  let connections = 0
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    connections++
    sockets.add(socket)
    socket.destroy()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    port: address.port,
    count: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}

describe.concurrent('fail-on', () => {
  test('error (the default): a warning alone passes', async ({ expect }) => {
    const { repo, head } = repoWithOneWarning()
    const run = await runAction({ workspace: repo.dir, event: dispatchEvent(head) })
    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ valid: 'true', passed: 'true', errors: '0', warnings: '1' })
  })

  test('warning: a warning alone fails the step', async ({ expect }) => {
    const { repo, head } = repoWithOneWarning()
    const run = await runAction({
      workspace: repo.dir,
      event: dispatchEvent(head),
      inputs: { 'fail-on': 'warning' }
    })
    expect(run.code).toBe(1)
    // Still valid (no error): fail-on decides the step, not validity.
    expect(run.outputs).toMatchObject({
      valid: 'true',
      passed: 'false',
      errors: '0',
      warnings: '1'
    })
    expect(run.summary.split('\n')[0]).toBe(
      '## ❌ Valid · 1 warning · fails the step (fail-on: warning)'
    )
  })

  test('never: errors are reported, the step passes, and the run is still not valid', async ({
    expect
  }) => {
    const { repo, base, head } = repoWithOneError()
    const run = await runAction({
      workspace: repo.dir,
      event: pushEvent(base, head),
      inputs: { 'fail-on': 'never' }
    })
    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ valid: 'false', passed: 'true', errors: '1' })
    expect(run.summary.split('\n')[0]).toBe('## ❌ 1 error · step passes (fail-on: never)')
    expect(errorsOf(run, ALPHA)).toMatchObject([{ title: 'schedule/cron-invalid', line: 3 }])
    // Only the annotation: no final "the step failed" error.
    expect(errorsOf(run).filter((a) => a.file === undefined)).toEqual([])
  })
})

describe.concurrent('inputs', () => {
  test.for([
    { input: 'mode', value: 'banana' },
    { input: 'mode', value: 'reload' }, // with dagster-url empty
    { input: 'comment', value: 'maybe' },
    { input: 'fail-on', value: 'sometimes' },
    { input: 'dagster-url', value: 'ftp://127.0.0.1/' },
    { input: 'timeout-seconds', value: '-3' },
    { input: 'metrics-path', value: '../elsewhere' }
  ])('an invalid $input fails with one clear error and no stack trace', async (c, { expect }) => {
    const { repo, head } = repoWithOneWarning()
    const run = await runAction({
      workspace: repo.dir,
      event: dispatchEvent(head),
      inputs: { [c.input]: c.value }
    })
    expect(run.code).toBe(1)
    const errors = run.commands.filter((cmd) => cmd.command === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]?.properties).toEqual({})
    expect(errors[0]?.data).toContain(c.input)
    expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m)
    expect(run.stderr).toBe('')
  })

  test('metrics-path is read from INPUT_METRICS-PATH (hyphen kept)', async ({ expect }) => {
    const repo = Repo.init()
    repo.copyIn(CLEAN_METRICS, 'config/anomstack')
    const base = repo.commit('base')
    repo.edit('config/anomstack/alpha/alpha.yaml', '"*/5 * * * *"', '"0 24 * * *"')
    const head = repo.commit()

    const run = await runAction({
      workspace: repo.dir,
      event: pushEvent(base, head),
      inputs: { 'metrics-path': 'config/anomstack' }
    })

    expect(run.code).toBe(1)
    expect(errorsOf(run, 'config/anomstack/alpha/alpha.yaml')).toMatchObject([
      { title: 'schedule/cron-invalid', line: 3 }
    ])
    expect(affectedOf(run)).toEqual(['alpha'])
  })

  test('an unreadable event payload is one clear error', async ({ expect }) => {
    const { repo, head } = repoWithOneWarning()
    const run = await runAction({
      workspace: repo.dir,
      event: dispatchEvent(head),
      env: { GITHUB_EVENT_PATH: `${repo.dir}/no-such-event.json` }
    })
    expect(run.code).toBe(1)
    const errors = run.commands.filter((cmd) => cmd.command === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]?.data).toContain('event payload')
    expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m)
  })

  test('a metrics-path that does not exist is one clear error', async ({ expect }) => {
    const { repo, head } = repoWithOneWarning()
    const run = await runAction({
      workspace: repo.dir,
      event: dispatchEvent(head),
      inputs: { 'metrics-path': 'no/such/folder' }
    })
    expect(run.code).toBe(1)
    const errors = run.commands.filter((cmd) => cmd.command === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]?.data).toContain('no/such/folder')
    expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m)
  })
})

describe('validate-only runs make no network connection', () => {
  test('no dagster-url: reloaded is false on a valid push to the default branch', async ({
    expect
  }) => {
    const { repo, base } = repoWithMetrics()
    repo.edit(ALPHA, '*/5', '*/6')
    const head = repo.commit()
    const run = await runAction({
      workspace: repo.dir,
      event: pushEvent(base, head),
      inputs: { 'dagster-url': '' }
    })
    expect(run.code).toBe(0)
    expect(run.outputs['reloaded']).toBe('false')
    expect(() => JSON.parse(run.outputs['repositories'] ?? '') as unknown).not.toThrow()
    expect(run.summary).toContain('Not reloaded: no dagster-url is set')
  })

  test('a dagster-url on 127.0.0.1 is never contacted by pull requests, mode validate or a failed validation', async ({
    expect
  }) => {
    const server = await countingServer()
    try {
      // The counter works: one probe connection is seen.
      await new Promise<void>((resolve, reject) => {
        const probe = net.connect(server.port, '127.0.0.1', () => {
          probe.destroy()
          resolve()
        })
        probe.on('error', reject)
      })
      await expect.poll(server.count).toBe(1)

      const url = `http://127.0.0.1:${server.port}`
      const valid = repoWithMetrics()
      valid.repo.edit(ALPHA, '*/5', '*/6')
      const validHead = valid.repo.commit()
      const broken = repoWithOneError()

      const runs = await Promise.all([
        runAction({
          workspace: valid.repo.dir,
          event: pullRequestEvent(valid.base, validHead),
          inputs: { 'dagster-url': url }
        }),
        runAction({
          workspace: valid.repo.dir,
          event: pullRequestEvent(valid.base, validHead),
          inputs: { 'dagster-url': url, mode: 'reload', 'dagster-token': 'tok-123' }
        }),
        runAction({
          workspace: valid.repo.dir,
          event: pushEvent(valid.base, validHead),
          inputs: { 'dagster-url': url, mode: 'validate' }
        }),
        runAction({
          workspace: broken.repo.dir,
          event: pushEvent(broken.base, broken.head),
          inputs: { 'dagster-url': url, mode: 'reload' }
        }),
        // fail-on: never keeps the step green; it never opens the reload gate.
        runAction({
          workspace: broken.repo.dir,
          event: pushEvent(broken.base, broken.head),
          inputs: { 'dagster-url': url, mode: 'reload', 'fail-on': 'never' }
        })
      ])

      expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 1, 0])
      expect(runs.map((r) => r.outputs['reloaded'])).toEqual([
        'false',
        'false',
        'false',
        'false',
        'false'
      ])
      expect(runs[4]?.outputs['valid']).toBe('false')
      expect(runs[4]?.summary.split('\n')[0]).toBe(
        '## ❌ 1 error · step passes (fail-on: never) · not reloaded'
      )
      expect(runs[0]?.stdout).toContain('Not reloading: pull_request runs never reload')
      // The token is masked before anything could print it, and never printed in clear.
      expect(runs[1]?.commands.some((c) => c.command === 'add-mask' && c.data === 'tok-123')).toBe(
        true
      )
      expect(runs[1]?.stdout.replace('::add-mask::tok-123', '')).not.toContain('tok-123')
      await new Promise((r) => setTimeout(r, 100))
      expect(server.count()).toBe(1)
    } finally {
      await server.close()
    }
  })
})
