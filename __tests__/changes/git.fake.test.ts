import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  GitError,
  commitExists,
  deepen,
  diffAddedLines,
  diffNameStatus,
  fetchCommit,
  fetchHead,
  isShallow,
  lsTree,
  lsTreeAll,
  mergeBase,
  readBlobs,
  revParse,
  runGit,
  showFile
} from '../../src/changes/git.js'

// A scripted `git` first on PATH: it records its arguments, environment and standard input, and
// answers with canned output, so the exact command lines and the parsing of odd output are
// checked in milliseconds. git.test.ts runs the same functions against a real git.
const dir = mkdtempSync(join(tmpdir(), 'fake-git-'))
const log = join(dir, 'log')
const SCRIPT = `#!/bin/sh
if [ -n "$FAKE_GIT_IGNORE_TERM" ]; then trap '' TERM; fi
for a in "$@"; do printf '%s\\037' "$a"; done >> "$FAKE_GIT_LOG"
printf '\\n' >> "$FAKE_GIT_LOG"
env | grep -E '^(GIT_(DIR|WORK_TREE|INDEX_FILE|PREFIX|COMMON_DIR|AUTHOR_NAME|TERMINAL_PROMPT)|LC_ALL|LANGUAGE)=' | sort > "$FAKE_GIT_LOG.env"
if [ -n "$FAKE_GIT_STDIN" ]; then cat > "$FAKE_GIT_LOG.stdin"; fi
n=$(grep -c '' "$FAKE_GIT_LOG")
out=$(eval "printf '%s' \\"\\$FAKE_GIT_OUT_$n\\"")
[ -n "$out" ] || out="$FAKE_GIT_OUT"
printf "$out"
printf "$FAKE_GIT_ERR" >&2
if [ -n "$FAKE_GIT_SLEEP" ]; then sleep "$FAKE_GIT_SLEEP"; fi
if [ -n "$FAKE_GIT_BIG_ERR" ]; then head -c 200000 /dev/zero | tr '\\000' e >&2; fi
if [ -n "$FAKE_GIT_SELF_KILL" ]; then kill -9 $$; fi
code=$(eval "printf '%s' \\"\\$FAKE_GIT_CODE_$n\\"")
exit "\${code:-\${FAKE_GIT_CODE:-0}}"
`
const saved = { ...process.env }

beforeAll(() => {
  writeFileSync(join(dir, 'git'), SCRIPT)
  chmodSync(join(dir, 'git'), 0o755)
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})
beforeEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
  Object.assign(process.env, saved)
  process.env['PATH'] = `${dir}:${saved['PATH'] ?? ''}`
  process.env['FAKE_GIT_LOG'] = log
  rmSync(log, { force: true })
  writeFileSync(log, '')
})

/** Scripted answers: `out` may use printf escapes (`\\0`, `\\n`); per-call overrides by index. */
function answer(a: {
  out?: string
  err?: string
  code?: number
  calls?: Record<number, { out?: string; code?: number }>
}): void {
  if (a.out !== undefined) process.env['FAKE_GIT_OUT'] = a.out
  if (a.err !== undefined) process.env['FAKE_GIT_ERR'] = a.err
  if (a.code !== undefined) process.env['FAKE_GIT_CODE'] = String(a.code)
  for (const [n, c] of Object.entries(a.calls ?? {})) {
    if (c.out !== undefined) process.env[`FAKE_GIT_OUT_${n}`] = c.out
    if (c.code !== undefined) process.env[`FAKE_GIT_CODE_${n}`] = String(c.code)
  }
}

const BASE = (cwd: string): string[] => [
  '-c',
  'core.quotePath=false',
  '-c',
  `safe.directory=${resolve(cwd)}`,
  '-c',
  'diff.relative=false',
  '-c',
  'color.ui=false'
]

/** Argument lists of every call so far, without the fixed `-c` prefix. */
function calls(cwd = dir): string[][] {
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const args = l.split('\x1f').slice(0, -1)
      expect(args.slice(0, 8)).toEqual(BASE(cwd))
      return args.slice(8)
    })
}

const A = 'a'.repeat(40)
const B = 'b'.repeat(40)

describe('git command lines', () => {
  it('runGit: base config, the environment, and the result', async () => {
    process.env['GIT_DIR'] = '/elsewhere'
    process.env['GIT_WORK_TREE'] = '/elsewhere'
    process.env['GIT_INDEX_FILE'] = '/elsewhere/index'
    process.env['GIT_PREFIX'] = 'sub/'
    process.env['GIT_COMMON_DIR'] = '/elsewhere'
    process.env['GIT_AUTHOR_NAME'] = 'kept'
    process.env['LC_ALL'] = 'de_DE.UTF-8'
    process.env['LANGUAGE'] = 'de'
    answer({ out: 'out\\n', err: 'warn\\n', code: 3 })
    const r = await runGit(['status', '--porcelain'], { cwd: dir })
    expect(r).toEqual({
      code: 3,
      stdout: Buffer.from('out\n'),
      stderr: 'warn\n',
      timedOut: false,
      overflowed: false
    })
    expect(calls()).toEqual([['status', '--porcelain']])
    expect(readFileSync(`${log}.env`, 'utf8').split('\n')).toEqual([
      'GIT_AUTHOR_NAME=kept',
      'GIT_TERMINAL_PROMPT=0',
      'LANGUAGE=C',
      'LC_ALL=C',
      ''
    ])
  })

  it('runGit retries once with the repository root that a dubious-ownership error names', async () => {
    answer({
      code: 128,
      err: "fatal: detected dubious ownership in repository at '/repo root'\\n"
    })
    const r = await runGit(['rev-parse', 'HEAD'], { cwd: dir })
    expect(r.code).toBe(128)
    expect(calls()).toEqual([
      ['rev-parse', 'HEAD'],
      ['-c', 'safe.directory=/repo root', 'rev-parse', 'HEAD']
    ])
  })

  it('runGit does not retry for the directory it already trusts, nor on success', async () => {
    answer({ code: 128, err: `fatal: detected dubious ownership in repository at '${dir}'\\n` })
    await runGit(['x'], { cwd: `${dir}/` })
    expect(calls()).toEqual([['x']])
    answer({ code: 0, err: "warning: detected dubious ownership in repository at '/other'\\n" })
    await runGit(['y'], { cwd: dir })
    expect(calls()).toEqual([['x'], ['y']])
  })

  it('runGit writes the input to git', async () => {
    process.env['FAKE_GIT_STDIN'] = '1'
    await runGit(['cat-file', '--batch-check'], { cwd: dir, input: 'abc\n' })
    expect(readFileSync(`${log}.stdin`, 'utf8')).toBe('abc\n')
  })

  it('runGit reports a timeout in stderr, after what git had written', async () => {
    answer({ err: 'warn\\n' })
    process.env['FAKE_GIT_SLEEP'] = '5'
    // SIGKILL: a helper that ignores SIGTERM is still ended.
    process.env['FAKE_GIT_IGNORE_TERM'] = '1'
    const started = Date.now()
    const r = await runGit(['slow'], { cwd: dir, timeoutMs: 300 })
    // Killed, with the `sleep` it started: the pipes close long before the sleep would end.
    expect(Date.now() - started).toBeLessThan(3000)
    expect(r).toEqual({
      code: -1,
      stdout: Buffer.alloc(0),
      stderr: 'git timed out after 300 ms\nwarn\n',
      timedOut: true,
      overflowed: false
    })
  })

  it('runGit reports a git that cannot be started as a failure', async () => {
    process.env['PATH'] = join(dir, 'empty')
    const r = await runGit(['status'], { cwd: dir })
    expect(r).toEqual({
      code: -1,
      stdout: Buffer.alloc(0),
      stderr: 'could not run git: spawn git ENOENT',
      timedOut: false,
      overflowed: false
    })
  })

  it('runGit gives git no standard input unless there is input', async () => {
    process.env['FAKE_GIT_STDIN'] = '1'
    const r = await runGit(['x'], { cwd: dir, timeoutMs: 3000 })
    expect(r.code).toBe(0)
    expect(readFileSync(`${log}.stdin`, 'utf8')).toBe('')
  })

  it('runGit survives git exiting without reading its input', async () => {
    const r = await runGit(['x'], { cwd: dir, input: 'x'.repeat(4 << 20) })
    expect(r.code).toBe(0)
  })

  it('runGit reports a git killed by a signal as -1', async () => {
    process.env['FAKE_GIT_SELF_KILL'] = '1'
    expect(await runGit(['x'], { cwd: dir })).toMatchObject({ code: -1, timedOut: false })
  })

  it('runGit keeps at most about 64 KiB of stderr', async () => {
    process.env['FAKE_GIT_BIG_ERR'] = '1'
    const r = await runGit(['x'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stderr.length).toBeGreaterThanOrEqual(64 * 1024)
    expect(r.stderr.length).toBeLessThan(128 * 1024)
    expect(r.stderr.slice(0, 3)).toBe('eee')
  })

  it('runGit caps stdout: exactly the cap is fine, one byte more is an overflow', async () => {
    answer({ out: 'abcd' })
    expect(await runGit(['x'], { cwd: dir, maxOutputBytes: 4 })).toMatchObject({
      code: 0,
      stdout: Buffer.from('abcd'),
      overflowed: false
    })
    process.env['FAKE_GIT_SLEEP'] = '5'
    const started = Date.now()
    const over = await runGit(['x'], { cwd: dir, maxOutputBytes: 3 })
    // git is killed at once rather than left to finish.
    expect(Date.now() - started).toBeLessThan(3000)
    expect(over).toMatchObject({ code: -1, overflowed: true, timedOut: false, stderr: '' })
    expect(over.stdout.length).toBe(0)
  })

  it('revParse, commitExists, mergeBase, isShallow', async () => {
    answer({ out: `  ${A}\\n` })
    expect(await revParse(dir, 'main')).toBe(A)
    expect(await commitExists(dir, A)).toBe(true)
    expect(await mergeBase(dir, A, B)).toBe(A)
    answer({ out: 'true\\n' })
    expect(await isShallow(dir)).toBe(true)
    answer({ out: 'false\\n' })
    expect(await isShallow(dir)).toBe(false)
    answer({ code: 1 })
    expect(await fetchHead(dir)).toBeUndefined()
    expect(calls()).toEqual([
      ['rev-parse', '--verify', '--quiet', 'main^{commit}'],
      ['cat-file', '-e', `${A}^{commit}`],
      ['merge-base', A, B],
      ['rev-parse', '--is-shallow-repository'],
      ['rev-parse', '--is-shallow-repository'],
      ['rev-parse', '--verify', '--quiet', 'FETCH_HEAD^{commit}']
    ])
  })

  it('failures: undefined answers, and GitError with the first three stderr lines', async () => {
    answer({ code: 1, err: ' one\\ntwo\\nthree\\nfour\\n ' })
    expect(await revParse(dir, 'main')).toBeUndefined()
    expect(await commitExists(dir, A)).toBe(false)
    expect(await mergeBase(dir, A, B)).toBeUndefined()
    expect(await showFile(dir, A, 'x')).toBeUndefined()
    const fails: Array<[string, () => Promise<unknown>]> = [
      ['git rev-parse --is-shallow-repository', () => isShallow(dir)],
      ['git diff --name-status', () => diffNameStatus(dir, A, B)],
      ['git diff -U0', () => diffAddedLines(dir, A, B)],
      ['git ls-tree', () => lsTree(dir, A, 'm')],
      ['git cat-file --batch-check', () => readBlobs(dir, [A], 10)]
    ]
    for (const [what, f] of fails) {
      const e: unknown = await f().catch((x: unknown) => x)
      expect(e).toBeInstanceOf(GitError)
      expect((e as GitError).message).toBe(`${what} failed (exit 1): one / two / three`)
      expect((e as GitError).name).toBe('GitError')
      expect((e as GitError).result.code).toBe(1)
    }
    answer({ err: '  ' })
    const e: unknown = await diffNameStatus(dir, A, B).catch((x: unknown) => x)
    expect((e as Error).message).toBe('git diff --name-status failed (exit 1)')
  })

  it('a second call that fails: cat-file --batch', async () => {
    answer({ calls: { 1: { out: `${A} blob 3\\n` }, 2: { code: 2 } } })
    await expect(readBlobs(dir, [A], 10)).rejects.toThrow(
      /^git cat-file --batch failed \(exit 2\)$/
    )
  })

  it('suspicious revisions never reach git', async () => {
    for (const rev of ['', '-x', '--output=/tmp/x', 'a\0b']) {
      await expect(revParse(dir, rev)).rejects.toThrow(
        new Error(`refusing suspicious revision ${JSON.stringify(rev)}`)
      )
      await expect(commitExists(dir, rev)).rejects.toThrow(/refusing/)
      await expect(mergeBase(dir, A, rev)).rejects.toThrow(/refusing/)
      await expect(mergeBase(dir, rev, A)).rejects.toThrow(/refusing/)
      await expect(diffNameStatus(dir, rev, A)).rejects.toThrow(/refusing/)
      await expect(diffNameStatus(dir, A, rev)).rejects.toThrow(/refusing/)
      await expect(diffAddedLines(dir, rev, A)).rejects.toThrow(/refusing/)
      await expect(diffAddedLines(dir, A, rev)).rejects.toThrow(/refusing/)
      await expect(fetchCommit(dir, rev, { shallow: true })).rejects.toThrow(/refusing/)
      await expect(deepen(dir, [A, rev], 1)).rejects.toThrow(/refusing/)
      await expect(showFile(dir, rev, 'x')).rejects.toThrow(/refusing/)
      await expect(lsTree(dir, rev, 'x')).rejects.toThrow(/refusing/)
    }
    expect(calls()).toEqual([])
  })

  it('diffs', async () => {
    answer({ out: 'M\\0a b\\0' })
    expect(await diffNameStatus(dir, A, B)).toEqual([{ status: 'modified', path: 'a b' }])
    answer({ out: 'diff --git a/x b/x\\n@@ -1 +1 @@\\n-a\\n+b\\n' })
    expect(await diffAddedLines(dir, A, B)).toEqual(new Map([['x', new Set([1])]]))
    expect(calls()).toEqual([
      ['diff', '-z', '--name-status', '-M', '--no-ext-diff', '--no-textconv', A, B, '--'],
      [
        'diff',
        '-U0',
        '-M',
        '--no-ext-diff',
        '--no-textconv',
        '--src-prefix=a/',
        '--dst-prefix=b/',
        A,
        B,
        '--'
      ]
    ])
  })

  it('fetchCommit and deepen', async () => {
    answer({ out: 'true\\n' })
    await fetchCommit(dir, A)
    await fetchCommit(dir, 'refs/heads/main', { shallow: false, remote: 'up' })
    await deepen(dir, [A, B], 2.7)
    await deepen(dir, [A], 0, { remote: 'up' })
    await deepen(dir, [A], -5)
    const f = ['fetch', '--no-tags', '--no-recurse-submodules', '--quiet']
    expect(calls()).toEqual([
      ['rev-parse', '--is-shallow-repository'],
      [...f, '--depth=1', 'origin', A],
      [...f, 'up', 'refs/heads/main'],
      [...f, '--deepen=2', 'origin', A, B],
      [...f, '--deepen=1', 'up', A],
      [...f, '--deepen=1', 'origin', A]
    ])
  })

  it('fetchCommit in a full clone fetches without a depth', async () => {
    answer({ out: 'false\\n' })
    await fetchCommit(dir, A)
    expect(calls()[1]).toEqual([
      'fetch',
      '--no-tags',
      '--no-recurse-submodules',
      '--quiet',
      'origin',
      A
    ])
  })

  it('showFile returns the exact bytes', async () => {
    answer({ out: 'a\\0b' })
    expect(await showFile(dir, A, 'm/x.yaml')).toEqual(new Uint8Array([0x61, 0, 0x62]))
    expect(calls()).toEqual([['cat-file', 'blob', `${A}:m/x.yaml`]])
  })

  it('listing trees: arguments and parsing', async () => {
    answer({
      out: [
        `100644 blob ${A}\tm/a b.yaml`,
        `040000 tree ${B}\tm/sub`,
        `160000 commit ${B}\tm/module`,
        `120000 blob ${B}\tm/link`,
        `100644 blob ${A} no tab`,
        `100644 blob\tm/no-oid`,
        ''
      ].join('\\000')
    })
    expect(await lsTree(dir, A, 'm//')).toEqual([
      { path: 'm/a b.yaml', mode: '100644', oid: A, type: 'blob' },
      { path: 'm/link', mode: '120000', oid: B, type: 'blob' }
    ])
    expect(await lsTreeAll(dir, A)).toEqual([
      { path: 'm/a b.yaml', mode: '100644', oid: A, type: 'blob' },
      { path: 'm/sub', mode: '040000', oid: B, type: 'tree' },
      { path: 'm/link', mode: '120000', oid: B, type: 'blob' }
    ])
    await lsTree(dir, A, '.')
    await lsTree(dir, A, '')
    const ls = ['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree']
    expect(calls()).toEqual([
      [...ls, A, '--', 'm'],
      [...ls, '-t', A],
      [...ls, A],
      [...ls, A]
    ])
  })

  it('readBlobs: sizes first, then only the small blobs', async () => {
    const C = 'c'.repeat(40)
    const D = 'd'.repeat(64)
    process.env['FAKE_GIT_STDIN'] = '1'
    answer({
      calls: {
        1: {
          out: `${A} blob 3\\n${B} blob 11\\n${C} missing\\n${D} tree 5\\n${'e'.repeat(40)} blob\\n`
        },
        2: { out: `${A} blob 3\\na\\nb\\n${C} missing\\n` }
      }
    })
    const out = await readBlobs(dir, [A, B, A, C, D, 'not-an-oid', 'A'.repeat(40)], 10)
    expect(out).toEqual(
      new Map<string, unknown>([
        [B, { tooLarge: 11 }],
        [A, new Uint8Array([0x61, 0x0a, 0x62])]
      ])
    )
    expect(readFileSync(`${log}.stdin`, 'utf8')).toBe(`${A}\n`)
    expect(calls()).toEqual([
      ['cat-file', '--batch-check'],
      ['cat-file', '--batch']
    ])
  })

  it('readBlobs: a blob of exactly the limit is read; nothing to read means one call', async () => {
    answer({ calls: { 1: { out: `${A} blob 10\\n` }, 2: { out: `${A} blob 10\\n0123456789\\n` } } })
    expect((await readBlobs(dir, [A], 10)).get(A)).toEqual(new TextEncoder().encode('0123456789'))
    rmSync(log)
    writeFileSync(log, '')
    answer({ calls: { 1: { out: `${A} blob 11\\n` } } })
    expect(await readBlobs(dir, [A], 10)).toEqual(new Map([[A, { tooLarge: 11 }]]))
    expect(calls()).toEqual([['cat-file', '--batch-check']])
    expect(await readBlobs(dir, ['xyz'], 10)).toEqual(new Map())
    expect(calls()).toHaveLength(1)
  })

  it('readBlobs: the output cap leaves room for the record headers of many small blobs', async () => {
    const oids = Array.from({ length: 30 }, (_, i) => i.toString(16).padStart(40, '0'))
    answer({
      calls: {
        1: { out: oids.map((o) => `${o} blob 0\\n`).join('') },
        2: { out: oids.map((o) => `${o} blob 0\\n\\n`).join('') }
      }
    })
    const out = await readBlobs(dir, oids, 10)
    expect([...out.keys()]).toEqual(oids)
    expect(out.get(oids[29] ?? '')).toEqual(new Uint8Array())
  })

  it('readBlobs: a truncated record ends the reading', async () => {
    answer({
      calls: {
        1: { out: `${A} blob 3\\n${B} blob 3\\n` },
        2: { out: `${A} blob 3\\nabc\\n${B} blob 3` }
      }
    })
    expect(await readBlobs(dir, [A, B], 10)).toEqual(
      new Map([[A, new TextEncoder().encode('abc')]])
    )
  })
})
