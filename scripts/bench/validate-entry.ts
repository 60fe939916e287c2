/**
 * Benchmark child: reads a metrics tree and validates it in-process, then prints one JSON line.
 *
 * Bundled with ncc by scripts/bench.mjs at bench start (there is no TS runner in the repo), and
 * spawned fresh for every repetition so that peak RSS belongs to exactly one measured run.
 *
 * Usage: node entry.js --repo <dir> --metrics <rel> [--max-bytes N] [--warm N] [--warmup N]
 *                      [--profile out.cpuprofile] [--profile-interval µs]
 *   The first read + validate is the cold figure (what a one-shot CLI or action run pays).
 *   With --warm N, it then validates the same tree --warmup more times unmeasured and N times
 *   measured: the steady-state figure once the JIT has compiled the hot paths.
 *   With --profile, a CPU profile of exactly the cold read + validate (not module loading) is
 *   written there.
 */
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { parseArgs } from 'node:util'
import { readMetricsTree } from '../../src/config/read-tree.js'
import { validateTree } from '../../src/validate.js'

interface EntryResult {
  readonly readMs: number
  readonly validateMs: number
  readonly totalMs: number
  readonly warmMs: readonly number[]
  readonly yamlFiles: number
  readonly batches: number
  readonly errors: number
  readonly warnings: number
  readonly topRules: readonly [string, number][]
  /** Rule ids of the errors, per file (first 20 files with errors). */
  readonly errorRules: Record<string, string[]>
  readonly maxRssKb: number
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      repo: { type: 'string' },
      metrics: { type: 'string', default: 'metrics' },
      'max-bytes': { type: 'string', default: String(1024 * 1024) },
      warm: { type: 'string', default: '0' },
      warmup: { type: 'string', default: '3' },
      profile: { type: 'string' },
      'profile-interval': { type: 'string', default: '1000' }
    }
  })
  if (!values.repo) throw new Error('--repo is required')
  const maxBytes = Number(values['max-bytes'])
  const metrics = values.metrics ?? 'metrics'

  let session: Session | undefined
  if (values.profile) {
    session = new Session()
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', {
      interval: Number(values['profile-interval'])
    })
    await session.post('Profiler.start')
  }

  const t0 = performance.now()
  const tree = await readMetricsTree(values.repo, metrics, { maxBytes })
  const t1 = performance.now()
  const result = validateTree(tree, { maxBytes })
  const t2 = performance.now()

  if (session && values.profile) {
    const { profile } = await session.post('Profiler.stop')
    writeFileSync(values.profile, JSON.stringify(profile))
    session.disconnect()
  }

  const warmMs: number[] = []
  const warm = Number(values.warm)
  if (warm > 0) {
    for (let i = 0; i < Number(values.warmup); i++) validateTree(tree, { maxBytes })
    for (let i = 0; i < warm; i++) {
      const s = performance.now()
      validateTree(tree, { maxBytes })
      warmMs.push(performance.now() - s)
    }
  }

  const byRule = new Map<string, number>()
  let errors = 0
  let warnings = 0
  const errorRules: Record<string, string[]> = {}
  for (const d of result.diagnostics) {
    if (d.severity === 'error') {
      errors++
      const list = errorRules[d.file] ?? (Object.keys(errorRules).length < 20 ? [] : undefined)
      if (list && !list.includes(d.ruleId)) list.push(d.ruleId)
      if (list) errorRules[d.file] = list
    } else if (d.severity === 'warning') warnings++
    byRule.set(d.ruleId, (byRule.get(d.ruleId) ?? 0) + 1)
  }
  const out: EntryResult = {
    readMs: t1 - t0,
    validateMs: t2 - t1,
    totalMs: t2 - t0,
    warmMs,
    yamlFiles: result.yamlFiles,
    batches: result.batches.length,
    errors,
    warnings,
    topRules: [...byRule.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8),
    errorRules,
    maxRssKb: process.resourceUsage().maxRSS
  }
  process.stdout.write(JSON.stringify(out) + '\n')
}

main().catch((e: unknown) => {
  process.stderr.write(
    `validate-entry: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`
  )
  process.exitCode = 2
})
