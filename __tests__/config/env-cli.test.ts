import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { NODE24, REPO_ROOT } from '../helpers/paths.js'
import { CLEAN_METRICS, git } from '../action/harness.js'

const CLI = path.join(REPO_ROOT, 'dist/cli/index.js')
const roots: string[] = []
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true })
})

function repo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'env-cli-'))
  roots.push(dir)
  git(dir, 'init', '-q', '.')
  cpSync(CLEAN_METRICS, path.join(dir, 'metrics'), { recursive: true })
  return dir
}

function cli(args: string[], cwd: string) {
  const r = spawnSync(NODE24, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' }
  })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

describe('--env-file (bundled CLI)', () => {
  it("reads the repository's .env by default, a named file relative to the current folder, or none", () => {
    const dir = repo()
    writeFileSync(
      path.join(dir, '.env'),
      'ANOMSTACK_SNOWFLAKE_PASSWORD=do-not-print-me\nANOMSTACK__ALPHA__INGEST_CRON_SCHEDULE="61 * * * *"\n'
    )
    mkdirSync(path.join(dir, 'deploy'))
    writeFileSync(path.join(dir, 'deploy/prod.env'), 'ANOMSTACK_RETENTION_DAYS=1.5\n')

    const byDefault = cli(['validate', 'metrics', '--format', 'json'], dir)
    expect(byDefault.code).toBe(1)
    const hits = (
      JSON.parse(byDefault.stdout) as {
        diagnostics: { ruleId: string; file: string; line: number; column: number }[]
      }
    ).diagnostics
      .filter((d) => d.file === '.env')
      .map((d) => [d.ruleId, d.line, d.column])
    expect(hits).toEqual([['schedule/cron-invalid', 2, 40]])
    expect(byDefault.stdout + byDefault.stderr).not.toContain('do-not-print-me')

    const text = cli(['validate', 'metrics'], dir)
    expect(text.stdout).toContain('.env')
    expect(text.stdout + text.stderr).not.toContain('do-not-print-me')

    const named = cli(
      ['validate', '../metrics', '--env-file', 'prod.env', '--format', 'json'],
      path.join(dir, 'deploy')
    )
    expect(named.code).toBe(1)
    expect(named.stdout).toContain('"file": "deploy/prod.env"')
    expect(named.stdout).toContain('env/int-invalid')

    expect(cli(['validate', 'metrics', '--no-env-file'], dir).code).toBe(0)
  })
})
