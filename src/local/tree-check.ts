/** Read and validate the metrics tree for `reload` and `watch` (the same core as `validate`). */
import path from 'node:path'
import { readMetricsTree } from '../config/read-tree.js'
import type { ParseCache } from '../config/parse-cache.js'
import type { FileTree } from '../core/tree.js'
import { validateTree, type ValidationResult } from '../validate.js'
import { findRepoRoot } from '../cli/repo-root.js'

export interface TreeLocation {
  readonly repoRoot: string
  /** Absolute metrics folder. */
  readonly metricsAbs: string
  /** Repository-relative POSIX path of the metrics folder. */
  readonly metricsRel: string
}

export interface TreeCheck {
  readonly tree: FileTree
  readonly result: ValidationResult
  readonly errors: number
}

export function locateTree(
  cwd: string,
  metricsDir: string,
  repo: string | undefined
): TreeLocation {
  const metricsAbs = path.resolve(cwd, metricsDir)
  const repoRoot = findRepoRoot(metricsAbs, cwd, repo)
  const metricsRel = path.relative(repoRoot, metricsAbs).split(path.sep).join('/')
  return { repoRoot, metricsAbs, metricsRel }
}

export async function checkTree(
  where: TreeLocation,
  maxBytes: number,
  parseCache?: ParseCache
): Promise<TreeCheck> {
  const tree = await readMetricsTree(where.repoRoot, where.metricsRel, { maxBytes })
  const result = validateTree(tree, { maxBytes, ...(parseCache ? { parseCache } : {}) })
  parseCache?.sweep()
  return { tree, result, errors: result.diagnostics.filter((d) => d.severity === 'error').length }
}
