import { readFileSync } from 'node:fs'

/** What the runner tells the action about this run (environment + event payload). */
export interface RunContext {
  readonly eventName: string
  readonly payload: Record<string, unknown>
  readonly workspace: string
  readonly ref: string | undefined
  readonly sha: string | undefined
  readonly repository: { readonly owner: string; readonly repo: string } | undefined
  readonly serverUrl: string
  readonly runnerTemp: string
  readonly defaultBranch: string | undefined
}

export class ContextError extends Error {
  override readonly name = 'ContextError'
}

function env(name: string): string | undefined {
  const v = process.env[name]
  return v === undefined || v === '' ? undefined : v
}

export function readRunContext(): RunContext {
  const eventName = env('GITHUB_EVENT_NAME') ?? 'workflow_dispatch'
  let payload: Record<string, unknown> = {}
  const eventPath = env('GITHUB_EVENT_PATH')
  if (eventPath) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(eventPath, 'utf8'))
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        payload = parsed as Record<string, unknown>
    } catch (e: unknown) {
      throw new ContextError(
        `Could not read the event payload: ${e instanceof Error ? e.message : String(e)}`
      )
    }
  }
  const workspace = env('GITHUB_WORKSPACE') ?? process.cwd()
  const [owner, repo] = (env('GITHUB_REPOSITORY') ?? '').split('/')
  const repository = owner && repo ? { owner, repo } : undefined
  const repoPayload = payload['repository']
  const defaultBranch =
    repoPayload && typeof repoPayload === 'object' && 'default_branch' in repoPayload
      ? String((repoPayload as { default_branch: unknown }).default_branch)
      : undefined
  return {
    eventName,
    payload,
    workspace,
    ref: env('GITHUB_REF'),
    sha: env('GITHUB_SHA'),
    repository,
    serverUrl: env('GITHUB_SERVER_URL') ?? 'https://github.com',
    runnerTemp: env('RUNNER_TEMP') ?? workspace,
    defaultBranch
  }
}
