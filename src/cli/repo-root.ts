import { existsSync } from 'node:fs'
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
