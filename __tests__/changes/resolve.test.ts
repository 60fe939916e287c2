import { afterEach, describe, expect, it } from 'vitest'
import { planRange } from '../../src/changes/event-range.js'
import { isShallow } from '../../src/changes/git.js'
import { resolveChanges, type CompareViaApi } from '../../src/changes/resolve.js'
import type { ChangedFile } from '../../src/changes/changed-file.js'
import { Repo, TempDirs } from './git-fixture.js'

const temp = new TempDirs()
afterEach(() => temp.cleanup())

const ZERO = '0'.repeat(40)

const summary = (files: readonly ChangedFile[]): string[] =>
  files
    .map(
      (f) => `${f.status} ${f.previousPath !== undefined ? `${f.previousPath} -> ` : ''}${f.path}`
    )
    .sort()

/** main: c1 (a, b) -> c2 (a changed) -> c3 (c added) -> c4 (b changed). */
function linearOrigin(): { origin: Repo; c: string[] } {
  const origin = temp.repo()
  origin.write('metrics/a.yaml', 'a: 1\n').write('metrics/b.yaml', 'b: 1\n')
  const c1 = origin.commit('c1')
  origin.write('metrics/a.yaml', 'a: 2\n')
  const c2 = origin.commit('c2')
  origin.write('metrics/c.yaml', 'c: 1\n')
  const c3 = origin.commit('c3')
  origin.write('metrics/b.yaml', 'b: 2\n')
  const c4 = origin.commit('c4')
  return { origin, c: [c1, c2, c3, c4] }
}

/**
 * main: c1 -> m1 (main.yaml) ; feature from c1: f1 (f1.yaml) -> f2 (f2.yaml), plus `extra`
 * filler commits on main before m1 so the merge base is deep.
 */
function forkedOrigin(extra = 0): { origin: Repo; c1: string; main: string; feature: string } {
  const origin = temp.repo()
  origin.write('metrics/base.yaml', 'base: 1\n')
  const c1 = origin.commit('c1')
  origin.git('checkout', '-q', '-b', 'feature')
  for (let i = 0; i < extra; i++) {
    origin.write('metrics/f-filler.yaml', `n: ${i}\n`)
    origin.commit(`f-filler ${i}`)
  }
  origin.write('metrics/f1.yaml', 'f: 1\n')
  origin.commit('f1')
  origin.write('metrics/f2.yaml', 'f: 2\n')
  const feature = origin.commit('f2')
  origin.git('checkout', '-q', 'main')
  for (let i = 0; i < extra; i++) {
    origin.write('metrics/m-filler.yaml', `n: ${i}\n`)
    origin.commit(`m-filler ${i}`)
  }
  origin.write('metrics/main.yaml', 'm: 1\n')
  const main = origin.commit('m1')
  return { origin, c1, main, feature }
}

describe('resolveChanges: push', () => {
  it('before..after with local history, including renames, deletions and odd names', async () => {
    const repo = temp.repo()
    repo.write('metrics/keep.yaml', Array.from({ length: 12 }, (_, i) => `k${i}: ${i}\n`).join(''))
    repo.write('metrics/gone.yaml', 'gone: true\nreally: yes\n')
    const before = repo.commit('before')
    repo.mv('metrics/keep.yaml', 'metrics/moved/keep.yaml')
    repo.rm('metrics/gone.yaml')
    repo.write('metrics/my batch.yaml', 'a: 1\n')
    repo.write('métriques/ü.yaml', 'b: 1\n')
    repo.write('metrics/new\nline.yaml', 'c: 1\n')
    const after = repo.commit('after')

    const r = await resolveChanges(planRange('push', { before, after }), { cwd: repo.dir })
    expect(r.source).toBe('git')
    expect(r.all).toBe(false)
    expect(r.base).toBe(before)
    expect(r.head).toBe(after)
    expect(summary(r.files)).toEqual(
      [
        'renamed metrics/keep.yaml -> metrics/moved/keep.yaml',
        'deleted metrics/gone.yaml',
        'added metrics/my batch.yaml',
        'added métriques/ü.yaml',
        'added metrics/new\nline.yaml'
      ].sort()
    )
  })

  it('a new branch (zero before) compares with the merge base of origin/<default>', async () => {
    const { origin, feature } = forkedOrigin()
    const clone = temp.clone(origin)
    clone.git('checkout', '-q', 'feature')
    const plan = planRange('push', { before: ZERO, after: feature, created: true }, 'main')
    const r = await resolveChanges(plan, { cwd: clone.dir })
    expect(r.source).toBe('git')
    // Both feature commits, and nothing that main gained since the fork.
    expect(summary(r.files)).toEqual(['added metrics/f1.yaml', 'added metrics/f2.yaml'])
  })

  it('a new branch in a single-branch shallow clone fetches the default branch and deepens', async () => {
    const { origin, c1, feature } = forkedOrigin(3)
    const clone = temp.clone(origin, { depth: 1, branch: 'feature' })
    expect(await isShallow(clone.dir)).toBe(true)
    const plan = planRange('push', { before: ZERO, after: feature }, 'main')
    const r = await resolveChanges(plan, { cwd: clone.dir, initialDeepen: 2 })
    expect(r.source).toBe('git-after-fetch')
    expect(r.base).toBe(c1)
    expect(summary(r.files)).toEqual([
      'added metrics/f-filler.yaml',
      'added metrics/f1.yaml',
      'added metrics/f2.yaml'
    ])
  })

  it('a force push diffs the old tip against the new one even when it is not an ancestor', async () => {
    const { origin, c } = linearOrigin()
    const before = c[3] ?? ''
    origin.git('reset', '-q', '--hard', c[1] ?? '')
    origin.write('metrics/e.yaml', 'e: 1\n')
    const after = origin.commit('rewritten')
    const plan = planRange('push', { before, after, forced: true })
    expect(plan).toMatchObject({ kind: 'range', forced: true })

    const local = await resolveChanges(plan, { cwd: origin.dir })
    const expected = ['added metrics/e.yaml', 'deleted metrics/c.yaml', 'modified metrics/b.yaml']
    expect(local.source).toBe('git')
    expect(summary(local.files)).toEqual(expected)

    // In a fresh shallow clone the old tip is unreachable from any branch but still fetchable by
    // SHA, as on GitHub.
    const clone = temp.clone(origin, { depth: 1 })
    const fetched = await resolveChanges(plan, { cwd: clone.dir })
    expect(fetched.source).toBe('git-after-fetch')
    expect(summary(fetched.files)).toEqual(expected)
  })

  it('a shallow clone fetches the missing base commit from origin', async () => {
    const { origin, c } = linearOrigin()
    const clone = temp.clone(origin, { depth: 1 })
    const plan = planRange('push', { before: c[1], after: c[3] })
    const r = await resolveChanges(plan, { cwd: clone.dir })
    expect(r.source).toBe('git-after-fetch')
    expect(r.base).toBe(c[1])
    expect(summary(r.files)).toEqual(['added metrics/c.yaml', 'modified metrics/b.yaml'])
    expect(r.notes.some((n) => n.startsWith('fetched'))).toBe(true)
  })

  it('when the fetch fails, falls back to the API, and then to checking everything', async () => {
    const { origin, c } = linearOrigin()
    const clone = temp.clone(origin, { depth: 1 })
    clone.git('remote', 'set-url', 'origin', `file://${origin.dir}-does-not-exist`)
    const plan = planRange('push', { before: c[1], after: c[3] })

    const calls: Array<[string, string]> = []
    const api: CompareViaApi = async (base, head) => {
      calls.push([base, head])
      return [{ status: 'modified', path: 'metrics/b.yaml' }]
    }
    const viaApi = await resolveChanges(plan, { cwd: clone.dir, compareViaApi: api })
    expect(viaApi.source).toBe('api')
    expect(viaApi.all).toBe(false)
    expect(calls).toEqual([[c[1], c[3]]])
    expect(summary(viaApi.files)).toEqual(['modified metrics/b.yaml'])

    const failing: CompareViaApi = async () => {
      throw new Error('HTTP 404')
    }
    const none = await resolveChanges(plan, { cwd: clone.dir, compareViaApi: failing })
    expect(none).toMatchObject({ all: true, source: 'none', files: [] })
    expect(none.reason).toBeTruthy()
    expect(none.notes.some((n) => n.includes('HTTP 404'))).toBe(true)

    const noApi = await resolveChanges(plan, { cwd: clone.dir })
    expect(noApi).toMatchObject({ all: true, source: 'none' })
  })

  it('passes the branch name, not origin/<branch>, to the API', async () => {
    const { origin, feature } = forkedOrigin()
    const clone = temp.clone(origin, { depth: 1, branch: 'feature' })
    clone.git('remote', 'set-url', 'origin', `file://${origin.dir}-gone`)
    const calls: Array<[string, string]> = []
    const api: CompareViaApi = async (base, head) => {
      calls.push([base, head])
      return []
    }
    const plan = planRange('push', { before: ZERO, after: feature }, 'main')
    const r = await resolveChanges(plan, { cwd: clone.dir, compareViaApi: api })
    expect(r.source).toBe('api')
    expect(calls).toEqual([['main', feature]])
  })
})

describe('resolveChanges: pull requests and other events', () => {
  const prPayload = (base: string, head: string): unknown => ({
    pull_request: { base: { sha: base }, head: { sha: head } }
  })

  it('diffs from the merge base, ignoring what the base branch gained', async () => {
    const { origin, c1, main, feature } = forkedOrigin()
    const r = await resolveChanges(planRange('pull_request', prPayload(main, feature)), {
      cwd: origin.dir
    })
    expect(r.source).toBe('git')
    expect(r.base).toBe(c1)
    expect(summary(r.files)).toEqual(['added metrics/f1.yaml', 'added metrics/f2.yaml'])
  })

  it('finds a deep merge base in a shallow clone by deepening in doubling steps', async () => {
    const { origin, c1, main, feature } = forkedOrigin(6)
    const clone = temp.clone(origin, { depth: 1, branch: 'feature' })
    const r = await resolveChanges(planRange('pull_request_target', prPayload(main, feature)), {
      cwd: clone.dir,
      initialDeepen: 1
    })
    expect(r.source).toBe('git-after-fetch')
    expect(r.base).toBe(c1)
    expect(summary(r.files)).toEqual([
      'added metrics/f-filler.yaml',
      'added metrics/f1.yaml',
      'added metrics/f2.yaml'
    ])
    expect(r.notes.some((n) => n.includes('deepening'))).toBe(true)
  })

  it('gives up on git when the deepen budget runs out', async () => {
    const { origin, main, feature } = forkedOrigin(6)
    const clone = temp.clone(origin, { depth: 1, branch: 'feature' })
    const r = await resolveChanges(planRange('pull_request', prPayload(main, feature)), {
      cwd: clone.dir,
      initialDeepen: 1,
      maxDeepenRounds: 1
    })
    expect(r).toMatchObject({ all: true, source: 'none' })
  })

  it('merge_group compares base_sha..head_sha', async () => {
    const { origin, c } = linearOrigin()
    const payload = { merge_group: { base_sha: c[2], head_sha: c[3] } }
    const r = await resolveChanges(planRange('merge_group', payload), { cwd: origin.dir })
    expect(summary(r.files)).toEqual(['modified metrics/b.yaml'])
  })

  it('workflow_dispatch checks everything and names the head', async () => {
    const { origin, c } = linearOrigin()
    const r = await resolveChanges(planRange('workflow_dispatch', {}), { cwd: origin.dir })
    expect(r).toMatchObject({ all: true, source: 'none', head: c[3], files: [] })
    expect(r.reason).toMatch(/workflow_dispatch/)
  })
})
