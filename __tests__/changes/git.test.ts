import { chownSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  commitExists,
  diffAddedLines,
  diffNameStatus,
  dubiousOwnershipPath,
  isShallow,
  lsTree,
  mergeBase,
  revParse,
  runGit,
  showFile,
  readBlobs
} from '../../src/changes/git.js'
import { TempDirs } from './git-fixture.js'

const temp = new TempDirs()
afterEach(() => temp.cleanup())

const NL = 'metrics/new\nline.yaml'
const TAB = 'metrics/tab\tname.yaml'
const SPACE = 'metrics/my batch.yaml'
const UNI = 'métriques/ü.yaml'
const QUOTE = 'metrics/"quoted" \\ name.yaml'

describe('runGit', () => {
  it('returns stdout as bytes and the exit code', async () => {
    const repo = temp.repo()
    const ok = await runGit(['rev-parse', '--is-inside-work-tree'], { cwd: repo.dir })
    expect(ok.code).toBe(0)
    expect(ok.stdout.toString('utf8').trim()).toBe('true')
    const bad = await runGit(['rev-parse', '--verify', 'no-such-ref'], { cwd: repo.dir })
    expect(bad.code).not.toBe(0)
    expect(bad.stderr.length).toBeGreaterThan(0)
  })

  it('kills git and everything it started on timeout', async () => {
    const repo = temp.repo()
    const started = Date.now()
    // A git alias that runs a long sleep: the child of git must die with it.
    const r = await runGit(['-c', 'alias.slow=!sleep 20', 'slow'], {
      cwd: repo.dir,
      timeoutMs: 300
    })
    expect(r.timedOut).toBe(true)
    expect(r.code).toBe(-1)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('stops reading output over the cap', async () => {
    const repo = temp.repo()
    repo.write('a.txt', 'x\n'.repeat(1000))
    repo.commit('one')
    const r = await runGit(['show', 'HEAD:a.txt'], { cwd: repo.dir, maxOutputBytes: 100 })
    expect(r.overflowed).toBe(true)
    expect(r.code).toBe(-1)
    expect(r.stdout.length).toBeLessThanOrEqual(100)
  })

  it('reports a missing git directory as a failure, not an exception', async () => {
    const dir = temp.make()
    const r = await runGit(['rev-parse', 'HEAD'], { cwd: dir })
    expect(r.code).not.toBe(0)
  })

  it('parses the dubious-ownership message', () => {
    const msg =
      "fatal: detected dubious ownership in repository at '/github/work space/r'\nTo add an exception"
    expect(dubiousOwnershipPath(msg)).toBe('/github/work space/r')
    expect(dubiousOwnershipPath('fatal: not a git repository')).toBeUndefined()
  })

  // Only root can hand a repository to another user; CI runners and this container run as root.
  it.runIf(process.getuid?.() === 0)(
    'works in a repository owned by another user, also from a subfolder',
    async () => {
      const repo = temp.repo()
      repo.write('metrics/a.yaml', 'a: 1\n')
      const sha = repo.commit('one')
      const chownAll = (p: string): void => {
        chownSync(p, 65534, 65534)
        if (statSync(p).isDirectory()) for (const e of readdirSync(p)) chownAll(join(p, e))
      }
      chownAll(repo.dir)
      expect(await revParse(repo.dir, 'HEAD')).toBe(sha)
      expect(await revParse(join(repo.dir, 'metrics'), 'HEAD')).toBe(sha)
    }
  )
})

describe('git helpers on a real repository', () => {
  it('revParse, commitExists, mergeBase, isShallow', async () => {
    const repo = temp.repo()
    repo.write('a', '1')
    const c1 = repo.commit('c1')
    repo.git('checkout', '-q', '-b', 'feature')
    repo.write('b', '2')
    const c2 = repo.commit('c2')
    repo.git('checkout', '-q', 'main')
    repo.write('c', '3')
    const c3 = repo.commit('c3')
    expect(await revParse(repo.dir, 'feature')).toBe(c2)
    expect(await revParse(repo.dir, 'nope')).toBeUndefined()
    expect(await commitExists(repo.dir, c1)).toBe(true)
    expect(await commitExists(repo.dir, 'f'.repeat(40))).toBe(false)
    expect(await mergeBase(repo.dir, c2, c3)).toBe(c1)
    expect(await isShallow(repo.dir)).toBe(false)
    await expect(revParse(repo.dir, '--output=/tmp/x')).rejects.toThrow(/suspicious/)
  })

  it('diffNameStatus and diffAddedLines handle renames, deletions and odd names', async () => {
    const repo = temp.repo()
    const long = Array.from({ length: 20 }, (_, i) => `key_${i}: value ${i}`).join('\n') + '\n'
    repo.write('metrics/a.yaml', long)
    repo.write('metrics/b.yaml', 'completely: different\ncontent: here\nmore: [1, 2, 3]\n')
    repo.write('metrics/c.yaml', 'c: 1\nd: 2\ne: 3\n')
    const base = repo.commit('base')
    repo.mv('metrics/a.yaml', 'metrics/renamed/a.yaml')
    repo.rm('metrics/b.yaml')
    repo.write('metrics/c.yaml', 'c: 1\nd: two\ne: 3\nf: 4\n')
    for (const p of [NL, TAB, SPACE, UNI, QUOTE]) repo.write(p, 'x: 1\ny: 2\n')
    const head = repo.commit('head')

    const files = await diffNameStatus(repo.dir, base, head)
    const byPath = new Map(files.map((f) => [f.path, f]))
    expect(byPath.get('metrics/renamed/a.yaml')).toEqual({
      status: 'renamed',
      path: 'metrics/renamed/a.yaml',
      previousPath: 'metrics/a.yaml'
    })
    expect(byPath.get('metrics/b.yaml')?.status).toBe('deleted')
    expect(byPath.get('metrics/c.yaml')?.status).toBe('modified')
    for (const p of [NL, TAB, SPACE, UNI, QUOTE]) expect(byPath.get(p)?.status).toBe('added')
    expect(files).toHaveLength(8)

    const added = await diffAddedLines(repo.dir, base, head)
    expect([...(added.get('metrics/c.yaml') ?? [])].sort()).toEqual([2, 4])
    expect([...(added.get('metrics/renamed/a.yaml') ?? new Set([-1]))]).toEqual([])
    expect(added.has('metrics/b.yaml')).toBe(false)
    for (const p of [NL, TAB, SPACE, UNI, QUOTE]) expect([...(added.get(p) ?? [])]).toEqual([1, 2])
  })

  it('showFile returns base bytes; lsTree lists files under a folder at a revision', async () => {
    const repo = temp.repo()
    repo.write(UNI, 'v: 1\n')
    repo.write(NL, 'w: 1\n')
    repo.write('metrics/sub/x.yaml', 'x: 1\n')
    repo.write('other/y.yaml', 'y: 1\n')
    const base = repo.commit('base')
    repo.write(UNI, 'v: 2\n')
    repo.commit('head')

    expect(new TextDecoder().decode(await showFile(repo.dir, base, UNI))).toBe('v: 1\n')
    expect(new TextDecoder().decode(await showFile(repo.dir, 'HEAD', UNI))).toBe('v: 2\n')
    expect(await showFile(repo.dir, base, 'metrics/missing.yaml')).toBeUndefined()

    const entries = await lsTree(repo.dir, base, 'metrics')
    expect(entries.map((e) => e.path).sort()).toEqual([NL, 'metrics/sub/x.yaml'].sort())
    expect(entries.every((e) => e.mode === '100644' && /^[0-9a-f]{40}$/.test(e.oid))).toBe(true)
    // Paths stay repository-relative when git runs in a subfolder.
    const fromSub = await lsTree(join(repo.dir, 'metrics'), base, 'métriques/')
    expect(fromSub.map((e) => e.path)).toEqual([UNI])
  })

  it('readBlobs reads many blobs in one batch, reports oversized ones by size, skips missing ones', async () => {
    const repo = temp.repo()
    repo.write('metrics/a.yaml', 'a: 1\n')
    repo.write('metrics/b.yaml', 'b: 2\nwith\nnewlines\n')
    repo.write('metrics/big.yaml', 'x'.repeat(5000))
    const base = repo.commit('base')
    const entries = await lsTree(repo.dir, base, 'metrics')
    const oid = (p: string): string => entries.find((e) => e.path === p)!.oid
    const missing = 'f'.repeat(40)
    const blobs = await readBlobs(repo.dir, [...entries.map((e) => e.oid), missing], 1000)
    expect(new TextDecoder().decode(blobs.get(oid('metrics/a.yaml')) as Uint8Array)).toBe('a: 1\n')
    expect(new TextDecoder().decode(blobs.get(oid('metrics/b.yaml')) as Uint8Array)).toBe(
      'b: 2\nwith\nnewlines\n'
    )
    expect(blobs.get(oid('metrics/big.yaml'))).toEqual({ tooLarge: 5000 })
    expect(blobs.has(missing)).toBe(false)
  })
})
