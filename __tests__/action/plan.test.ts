import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest'
import { cleanupAll, pullRequestEvent, pushEvent, repoWithMetrics, runAction } from './harness.js'
import { FakeGitHub } from '../plan/fake-github.js'

afterAll(cleanupAll)

const ALPHA = 'metrics/alpha/alpha.yaml'
const MARKER = '<!-- anomstack-hot-reload:plan -->'

describe('the plan in the bundled action', () => {
  let github: FakeGitHub
  beforeEach(async () => {
    github = new FakeGitHub()
    await github.start()
  })
  afterEach(async () => {
    await github.stop()
  })

  const run = (workspace: string, base: string, head: string, extra: Record<string, string> = {}) =>
    runAction({
      workspace,
      event: pullRequestEvent(base, head),
      inputs: { comment: 'true', 'github-token': 'ghs_test_token', ...extra },
      env: { GITHUB_API_URL: github.baseUrl }
    })

  test('a push summary shows the plan above the problems', async () => {
    const { repo, base } = repoWithMetrics()
    repo.edit(ALPHA, '*/5 * * * *', '*/7 * * * *')
    const head = repo.commit('alpha cron')
    const r = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })
    expect(r.code).toBe(0)
    const plan = r.summary.indexOf('Dagster plan')
    expect(plan).toBeGreaterThan(-1)
    expect(r.summary.slice(plan)).toMatch(/1 cron change/)
    expect(r.stdout).toContain('Plan: ')
  })

  test('the sticky comment is created once, edited on the next push, deleted when the plan is empty', async () => {
    const { repo, base } = repoWithMetrics()
    repo.edit(ALPHA, '*/5 * * * *', '*/7 * * * *')
    const first = repo.commit('alpha cron')
    expect((await run(repo.dir, base, first)).code).toBe(0)
    expect(github.comments.get(7)).toHaveLength(1)
    expect(github.comments.get(7)![0]!.body.startsWith(MARKER)).toBe(true)
    expect(github.comments.get(7)![0]!.body).toContain('alpha')
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(1)

    repo.edit(ALPHA, '*/7 * * * *', '0 6 * * *')
    const second = repo.commit('alpha daily')
    expect((await run(repo.dir, base, second)).code).toBe(0)
    expect(github.comments.get(7)).toHaveLength(1)
    expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1)
    expect(github.comments.get(7)![0]!.body).toContain('0 6 * * *')

    repo.edit(ALPHA, '0 6 * * *', '*/5 * * * *')
    const reverted = repo.commit('revert')
    expect((await run(repo.dir, base, reverted)).code).toBe(0)
    expect(github.comments.get(7) ?? []).toHaveLength(0)
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
  })

  test('a read-only token (fork pull request) skips the comment with a notice and does not fail', async () => {
    github.readOnly = true
    const { repo, base } = repoWithMetrics()
    repo.edit(ALPHA, '*/5 * * * *', '*/7 * * * *')
    const head = repo.commit('alpha cron')
    const r = await run(repo.dir, base, head)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^::notice::Plan comment skipped/m)
    expect(github.comments.get(7) ?? []).toHaveLength(0)
  })

  test('without comment: true nothing is sent to GitHub', async () => {
    const { repo, base } = repoWithMetrics()
    repo.edit(ALPHA, '*/5 * * * *', '*/7 * * * *')
    const head = repo.commit('alpha cron')
    expect((await run(repo.dir, base, head, { comment: 'false' })).code).toBe(0)
    expect(github.requests).toHaveLength(0)
  })
})
