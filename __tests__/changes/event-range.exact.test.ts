import { describe, expect, it } from 'vitest'
import { planRange, reloadDecision } from '../../src/changes/event-range.js'

// Exact plans and reasons: the descriptions end up in the job log and the step summary, so their
// wording (and the short SHAs in them) is behaviour, not decoration.
const A = 'a'.repeat(40)
const B = 'b'.repeat(40)
const A64 = 'a'.repeat(64)
const ZERO = '0'.repeat(40)
const a12 = 'a'.repeat(12)
const b12 = 'b'.repeat(12)

describe('planRange exact plans', () => {
  it('push: before..after', () => {
    expect(planRange('push', { before: A, after: B })).toEqual({
      kind: 'range',
      base: A,
      head: B,
      forced: false,
      description: `push: ${a12}..${b12}`
    })
  })

  it('force push', () => {
    expect(planRange('push', { before: A, after: B, forced: true })).toEqual({
      kind: 'range',
      base: A,
      head: B,
      forced: true,
      description: `force push: ${a12}..${b12} (tree difference; "before" may not be an ancestor)`
    })
  })

  it('forced must be exactly true', () => {
    expect(planRange('push', { before: A, after: B, forced: 'true' })).toMatchObject({
      forced: false
    })
  })

  it('SHA-256 object names are accepted', () => {
    expect(planRange('push', { before: A64, after: B })).toMatchObject({
      base: A64,
      description: `push: ${a12}..${b12}`
    })
  })

  it.each([
    ['39 hex digits', 'a'.repeat(39)],
    ['41 hex digits', 'a'.repeat(41)],
    ['trailing junk', `${A}x`],
    ['leading junk', `x${A}`],
    ['non-hex', 'g'.repeat(40)],
    ['empty', ''],
    ['a number', 42]
  ])('push with a %s "before" is not a SHA', (_name, before) => {
    expect(planRange('push', { before, after: B }, 'main')).toEqual({
      kind: 'merge-base',
      mergeBaseWith: 'origin/main',
      head: B,
      forced: false,
      description: 'the push payload has no "before" SHA: merge base with origin/main'
    })
  })

  it('branch creation', () => {
    expect(planRange('push', { before: ZERO, after: B, forced: true }, 'main')).toEqual({
      kind: 'merge-base',
      mergeBaseWith: 'origin/main',
      head: B,
      forced: true,
      description: 'the push created the branch: merge base with origin/main'
    })
  })

  it('branch creation with a given default branch wins over the payload', () => {
    const payload = { before: ZERO, after: B, repository: { default_branch: 'trunk' } }
    expect(planRange('push', payload, 'main')).toMatchObject({ mergeBaseWith: 'origin/main' })
    expect(planRange('push', payload)).toMatchObject({ mergeBaseWith: 'origin/trunk' })
  })

  it('a "before" that is not a SHA nor zeros, without a default branch', () => {
    expect(planRange('push', { before: 'a0', after: B })).toEqual({
      kind: 'all',
      all: true,
      reason:
        'the push payload has no "before" SHA and the default branch is unknown, so every file is checked',
      head: B
    })
  })

  it('branch creation without a default branch', () => {
    expect(planRange('push', { before: ZERO, after: B })).toEqual({
      kind: 'all',
      all: true,
      reason:
        'the push created the branch and the default branch is unknown, so every file is checked',
      head: B
    })
  })

  it.each([['-evil'], ['a..b'], ['a//b'], ['has space'], ['x;rm'], ['']])(
    'the default branch %j is refused',
    (branch) => {
      const payload = { before: ZERO, after: B, repository: { default_branch: branch } }
      expect(planRange('push', payload)).toMatchObject({ kind: 'all' })
    }
  )

  it.each([['release/1.x'], ['v1.2_3-rc'], ['A-Z']])('the default branch %j is fine', (branch) => {
    const payload = { before: ZERO, after: B, repository: { default_branch: branch } }
    expect(planRange('push', payload)).toMatchObject({ mergeBaseWith: `origin/${branch}` })
  })

  it('a repository that is not an object names no default branch', () => {
    const payload = { before: ZERO, after: B, repository: ['main'] }
    expect(planRange('push', payload)).toMatchObject({ kind: 'all' })
  })

  it('branch deletion, by flag or by a zero "after"', () => {
    const deleted = {
      kind: 'all',
      all: true,
      reason: 'the push deleted the branch; there is nothing to check'
    }
    expect(planRange('push', { before: A, after: B, deleted: true })).toEqual(deleted)
    expect(planRange('push', { before: A, after: ZERO })).toEqual(deleted)
    expect(planRange('push', { before: A, after: '000' })).toEqual(deleted)
    // Only `true` means deleted.
    expect(planRange('push', { before: A, after: B, deleted: 'yes' })).toMatchObject({
      kind: 'range'
    })
  })

  it('SHAs that start or end with zeros are not the zero SHA', () => {
    const lead = `0${'a'.repeat(39)}`
    const trail = `${'a'.repeat(39)}0`
    expect(planRange('push', { before: trail, after: lead })).toMatchObject({
      kind: 'range',
      base: trail,
      head: lead
    })
  })

  it('push without a valid "after"', () => {
    const none = { kind: 'all', all: true, reason: 'the push payload has no valid "after" SHA' }
    expect(planRange('push', { before: A })).toEqual(none)
    expect(planRange('push', { before: A, after: 'xyz' })).toEqual(none)
    expect(planRange('push', null)).toEqual(none)
    expect(planRange('push', [A])).toEqual(none)
  })

  it('pull request', () => {
    const payload = { pull_request: { base: { sha: A }, head: { sha: B.toUpperCase() } } }
    expect(planRange('pull_request_target', payload)).toEqual({
      kind: 'merge-base',
      mergeBaseWith: A,
      head: B,
      forced: false,
      description: `pull request: merge base of ${a12} and ${b12}`
    })
  })

  it('pull request without a base SHA keeps the head', () => {
    expect(planRange('pull_request', { pull_request: { head: { sha: B } } })).toEqual({
      kind: 'all',
      all: true,
      reason: 'the pull_request payload has no pull_request base/head SHA',
      head: B
    })
    expect(planRange('pull_request', { pull_request: { base: { sha: A } } })).toEqual({
      kind: 'all',
      all: true,
      reason: 'the pull_request payload has no pull_request base/head SHA'
    })
  })

  it('merge group', () => {
    expect(planRange('merge_group', { merge_group: { base_sha: A, head_sha: B } })).toEqual({
      kind: 'range',
      base: A,
      head: B,
      forced: false,
      description: `merge queue: ${a12}..${b12}`
    })
    expect(planRange('merge_group', { merge_group: { head_sha: B } })).toEqual({
      kind: 'all',
      all: true,
      reason: 'the merge_group payload has no base_sha/head_sha',
      head: B
    })
    expect(planRange('merge_group', { merge_group: { base_sha: A } })).toEqual({
      kind: 'all',
      all: true,
      reason: 'the merge_group payload has no base_sha/head_sha'
    })
  })

  it('events without a base', () => {
    expect(planRange('workflow_dispatch', {}, 'main', { sha: B })).toEqual({
      kind: 'all',
      all: true,
      reason: 'workflow_dispatch names no base commit, so every file is checked',
      head: B
    })
    expect(planRange('schedule', {})).toEqual({
      kind: 'all',
      all: true,
      reason: 'a scheduled run has no base commit, so every file is checked'
    })
    expect(planRange('release', {}, undefined, { sha: B })).toEqual({
      kind: 'all',
      all: true,
      reason: 'the release event has no base commit, so every file is checked',
      head: B
    })
    expect(planRange('', {})).toEqual({
      kind: 'all',
      all: true,
      reason: 'the unknown event has no base commit, so every file is checked'
    })
  })

  it('explicit base: a branch name, a remote-tracking name and a SHA', () => {
    expect(planRange('workflow_dispatch', {}, 'main', { base: ' release/1.x ', sha: B })).toEqual({
      kind: 'merge-base',
      mergeBaseWith: 'origin/release/1.x',
      head: B,
      forced: false,
      description: `explicit base: merge base of origin/release/1.x and ${b12}`
    })
    expect(planRange('schedule', {}, 'main', { base: 'origin/dev', sha: B })).toMatchObject({
      mergeBaseWith: 'origin/dev',
      description: `explicit base: merge base of origin/dev and ${b12}`
    })
    expect(planRange('schedule', {}, 'main', { base: A.toUpperCase(), sha: B })).toMatchObject({
      mergeBaseWith: A,
      description: `explicit base: merge base of ${A} and ${b12}`
    })
  })

  it('an explicit base of only spaces is no base', () => {
    expect(planRange('schedule', {}, 'main', { base: '   ', sha: B })).toMatchObject({
      kind: 'all',
      reason: 'a scheduled run has no base commit, so every file is checked'
    })
  })

  it('explicit base: the head comes from the pull request, the merge group, the push, then GITHUB_SHA', () => {
    const C = 'c'.repeat(40)
    const D = 'd'.repeat(40)
    const E = 'e'.repeat(40)
    const payload = {
      pull_request: { head: { sha: C } },
      merge_group: { head_sha: D },
      after: E
    }
    const head = (ev: string, p: unknown): unknown =>
      (planRange(ev, p, 'main', { base: 'main', sha: B }) as { head?: string }).head
    expect(head('pull_request', payload)).toBe(C)
    expect(head('merge_group', { merge_group: { head_sha: D }, after: E })).toBe(D)
    expect(head('push', { after: E })).toBe(E)
    // `after` counts only for pushes.
    expect(head('workflow_dispatch', { after: E })).toBe(B)
    expect(head('workflow_dispatch', {})).toBe(B)
  })

  it('explicit base without a head', () => {
    expect(planRange('workflow_dispatch', {}, 'main', { base: 'main' })).toEqual({
      kind: 'all',
      all: true,
      reason: 'a base was given but the head commit is unknown'
    })
  })

  it('explicit base that is neither a SHA nor a branch', () => {
    expect(planRange('workflow_dispatch', {}, 'main', { base: '--evil', sha: B })).toEqual({
      kind: 'all',
      all: true,
      reason: 'the base "--evil" is not a SHA or branch name',
      head: B
    })
  })
})

describe('reloadDecision exact reasons', () => {
  it.each([
    [
      'pull_request',
      'refs/pull/1/merge',
      'main',
      'always',
      false,
      'pull_request runs never reload'
    ],
    ['merge_group', 'refs/heads/main', 'main', 'auto', false, 'merge_group runs never reload'],
    ['push', 'refs/heads/main', 'main', 'never', false, 'reload is set to never'],
    ['release', 'refs/tags/v1', 'main', 'always', true, 'reload is set to always'],
    ['workflow_dispatch', 'refs/heads/x', 'main', 'auto', true, 'workflow_dispatch run'],
    ['schedule', 'refs/heads/x', 'main', 'auto', true, 'schedule run'],
    [
      'push',
      'refs/heads/main',
      undefined,
      'auto',
      false,
      'push, but the default branch is unknown'
    ],
    ['push', 'refs/heads/main', '', 'auto', false, 'push, but the default branch is unknown'],
    ['push', 'refs/heads/main', 'main', 'auto', true, 'push to the default branch main'],
    [
      'push',
      'refs/heads/feature',
      'main',
      'auto',
      false,
      'push to refs/heads/feature, not the default branch'
    ],
    ['push', 'main', 'main', 'auto', false, 'push to main, not the default branch'],
    ['push', undefined, 'main', 'auto', false, 'push to an unknown ref, not the default branch'],
    ['release', 'refs/tags/v1', 'main', 'auto', false, 'release runs do not reload in auto mode']
  ] as const)('%s %s default=%s mode=%s', (event, ref, def, mode, reload, reason) => {
    expect(reloadDecision(event, ref, def, mode)).toEqual({ reload, reason })
  })
})
