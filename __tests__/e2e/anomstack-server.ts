/**
 * A real `dagster-webserver` (from .venv-anomstack, Dagster 1.13.27) serving the REAL Anomstack
 * code location: upstream `anomstack.main` (from ../shared/upstream/anomstack, on PYTHONPATH)
 * over a temporary repository holding a copy of the real upstream metrics tree, with that
 * repository as the working directory (get_specs reads `./metrics`), as upstream's workspace
 * does. The repository is a git repository the scenarios commit to (see action-harness.ts).
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { startActionServer, type ActionServer } from './action-harness.js'
import type { CustomLocation, LocationRepo } from './dagster-server.js'
import { ANOMSTACK_PYTHON, UPSTREAM_DIR, UPSTREAM_METRICS } from '../helpers/paths.js'

/** The location name of every upstream workspace file. */
export const ANOMSTACK_LOCATION = 'anomstack'

function anomstackLocation(): CustomLocation {
  return {
    webserverBin: path.join(path.dirname(ANOMSTACK_PYTHON), 'dagster-webserver'),
    env: {
      PYTHONPATH: UPSTREAM_DIR,
      PYTHONWARNINGS: 'ignore',
      // The real location reads these at import: keep the runner's own values out.
      ANOMSTACK_IGNORE_EXAMPLES: '',
      ANOMSTACK_AUTO_CONFIG_RELOAD: 'false',
      DAGSTER_DEV: 'false'
    },
    setup(root) {
      const repoDir = path.join(root, 'repo-anomstack')
      const metricsDir = path.join(repoDir, 'metrics')
      cpSync(UPSTREAM_METRICS, metricsDir, { recursive: true })
      const repo: LocationRepo = {
        name: ANOMSTACK_LOCATION,
        repoDir,
        metricsDir,
        writeMetric(rel, content) {
          const file = path.join(metricsDir, rel)
          mkdirSync(path.dirname(file), { recursive: true })
          writeFileSync(file, content)
        },
        removeMetric: (rel) => rmSync(path.join(metricsDir, rel), { force: true, recursive: true })
      }
      const workspaceYaml =
        'load_from:\n  - python_module:\n      module_name: anomstack.main\n' +
        `      location_name: ${JSON.stringify(ANOMSTACK_LOCATION)}\n` +
        `      working_directory: ${JSON.stringify(repoDir)}\n`
      return { repos: [repo], workspaceYaml, cwd: repoDir }
    }
  }
}

/** Start the real Anomstack location for action runs; always pair with `stop()`. */
export function startAnomstackServer(): Promise<ActionServer> {
  return startActionServer({ serve: anomstackLocation(), startTimeoutMs: 240_000 })
}
