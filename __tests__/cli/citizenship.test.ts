/**
 * The bundled CLI as a command-line citizen: usage errors (exit 2, one line, a pointer to --help),
 * working from inside metrics/, singular counts, --quiet, the colour decision, and
 * `--format github` capped like the action.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { colorEnabled } from '../../src/cli/color.js'
import { NODE24, REPO_ROOT } from '../helpers/paths.js'

const CLI = path.join(REPO_ROOT, 'dist/cli/index.js')
const DEMO = path.join(REPO_ROOT, 'examples/demo-repo/metrics')
const BROKEN = '__tests__/fixtures/broken-repo/metrics'
const HELP = "Run 'anomstack-hot-reload --help' for usage.\n"
const ESC = '\u001b['

/** No colour variables from the caller's environment leak into a case. */
const BASE_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !['NO_COLOR', 'FORCE_COLOR', 'TERM'].includes(k))
)

function cli(args: string[], cwd = REPO_ROOT, env: Record<string, string> = {}) {
  const r = spawnSync(NODE24, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...BASE_ENV, ...env }
  })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
/** A repository (with .git) holding the demo metrics folder. */
function demoRepo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ahr-citizen-'))
  dirs.push(dir)
  mkdirSync(path.join(dir, '.git'))
  cpSync(DEMO, path.join(dir, 'metrics'), { recursive: true })
  return dir
}

describe('usage errors exit 2 with one line and a pointer to --help', () => {
  it('names an unknown flag', () => {
    expect(cli(['validate', '--frobnicate'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `anomstack-hot-reload: unknown option --frobnicate\n${HELP}`
    })
    expect(cli(['plan', '--base', 'main', '-x']).stderr).toBe(
      `anomstack-hot-reload: unknown option -x\n${HELP}`
    )
  })

  it('prints a missing path as given', () => {
    expect(cli(['validate', './nope/../missing dir'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `anomstack-hot-reload: ./nope/../missing dir: no such folder\n${HELP}`
    })
  })

  it('says so when given a single file instead of the metrics folder', () => {
    const r = cli(['validate', 'examples/demo-repo/metrics/defaults/defaults.yaml'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'anomstack-hot-reload: examples/demo-repo/metrics/defaults/defaults.yaml is a file: give the ' +
        `metrics folder (the one holding defaults/ and the batch folders), not a single file\n${HELP}`
    )
  })

  it('rejects a --repo that does not exist', () => {
    const r = cli(['validate', 'examples/demo-repo/metrics', '--repo', 'no-such-repo'])
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `anomstack-hot-reload: --repo no-such-repo: no such folder\n${HELP}`
    })
  })

  it('a missing metrics/ with no path given says what to do', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ahr-empty-'))
    dirs.push(dir)
    mkdirSync(path.join(dir, '.git'))
    const r = cli(['validate'], dir)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^anomstack-hot-reload: no metrics\/ folder here or above/)
  })
})

describe('where it runs', () => {
  it('from inside metrics/ (and deeper) it finds the metrics folder from the repository root', () => {
    const repo = demoRepo()
    writeFileSync(
      path.join(repo, 'metrics/examples/signups/signups.yaml'),
      'metric_batch: signups\ningest_cron_schedule: "0 24 * * *"\n',
      { flag: 'a' }
    )
    for (const cwd of [repo, path.join(repo, 'metrics'), path.join(repo, 'metrics/examples')]) {
      const r = cli(['validate', '--format', 'json'], cwd)
      expect(r.code, cwd).toBe(1)
      const files = (
        JSON.parse(r.stdout) as { diagnostics: Array<{ file: string }> }
      ).diagnostics.map((d) => d.file)
      expect(files, cwd).toContain('metrics/examples/signups/signups.yaml')
    }
  })
})

describe('what it prints', () => {
  it('counts in the singular for one', () => {
    const repo = demoRepo()
    mkdirSync(path.join(repo, 'metrics/one'))
    writeFileSync(
      path.join(repo, 'metrics/one/one.yaml'),
      'metric_batch: one\ningest_sql: select 1\ndb: postgres\n'
    )
    const r = cli(['validate'], repo)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(
      /^Checked 5 YAML files \(4 batches\) in \d+ ms \(read \d+ ms\): 1 error, /
    )
    expect(r.stderr).not.toContain('1 errors')
  })

  it('--quiet shows errors only, and no summary line; the exit code still follows --fail-on', () => {
    const repo = demoRepo()
    writeFileSync(path.join(repo, 'metrics/examples/extra.yml'), 'metric_batch: x\n')
    const loud = cli(['validate', 'metrics'], repo)
    expect(loud.stdout).toMatch(/warning/)
    const quiet = cli(['validate', 'metrics', '--quiet'], repo)
    expect(quiet).toMatchObject({ code: 0, stderr: '' })
    expect(quiet.stdout).not.toMatch(/warning/)
    expect(cli(['validate', 'metrics', '-q', '--fail-on', 'warning'], repo).code).toBe(1)
    const broken = cli(['validate', BROKEN, '--quiet'])
    expect(broken.code).toBe(1)
    expect(broken.stdout).toContain('schedule/cron-invalid')
    expect(broken.stdout).not.toMatch(/\bwarning\b/)
  })

  it('--format github caps annotations per level like the action, with one overflow notice', () => {
    const repo = demoRepo()
    for (let i = 0; i < 13; i++) {
      mkdirSync(path.join(repo, `metrics/b${i}`))
      writeFileSync(
        path.join(repo, `metrics/b${i}/b${i}.yaml`),
        `metric_batch: b${i}\ningest_cron_schedule: "0 24 * * *"\n`
      )
    }
    const r = cli(['validate', '--format', 'github'], repo)
    expect(r.code).toBe(1)
    const lines = r.stdout.trim().split('\n')
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBe(10)
    expect(lines.at(-1)).toMatch(/^::notice title=\d+ more problems? not annotated::/)
    expect(lines.filter((l) => l.includes('not annotated')).length).toBe(1)
  })
})

describe('colour', () => {
  const ctx = { noColorFlag: false, toFile: false, isTty: true, env: {} }
  it('is decided once from the TTY, --output, --no-color, NO_COLOR, TERM=dumb and FORCE_COLOR', () => {
    expect(colorEnabled(ctx)).toBe(true)
    expect(colorEnabled({ ...ctx, isTty: false })).toBe(false)
    expect(colorEnabled({ ...ctx, toFile: true })).toBe(false)
    expect(colorEnabled({ ...ctx, noColorFlag: true })).toBe(false)
    expect(colorEnabled({ ...ctx, env: { NO_COLOR: '1' } })).toBe(false)
    expect(colorEnabled({ ...ctx, env: { NO_COLOR: '' } })).toBe(true)
    expect(colorEnabled({ ...ctx, env: { TERM: 'dumb' } })).toBe(false)
    expect(colorEnabled({ ...ctx, isTty: false, env: { FORCE_COLOR: '1' } })).toBe(true)
    expect(colorEnabled({ ...ctx, toFile: true, env: { FORCE_COLOR: '1', TERM: 'dumb' } })).toBe(
      true
    )
    expect(colorEnabled({ ...ctx, env: { FORCE_COLOR: '0' } })).toBe(false)
    expect(colorEnabled({ ...ctx, env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).toBe(false)
    expect(colorEnabled({ ...ctx, noColorFlag: true, env: { FORCE_COLOR: '1' } })).toBe(false)
  })

  it('the CLI is plain in a pipe, coloured with FORCE_COLOR, plain again with --no-color', () => {
    expect(cli(['validate', BROKEN]).stdout).not.toContain(ESC)
    expect(cli(['validate', BROKEN], REPO_ROOT, { FORCE_COLOR: '1' }).stdout).toContain(ESC)
    expect(
      cli(['validate', BROKEN, '--no-color'], REPO_ROOT, { FORCE_COLOR: '1' }).stdout
    ).not.toContain(ESC)
  })

  it('--output FILE is plain unless forced', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ahr-out-'))
    dirs.push(dir)
    const out = path.join(dir, 'report.txt')
    cli(['validate', BROKEN, '--output', out])
    expect(readFileSync(out, 'utf8')).not.toContain(ESC)
    expect(readFileSync(out, 'utf8')).toContain('schedule/cron-invalid')
  })

  it('plan accepts --no-color', () => {
    const r = cli(
      ['plan', '--base', 'HEAD', '--no-color', 'examples/demo-repo/metrics'],
      REPO_ROOT,
      { FORCE_COLOR: '1' }
    )
    expect(r.code).toBe(0)
    expect(r.stdout).not.toContain(ESC)
  })
})
