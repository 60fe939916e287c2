import type { ChangedFile, ChangeStatus } from '../changes/changed-file.js'
import type { CompareViaApi } from '../changes/resolve.js'

const STATUS: Record<string, ChangeStatus> = {
  added: 'added',
  modified: 'modified',
  changed: 'modified',
  removed: 'deleted',
  renamed: 'renamed',
  copied: 'copied'
}

/**
 * The REST compare API, used only when local git cannot produce the diff. Octokit is loaded on
 * the first call (a separate chunk of the bundle), so runs that git answers never parse it.
 */
export function compareViaGithubApi(
  token: string,
  repository: { owner: string; repo: string }
): CompareViaApi {
  return async (base: string, head: string): Promise<ChangedFile[]> => {
    const { getOctokit } = await import('@actions/github')
    const octokit = getOctokit(token)
    const files: ChangedFile[] = []
    for (let page = 1; page <= 10; page++) {
      const res = await octokit.rest.repos.compareCommitsWithBasehead({
        ...repository,
        basehead: `${base}...${head}`,
        per_page: 300,
        page
      })
      const batch = res.data.files ?? []
      for (const f of batch) {
        const status = STATUS[f.status] ?? 'modified'
        files.push(
          status === 'renamed' && f.previous_filename
            ? { status, path: f.filename, previousPath: f.previous_filename }
            : { status, path: f.filename }
        )
      }
      if (batch.length < 300) return files
    }
    // GitHub caps compare at 3,000 files: a truncated list must not pass for a complete one.
    throw new Error('The compare API returned 3,000 files, its limit; the list may be incomplete.')
  }
}
