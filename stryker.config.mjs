// Mutation testing of the pure core (`npm run test:mutation`). Concurrency 1: the shared CI
// machine has two cores. MUTATION_SCOPE=cron|changes|rules|yaml narrows a run to one folder and
// to that folder's unit tests (vitest.mutation.config.ts), with its own incremental file, so
// `npm run test:mutation -- --incremental` re-tests only the mutants whose code or tests changed.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const SCOPES = ['cron', 'changes', 'rules', 'yaml']
const scope = process.env['MUTATION_SCOPE']
if (scope !== undefined && !SCOPES.includes(scope))
  throw new Error(`MUTATION_SCOPE must be one of ${SCOPES.join(', ')}, not ${scope}`)
const folders = scope === undefined ? SCOPES : [scope]
const name = scope ?? 'all'

// Some rule tests read the upstream Anomstack metrics tree, which they look for beside the
// project (../shared) or in .cache: neither exists inside the sandbox (.tmp/stryker/sandbox-*),
// so point them at it from here, the project root (__tests__/helpers/paths.ts).
const root = dirname(fileURLToPath(import.meta.url))
for (const [envVar, candidates] of [
  ['ANOMSTACK_UPSTREAM_DIR', ['../shared/upstream/anomstack', '.cache/upstream/anomstack']],
  [
    'ANOMSTACK_CORPUS_METRICS',
    ['../shared/corpus/anomstack/metrics', '.cache/upstream/anomstack/metrics']
  ]
]) {
  const found = candidates.map((c) => resolve(root, c)).find((d) => existsSync(d))
  if (!process.env[envVar] && found) process.env[envVar] = found
}

// MUTATION_SAMPLE=0.15 mutates a fixed pseudo-random share of each file's 10-line windows
// (the same windows every run), for a score estimate where the full run would take hours on
// this machine. A mutant spanning two windows is in the sample only when both are.
const WINDOW = 10
const sample =
  process.env['MUTATION_SAMPLE'] === undefined ? 1 : Number(process.env['MUTATION_SAMPLE'])
if (!(sample > 0 && sample <= 1)) throw new Error('MUTATION_SAMPLE must be in (0, 1]')

/** FNV-1a of `text` with murmur3's final mix (neighbouring windows land far apart), in [0, 1). */
function unit(text) {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32
}

function sourceFiles(dir) {
  return readdirSync(resolve(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(`${dir}/${e.name}`)
      : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')
        ? [`${dir}/${e.name}`]
        : []
  )
}

/** Runs of sampled windows of `file`, as Stryker line ranges (`file:11-30`). */
function sampledRanges(file) {
  const lines = readFileSync(resolve(root, file), 'utf8').split('\n').length
  const ranges = []
  for (let w = 0; w * WINDOW < lines; w++) {
    if (unit(`${file}#${w}`) >= sample) continue
    const start = w * WINDOW + 1
    const end = Math.min(lines, start + WINDOW - 1)
    const last = ranges.at(-1)
    if (last && last.end === start - 1) last.end = end
    else ranges.push({ start, end })
  }
  return ranges.map((r) => `${file}:${r.start}-${r.end}`)
}

const GENERATED = 'src/rules/model/pyod-signatures.generated.ts'
const mutate =
  sample === 1
    ? [
        ...folders.map((f) => `src/${f}/**/*.ts`),
        '!src/**/*.d.ts',
        // Data written by scripts/gen-pyod-signatures.py from the installed pyod (checked
        // against it by pyod-signatures.test.ts), not logic: every mutant there is static.
        `!${GENERATED}`
      ]
    : folders
        .flatMap((f) => sourceFiles(`src/${f}`))
        .filter((f) => f !== GENERATED)
        .flatMap(sampledRanges)
const suffix = sample === 1 ? '' : `-sample${sample}`

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate,
  // The sandbox copies the project: leave out the venv symlinks, caches and built output.
  ignorePatterns: ['.venv', '.venv-*', '.cache', '.tmp', 'dist', 'coverage', 'python'],
  coverageAnalysis: 'perTest',
  // A static mutant (a module-level constant) is active before any test runs, so it forces the
  // whole suite per mutant; they are skipped and counted as `ignored` in the report (README).
  ignoreStatic: true,
  concurrency: 1,
  // Added to the mutant's expected time: an endless loop is cut after a few seconds, not 20.
  timeoutMS: 5_000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `.tmp/mutation/${name}${suffix}.json` },
  incrementalFile: `.tmp/mutation/${name}${suffix}-incremental.json`,
  tempDirName: '.tmp/stryker',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 85, break: null }
}
