/**
 * Turns a RangePlan into a list of changed files: local git first, then fetching what a shallow
 * clone lacks, then the GitHub API, and finally "check everything" with a reason.
 */
import {
  GitError,
  deepen,
  diffNameStatus,
  fetchCommit,
  fetchHead,
  isShallow,
  mergeBase,
  revParse
} from './git.js'
import type { ChangedFile } from './changed-file.js'
import type { RangePlan } from './event-range.js'

/**
 * Lists the files that differ between `base` and `head` through the GitHub API. `base` is a SHA
 * or a branch name. Note that GitHub's compare is always a three-dot (merge base) comparison and
 * caps its file list (300 files per page, 3,000 in all); an implementation should throw rather
 * than return a truncated list.
 */
export type CompareViaApi = (base: string, head: string) => Promise<ChangedFile[]>

export interface ResolveOptions {
  /** The repository checkout. */
  readonly cwd: string
  /** Fallback when git cannot answer (commit not fetchable, no merge base). */
  readonly compareViaApi?: CompareViaApi
  /** Remote to fetch missing commits from. Default `origin`. */
  readonly remote?: string
  /** First `--deepen` step when a shallow clone lacks the merge base; doubled each round. Default 50. */
  readonly initialDeepen?: number
  /** How many deepen rounds before giving up on git. Default 6 (50 + 100 + … + 1600 commits). */
  readonly maxDeepenRounds?: number
}

export type ChangeSource = 'git' | 'git-after-fetch' | 'api' | 'none'

export interface ResolvedChanges {
  /** The commit compared against (the merge base for three-dot plans), when one was found. */
  readonly base?: string
  /** The commit whose changes these are (a SHA when it could be resolved). */
  readonly head: string
  readonly files: ChangedFile[]
  /** True when no trustworthy diff exists: the caller must check every file, and say why. */
  readonly all: boolean
  readonly source: ChangeSource
  /** Why `all` is true. */
  readonly reason?: string
  /** What was tried, in order, for the log. */
  readonly notes: string[]
}

/** A side of the comparison: what the plan named, and how to ask a remote for it. */
interface Side {
  readonly name: string
  /** For `origin/<branch>`: `refs/heads/<branch>`; for a SHA: the SHA. */
  readonly fetchSpec: string
  /** What to pass to the API: a SHA or a branch name. */
  readonly apiName: string
}

function side(name: string, remote: string): Side {
  const prefix = `${remote}/`
  if (name.startsWith(prefix)) {
    const branch = name.slice(prefix.length)
    return { name, fetchSpec: `refs/heads/${branch}`, apiName: branch }
  }
  return { name, fetchSpec: name, apiName: name }
}

function errorText(e: unknown): string {
  if (e instanceof GitError) return e.message
  return e instanceof Error ? e.message : String(e)
}

/**
 * Resolves the plan into changed files. Never throws for git or API failures: the worst outcome
 * is `{ all: true, source: 'none', reason }`.
 */
export async function resolveChanges(
  plan: RangePlan,
  options: ResolveOptions
): Promise<ResolvedChanges> {
  const { cwd } = options
  const remote = options.remote ?? 'origin'
  const notes: string[] = []

  if (plan.kind === 'all') {
    const head = plan.head ?? (await safeRevParse(cwd, 'HEAD')) ?? 'HEAD'
    return { head, files: [], all: true, source: 'none', reason: plan.reason, notes: [plan.reason] }
  }
  notes.push(plan.description)

  const baseSide = side(plan.kind === 'range' ? plan.base : plan.mergeBaseWith, remote)
  const headSide = side(plan.head, remote)
  let fetched = false
  let shallow: boolean | undefined

  // Both sides are looked up locally at once (two git processes in parallel, not in a row); only
  // a side that is missing locally goes on to the fetches below, base first, and head is never
  // fetched when the base cannot be found.
  const localBase = safeRevParse(cwd, baseSide.name)
  const localHead = safeRevParse(cwd, headSide.name)
  const ensure = async (
    s: Side,
    localSha: Promise<string | undefined>
  ): Promise<string | undefined> => {
    const local = await localSha
    if (local !== undefined) return local
    shallow ??= await isShallow(cwd)
    const r = await fetchCommit(cwd, s.fetchSpec, { shallow, remote })
    if (r.code !== 0) {
      const why = r.stderr.trim().split('\n')[0] ?? ''
      notes.push(`could not fetch ${s.name} from ${remote}${why ? `: ${why}` : ''}`)
      return undefined
    }
    fetched = true
    const sha = s.fetchSpec === s.name ? await safeRevParse(cwd, s.name) : await fetchHead(cwd)
    notes.push(`fetched ${s.name}${shallow ? ' (depth 1)' : ''}`)
    return sha
  }

  try {
    const baseSha = await ensure(baseSide, localBase)
    // A fetch for the base may have brought head too: then look again rather than trust the
    // lookup made before it.
    const headSha =
      baseSha === undefined
        ? undefined
        : await ensure(headSide, fetched ? safeRevParse(cwd, headSide.name) : localHead)
    if (baseSha !== undefined && headSha !== undefined) {
      let from: string | undefined = baseSha
      if (plan.kind === 'merge-base') {
        from = await findMergeBase(cwd, baseSha, headSha, options, notes, () => {
          fetched = true
        })
      }
      if (from !== undefined) {
        const files = await diffNameStatus(cwd, from, headSha)
        const source: ChangeSource = fetched ? 'git-after-fetch' : 'git'
        notes.push(
          `${files.length} changed file(s) from git (${from.slice(0, 12)}..${headSha.slice(0, 12)})`
        )
        return { base: from, head: headSha, files, all: false, source, notes }
      }
    }
  } catch (e: unknown) {
    notes.push(`git failed: ${errorText(e)}`)
  }

  if (options.compareViaApi) {
    try {
      const files = await options.compareViaApi(baseSide.apiName, headSide.apiName)
      notes.push(
        `${files.length} changed file(s) from the GitHub compare API (${baseSide.apiName}...${headSide.apiName}, merge-base semantics)`
      )
      return { base: baseSide.apiName, head: plan.head, files, all: false, source: 'api', notes }
    } catch (e: unknown) {
      notes.push(`GitHub compare API failed: ${errorText(e)}`)
    }
  }

  const reason = `could not determine the changes for ${plan.description}; checking every file`
  notes.push(reason)
  return { head: plan.head, files: [], all: true, source: 'none', reason, notes }
}

/**
 * The merge base of two present commits. In a shallow clone the common ancestor is often beyond
 * the shallow boundary, so history is deepened from both tips in doubling steps until git finds
 * one or the rounds run out.
 */
async function findMergeBase(
  cwd: string,
  a: string,
  b: string,
  options: ResolveOptions,
  notes: string[],
  onFetch: () => void
): Promise<string | undefined> {
  const found = await mergeBase(cwd, a, b)
  if (found !== undefined) return found
  if (!(await isShallow(cwd))) {
    notes.push(`${a.slice(0, 12)} and ${b.slice(0, 12)} have no common ancestor`)
    return undefined
  }
  const rounds = options.maxDeepenRounds ?? 6
  let step = options.initialDeepen ?? 50
  let total = 0
  for (let round = 0; round < rounds; round++) {
    const r = await deepen(cwd, [a, b], step, { remote: options.remote ?? 'origin' })
    if (r.code !== 0) {
      notes.push(`could not deepen the clone: ${r.stderr.trim().split('\n')[0] ?? ''}`)
      return undefined
    }
    onFetch()
    total += step
    const mb = await mergeBase(cwd, a, b)
    if (mb !== undefined) {
      notes.push(`found the merge base after deepening the clone by ${total} commit(s)`)
      return mb
    }
    if (!(await isShallow(cwd))) break
    step *= 2
  }
  notes.push(`no merge base after deepening the clone by ${total} commit(s)`)
  return undefined
}

async function safeRevParse(cwd: string, rev: string): Promise<string | undefined> {
  try {
    return await revParse(cwd, rev)
  } catch {
    return undefined
  }
}
