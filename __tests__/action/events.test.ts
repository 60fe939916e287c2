/**
 * The bundled action on real git repositories, one GitHub event shape per test: what it diffs,
 * what it validates, and what it reports (exit code, annotations, outputs, job summary).
 */
import { rmSync } from 'node:fs'
import { afterAll, describe, test } from 'vitest'
import { CORPUS, CORPUS_METRICS } from '../helpers/paths.js'
import {
  Repo,
  affectedOf,
  changedFilesOf,
  cleanupAll,
  cloneOf,
  dispatchEvent,
  errorsOf,
  pullRequestEvent,
  pushEvent,
  repoWithMetrics,
  runAction
} from './harness.js'

afterAll(cleanupAll)

const ZERO = '0'.repeat(40)
const ALPHA = 'metrics/alpha/alpha.yaml'
const BETA = 'metrics/beta/beta.yaml'
const CRON_LINE = 'ingest_cron_schedule: "*/5 * * * *"'

describe.concurrent('push', () => {
  test('a valid one-line change to an upstream corpus batch passes and names the batch', async ({
    expect,
    skip
  }) => {
    skip(!CORPUS.dir, CORPUS.missing)
    const repo = Repo.init()
    repo.copyIn(CORPUS_METRICS, 'metrics')
    const base = repo.commit('corpus')
    const file = 'metrics/examples/example_simple/example_simple.yaml'
    repo.edit(file, 'ingest_cron_schedule: "*/2 * * * *"', 'ingest_cron_schedule: "*/7 * * * *"')
    const head = repo.commit()

    const run = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })

    expect(run.code).toBe(0)
    expect(errorsOf(run)).toEqual([])
    expect(run.outputs['valid']).toBe('true')
    expect(run.outputs['errors']).toBe('0')
    expect(run.outputs['reloaded']).toBe('false')
    expect(changedFilesOf(run)).toEqual([{ path: file, status: 'modified' }])
    expect(affectedOf(run)).toEqual(['example_simple'])
    expect(run.summary).toMatch(/^## (✅|⚠️) Valid/)
    expect(run.summary).toContain('<code>example_simple</code>')
    // The corpus's own warnings were there before: nothing the push introduced.
    expect(run.report?.diagnostics.filter((d) => d.preExisting !== true)).toEqual([])
    expect(run.ms).toBeLessThan(20_000)
  })

  test.for([
    {
      what: 'an hour of 24',
      to: 'ingest_cron_schedule: "0 24 * * *"',
      rule: 'schedule/cron-invalid',
      line: 3,
      col: 23
    },
    {
      what: 'an unquoted */5 cron (a YAML alias)',
      to: 'ingest_cron_schedule: */5 * * * *',
      rule: 'yaml/unquoted-cron',
      line: 3,
      col: 23
    },
    {
      what: 'a key indented under a scalar',
      to: '  ingest_cron_schedule: "*/5 * * * *"',
      rule: 'yaml/syntax',
      line: 3,
      col: undefined
    }
  ])('a push that breaks a batch with $what fails at the line', async (c, { expect }) => {
    const { to, rule, line, col } = c
    const { repo, base } = repoWithMetrics()
    expect(repo.read(ALPHA).split('\n')[line - 1]).toBe(CRON_LINE)
    repo.edit(ALPHA, CRON_LINE, to)
    const head = repo.commit()

    const run = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })

    expect(run.code).toBe(1)
    expect(run.outputs['valid']).toBe('false')
    const errors = errorsOf(run, ALPHA)
    expect(errors.length).toBeGreaterThanOrEqual(1)
    const first = errors[0]
    expect(first?.title).toBe(rule)
    expect(first?.line).toBe(line)
    if (col !== undefined) expect(first?.col).toBe(col)
    expect(run.summary).toMatch(/^## ❌/)
    expect(run.summary).toContain(ALPHA)
    // The final failure line is a plain ::error:: without a file.
    expect(run.annotations.at(-1)).toMatchObject({ level: 'error' })
    expect(run.annotations.at(-1)?.file).toBeUndefined()
  })

  test('a new branch (before = zeros) is compared with origin/main, all its commits seen', async ({
    expect
  }) => {
    const { repo } = repoWithMetrics()
    const bare = repo.addOrigin()
    repo.git('checkout', '-q', '-b', 'feature')
    repo.edit(ALPHA, '*/5', '*/6')
    repo.commit('first on feature')
    repo.edit(BETA, '*/10', '*/11')
    const head = repo.commit('second on feature')
    repo.git('push', '-q', 'origin', 'feature')
    // A fresh single-branch shallow checkout of the feature, as actions/checkout makes it.
    const clone = cloneOf(bare, ['--depth=1', '--single-branch', '--branch', 'feature'])

    const run = await runAction({
      workspace: clone.dir,
      event: pushEvent(ZERO, head, { branch: 'feature' })
    })

    expect(run.code).toBe(0)
    expect(changedFilesOf(run).map((f) => f.path)).toEqual([ALPHA, BETA])
    expect(affectedOf(run)).toEqual(['alpha', 'beta'])
    expect(run.outputs['reloaded']).toBe('false')
  })

  test('a force push compares the trees of before and after, even off the ancestry', async ({
    expect
  }) => {
    const { repo, base } = repoWithMetrics()
    repo.edit(ALPHA, '*/5', '*/6')
    const oldTip = repo.commit('old tip')
    repo.git('reset', '-q', '--hard', base)
    repo.edit(BETA, '*/10', '*/12')
    const newTip = repo.commit('rewritten')

    const run = await runAction({
      workspace: repo.dir,
      event: pushEvent(oldTip, newTip, { forced: true })
    })

    expect(run.code).toBe(0)
    // alpha went back to its base content and beta changed: both differ between the tips.
    expect(changedFilesOf(run).map((f) => f.path)).toEqual([ALPHA, BETA])
    expect(affectedOf(run)).toEqual(['alpha', 'beta'])
  })

  test('a shallow clone fetches the missing before commit and still marks old problems', async ({
    expect
  }) => {
    const { repo } = repoWithMetrics()
    repo.edit(BETA, '*/10', '*/61')
    const before = repo.commit('beta already broken')
    repo.edit(ALPHA, '*/5', '*/6')
    const after = repo.commit()
    const bare = repo.addOrigin()
    const clone = cloneOf(bare, ['--depth=1'])
    expect(() => clone.git('cat-file', '-e', `${before}^{commit}`)).toThrow()

    const run = await runAction({ workspace: clone.dir, event: pushEvent(before, after) })

    expect(run.stdout).toMatch(/fetched [0-9a-f]{40}/)
    expect(run.code).toBe(0)
    expect(changedFilesOf(run)).toEqual([{ path: ALPHA, status: 'modified' }])
    expect(affectedOf(run)).toEqual(['alpha'])
    const beta = run.annotations.filter((a) => a.file === BETA)
    expect(beta.length).toBeGreaterThan(0)
    expect(
      beta.every((a) => a.level === 'warning' && /\(pre-existing( error)?\)$/.test(a.title ?? ''))
    ).toBe(true)
  })

  test('a deleted batch is reported removed and passes', async ({ expect }) => {
    const { repo, base } = repoWithMetrics()
    repo.rm('metrics/beta')
    const head = repo.commit()

    const run = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })

    expect(run.code).toBe(0)
    expect(changedFilesOf(run)).toEqual([{ path: BETA, status: 'deleted' }])
    expect(affectedOf(run)).toEqual(['beta'])
    expect(run.summary).toMatch(/<code>beta<\/code> removed/)
  })

  test('a renamed batch keeps its previous path', async ({ expect }) => {
    const { repo, base } = repoWithMetrics()
    repo.mv(BETA, 'metrics/gamma/beta.yaml')
    const head = repo.commit()

    const run = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })

    expect(run.code).toBe(0)
    expect(changedFilesOf(run)).toEqual([
      { path: 'metrics/gamma/beta.yaml', status: 'renamed', previousPath: BETA }
    ])
    expect(affectedOf(run)).toEqual(['beta'])
    expect(run.summary).toContain(`<code>${BETA}</code> → <code>metrics/gamma/beta.yaml</code>`)
  })

  test('a renamed batch keeps its old problem pre-existing', async ({ expect }) => {
    const { repo } = repoWithMetrics()
    repo.edit(ALPHA, CRON_LINE, 'ingest_cron_schedule: "0 24 * * *"')
    const base = repo.commit('alpha broken long ago')
    repo.mv(ALPHA, 'metrics/renamed/alpha.yaml')
    const head = repo.commit()

    const run = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })

    expect(run.code).toBe(0)
    expect(run.annotations.filter((a) => a.file === 'metrics/renamed/alpha.yaml')).toMatchObject([
      { level: 'warning', title: 'schedule/cron-invalid (pre-existing error)', line: 3 }
    ])
  })

  test('a changed included .sql affects exactly the batches that include it', async ({
    expect
  }) => {
    const { repo } = repoWithMetrics()
    repo.write(
      'metrics/delta/delta.yaml',
      'metric_batch: "delta"\ningest_sql: >\n  {% include "./shared/common.sql" %}\n'
    )
    const base = repo.commit('delta includes the shared sql too')
    repo.write('metrics/shared/common.sql', 'select 2\n')
    const head = repo.commit()

    const run = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })

    expect(run.code).toBe(0)
    expect(changedFilesOf(run)).toEqual([{ path: 'metrics/shared/common.sql', status: 'modified' }])
    expect(affectedOf(run)).toEqual(['beta', 'delta'])
    expect(run.summary).toContain('<code>delta</code>')
  })

  test('a changed defaults.yaml affects every batch', async ({ expect }) => {
    const { repo, base } = repoWithMetrics()
    repo.edit('metrics/defaults/defaults.yaml', 'train_max_n: 2500', 'train_max_n: 2000')
    const head = repo.commit()

    const run = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })

    expect(run.code).toBe(0)
    expect(affectedOf(run)).toEqual(['alpha', 'beta'])
  })

  test('a .yml file is a warning and is otherwise ignored', async ({ expect }) => {
    const { repo, base } = repoWithMetrics()
    repo.write('metrics/epsilon/epsilon.yml', 'metric_batch: "epsilon"\nnot: [valid\n')
    const head = repo.commit()

    const run = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })

    expect(run.code).toBe(0)
    expect(errorsOf(run)).toEqual([])
    const warnings = run.annotations.filter((a) => a.file === 'metrics/epsilon/epsilon.yml')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ level: 'warning', title: 'file/ignored-extension' })
    expect(affectedOf(run)).toEqual([])
    expect(run.outputs['warnings']).toBe('1')
  })

  test('a problem already on the base is a pre-existing warning, and the summary says why', async ({
    expect
  }) => {
    const { repo } = repoWithMetrics()
    repo.edit(ALPHA, CRON_LINE, 'ingest_cron_schedule: "0 24 * * *"')
    const base = repo.commit('alpha broken long ago')
    repo.edit(BETA, '*/10', '*/15')
    const head = repo.commit()

    const run = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })

    expect(run.code).toBe(0)
    expect(run.outputs['valid']).toBe('true')
    expect(run.outputs['errors']).toBe('0')
    expect(errorsOf(run)).toEqual([])
    const old = run.annotations.filter((a) => a.file === ALPHA)
    expect(old).toHaveLength(1)
    expect(old[0]).toMatchObject({
      level: 'warning',
      title: 'schedule/cron-invalid (pre-existing error)',
      line: 3,
      col: 23
    })
    expect(run.summary).toMatch(/^## ⚠️ Valid · 1 warning/)
    expect(run.summary).toContain('(1 pre-existing)')
    expect(run.summary).toContain('<strong>pre-existing</strong>')
    // It is an error on the base: the live location may already be broken by it, and we say so.
    expect(old[0]!.message).toContain('live Dagster code location may already be broken')
    expect(run.summary).toContain('1 pre-existing problem is an error on the base commit')
    expect(affectedOf(run)).toEqual(['beta'])
  })

  test('a base commit git cannot read fails closed: the old problem counts as new, with a warning', async ({
    expect
  }) => {
    const { repo } = repoWithMetrics()
    repo.edit(ALPHA, CRON_LINE, 'ingest_cron_schedule: "0 24 * * *"')
    const base = repo.commit('alpha broken long ago')
    // The base version of beta goes missing from the object store (a damaged or partial clone):
    // the diff of the change cannot be read, so old and new cannot be told apart.
    const oldBeta = repo.git('rev-parse', `${base}:${BETA}`)
    repo.edit(BETA, '*/10', '*/15')
    const head = repo.commit()
    rmSync(repo.abs(`.git/objects/${oldBeta.slice(0, 2)}/${oldBeta.slice(2)}`))

    const run = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })

    expect(run.code).toBe(1)
    expect(run.outputs['valid']).toBe('false')
    expect(errorsOf(run, ALPHA)).toMatchObject([
      { level: 'error', title: 'schedule/cron-invalid', line: 3, col: 23 }
    ])
    expect(run.annotations.filter((a) => a.level === 'warning' && a.file === undefined)).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^Could not validate the base commit, so every problem counts as new: /
        )
      })
    ])
  })

  test('a push that changes nothing under metrics is not blocked by an old problem', async ({
    expect
  }) => {
    const { repo } = repoWithMetrics()
    repo.edit(ALPHA, CRON_LINE, 'ingest_cron_schedule: "0 24 * * *"')
    const base = repo.commit('alpha broken long ago')
    repo.write('README.md', 'docs only\n')
    const head = repo.commit()

    const run = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })

    expect(run.code).toBe(0)
    expect(changedFilesOf(run)).toEqual([])
    expect(affectedOf(run)).toEqual([])
    expect(run.annotations.filter((a) => a.file === ALPHA)).toMatchObject([
      { level: 'warning', title: 'schedule/cron-invalid (pre-existing error)', line: 3 }
    ])
  })

  test('editing the line of an old problem makes it new again', async ({ expect }) => {
    const { repo } = repoWithMetrics()
    repo.edit(ALPHA, CRON_LINE, 'ingest_cron_schedule: "0 24 * * *"')
    const base = repo.commit('alpha broken long ago')
    repo.edit(ALPHA, '"0 24 * * *"', '"0 25 * * *"')
    const head = repo.commit()

    const run = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })

    expect(run.code).toBe(1)
    expect(errorsOf(run, ALPHA)).toMatchObject([{ title: 'schedule/cron-invalid', line: 3 }])
  })
})

describe.concurrent('pull_request and workflow_dispatch', () => {
  test('a pull request diffs from the merge base and never reloads', async ({ expect }) => {
    const { repo, base } = repoWithMetrics()
    repo.git('checkout', '-q', '-b', 'feature')
    repo.edit(ALPHA, '*/5', '*/6')
    const prHead = repo.commit('feature work')
    repo.git('checkout', '-q', 'main')
    // main moves on after the branch point, with a problem the PR did not write.
    repo.edit(BETA, '*/10', '0 24 * * *')
    const mainTip = repo.commit('main moves on')
    repo.git('checkout', '-q', prHead)
    void base

    const run = await runAction({
      workspace: repo.dir,
      event: pullRequestEvent(mainTip, prHead),
      // Even mode reload with a URL never reloads a pull request (nothing listens on port 9).
      inputs: { mode: 'reload', 'dagster-url': 'http://127.0.0.1:9' }
    })

    expect(run.code).toBe(0)
    expect(changedFilesOf(run)).toEqual([{ path: ALPHA, status: 'modified' }])
    expect(affectedOf(run)).toEqual(['alpha'])
    expect(run.outputs['reloaded']).toBe('false')
  })

  test('workflow_dispatch on the upstream corpus finds no error', async ({ expect, skip }) => {
    skip(!CORPUS.dir, CORPUS.missing)
    const repo = Repo.init()
    repo.copyIn(CORPUS_METRICS, 'metrics')
    const head = repo.commit('corpus')

    const run = await runAction({ workspace: repo.dir, event: dispatchEvent(head) })

    expect(run.code).toBe(0)
    expect(run.outputs['errors']).toBe('0')
    expect(run.report?.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  test('workflow_dispatch validates every file, old problems included', async ({ expect }) => {
    const { repo } = repoWithMetrics()
    repo.edit(BETA, '*/10', '0 24 * * *')
    const head = repo.commit('beta broken')

    const run = await runAction({ workspace: repo.dir, event: dispatchEvent(head) })

    expect(run.code).toBe(1)
    expect(changedFilesOf(run)).toEqual([])
    expect(errorsOf(run, BETA)).toMatchObject([{ title: 'schedule/cron-invalid', line: 2 }])
    expect(run.summary).toContain('<code>workflow_dispatch</code> <code>all files')
    expect(run.summary).not.toContain('pre-existing')
  })
})
