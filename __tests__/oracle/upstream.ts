/**
 * Where the real Anomstack oracle lives: the upstream checkout (package + metrics tree) and the
 * venv that can `import anomstack.main` (scripts/setup-python.sh). When either is missing the
 * oracle suites skip with one line naming what is missing.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { REPO_ROOT } from '../helpers/paths.js'

/** The upstream Anomstack checkout: $ANOMSTACK_UPSTREAM_DIR, else ../shared/upstream/anomstack. */
export const UPSTREAM_DIR = path.resolve(
  process.env['ANOMSTACK_UPSTREAM_DIR'] ?? path.join(REPO_ROOT, '../shared/upstream/anomstack')
)

/** The real metrics tree of that checkout. */
export const UPSTREAM_METRICS = path.join(UPSTREAM_DIR, 'metrics')

/** Python of the venv with the upstream requirements (Dagster 1.13.27, pyod from PyPI). */
export const ANOMSTACK_PYTHON = path.join(REPO_ROOT, '.venv-anomstack/bin/python')

/** The forking oracle runner (python/oracle/runner.py). */
export const ORACLE_RUNNER = path.join(REPO_ROOT, 'python/oracle/runner.py')

/** Why the oracle cannot run here (one line), or undefined when it can. */
export function oracleMissing(): string | undefined {
  if (!existsSync(path.join(UPSTREAM_DIR, 'anomstack/main.py')))
    return `no upstream Anomstack checkout at ${UPSTREAM_DIR} (set ANOMSTACK_UPSTREAM_DIR)`
  if (!existsSync(path.join(UPSTREAM_METRICS, 'defaults/defaults.yaml')))
    return `no metrics tree at ${UPSTREAM_METRICS}`
  if (!existsSync(ANOMSTACK_PYTHON))
    return `no ${ANOMSTACK_PYTHON} (run scripts/setup-python.sh with the upstream checkout present)`
  return undefined
}
