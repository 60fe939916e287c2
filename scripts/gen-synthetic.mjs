// Generates the benchmark workloads reproducibly (seeded PRNG, nothing downloaded):
//   - synthetic Anomstack metrics repositories of N realistic batches (includes, defaults, tags,
//     thresholds, model and preprocess overrides, and a few deliberate problems);
//   - one ~9 MB batch with 300,000 metric_tags entries;
//   - hostile files: an alias bomb, 100,000-deep flow nesting and a binary file.
//
// Usage: node scripts/gen-synthetic.mjs <outDir> [--batches 100,1000,10000] [--seed 20240917]
// The benchmark (scripts/bench.mjs) imports the functions; the CLI is for looking at the output.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Upstream Anomstack metrics folder (read only; its defaults are copied into every workload). */
export const CORPUS_METRICS =
  process.env.ANOMSTACK_CORPUS_METRICS ??
  path.resolve(repoRoot, '../shared/corpus/anomstack/metrics')

export const DEFAULT_SEED = 20240917

/** mulberry32: a tiny, well-mixed 32-bit PRNG; the same seed always yields the same repository. */
export function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const DOMAINS = [
  'sales',
  'users',
  'orders',
  'traffic',
  'billing',
  'latency',
  'inventory',
  'signups'
]
const TEAMS = ['growth', 'platform', 'data', 'payments', 'search', 'mobile']
const SUFFIXES = ['count', 'sum', 'p95', 'rate', 'total', 'avg', 'errors', 'ratio']
const MODELS = ['PCA', 'KNN', 'IForest', 'COPOD', 'ECOD']
const METHODS = ['"email,slack"', '"email"', '"slack"']
const STEPS = [5, 10, 15, 20, 30]

/** The kinds of deliberate problems, each found by a different rule (about 1 batch in 100). */
export const PROBLEM_KINDS = [
  'unquoted-cron',
  'typo-key',
  'missing-include',
  'inverted-threshold',
  'duplicate-key',
  'unknown-model'
]

function makePicker(rng) {
  return {
    int: (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(rng() * xs.length)],
    chance: (p) => rng() < p
  }
}

/** Writes `<root>/metrics/defaults/**` from the upstream corpus, so workloads use the real defaults. */
export function writeDefaults(root) {
  const dest = path.join(root, 'metrics', 'defaults')
  if (!existsSync(CORPUS_METRICS)) throw new Error(`corpus not found at ${CORPUS_METRICS}`)
  cpSync(path.join(CORPUS_METRICS, 'defaults'), dest, { recursive: true })
}

function cron(p) {
  return p.chance(0.5) ? `"*/${p.pick(STEPS)} * * * *"` : `"${p.int(0, 59)} ${p.int(0, 23)} * * *"`
}

/**
 * Text of one batch file. `problem` (one of PROBLEM_KINDS or undefined) injects one mistake.
 * The include target is returned so the caller writes it (or, for 'missing-include', does not).
 */
function batchYaml(p, i, relDir, problem) {
  const domain = p.pick(DOMAINS)
  const name = `syn_${domain}_${String(i).padStart(5, '0')}`
  const metrics = Array.from(
    { length: p.int(1, 4) },
    (_, k) => `${domain}_${p.pick(SUFFIXES)}_${k}`
  )
  const lines = [`# Synthetic batch ${i}: ${domain} metrics owned by ${p.pick(TEAMS)}.`]
  lines.push(`metric_batch: "${name}"`)
  if (p.chance(0.3)) lines.push(`table_key: "metrics_${domain}"`)
  if (p.chance(0.2)) lines.push(`disable_dashboard: True`)
  lines.push(
    problem === 'unquoted-cron'
      ? `ingest_cron_schedule: */10 * * * *`
      : `ingest_cron_schedule: ${cron(p)} # ingest`
  )
  lines.push(`train_cron_schedule: ${cron(p)}`)
  lines.push(`score_cron_schedule: ${cron(p)}`)
  lines.push(`alert_cron_schedule: ${cron(p)}`)
  if (p.chance(0.5)) lines.push(`change_cron_schedule: ${cron(p)}`)
  lines.push(`alert_methods: ${p.pick(METHODS)}`)
  if (problem === 'duplicate-key') lines.push(`alert_methods: "email"`)
  if (problem === 'typo-key') lines.push(`alert_treshold: 0.9`)
  else if (p.chance(0.4))
    lines.push(`alert_threshold: ${p.pick(['0.6', '0.7', '0.8', '0.9', '0.95'])}`)
  if (p.chance(0.5)) lines.push(`disable_llmalert: ${p.pick(['True', 'False'])}`)
  if (p.chance(0.3)) lines.push(`train_max_n: ${p.int(500, 5000)}`)

  let include
  if (problem === 'missing-include' || p.chance(0.6)) {
    include = `${relDir}/${name}.sql`
    lines.push('ingest_sql: >', `  {% include "./${include}" %}`)
  } else {
    lines.push('ingest_sql: |', '  select')
    lines.push('    current_timestamp as metric_timestamp,')
    lines.push(`    '${metrics[0]}' as metric_name,`)
    lines.push(`    count(*) as metric_value`)
    lines.push(`  from ${domain}_events`)
    lines.push(`  where event_ts > current_timestamp - interval ${p.int(1, 24)} hour;`)
  }

  if (p.chance(0.5)) {
    lines.push('metric_tags:')
    for (const m of metrics) {
      lines.push(`  ${m}:`, `    team: ${p.pick(TEAMS)}`, `    priority: p${p.int(1, 3)}`)
    }
  }
  if (problem === 'inverted-threshold' || p.chance(0.3)) {
    lines.push('disable_tholdalert: False', `tholdalert_methods: ${p.pick(METHODS)}`)
    lines.push('tholdalert_thresholds:')
    for (const m of metrics) {
      const lo = p.int(0, 50)
      const hi = lo + p.int(10, 500)
      const [upper, lower] = problem === 'inverted-threshold' ? [lo, hi] : [hi, lo]
      lines.push(`  ${m}:`, `    upper: ${upper}`, `    lower: ${lower}`)
    }
  }
  if (p.chance(0.15)) {
    lines.push('preprocess_params:')
    lines.push(`  diff_n: ${p.int(0, 1)}`, `  smooth_n: ${p.int(0, 5)}`, `  lags_n: ${p.int(1, 7)}`)
    lines.push(`  freq: null`, `  freq_agg: 'mean'`)
  }
  if (problem === 'unknown-model' || p.chance(0.1)) {
    lines.push('model_configs:')
    const n = p.int(1, 2)
    for (let k = 0; k < n; k++) {
      const model = problem === 'unknown-model' && k === 0 ? 'PCAA' : p.pick(MODELS)
      lines.push(`  - model_name: '${model}'`, `    model_tag: '${model.toLowerCase()}_${k}'`)
      lines.push('    model_params:', `      contamination: 0.0${p.int(1, 5)}`)
    }
  }
  return {
    name,
    text: lines.join('\n') + '\n',
    include: problem === 'missing-include' ? undefined : include
  }
}

/**
 * Writes a metrics repository of `batches` batch files under `<root>/metrics`, 100 per folder.
 * The same seed gives byte-identical output, and a smaller repository is a prefix of a larger one.
 * @returns {{ yamlFiles: number, otherFiles: number, bytes: number, problems: Record<string, number> }}
 */
export function generateMetricsRepo(root, { batches, seed = DEFAULT_SEED }) {
  rmSync(root, { recursive: true, force: true })
  writeDefaults(root)
  const p = makePicker(mulberry32(seed))
  const problems = {}
  let bytes = 0
  let otherFiles = 0
  let problemTurn = 0
  for (let i = 0; i < batches; i++) {
    const relDir = `synthetic/g${String(Math.floor(i / 100)).padStart(3, '0')}`
    const dir = path.join(root, 'metrics', relDir)
    if (i % 100 === 0) mkdirSync(dir, { recursive: true })
    // Spread the problems evenly (every 97th batch, plus batch 3 so that 100 batches have one).
    const problem =
      i === 3 || (i > 3 && i % 97 === 0)
        ? PROBLEM_KINDS[problemTurn++ % PROBLEM_KINDS.length]
        : undefined
    if (problem) problems[problem] = (problems[problem] ?? 0) + 1
    const b = batchYaml(p, i, relDir, problem)
    writeFileSync(path.join(dir, `${b.name}.yaml`), b.text)
    bytes += Buffer.byteLength(b.text)
    if (b.include) {
      writeFileSync(
        path.join(root, 'metrics', b.include),
        `select 1 as metric_value -- ${b.name}\n`
      )
      otherFiles++
    }
  }
  return { yamlFiles: batches, otherFiles, bytes, problems }
}

/**
 * Writes `<root>/metrics/big/big.yaml`: one valid batch whose metric_tags has `entries` entries
 * (300,000 gives about 8.9 MB), next to the real defaults.
 * @returns {{ file: string, bytes: number }}
 */
export function generateBigBatch(root, { entries = 300_000, seed = DEFAULT_SEED } = {}) {
  rmSync(root, { recursive: true, force: true })
  writeDefaults(root)
  const p = makePicker(mulberry32(seed ^ 0x9e3779b9))
  const parts = [
    'metric_batch: "big_tags"',
    'ingest_cron_schedule: "*/10 * * * *"',
    'ingest_sql: >',
    '  {% include "./defaults/sql/score.sql" %}',
    'metric_tags:'
  ]
  const regions = ['eu', 'us', 'apac', 'latam']
  for (let i = 0; i < entries; i++) {
    parts.push(`  metric_${String(i).padStart(6, '0')}:`, `    dc: ${p.pick(regions)}`)
  }
  const text = parts.join('\n') + '\n'
  const dir = path.join(root, 'metrics', 'big')
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, 'big.yaml')
  writeFileSync(file, text)
  return { file, bytes: Buffer.byteLength(text) }
}

/** Hostile single-file workloads: name → bytes of `metrics/hostile/<name>.yaml`. */
export function hostileFiles(seed = DEFAULT_SEED) {
  // Billion laughs: 11 levels of 9 aliases, ~4e10 nodes once expanded.
  const bomb = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  for (let n = 1; n <= 10; n++) {
    bomb.push(
      `a${n}: &a${n} [${Array(9)
        .fill(`*a${n - 1}`)
        .join(',')}]`
    )
  }
  const depth = 100_000
  const rng = mulberry32(seed ^ 0x51ed270b)
  const binary = new Uint8Array(512 * 1024)
  for (let i = 0; i < binary.length; i++) binary[i] = Math.floor(rng() * 256)
  binary.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) // a PNG signature, committed as .yaml
  return {
    'alias-bomb': Buffer.from(`metric_batch: "bomb"\n${bomb.join('\n')}\n`),
    'deep-seq': Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}\n`),
    'deep-map': Buffer.from(`${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`),
    binary: Buffer.from(binary)
  }
}

/**
 * Writes one repository per hostile file: `<root>/<name>/metrics/{defaults,hostile/<name>.yaml}`.
 * @returns {Record<string, { repo: string, file: string, bytes: number }>}
 */
export function generateHostile(root, seed = DEFAULT_SEED) {
  const out = {}
  for (const [name, bytes] of Object.entries(hostileFiles(seed))) {
    const repo = path.join(root, name)
    rmSync(repo, { recursive: true, force: true })
    writeDefaults(repo)
    const dir = path.join(repo, 'metrics', 'hostile')
    mkdirSync(dir, { recursive: true })
    const file = path.join(dir, `${name}.yaml`)
    writeFileSync(file, bytes)
    out[name] = { repo, file, bytes: bytes.length }
  }
  return out
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      batches: { type: 'string', default: '100,1000,10000' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      'big-entries': { type: 'string', default: '300000' }
    }
  })
  const out = positionals[0]
  if (!out) {
    console.error('usage: node scripts/gen-synthetic.mjs <outDir> [--batches 100,1000] [--seed N]')
    process.exit(2)
  }
  const seed = Number(values.seed)
  for (const n of values.batches.split(',').map(Number)) {
    const info = generateMetricsRepo(path.join(out, `batches-${n}`), { batches: n, seed })
    console.log(`batches-${n}: ${JSON.stringify(info)}`)
  }
  const big = generateBigBatch(path.join(out, 'big'), {
    entries: Number(values['big-entries']),
    seed
  })
  console.log(`big: ${big.bytes} bytes`)
  const hostile = generateHostile(path.join(out, 'hostile'), seed)
  for (const [k, v] of Object.entries(hostile)) console.log(`hostile/${k}: ${v.bytes} bytes`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main()
