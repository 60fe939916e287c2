// Process-level measurement for the benchmark: every repetition is a fresh child process, spawned
// with an argument array (never a shell), timed from the parent and, when GNU time is installed,
// wrapped in `/usr/bin/time` so that peak RSS is the kernel's figure for exactly that run.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const GNU_TIME = '/usr/bin/time'
export const HAVE_GNU_TIME = existsSync(GNU_TIME)
let seq = 0

/**
 * Runs one command to completion.
 * @returns {Promise<{ wallMs: number, peakRssKb: number | undefined, code: number | null,
 *   signal: string | null, timedOut: boolean, stdout: string, stderr: string }>}
 */
export function runOnce(cmd, args, { env, cwd, timeoutMs = 300_000 } = {}) {
  const timeFile = path.join(tmpdir(), `ahr-bench-time-${process.pid}-${seq++}.txt`)
  const [file, argv] = HAVE_GNU_TIME
    ? [GNU_TIME, ['-f', 'AHR_RSS_KB %M', '-o', timeFile, cmd, ...args]]
    : [cmd, args]
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint()
    const child = spawn(file, argv, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    const out = []
    const err = []
    let errBytes = 0
    child.stdout.on('data', (c) => out.push(c))
    child.stderr.on('data', (c) => {
      // Keep the tail only: a crashing child can print a lot.
      errBytes += c.length
      err.push(c)
      while (errBytes > 65_536 && err.length > 1) errBytes -= err.shift().length
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6
      let peakRssKb
      let childSignal = signal
      let childCode = code
      if (HAVE_GNU_TIME && existsSync(timeFile)) {
        const t = readFileSync(timeFile, 'utf8')
        rmSync(timeFile, { force: true })
        const m = /AHR_RSS_KB (\d+)/.exec(t)
        if (m) peakRssKb = Number(m[1])
        const sig = /Command terminated by signal (\d+)/.exec(t)
        if (sig) {
          childSignal = `signal ${sig[1]}`
          childCode = null
        }
      }
      resolve({
        wallMs,
        peakRssKb,
        code: childCode,
        signal: childSignal,
        timedOut,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8')
      })
    })
  })
}

/** Parses the last JSON line a child printed (our entry and the Python timer print one). */
export function lastJson(stdout) {
  const lines = stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
  if (lines.length === 0) return undefined
  try {
    return JSON.parse(lines[lines.length - 1])
  } catch {
    return undefined
  }
}

/** { median, min, max, n } of a list of numbers (undefined entries dropped). */
export function stats(values) {
  const xs = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b)
  if (xs.length === 0) return undefined
  const mid = Math.floor(xs.length / 2)
  const median = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2
  return { median, min: xs[0], max: xs[xs.length - 1], n: xs.length }
}

/**
 * Runs `warmup` discarded repetitions then `runs` measured ones, each a fresh process.
 * `pick(result)` returns the figures of one run (e.g. { ms, rssKb }) or throws if the run is bad.
 * @returns {Promise<{ runs: object[], figures: Record<string, ReturnType<typeof stats>>, failures: string[] }>}
 */
export async function series(label, { runs, warmup = 1, exec, pick, log }) {
  const got = []
  const failures = []
  for (let i = 0; i < warmup + runs; i++) {
    const r = await exec()
    let fig
    try {
      fig = pick(r)
    } catch (e) {
      failures.push(e instanceof Error ? e.message : String(e))
      log?.(`  ${label}: run ${i + 1} failed: ${failures[failures.length - 1]}`)
      continue
    }
    if (i < warmup) {
      log?.(`  ${label}: warm-up ${fmtFig(fig)}`)
      continue
    }
    got.push(fig)
    log?.(`  ${label}: run ${i + 1 - warmup}/${runs} ${fmtFig(fig)}`)
  }
  const keys = new Set(got.flatMap((g) => Object.keys(g)))
  const figures = {}
  for (const k of keys) figures[k] = stats(got.map((g) => g[k]))
  return { runs: got, figures, failures }
}

function fmtFig(fig) {
  return Object.entries(fig)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => `${k}=${k.endsWith('Kb') ? `${(v / 1024).toFixed(0)}MB` : v.toFixed(1)}`)
    .join(' ')
}
