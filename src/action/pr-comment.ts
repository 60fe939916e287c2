/**
 * The sticky plan comment on a pull request: one comment, found again by a hidden marker and by
 * its author, edited in place on every push, deleted when the plan becomes empty.
 *
 * Empty plan → the comment is deleted (not edited to "no changes"): a PR that ends up touching
 * nothing in Dagster should carry no bot noise, and a later push that changes something again
 * simply creates a fresh comment.
 */

/** The fields of an issue comment we read (a subset of GitHub's REST shape). */
export interface IssueComment {
  readonly id: number
  readonly body?: string | null
  readonly html_url?: string
  readonly user?: { readonly login: string; readonly type?: string } | null
}

/**
 * The four REST calls used, shaped like `octokit.rest.issues` so the real client can be passed
 * as is (`getOctokit(token).rest.issues`) and tests can pass a fake.
 */
export interface IssueCommentsApi {
  listComments(params: {
    owner: string
    repo: string
    issue_number: number
    per_page: number
    page: number
  }): Promise<{ data: readonly IssueComment[] }>
  createComment(params: {
    owner: string
    repo: string
    issue_number: number
    body: string
  }): Promise<{ data: IssueComment }>
  updateComment(params: {
    owner: string
    repo: string
    comment_id: number
    body: string
  }): Promise<{ data: IssueComment }>
  deleteComment(params: { owner: string; repo: string; comment_id: number }): Promise<unknown>
}

export interface UpsertCommentOptions {
  readonly api: IssueCommentsApi
  readonly owner: string
  readonly repo: string
  readonly issueNumber: number
  /** The new body (it must contain `marker`), or undefined when the plan is empty. */
  readonly body: string | undefined
  /** Hidden marker, e.g. `<!-- anomstack-hot-reload:plan -->`. */
  readonly marker: string
  /**
   * Login of the account the token comments as. Default `github-actions[bot]` (the
   * `GITHUB_TOKEN`), and then the author must also be of type `Bot`.
   */
  readonly botLogin?: string
  /** Stop listing after this many pages of 100 comments. Default 30. */
  readonly maxPages?: number
}

export type UpsertResult =
  | { readonly status: 'created'; readonly commentId: number; readonly url?: string }
  | { readonly status: 'updated'; readonly commentId: number; readonly url?: string }
  | { readonly status: 'unchanged'; readonly commentId: number; readonly url?: string }
  | { readonly status: 'deleted'; readonly commentIds: readonly number[] }
  /** Empty plan and no comment of ours: nothing to do. */
  | { readonly status: 'none' }
  /** No permission (a fork's read-only token, or `pull-requests: write` missing). */
  | { readonly status: 'skipped'; readonly reason: string }
  /** Any other failure; the caller reports it as a warning. */
  | { readonly status: 'failed'; readonly reason: string }

export const DEFAULT_BOT_LOGIN = 'github-actions[bot]'
const PER_PAGE = 100

function httpStatus(e: unknown): number | undefined {
  if (e && typeof e === 'object' && 'status' in e && typeof e.status === 'number') return e.status
  return undefined
}

function errorText(e: unknown): string {
  const s = e instanceof Error ? e.message : String(e)
  return s.length > 300 ? `${s.slice(0, 300)}…` : s
}

/** Our comments, oldest first: the marker AND the bot as author, so no human's comment is ever touched. */
function isOurs(c: IssueComment, marker: string, botLogin: string | undefined): boolean {
  if (!c.body?.includes(marker) || !c.user) return false
  if (botLogin !== undefined) return c.user.login === botLogin
  return c.user.login === DEFAULT_BOT_LOGIN && c.user.type === 'Bot'
}

/**
 * Creates, edits or deletes the sticky comment so that exactly one (or, for an empty plan, none)
 * of ours remains. Duplicates left by concurrent runs are deleted, keeping the oldest. Never
 * throws: a 403 (fork PR, read-only token) gives `skipped`, anything else `failed`.
 */
export async function upsertPlanComment(o: UpsertCommentOptions): Promise<UpsertResult> {
  const { api, owner, repo, marker } = o
  if (o.body !== undefined && !o.body.includes(marker)) {
    return { status: 'failed', reason: 'the comment body does not contain the marker' }
  }
  try {
    const ours: IssueComment[] = []
    const maxPages = o.maxPages ?? 30
    for (let page = 1; page <= maxPages; page++) {
      const { data } = await api.listComments({
        owner,
        repo,
        issue_number: o.issueNumber,
        per_page: PER_PAGE,
        page
      })
      for (const c of data) if (isOurs(c, marker, o.botLogin)) ours.push(c)
      if (data.length < PER_PAGE) break
    }
    ours.sort((a, b) => a.id - b.id)

    if (o.body === undefined) {
      if (ours.length === 0) return { status: 'none' }
      for (const c of ours) await api.deleteComment({ owner, repo, comment_id: c.id })
      return { status: 'deleted', commentIds: ours.map((c) => c.id) }
    }

    const [keep, ...extra] = ours
    for (const c of extra) await api.deleteComment({ owner, repo, comment_id: c.id })
    if (keep === undefined) {
      const { data } = await api.createComment({
        owner,
        repo,
        issue_number: o.issueNumber,
        body: o.body
      })
      return {
        status: 'created',
        commentId: data.id,
        ...(data.html_url ? { url: data.html_url } : {})
      }
    }
    const url = keep.html_url ? { url: keep.html_url } : {}
    // An identical edit would still notify subscribers and bump "edited"; skip it.
    if (keep.body === o.body) return { status: 'unchanged', commentId: keep.id, ...url }
    await api.updateComment({ owner, repo, comment_id: keep.id, body: o.body })
    return { status: 'updated', commentId: keep.id, ...url }
  } catch (e: unknown) {
    const status = httpStatus(e)
    if (status === 403) {
      return {
        status: 'skipped',
        reason:
          'the token may not write pull-request comments (a pull request from a fork gets a read-only token; otherwise grant `pull-requests: write`)'
      }
    }
    return {
      status: 'failed',
      reason: `${status !== undefined ? `HTTP ${status}: ` : ''}${errorText(e)}`
    }
  }
}

export interface PostPlanCommentOptions {
  readonly token: string
  readonly owner: string
  readonly repo: string
  readonly issueNumber: number
  /** The comment body, or undefined for an empty plan (deletes our comment). */
  readonly body: string | undefined
  readonly marker: string
  readonly botLogin?: string
  /** REST API root; default `GITHUB_API_URL` (github.com or the GHES server). Tests use 127.0.0.1. */
  readonly baseUrl?: string
}

/**
 * {@link upsertPlanComment} through `@actions/github`'s Octokit. Never throws. Octokit is loaded
 * here, on first use (a separate chunk of the bundle): most runs never comment.
 */
export async function postPlanComment(o: PostPlanCommentOptions): Promise<UpsertResult> {
  let api: IssueCommentsApi
  try {
    const { getOctokit } = await import('@actions/github')
    api = getOctokit(o.token, o.baseUrl !== undefined ? { baseUrl: o.baseUrl } : {}).rest.issues
  } catch (e: unknown) {
    return { status: 'failed', reason: errorText(e) }
  }
  return upsertPlanComment({
    api,
    owner: o.owner,
    repo: o.repo,
    issueNumber: o.issueNumber,
    body: o.body,
    marker: o.marker,
    ...(o.botLogin !== undefined ? { botLogin: o.botLogin } : {})
  })
}
