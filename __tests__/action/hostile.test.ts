/**
 * The bundled action against hostile repositories: odd file names, links out of the checkout,
 * files built to exhaust a parser, and text built to forge workflow commands.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, test } from 'vitest'
import {
  affectedOf,
  changedFilesOf,
  cleanupAll,
  dispatchEvent,
  errorsOf,
  pushEvent,
  repoWithMetrics,
  runAction,
  tempRoot,
  type ActionRun
} from './harness.js'

afterAll(cleanupAll)

const ALPHA = 'metrics/alpha/alpha.yaml'

/** A batch with one invalid cron on line 2, column 23. */
const brokenBatch = (name: string): string =>
  `metric_batch: "${name}"\ningest_cron_schedule: "0 24 * * *"\ningest_sql: >\n  SELECT 1\n`

/** Everything the action left where a user or the runner would read it. */
function everything(run: ActionRun): string {
  const report = run.outputs['report-path']
  return [
    run.stdout,
    run.stderr,
    run.summary,
    JSON.stringify(run.outputs),
    report ? readFileSync(report, 'utf8') : ''
  ].join('\n')
}

/** No line of output is a stack trace. */
function noStackTrace(run: ActionRun): boolean {
  return !/^\s+at .+[:(]/m.test(run.stdout + run.stderr) && !/\.js:\d+:\d+/.test(run.stderr)
}

/** Seven ways to hurt a YAML loader, each with the rule it must be reported under. */
function hostileFiles(): { file: string; bytes: string | Uint8Array; rule: string }[] {
  const bomb = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
  for (let i = 1; i < 12; i++)
    bomb.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(',')}]`
    )
  bomb.push('metric_batch: "bomb"')
  return [
    { file: 'bomb.yaml', bytes: `${bomb.join('\n')}\n`, rule: 'yaml/alias-bomb' },
    {
      file: 'deep.yaml',
      bytes: `metric_batch: "deep"\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
      rule: 'yaml/too-deep'
    },
    {
      file: 'bad-utf8.yaml',
      bytes: new Uint8Array([...Buffer.from('metric_batch: "bad'), 0xff, 0xfe, 0x22, 0x0a]),
      rule: 'yaml/encoding'
    },
    {
      file: 'nul.yaml',
      bytes: new Uint8Array([...Buffer.from('metric_batch: "n'), 0, ...Buffer.from('ul"\n')]),
      rule: 'yaml/non-printable'
    },
    {
      file: 'big.yaml',
      bytes: `metric_batch: "big"\n${`# ${'x'.repeat(97)}\n`.repeat(21_000)}`,
      rule: 'file/too-large'
    },
    { file: 'empty.yaml', bytes: '', rule: 'yaml/empty-document' },
    { file: 'list.yaml', bytes: '- metric_batch: "l"\n', rule: 'yaml/not-a-mapping' }
  ]
}

describe.concurrent('hostile repositories', () => {
  test('file names with spaces, unicode and a newline round-trip into annotations and outputs', async ({
    expect
  }) => {
    const { repo, base } = repoWithMetrics()
    const names = [
      'metrics/my batch/ünï cödé 名前.yaml',
      'metrics/nl/line\nbreak.yaml',
      'metrics/html/<img src=x onerror=alert(1)>.yaml'
    ]
    names.forEach((n, i) => repo.write(n, brokenBatch(`odd_${i}`)))
    const head = repo.commit()

    const run = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })

    expect(run.code).toBe(1)
    for (const n of names) {
      expect(errorsOf(run, n)).toMatchObject([{ title: 'schedule/cron-invalid', line: 2, col: 23 }])
    }
    expect(
      changedFilesOf(run)
        .map((f) => f.path)
        .sort()
    ).toEqual([...names].sort())
    expect(affectedOf(run)).toEqual(['odd_0', 'odd_1', 'odd_2'])
    expect(run.summary).toContain('ünï cödé 名前.yaml')
    expect(run.summary).not.toContain('<img')
  })

  test('a symlink out of the repository is an error and its target is never printed', async ({
    expect
  }) => {
    const { repo, base } = repoWithMetrics()
    const secretDir = tempRoot('ahr-secret-target-')
    const secretName = path.basename(secretDir)
    const target = path.join(secretDir, 'stolen.yaml')
    repo.symlink('metrics/linked/absolute.yaml', target)
    repo.symlink('metrics/linked/relative.yaml', `../../../../${secretName}/stolen.yaml`)
    // The target exists and is valid YAML: following it would "work".
    writeFileSync(target, 'metric_batch: "stolen"\n')
    const head = repo.commit()

    const run = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })

    expect(run.code).toBe(1)
    for (const file of ['metrics/linked/absolute.yaml', 'metrics/linked/relative.yaml']) {
      expect(errorsOf(run, file)).toMatchObject([{ title: 'file/outside-repository' }])
    }
    expect(affectedOf(run)).not.toContain('stolen')
    const all = everything(run)
    expect(all).not.toContain(secretName)
    expect(all).not.toContain('stolen.yaml')
  })

  test('files built to exhaust a parser are each one error, fast and without a crash', async ({
    expect
  }) => {
    const { repo, base } = repoWithMetrics()
    const files = hostileFiles()
    for (const f of files) repo.write(`metrics/hostile/${f.file}`, f.bytes)
    const head = repo.commit()

    const run = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })

    expect(run.code).toBe(1)
    expect(run.ms).toBeLessThan(20_000)
    expect(noStackTrace(run)).toBe(true)
    for (const f of files) {
      const file = `metrics/hostile/${f.file}`
      const found = run.report?.diagnostics.filter((d) => d.file === file) ?? []
      expect(
        found.map((d) => d.ruleId),
        file
      ).toContain(f.rule)
      expect(errorsOf(run, file).length, file).toBeGreaterThanOrEqual(1)
    }
    expect(Number(run.outputs['errors'])).toBeGreaterThanOrEqual(files.length)
  })

  test('hostile files already on the base are read from git and marked pre-existing', async ({
    expect
  }) => {
    const { repo } = repoWithMetrics()
    for (const f of hostileFiles()) repo.write(`metrics/hostile/${f.file}`, f.bytes)
    const secretDir = tempRoot('ahr-secret-target-')
    writeFileSync(path.join(secretDir, 'stolen.yaml'), 'metric_batch: "stolen"\n')
    repo.symlink('metrics/hostile/link.yaml', path.join(secretDir, 'stolen.yaml'))
    const base = repo.commit('hostile files long ago')
    repo.edit(ALPHA, '*/5', '*/6')
    const head = repo.commit()

    const run = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })

    expect(run.code).toBe(0)
    expect(run.ms).toBeLessThan(20_000)
    expect(noStackTrace(run)).toBe(true)
    expect(errorsOf(run)).toEqual([])
    const hostile = run.report?.diagnostics.filter((d) => d.file.startsWith('metrics/hostile/'))
    expect(hostile?.length).toBeGreaterThanOrEqual(8)
    expect(hostile?.every((d) => d.preExisting === true && d.severity === 'warning')).toBe(true)
    expect(hostile?.map((d) => d.ruleId)).toEqual(
      expect.arrayContaining(['file/too-large', 'file/outside-repository'])
    )
    expect(everything(run)).not.toContain(path.basename(secretDir))
  })

  test('text built to forge workflow commands never becomes one', async ({ expect }) => {
    const { repo, base } = repoWithMetrics()
    const evilName = 'metrics/evil/x\n::error file=evil::pwned\r::add-mask::name.yaml'
    const evilKeys = [
      'metric_batch: "evil"',
      'ingest_cron_schedule: "::add-mask::0 24 * * *"',
      'train_cron_schedule: "%0A::error file=evil::pwned %25 %3A"',
      '"x\\n::error file=evil::pwned\\r::set-output name=valid::true": 1',
      '"##[error]legacy pwned": 2',
      'ingest_sql: "%0A::error file=evil::pwned %25 ::stop-commands::abc"',
      ''
    ].join('\n')
    repo.write(evilName, evilKeys)
    repo.write('metrics/evil2/evil2.yaml', evilKeys.replace('"evil"', '"evil2\\n::warning::x"'))
    const head = repo.commit()

    const run = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })

    expect(run.code).toBe(1)
    const real = new Set([evilName, 'metrics/evil2/evil2.yaml'])
    const intended = new Set(['debug', 'group', 'endgroup', 'error', 'warning', 'notice'])
    for (const c of run.commands) {
      expect(intended.has(c.command), c.command).toBe(true)
      if (c.properties['file'] !== undefined) expect(real.has(c.properties['file'])).toBe(true)
    }
    // Exactly our lines: every command starts a physical line with "::" and names a known title.
    const annotated = run.annotations.filter((a) => a.file !== undefined)
    expect(annotated.length).toBeGreaterThan(0)
    expect(
      annotated.every((a) => /^[a-z-]+\/[a-z-]+( \(pre-existing\))?$/.test(a.title ?? ''))
    ).toBe(true)
    expect(run.commands.filter((c) => c.command === 'error' && !c.properties['file'])).toHaveLength(
      1
    )
    // Untrusted text survives the runner's unescaping byte for byte (so `%` was escaped too).
    expect(
      run.annotations.some((a) => a.message.includes('"%0A::error file=evil::pwned %25 %3A"'))
    ).toBe(true)
    // The outputs are ours too: no forged `valid`.
    expect(run.outputs['valid']).toBe('false')
    expect(run.summary).not.toMatch(
      /<(?!\/?(p|code|em|strong|details|summary|table|thead|tbody|tr|th|td|ul|li|br|sub|a|h3|pre)\b)/
    )
  })
})

describe('a summary with thousands of problems', () => {
  test('stays under 1 MiB and still leads with the verdict', async ({ expect }) => {
    const { repo } = repoWithMetrics()
    const files = 1200
    for (let i = 0; i < files; i++) {
      repo.write(
        `metrics/many/b${i}/b${i}.yaml`,
        `metric_batch: "b${i}"\ningest_cron_schedule: "0 24 * * *"\ntrain_cron_schedule: "0 25 * * *"\n` +
          `score_cron_schedule: "61 * * * *"\ningest_sql: >\n  SELECT 1\n`
      )
    }
    const head = repo.commit('many broken batches')

    const run = await runAction({ workspace: repo.dir, event: dispatchEvent(head) })

    expect(run.code).toBe(1)
    const errors = Number(run.outputs['errors'])
    expect(errors).toBeGreaterThanOrEqual(files * 3)
    expect(run.report?.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(errors)
    expect(Buffer.byteLength(run.summary, 'utf8')).toBeLessThan(1024 * 1024)
    expect(
      run.summary.startsWith(`## ❌ ${errors.toLocaleString('en-US')} errors`) ||
        run.summary.startsWith(`## ❌ ${errors} errors`)
    ).toBe(true)
    expect(run.summary).toMatch(/more problems \(see the JSON report\)/)
    // The runner shows at most 10 per level; the rest is pointed to, not dropped silently.
    expect(errorsOf(run).filter((a) => a.file !== undefined)).toHaveLength(10)
    expect(
      run.annotations.some((a) => a.level === 'notice' && /more problems/.test(a.title ?? ''))
    ).toBe(true)
  })
})
