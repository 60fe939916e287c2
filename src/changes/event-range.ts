/**
 * Which commits to compare for a GitHub event. Pure: it reads only the event name and payload.
 */

/** Compare the trees of two commits (a two-dot diff). */
export interface RangeDiff {
  readonly kind: 'range'
  readonly base: string
  readonly head: string
  /** The push rewrote history: `base` may not be an ancestor of `head`, or may be gone. */
  readonly forced: boolean
  readonly description: string
}

/** Compare `head` with its merge base with `mergeBaseWith` (a three-dot diff). */
export interface RangeMergeBase {
  readonly kind: 'merge-base'
  /** A commit SHA, or a remote-tracking name `origin/<branch>`. */
  readonly mergeBaseWith: string
  readonly head: string
  readonly forced: boolean
  readonly description: string
}

/** No trustworthy base: the caller validates everything and says why. */
export interface RangeAll {
  readonly kind: 'all'
  readonly all: true
  readonly reason: string
  /** The commit being validated, when the event names one. */
  readonly head?: string
}

export type RangePlan = RangeDiff | RangeMergeBase | RangeAll

export interface RangeOverrides {
  /**
   * An explicit base (commit SHA or branch name, e.g. a `base` input of `workflow_dispatch`).
   * It wins over the payload and is compared by merge base, so a branch name means "what this
   * commit adds on top of that branch".
   */
  readonly base?: string
  /** `GITHUB_SHA`: the head for events whose payload names none. */
  readonly sha?: string
}

const ZERO_SHA = /^0+$/
const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/
/** Conservative branch-name check: enough to keep option-like or odd strings away from git. */
const BRANCH = /^(?!-)(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9._/-]+$/

type Json = Record<string, unknown>

function obj(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined
}

function sha(v: unknown): string | undefined {
  const s = str(v)?.toLowerCase()
  return s !== undefined && SHA.test(s) && !ZERO_SHA.test(s) ? s : undefined
}

/** The default branch: the argument, else `repository.default_branch` from the payload. */
function defaultBranchOf(payload: Json, given: string | undefined): string | undefined {
  const b = given ?? str(obj(payload.repository)?.default_branch)
  return b !== undefined && BRANCH.test(b) ? b : undefined
}

/**
 * Decides what to diff for an event.
 *
 * - `push`: `before..after`. A branch creation (`before` all zeros) compares with the merge base
 *   of `origin/<default branch>`, so a new branch's changes are all seen, not just its last
 *   commit. A force push keeps `before..after` (the difference between what was there and what is
 *   there now) and sets `forced`; the resolver falls back if `before` is gone. A branch deletion
 *   has nothing to validate and yields `all` with a reason.
 * - `pull_request*`: merge base of `pull_request.base.sha` and `pull_request.head.sha`.
 * - `merge_group`: `merge_group.base_sha..merge_group.head_sha`.
 * - `workflow_dispatch`, `schedule` and anything else: everything, unless `overrides.base` names a
 *   base.
 */
export function planRange(
  eventName: string,
  payload: unknown,
  defaultBranch?: string,
  overrides: RangeOverrides = {}
): RangePlan {
  const p = obj(payload) ?? {}
  const explicitBase = overrides.base?.trim()
  if (explicitBase !== undefined && explicitBase !== '') {
    return planExplicitBase(eventName, p, explicitBase, overrides.sha)
  }

  if (eventName === 'push') return planPush(p, defaultBranch)

  if (eventName.startsWith('pull_request')) {
    const pr = obj(p.pull_request)
    const base = sha(obj(pr?.base)?.sha)
    const head = sha(obj(pr?.head)?.sha)
    if (base === undefined || head === undefined) {
      return all(`the ${eventName} payload has no pull_request base/head SHA`, head)
    }
    return {
      kind: 'merge-base',
      mergeBaseWith: base,
      head,
      forced: false,
      description: `pull request: merge base of ${short(base)} and ${short(head)}`
    }
  }

  if (eventName === 'merge_group') {
    const mg = obj(p.merge_group)
    const base = sha(mg?.base_sha)
    const head = sha(mg?.head_sha)
    if (base === undefined || head === undefined) {
      return all('the merge_group payload has no base_sha/head_sha', head)
    }
    return {
      kind: 'range',
      base,
      head,
      forced: false,
      description: `merge queue: ${short(base)}..${short(head)}`
    }
  }

  const head = sha(overrides.sha)
  if (eventName === 'workflow_dispatch') {
    return all('workflow_dispatch names no base commit, so every file is checked', head)
  }
  if (eventName === 'schedule') {
    return all('a scheduled run has no base commit, so every file is checked', head)
  }
  return all(
    `the ${eventName || 'unknown'} event has no base commit, so every file is checked`,
    head
  )
}

function planPush(p: Json, givenDefault: string | undefined): RangePlan {
  const forced = p.forced === true
  const afterRaw = str(p.after)
  const after = sha(afterRaw)
  if (p.deleted === true || (afterRaw !== undefined && ZERO_SHA.test(afterRaw))) {
    return all('the push deleted the branch; there is nothing to check')
  }
  if (after === undefined) return all('the push payload has no valid "after" SHA')

  const beforeRaw = str(p.before)
  const before = sha(beforeRaw)
  if (before === undefined) {
    const isCreate = beforeRaw !== undefined && ZERO_SHA.test(beforeRaw)
    const why = isCreate ? 'the push created the branch' : 'the push payload has no "before" SHA'
    const branch = defaultBranchOf(p, givenDefault)
    if (branch === undefined) {
      return all(`${why} and the default branch is unknown, so every file is checked`, after)
    }
    return {
      kind: 'merge-base',
      mergeBaseWith: `origin/${branch}`,
      head: after,
      forced,
      description: `${why}: merge base with origin/${branch}`
    }
  }
  return {
    kind: 'range',
    base: before,
    head: after,
    forced,
    description: forced
      ? `force push: ${short(before)}..${short(after)} (tree difference; "before" may not be an ancestor)`
      : `push: ${short(before)}..${short(after)}`
  }
}

function planExplicitBase(
  eventName: string,
  p: Json,
  base: string,
  ghSha: string | undefined
): RangePlan {
  const head =
    sha(obj(obj(p.pull_request)?.head)?.sha) ??
    sha(obj(p.merge_group)?.head_sha) ??
    (eventName === 'push' ? sha(p.after) : undefined) ??
    sha(ghSha)
  if (head === undefined) return all('a base was given but the head commit is unknown')
  const b = sha(base) ?? (BRANCH.test(base) ? base : undefined)
  if (b === undefined)
    return all(`the base ${JSON.stringify(base)} is not a SHA or branch name`, head)
  const mergeBaseWith = sha(b) ?? (b.startsWith('origin/') ? b : `origin/${b}`)
  return {
    kind: 'merge-base',
    mergeBaseWith,
    head,
    forced: false,
    description: `explicit base: merge base of ${mergeBaseWith} and ${short(head)}`
  }
}

function all(reason: string, head?: string): RangeAll {
  return head === undefined
    ? { kind: 'all', all: true, reason }
    : { kind: 'all', all: true, reason, head }
}

function short(s: string): string {
  return SHA.test(s) ? s.slice(0, 12) : s
}

/** How the `reload` input is set. */
export type ReloadMode = 'auto' | 'always' | 'never'

export interface ReloadDecision {
  readonly reload: boolean
  readonly reason: string
}

/**
 * Whether this run may reload the Dagster code location.
 *
 * Pull requests (including `pull_request_target`) and merge queues never reload, whatever the
 * mode: their code is not what runs in production, and fork PRs must not reach the deployment.
 * `never` never reloads. `always` reloads on every other event. `auto` reloads only on a push to
 * the default branch, `workflow_dispatch` and `schedule`.
 */
export function reloadDecision(
  eventName: string,
  ref: string | undefined,
  defaultBranch: string | undefined,
  mode: ReloadMode
): ReloadDecision {
  if (eventName.startsWith('pull_request') || eventName === 'merge_group') {
    return { reload: false, reason: `${eventName} runs never reload` }
  }
  if (mode === 'never') return { reload: false, reason: 'reload is set to never' }
  if (mode === 'always') return { reload: true, reason: 'reload is set to always' }
  if (eventName === 'workflow_dispatch' || eventName === 'schedule') {
    return { reload: true, reason: `${eventName} run` }
  }
  if (eventName === 'push') {
    if (defaultBranch === undefined || defaultBranch === '') {
      return { reload: false, reason: 'push, but the default branch is unknown' }
    }
    if (ref === `refs/heads/${defaultBranch}`) {
      return { reload: true, reason: `push to the default branch ${defaultBranch}` }
    }
    return { reload: false, reason: `push to ${ref ?? 'an unknown ref'}, not the default branch` }
  }
  return { reload: false, reason: `${eventName} runs do not reload in auto mode` }
}

/** `reloadDecision(...).reload`. */
export function shouldReload(
  eventName: string,
  ref: string | undefined,
  defaultBranch: string | undefined,
  mode: ReloadMode
): boolean {
  return reloadDecision(eventName, ref, defaultBranch, mode).reload
}
