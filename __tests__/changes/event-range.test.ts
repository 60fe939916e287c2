import { describe, expect, it } from 'vitest'
import {
  planRange,
  reloadDecision,
  shouldReload,
  type ReloadMode
} from '../../src/changes/event-range.js'

const A = 'a'.repeat(40)
const B = 'b'.repeat(40)
const ZERO = '0'.repeat(40)

describe('planRange', () => {
  it('push: before..after', () => {
    expect(planRange('push', { before: A, after: B })).toMatchObject({
      kind: 'range',
      base: A,
      head: B,
      forced: false
    })
  })

  it('push: notes a force push', () => {
    expect(planRange('push', { before: A, after: B, forced: true })).toMatchObject({
      kind: 'range',
      base: A,
      head: B,
      forced: true
    })
  })

  it('push creating a branch: merge base with origin/<default branch>', () => {
    expect(planRange('push', { before: ZERO, after: B, created: true }, 'main')).toMatchObject({
      kind: 'merge-base',
      mergeBaseWith: 'origin/main',
      head: B
    })
  })

  it('push creating a branch: default branch from the payload', () => {
    const payload = { before: ZERO, after: B, repository: { default_branch: 'trunk' } }
    expect(planRange('push', payload)).toMatchObject({ mergeBaseWith: 'origin/trunk' })
  })

  it('push creating a branch with no known default branch: all', () => {
    expect(planRange('push', { before: ZERO, after: B })).toMatchObject({ kind: 'all', head: B })
  })

  it('push deleting a branch: all, with no head', () => {
    const plan = planRange('push', { before: A, after: ZERO, deleted: true }, 'main')
    expect(plan.kind).toBe('all')
    expect(plan).not.toHaveProperty('head')
  })

  it('push with a malformed SHA never reaches git', () => {
    expect(planRange('push', { before: '--upload-pack=evil', after: B }, 'main')).toMatchObject({
      kind: 'merge-base',
      mergeBaseWith: 'origin/main'
    })
    expect(planRange('push', { before: A, after: '--output=x' }).kind).toBe('all')
  })

  it('a default branch that looks like an option is ignored', () => {
    expect(planRange('push', { before: ZERO, after: B }, '-evil').kind).toBe('all')
  })

  it.each(['pull_request', 'pull_request_target'])(
    '%s: merge base of base.sha and head.sha',
    (ev) => {
      const payload = { pull_request: { base: { sha: A }, head: { sha: B } } }
      expect(planRange(ev, payload)).toMatchObject({
        kind: 'merge-base',
        mergeBaseWith: A,
        head: B
      })
    }
  )

  it('pull_request without SHAs: all', () => {
    expect(planRange('pull_request', { pull_request: {} }).kind).toBe('all')
  })

  it('merge_group: base_sha..head_sha', () => {
    const payload = { merge_group: { base_sha: A, head_sha: B } }
    expect(planRange('merge_group', payload)).toMatchObject({ kind: 'range', base: A, head: B })
  })

  it.each(['workflow_dispatch', 'schedule', 'release', ''])('%s: all', (ev) => {
    const plan = planRange(ev, {}, 'main', { sha: B })
    expect(plan).toMatchObject({ kind: 'all', all: true, head: B })
    expect(plan.kind === 'all' && plan.reason.length > 0).toBe(true)
  })

  it('an explicit base wins and is compared by merge base', () => {
    expect(
      planRange('workflow_dispatch', {}, 'main', { base: 'release/1.x', sha: B })
    ).toMatchObject({ kind: 'merge-base', mergeBaseWith: 'origin/release/1.x', head: B })
    expect(planRange('workflow_dispatch', {}, 'main', { base: A, sha: B })).toMatchObject({
      mergeBaseWith: A
    })
    expect(planRange('workflow_dispatch', {}, 'main', { base: '--evil', sha: B }).kind).toBe('all')
  })

  it('accepts upper-case SHAs and normalises them', () => {
    expect(planRange('push', { before: A.toUpperCase(), after: B })).toMatchObject({ base: A })
  })
})

describe('shouldReload', () => {
  const cases: Array<[string, string | undefined, ReloadMode, boolean]> = [
    ['push', 'refs/heads/main', 'auto', true],
    ['push', 'refs/heads/feature', 'auto', false],
    ['push', 'refs/tags/v1', 'auto', false],
    ['workflow_dispatch', 'refs/heads/feature', 'auto', true],
    ['schedule', 'refs/heads/main', 'auto', true],
    ['pull_request', 'refs/pull/1/merge', 'auto', false],
    ['pull_request_target', 'refs/heads/main', 'auto', false],
    ['merge_group', 'refs/heads/gh-readonly-queue/main/pr-1', 'auto', false],
    ['release', 'refs/tags/v1', 'auto', false],
    ['push', 'refs/heads/feature', 'always', true],
    ['pull_request', 'refs/pull/1/merge', 'always', false],
    ['pull_request_target', 'refs/heads/main', 'always', false],
    ['merge_group', 'refs/heads/main', 'always', false],
    ['push', 'refs/heads/main', 'never', false],
    ['workflow_dispatch', 'refs/heads/main', 'never', false]
  ]
  it.each(cases)('%s %s mode=%s -> %s', (event, ref, mode, expected) => {
    expect(shouldReload(event, ref, 'main', mode)).toBe(expected)
  })

  it('push with an unknown default branch does not reload in auto mode', () => {
    expect(reloadDecision('push', 'refs/heads/main', undefined, 'auto').reload).toBe(false)
  })
})
