import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  mkdirSync,
  cpSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { NODE24, REPO_ROOT } from '../helpers/paths.js'

const CLI = path.join(REPO_ROOT, 'dist/cli/index.js')

function cli(args: string[], cwd = REPO_ROOT): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(NODE24, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' }
  })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

describe('anomstack-hot-reload CLI (bundled, Node 24)', () => {
  it('exits 0 on a valid metrics folder and says how long it took', () => {
    const r = cli(['validate', 'examples/demo-repo/metrics'])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/Checked \d+ YAML files \(\d+ batches\) in \d+ ms/)
  })

  it('exits 1 on errors and shows the offending line with a caret', () => {
    const r = cli(['validate', '__tests__/fixtures/broken-repo/metrics'])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('schedule/cron-invalid')
    expect(r.stdout).toMatch(/2 \| ingest_cron_schedule: "0 24 \* \* \*"\n\s*\|\s+\^/)
  })

  it('--fail-on never exits 0 even with errors; --fail-on warning fails on warnings', () => {
    expect(
      cli(['validate', '__tests__/fixtures/broken-repo/metrics', '--fail-on', 'never']).code
    ).toBe(0)
    const dir = mkdtempSync(path.join(tmpdir(), 'ahr-cli-'))
    try {
      cpSync(path.join(REPO_ROOT, 'examples/demo-repo/metrics'), path.join(dir, 'metrics'), {
        recursive: true
      })
      writeFileSync(path.join(dir, 'metrics/examples/extra.yml'), 'metric_batch: x\n')
      expect(cli(['validate', 'metrics'], dir).code).toBe(0)
      expect(cli(['validate', 'metrics', '--fail-on', 'warning'], dir).code).toBe(1)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('--format json gives the diagnostics with rule id, line and column', () => {
    const r = cli(['validate', '__tests__/fixtures/broken-repo/metrics', '--format', 'json'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as {
      diagnostics: { ruleId: string; line: number; column: number; file: string }[]
    }
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        ruleId: 'schedule/cron-invalid',
        file: '__tests__/fixtures/broken-repo/metrics/orders/orders.yaml',
        line: 2,
        column: 23
      })
    )
  })

  it('--format sarif is SARIF 2.1.0 with the rule ids', () => {
    const r = cli(['validate', '__tests__/fixtures/broken-repo/metrics', '--format', 'sarif'])
    const log = JSON.parse(r.stdout) as {
      version: string
      runs: { results: { ruleId: string; level: string }[] }[]
    }
    expect(log.version).toBe('2.1.0')
    expect(log.runs[0]!.results).toContainEqual(
      expect.objectContaining({ ruleId: 'schedule/cron-invalid', level: 'error' })
    )
  })

  it('--format github prints workflow commands pointing at the file and line', () => {
    const r = cli(['validate', '__tests__/fixtures/broken-repo/metrics', '--format', 'github'])
    expect(r.stdout).toMatch(
      /^::error file=__tests__\/fixtures\/broken-repo\/metrics\/orders\/orders\.yaml,line=2,/m
    )
  })

  it('--output writes the report to a file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ahr-cli-'))
    try {
      const out = path.join(dir, 'r.json')
      expect(
        cli(['validate', 'examples/demo-repo/metrics', '--format', 'json', '--output', out]).code
      ).toBe(0)
      expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveProperty('diagnostics')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('exits 2 on usage errors and on a missing folder', () => {
    expect(cli(['validate', '--format', 'xml']).code).toBe(2)
    expect(cli(['frobnicate']).code).toBe(2)
    const r = cli(['validate', 'no/such/metrics'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      "anomstack-hot-reload: no/such/metrics: no such folder\nRun 'anomstack-hot-reload --help' for usage.\n"
    )
  })

  it('reports a symlink that leaves the repository without following it or printing its target', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ahr-cli-'))
    const secret = mkdtempSync(path.join(tmpdir(), 'ahr-secret-'))
    try {
      cpSync(path.join(REPO_ROOT, 'examples/demo-repo/metrics'), path.join(dir, 'metrics'), {
        recursive: true
      })
      mkdirSync(path.join(dir, '.git'))
      writeFileSync(path.join(secret, 'creds.yaml'), 'metric_batch: leaked_secret_value\n')
      symlinkSync(path.join(secret, 'creds.yaml'), path.join(dir, 'metrics/examples/link.yaml'))
      const r = cli(['validate', 'metrics', '--format', 'json'], dir)
      expect(r.code).toBe(1)
      expect(r.stdout).toContain('file/outside-repository')
      expect(r.stdout + r.stderr).not.toContain(secret)
      expect(r.stdout + r.stderr).not.toContain('leaked_secret_value')
    } finally {
      rmSync(dir, { recursive: true, force: true })
      rmSync(secret, { recursive: true, force: true })
    }
  })

  it('--help and --version', () => {
    expect(cli(['--help']).stdout).toContain('Usage:')
    expect(cli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })
})
