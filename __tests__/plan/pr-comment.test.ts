import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  postPlanComment,
  upsertPlanComment,
  type IssueCommentsApi
} from '../../src/action/pr-comment.js'
import { PLAN_MARKER } from '../../src/plan/render-plan.js'
import { FakeGitHub } from './fake-github.js'

const ISSUE = 7
const body = (text: string): string => `${PLAN_MARKER}\n${text}`

describe('sticky plan comment against a local fake GitHub API (real Octokit)', () => {
  let gh: FakeGitHub
  beforeEach(async () => {
    gh = new FakeGitHub()
    await gh.start()
  })
  afterEach(async () => {
    await gh.stop()
  })

  const post = (text: string | undefined, extra: { botLogin?: string } = {}) =>
    postPlanComment({
      token: 'test-token',
      owner: 'acme',
      repo: 'metrics',
      issueNumber: ISSUE,
      body: text,
      marker: PLAN_MARKER,
      baseUrl: gh.baseUrl,
      ...extra
    })

  it('creates the comment once, then edits it in place, then deletes it when the plan is empty', async () => {
    const first = await post(body('plan v1'))
    expect(first.status).toBe('created')
    expect(gh.writes().map((r) => [r.method, r.path])).toEqual([
      ['POST', `/repos/acme/metrics/issues/${ISSUE}/comments`]
    ])
    expect(gh.requests[0]).toMatchObject({ method: 'GET', query: { per_page: '100', page: '1' } })
    expect(gh.requests[0]!.authorization).toBe('token test-token')

    const second = await post(body('plan v2'))
    expect(second).toMatchObject({
      status: 'updated',
      commentId: first.status === 'created' ? first.commentId : -1
    })
    expect(gh.writes().map((r) => r.method)).toEqual(['POST', 'PATCH'])
    expect(gh.list(ISSUE).map((c) => c.body)).toEqual([body('plan v2')])

    const same = await post(body('plan v2'))
    expect(same.status).toBe('unchanged')
    expect(gh.writes()).toHaveLength(2)

    const gone = await post(undefined)
    expect(gone.status).toBe('deleted')
    expect(gh.writes().map((r) => r.method)).toEqual(['POST', 'PATCH', 'DELETE'])
    expect(gh.list(ISSUE)).toEqual([])

    expect(await post(undefined)).toEqual({ status: 'none' })
    expect(gh.writes()).toHaveLength(3)
  })

  it('never touches a human comment that quotes the marker, nor another bot', async () => {
    const human = gh.seed(ISSUE, body('copied by hand'), { login: 'octocat', type: 'User' })
    const other = gh.seed(ISSUE, body('other bot'), { login: 'renovate[bot]', type: 'Bot' })
    const r = await post(body('plan'))
    expect(r.status).toBe('created')
    expect(
      gh
        .list(ISSUE)
        .map((c) => c.id)
        .slice(0, 2)
    ).toEqual([human.id, other.id])
    await post(undefined)
    expect(gh.list(ISSUE).map((c) => c.id)).toEqual([human.id, other.id])
  })

  it('finds its comment on a later page and removes duplicates, keeping the oldest', async () => {
    for (let i = 0; i < 150; i++) gh.seed(ISSUE, `chatter ${i}`, { login: 'octocat', type: 'User' })
    const keep = gh.seed(ISSUE, body('old'))
    const dup = gh.seed(ISSUE, body('racing run'))
    const r = await post(body('new'))
    expect(r).toMatchObject({ status: 'updated', commentId: keep.id })
    expect(gh.requests.filter((q) => q.method === 'GET').map((q) => q.query['page'])).toEqual([
      '1',
      '2'
    ])
    expect(gh.writes().map((w) => [w.method, w.path])).toEqual([
      ['DELETE', `/repos/acme/metrics/issues/comments/${dup.id}`],
      ['PATCH', `/repos/acme/metrics/issues/comments/${keep.id}`]
    ])
  })

  it('with a custom bot login (a GitHub App token) matches that author', async () => {
    gh.actor = { login: 'my-app[bot]', type: 'Bot' }
    const mine = gh.seed(ISSUE, body('old'))
    const r = await post(body('new'), { botLogin: 'my-app[bot]' })
    expect(r).toMatchObject({ status: 'updated', commentId: mine.id })
  })

  it('a read-only token (fork PR) is skipped with a reason, never thrown', async () => {
    gh.readOnly = true
    const r = await post(body('plan'))
    expect(r.status).toBe('skipped')
    expect(gh.writes()).toHaveLength(1)
    expect(gh.list(ISSUE)).toEqual([])
  })

  it('any other HTTP failure is reported as failed, never thrown', async () => {
    const r = await postPlanComment({
      token: 't',
      owner: 'acme',
      repo: 'metrics',
      issueNumber: ISSUE,
      body: body('x'),
      marker: PLAN_MARKER,
      baseUrl: `${gh.baseUrl}/nowhere`
    })
    expect(r).toMatchObject({ status: 'failed' })
    expect(r.status === 'failed' && r.reason).toMatch(/404/)
  })
})

describe('upsertPlanComment (injected client)', () => {
  it('refuses a body without the marker, so it could never find it again', async () => {
    const calls: string[] = []
    const api: IssueCommentsApi = {
      listComments: async () => (calls.push('list'), { data: [] }),
      createComment: async () => (calls.push('create'), { data: { id: 1 } }),
      updateComment: async () => (calls.push('update'), { data: { id: 1 } }),
      deleteComment: async () => calls.push('delete')
    }
    const r = await upsertPlanComment({
      api,
      owner: 'o',
      repo: 'r',
      issueNumber: 1,
      body: 'no marker',
      marker: PLAN_MARKER
    })
    expect(r.status).toBe('failed')
    expect(calls).toEqual([])
  })
})
