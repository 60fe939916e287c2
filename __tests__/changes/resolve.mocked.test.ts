import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChangedFile } from '../../src/changes/changed-file.js'
import type { RangePlan } from '../../src/changes/event-range.js'
import type { GitResult } from '../../src/changes/git.js'

// The resolver's decisions and notes with git replaced by a scripted double: every branch of the
// fallback chain (local, fetch, deepen, API, everything) in milliseconds, with exact results.
// resolve.test.ts runs the same paths against real repositories.
const git = vi.hoisted(() => ({
  revParse: vi.fn<(cwd: string, rev: string) => Promise<string | undefined>>(),
  isShallow: vi.fn<(cwd: string) => Promise<boolean>>(),
  fetchCommit:
    vi.fn<
      (cwd: string, what: string, o: { shallow?: boolean; remote?: string }) => Promise<GitResult>
    >(),
  fetchHead: vi.fn<(cwd: string) => Promise<string | undefined>>(),
  mergeBase: vi.fn<(cwd: string, a: string, b: string) => Promise<string | undefined>>(),
  deepen:
    vi.fn<
      (
        cwd: string,
        tips: readonly string[],
        by: number,
        o: { remote?: string }
      ) => Promise<GitResult>
    >(),
  diffNameStatus: vi.fn<(cwd: string, a: string, b: string) => Promise<ChangedFile[]>>()
}))
vi.mock('../../src/changes/git.js', async (importActual) => ({
  ...(await importActual<typeof import('../../src/changes/git.js')>()),
  ...git
}))
const { GitError } = await import('../../src/changes/git.js')
const { resolveChanges } = await import('../../src/changes/resolve.js')

const A = 'a'.repeat(40)
const B = 'b'.repeat(40)
const M = 'c'.repeat(40)
const a12 = 'a'.repeat(12)
const b12 = 'b'.repeat(12)
const m12 = 'c'.repeat(12)
const FILES: ChangedFile[] = [{ status: 'modified', path: 'metrics/a.yaml' }]

const result = (code: number, stderr = ''): GitResult => ({
  code,
  stdout: Buffer.alloc(0),
  stderr,
  timedOut: false,
  overflowed: false
})

const range: RangePlan = { kind: 'range', base: A, head: B, forced: false, description: 'push: x' }
const mb = (mergeBaseWith: string): RangePlan => ({
  kind: 'merge-base',
  mergeBaseWith,
  head: B,
  forced: false,
  description: 'pr: y'
})

/** Commits present locally, by name. */
function present(map: Record<string, string>): void {
  git.revParse.mockImplementation((_cwd, rev) => Promise.resolve(map[rev]))
}

beforeEach(() => {
  vi.resetAllMocks()
  git.isShallow.mockResolvedValue(false)
  git.diffNameStatus.mockResolvedValue(FILES)
})

describe('resolveChanges with a scripted git', () => {
  it('an "all" plan with a head', async () => {
    const r = await resolveChanges(
      { kind: 'all', all: true, reason: 'why', head: B },
      { cwd: '/r' }
    )
    expect(r).toEqual({
      head: B,
      files: [],
      all: true,
      source: 'none',
      reason: 'why',
      notes: ['why']
    })
    expect(git.revParse).not.toHaveBeenCalled()
  })

  it('an "all" plan without a head names HEAD, or "HEAD" when git cannot', async () => {
    present({ HEAD: M })
    const plan: RangePlan = { kind: 'all', all: true, reason: 'why' }
    expect((await resolveChanges(plan, { cwd: '/r' })).head).toBe(M)
    expect(git.revParse).toHaveBeenCalledWith('/r', 'HEAD')
    present({})
    expect((await resolveChanges(plan, { cwd: '/r' })).head).toBe('HEAD')
    git.revParse.mockRejectedValue(new Error('boom'))
    expect((await resolveChanges(plan, { cwd: '/r' })).head).toBe('HEAD')
  })

  it('both commits local', async () => {
    present({ [A]: A, [B]: B })
    expect(await resolveChanges(range, { cwd: '/r' })).toEqual({
      base: A,
      head: B,
      files: FILES,
      all: false,
      source: 'git',
      notes: ['push: x', `1 changed file(s) from git (${a12}..${b12})`]
    })
    expect(git.diffNameStatus).toHaveBeenCalledWith('/r', A, B)
    expect(git.fetchCommit).not.toHaveBeenCalled()
  })

  it('a missing SHA is fetched (depth 1 in a shallow clone), asking isShallow once', async () => {
    git.isShallow.mockResolvedValue(true)
    git.fetchCommit.mockImplementation(() => {
      present({ [A]: A, [B]: B })
      return Promise.resolve(result(0))
    })
    present({})
    const r = await resolveChanges(range, { cwd: '/r' })
    expect(r).toEqual({
      base: A,
      head: B,
      files: FILES,
      all: false,
      source: 'git-after-fetch',
      notes: ['push: x', `fetched ${A} (depth 1)`, `1 changed file(s) from git (${a12}..${b12})`]
    })
    expect(git.fetchCommit.mock.calls).toEqual([['/r', A, { shallow: true, remote: 'origin' }]])
    expect(git.isShallow).toHaveBeenCalledTimes(1)
  })

  it('both missing in a full clone: fetched without depth, isShallow asked once', async () => {
    present({})
    git.fetchCommit.mockImplementation((_c, what) => {
      present(what === A ? { [A]: A } : { [A]: A, [B]: B })
      return Promise.resolve(result(0))
    })
    const r = await resolveChanges(range, { cwd: '/r', remote: 'up' })
    expect(r.notes).toEqual([
      'push: x',
      `fetched ${A}`,
      `fetched ${B}`,
      `1 changed file(s) from git (${a12}..${b12})`
    ])
    expect(git.fetchCommit.mock.calls).toEqual([
      ['/r', A, { shallow: false, remote: 'up' }],
      ['/r', B, { shallow: false, remote: 'up' }]
    ])
    expect(git.isShallow).toHaveBeenCalledTimes(1)
  })

  it('a remote-tracking base is fetched by its ref and read from FETCH_HEAD', async () => {
    present({ [B]: B, [M]: M })
    git.fetchCommit.mockResolvedValue(result(0))
    git.fetchHead.mockResolvedValue(A)
    git.mergeBase.mockResolvedValue(M)
    const r = await resolveChanges(mb('up/main'), { cwd: '/r', remote: 'up' })
    expect(r).toEqual({
      base: M,
      head: B,
      files: FILES,
      all: false,
      source: 'git-after-fetch',
      notes: ['pr: y', 'fetched up/main', `1 changed file(s) from git (${m12}..${b12})`]
    })
    expect(git.fetchCommit.mock.calls).toEqual([
      ['/r', 'refs/heads/main', { shallow: false, remote: 'up' }]
    ])
    expect(git.mergeBase).toHaveBeenCalledWith('/r', A, B)
    expect(git.diffNameStatus).toHaveBeenCalledWith('/r', M, B)
  })

  it('"origin/x" is a plain name when the remote is another one', async () => {
    present({})
    git.fetchCommit.mockResolvedValue(result(128, 'fatal: no\n'))
    const api = vi.fn<(base: string, head: string) => Promise<ChangedFile[]>>()
    api.mockResolvedValue([])
    await resolveChanges(mb('origin/main'), { cwd: '/r', remote: 'up', compareViaApi: api })
    expect(git.fetchCommit.mock.calls).toEqual([
      ['/r', 'origin/main', { shallow: false, remote: 'up' }]
    ])
    expect(api.mock.calls).toEqual([['origin/main', B]])
  })

  it('a failed fetch goes to the API, which gets the branch name', async () => {
    present({ [B]: B })
    git.fetchCommit.mockResolvedValue(result(128, '  fatal: not found\nsecond line\n'))
    const api = vi.fn<(base: string, head: string) => Promise<ChangedFile[]>>()
    api.mockResolvedValue(FILES)
    const r = await resolveChanges(mb('origin/main'), { cwd: '/r', compareViaApi: api })
    expect(r).toEqual({
      base: 'main',
      head: B,
      files: FILES,
      all: false,
      source: 'api',
      notes: [
        'pr: y',
        'could not fetch origin/main from origin: fatal: not found',
        `1 changed file(s) from the GitHub compare API (main...${B}, merge-base semantics)`
      ]
    })
    expect(api.mock.calls).toEqual([['main', B]])
    // Head is looked up locally alongside the base, but never fetched once the base is missing.
    expect(git.revParse.mock.calls).toEqual([
      ['/r', 'origin/main'],
      ['/r', B]
    ])
    expect(git.fetchCommit.mock.calls.map((c) => c[1])).toEqual(['refs/heads/main'])
  })

  it('a failed fetch without a message, and no API', async () => {
    present({ [A]: A })
    git.fetchCommit.mockResolvedValue(result(1, ' \n'))
    expect(await resolveChanges(range, { cwd: '/r' })).toEqual({
      head: B,
      files: [],
      all: true,
      source: 'none',
      reason: 'could not determine the changes for push: x; checking every file',
      notes: [
        'push: x',
        `could not fetch ${B} from origin`,
        'could not determine the changes for push: x; checking every file'
      ]
    })
  })

  it('a failing git and a failing API', async () => {
    present({ [A]: A, [B]: B })
    git.diffNameStatus.mockRejectedValue(new GitError('git diff failed (exit 128)', result(128)))
    const api = vi.fn<(base: string, head: string) => Promise<ChangedFile[]>>()
    api.mockRejectedValue(new Error('HTTP 500'))
    const r = await resolveChanges(range, { cwd: '/r', compareViaApi: api })
    expect(r.notes).toEqual([
      'push: x',
      'git failed: git diff failed (exit 128)',
      'GitHub compare API failed: HTTP 500',
      'could not determine the changes for push: x; checking every file'
    ])
    api.mockRejectedValue('plain text')
    git.diffNameStatus.mockRejectedValue(new TypeError('odd'))
    expect((await resolveChanges(range, { cwd: '/r', compareViaApi: api })).notes).toEqual([
      'push: x',
      'git failed: odd',
      'GitHub compare API failed: plain text',
      'could not determine the changes for push: x; checking every file'
    ])
    git.diffNameStatus.mockRejectedValue(42)
    expect((await resolveChanges(range, { cwd: '/r' })).notes[1]).toBe('git failed: 42')
  })

  it('no common ancestor in a full clone', async () => {
    present({ [A]: A, [B]: B })
    git.mergeBase.mockResolvedValue(undefined)
    const r = await resolveChanges(mb(A), { cwd: '/r' })
    expect(r.notes).toEqual([
      'pr: y',
      `${a12} and ${b12} have no common ancestor`,
      'could not determine the changes for pr: y; checking every file'
    ])
    expect(git.deepen).not.toHaveBeenCalled()
  })

  it('a shallow clone is deepened in doubling steps until the merge base appears', async () => {
    present({ [A]: A, [B]: B })
    git.isShallow.mockResolvedValue(true)
    git.deepen.mockResolvedValue(result(0))
    git.mergeBase
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce(M)
    const r = await resolveChanges(mb(A), { cwd: '/r', remote: 'up' })
    expect(r).toEqual({
      base: M,
      head: B,
      files: FILES,
      all: false,
      source: 'git-after-fetch',
      notes: [
        'pr: y',
        'found the merge base after deepening the clone by 150 commit(s)',
        `1 changed file(s) from git (${m12}..${b12})`
      ]
    })
    expect(git.deepen.mock.calls).toEqual([
      ['/r', [A, B], 50, { remote: 'up' }],
      ['/r', [A, B], 100, { remote: 'up' }]
    ])
  })

  it('deepening gives up after the configured rounds', async () => {
    present({ [A]: A, [B]: B })
    git.isShallow.mockResolvedValue(true)
    git.deepen.mockResolvedValue(result(0))
    git.mergeBase.mockResolvedValue(undefined)
    const r = await resolveChanges(mb(A), { cwd: '/r', initialDeepen: 10, maxDeepenRounds: 3 })
    expect(r.notes.slice(0, 2)).toEqual([
      'pr: y',
      'no merge base after deepening the clone by 70 commit(s)'
    ])
    expect(r.source).toBe('none')
    expect(git.deepen.mock.calls.map((c) => [c[2], c[3]])).toEqual([
      [10, { remote: 'origin' }],
      [20, { remote: 'origin' }],
      [40, { remote: 'origin' }]
    ])
  })

  it('deepening stops once the clone is complete', async () => {
    present({ [A]: A, [B]: B })
    git.isShallow.mockResolvedValueOnce(true).mockResolvedValue(false)
    git.deepen.mockResolvedValue(result(0))
    git.mergeBase.mockResolvedValue(undefined)
    const r = await resolveChanges(mb(A), { cwd: '/r' })
    expect(r.notes[1]).toBe('no merge base after deepening the clone by 50 commit(s)')
    expect(git.deepen).toHaveBeenCalledTimes(1)
  })

  it('a failed deepen', async () => {
    present({ [A]: A, [B]: B })
    git.isShallow.mockResolvedValue(true)
    git.deepen.mockResolvedValue(result(1, ' fatal: gone\nmore'))
    git.mergeBase.mockResolvedValue(undefined)
    const r = await resolveChanges(mb(A), { cwd: '/r' })
    expect(r.notes.slice(0, 2)).toEqual(['pr: y', 'could not deepen the clone: fatal: gone'])
    expect(git.deepen).toHaveBeenCalledTimes(1)
  })

  it('zero deepen rounds', async () => {
    present({ [A]: A, [B]: B })
    git.isShallow.mockResolvedValue(true)
    git.mergeBase.mockResolvedValue(undefined)
    const r = await resolveChanges(mb(A), { cwd: '/r', maxDeepenRounds: 0 })
    expect(r.notes[1]).toBe('no merge base after deepening the clone by 0 commit(s)')
    expect(git.deepen).not.toHaveBeenCalled()
  })
})
