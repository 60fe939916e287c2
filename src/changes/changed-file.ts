/** How a path differs between two commits, in the words `git diff --name-status` uses. */
export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed'

/** One entry of a commit-to-commit diff. Paths are repository-relative POSIX paths. */
export interface ChangedFile {
  readonly status: ChangeStatus
  /** The path in the head commit (for `deleted`, the path that disappeared). */
  readonly path: string
  /** For `renamed` and `copied`: the path in the base commit. */
  readonly previousPath?: string
}
