/**
 * The pre-commit hook, run the way pre-commit runs a `language: node` hook with
 * `pass_filenames: false`: the entry's executable (this package's `bin`) with the entry's
 * arguments, from the root of the repository being committed, on the system Node.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { REPO_ROOT } from '../helpers/paths.js'
import { TempDirs } from '../changes/git-fixture.js'

const temp = new TempDirs()
afterEach(() => temp.cleanup())

interface Hook {
  id: string
  entry: string
  language: string
  files: string
  pass_filenames: boolean
}

const hooks = parse(readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[]
const hook = hooks.find((h) => h.id === 'anomstack-hot-reload')
const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>
}

/** Runs the hook's entry in `cwd` like pre-commit would (no file names appended). */
function runHook(cwd: string): { status: number | null; stdout: string; stderr: string } {
  const [command, ...args] = hook!.entry.split(' ')
  const bin = pkg.bin[command!]
  if (!bin) throw new Error(`the entry's command ${command} is not a bin of this package`)
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, bin), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 30_000
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('.pre-commit-hooks.yaml', () => {
  it('declares a node hook that validates the whole tree', () => {
    expect(hook).toMatchObject({
      language: 'node',
      entry: 'anomstack-hot-reload validate',
      pass_filenames: false
    })
    const files = new RegExp(hook!.files)
    for (const p of [
      'metrics/a/a.yaml',
      'metrics/defaults/defaults.yaml',
      'metrics/a/q.sql',
      'metrics/a/f.py',
      'metrics/a/x.yml'
    ]) {
      expect(files.test(p), p).toBe(true)
    }
    for (const p of ['README.md', 'src/metrics/a.yaml', 'metrics/a/README.md'])
      expect(files.test(p), p).toBe(false)
  })

  it("the entry's executable starts with a node shebang (npm links it and pre-commit execs it)", () => {
    // Without it the installed hook dies with "Exec format error" (seen with real pre-commit 4.7).
    const bin = readFileSync(path.join(REPO_ROOT, pkg.bin['anomstack-hot-reload']!), 'utf8')
    expect(bin.startsWith('#!/usr/bin/env node\n')).toBe(true)
  })

  it('passes on the demo repository and fails (exit 1, rule id and line) once a cron breaks', () => {
    const repo = temp.repo()
    cpSync(path.join(REPO_ROOT, 'examples/demo-repo'), repo.dir, { recursive: true })
    repo.commit('demo')

    const ok = runHook(repo.dir)
    expect(ok.stderr).not.toMatch(/Error|error:/)
    expect(ok.status).toBe(0)

    const file = path.join(repo.dir, 'metrics/examples/signups/signups.yaml')
    const text = readFileSync(file, 'utf8')
    const broken = text.replace(/^ingest_cron_schedule:.*$/m, 'ingest_cron_schedule: "30 6 * *"')
    expect(broken).not.toBe(text)
    writeFileSync(file, broken)
    const line = broken.split('\n').findIndex((l) => l.startsWith('ingest_cron_schedule')) + 1
    const bad = runHook(repo.dir)
    expect(bad.status).toBe(1)
    expect(bad.stdout).toContain('schedule/cron-invalid')
    expect(bad.stdout).toContain('metrics/examples/signups/signups.yaml')
    expect(bad.stdout).toMatch(new RegExp(`^\\s+${line}:23\\s+error\\b`, 'm'))
  })

  // The real tool: `pre-commit try-repo` installs this repository as a `language: node` hook
  // (npm pack + install into its own environment) and runs it, exactly as a user's repo would.
  // Each try-repo installs afresh (pre-commit's `npm install --include=dev` from the warm npm
  // cache, then the packed tarball): 1-3 minutes on a loaded 2-core machine, worst seen 165 s.
  // Budgets far above that, so load cannot make it flake: 7 minutes a run, 15 for the test.
  it('runs under real pre-commit (try-repo) and blocks a broken cron', () => {
    const preCommit = path.join(REPO_ROOT, '.venv/bin/pre-commit')
    const home = temp.make('pre-commit-home-')
    const repo = temp.repo()
    cpSync(path.join(REPO_ROOT, 'examples/demo-repo'), repo.dir, { recursive: true })
    repo.commit('demo')
    const run = (): { status: number | null; out: string } => {
      const r = spawnSync(
        preCommit,
        ['try-repo', REPO_ROOT, 'anomstack-hot-reload', '--all-files', '--color', 'never'],
        {
          cwd: repo.dir,
          encoding: 'utf8',
          env: { ...process.env, PRE_COMMIT_HOME: home },
          timeout: 420_000
        }
      )
      return { status: r.status, out: `${r.stdout}${r.stderr}` }
    }
    const ok = run()
    expect(ok.out).toMatch(/Validate Anomstack metrics configs\.+Passed/)
    expect(ok.status).toBe(0)

    const file = path.join(repo.dir, 'metrics/examples/signups/signups.yaml')
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        /^ingest_cron_schedule:.*$/m,
        'ingest_cron_schedule: "30 6 * *"'
      )
    )
    const bad = run()
    expect(bad.out).toMatch(/Validate Anomstack metrics configs\.+Failed/)
    expect(bad.out).toContain('schedule/cron-invalid')
    expect(bad.status).toBe(1)
  }, 900_000)
})
