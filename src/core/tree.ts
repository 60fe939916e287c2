/**
 * The input of validation: a snapshot of the files under the metrics folder, already read by
 * the I/O edge (`src/config/read-tree.ts`) or built in memory by tests. Validation is a pure
 * function of this snapshot.
 */
export type TreeEntry =
  | {
      readonly kind: 'file'
      /** Repository-relative POSIX path, e.g. `metrics/examples/sales/sales.yaml`. */
      readonly path: string
      readonly bytes: Uint8Array
    }
  | {
      /** A file that exists but could not be checked (unreadable, too large, symlink out of the repository...). */
      readonly kind: 'unreadable'
      readonly path: string
      readonly ruleId: string
      readonly message: string
      readonly hint?: string
      /**
       * True when Python's `os.path.isfile` is False for it (a broken link, a FIFO, a socket):
       * Jinja's loader then raises TemplateNotFound for an include of it, as for a missing file.
       */
      readonly notAFile?: true
    }
  | {
      /** A directory symlink: Anomstack's os.walk(followlinks=False) does not descend into it. */
      readonly kind: 'dir-link'
      readonly path: string
    }

export interface FileTree {
  /** Repository-relative POSIX path of the metrics folder, e.g. `metrics` ('' is not allowed). */
  readonly metricsDir: string
  readonly entries: readonly TreeEntry[]
}
