import { existsSync, statSync } from 'node:fs'
import path from 'node:path'

/**
 * The repository root that bounds what may be read: `--repo`, else the nearest ancestor of the
 * metrics folder holding `.git`, else the current folder when the metrics folder is inside it,
 * else the metrics folder's parent.
 */
export function findRepoRoot(
  metricsAbs: string,
  cwd: string,
  explicit: string | undefined
): string {
  if (explicit) return path.resolve(cwd, explicit)
  for (let dir = path.dirname(metricsAbs); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir
    if (path.dirname(dir) === dir) break
  }
  const rel = path.relative(cwd, metricsAbs)
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return cwd
  return path.dirname(metricsAbs)
}

/**
 * `metrics/` in `cwd` or its nearest ancestor, stopping at the repository root (`stopAt`, else
 * the first folder holding `.git`): what `validate` checks when no folder is given.
 */
export function findMetricsDir(cwd: string, stopAt: string | undefined): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'metrics')
    if (isDirectory(candidate)) return candidate
    if (dir === stopAt || existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir)
      return undefined
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory()
  } catch {
    return false
  }
}
