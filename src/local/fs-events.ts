/**
 * File events for `watch`. Uses chokidar 4 rather than `fs.watch({ recursive: true })`: on Linux
 * Node's recursive mode is a JavaScript walk that has missed folders created after start and
 * loses the watch when a folder is deleted and recreated; editors that save by writing a temporary
 * file and renaming it over the original (vim, JetBrains, VS Code's atomic save) produce
 * unlink/add pairs that chokidar's `atomic` mode folds into one change. chokidar 4 has a single
 * small dependency (readdirp) and bundles with ncc.
 *
 * Events are only a trigger: every decision is made by re-reading the tree and comparing content
 * hashes, so a missed or duplicated event cannot make `watch` reload the wrong thing.
 */
import path from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import { isRootConfigName } from './root-files.js'

export interface TreeWatcher {
  close(): Promise<void>
}

const IGNORED_DIRS = new Set(['.git', 'node_modules', '__pycache__', '.venv'])

/** Call `onChange` on any event under `metricsAbs` or on a root config file of `repoRoot`. */
export function watchTree(
  repoRoot: string,
  metricsAbs: string,
  onChange: (what: string) => void,
  onError: (message: string) => void
): TreeWatcher {
  const watchers: FSWatcher[] = []
  const metrics = watch(metricsAbs, {
    ignoreInitial: true,
    persistent: true,
    atomic: true,
    followSymlinks: false,
    ignored: (p: string) => IGNORED_DIRS.has(path.basename(p))
  })
  const root = watch(repoRoot, {
    ignoreInitial: true,
    persistent: true,
    atomic: true,
    depth: 0,
    ignored: (p: string) => {
      if (p === repoRoot) return false
      const rel = path.relative(repoRoot, p)
      // The metrics folder itself (deleted, recreated), and the root config files.
      return !(isRootConfigName(rel) || p === metricsAbs || metricsAbs.startsWith(p + path.sep))
    }
  })
  let metricsGone = false
  for (const w of [metrics, root]) {
    w.on('all', (event, p) => {
      if (w === root && p === metricsAbs) {
        if (event === 'unlinkDir') metricsGone = true
        if (event === 'addDir' && metricsGone) {
          // A deleted and recreated folder: watch the new one.
          metricsGone = false
          metrics.unwatch(metricsAbs)
          metrics.add(metricsAbs)
        }
      }
      onChange(`${event} ${p}`)
    })
    w.on('error', (e: unknown) => onError(e instanceof Error ? e.message : String(e)))
    watchers.push(w)
  }
  return {
    close: async () => {
      await Promise.all(watchers.map((w) => w.close()))
    }
  }
}
