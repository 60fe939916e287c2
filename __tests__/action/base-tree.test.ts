/**
 * The base commit's tree, read from git objects, must say what the working-tree reader says about
 * the same files: otherwise an old problem never matches and blocks every later push.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, test } from 'vitest'
import { readTreeAtRevision } from '../../src/action/base-tree.js'
import { readMetricsTree } from '../../src/config/read-tree.js'
import type { TreeEntry } from '../../src/core/tree.js'
import { Repo, cleanupAll, tempRoot } from './harness.js'

afterAll(cleanupAll)

/** An entry without its bytes, for comparing the two readers. */
function shape(e: TreeEntry): Record<string, unknown> {
  return e.kind === 'file'
    ? { kind: e.kind, path: e.path, text: Buffer.from(e.bytes).toString('utf8') }
    : { ...e }
}

const byPath = (a: TreeEntry, b: TreeEntry): number =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0

describe.concurrent('readTreeAtRevision', () => {
  test('agrees with the working-tree reader on files, links, folders and oversized files', async ({
    expect
  }) => {
    const repo = Repo.init()
    const outsideDir = tempRoot('ahr-outside-')
    writeFileSync(path.join(outsideDir, 'exists.yaml'), 'metric_batch: "outside"\n')
    repo
      .write('metrics/a/a.yaml', 'metric_batch: "a"\n')
      .write('metrics/a/big.yaml', `# ${'x'.repeat(300)}\n`)
      .write('shared/real.yaml', 'metric_batch: "shared"\n')
      .write('shared/dir/x.yaml', 'metric_batch: "x"\n')
      .symlink('metrics/links/inside.yaml', '../../shared/real.yaml')
      .symlink('metrics/links/chain.yaml', 'inside.yaml')
      .symlink('metrics/links/dir', '../../shared/dir')
      .symlink('metrics/links/broken.yaml', 'nowhere.yaml')
      .symlink('metrics/links/absolute.yaml', path.join(outsideDir, 'exists.yaml'))
      .symlink('metrics/links/dangling-outside.yaml', path.join(outsideDir, 'missing.yaml'))
      .symlink(
        'metrics/links/relative-outside.yaml',
        `../../../../${path.basename(outsideDir)}/exists.yaml`
      )
      .symlink('metrics/links/escape.yaml', '../../../outside.yaml')
      .symlink('metrics/links/absolute-inside.yaml', repo.abs('shared/real.yaml'))
    const sha = repo.commit()

    const fromGit = await readTreeAtRevision(repo.dir, sha, 'metrics', 200)
    const fromDisk = await readMetricsTree(repo.dir, 'metrics', { maxBytes: 200 })

    expect(fromGit.metricsDir).toBe('metrics')
    expect([...fromGit.entries].sort(byPath).map(shape)).toEqual(
      [...fromDisk.entries].sort(byPath).map(shape)
    )
    expect(fromGit.entries.find((e) => e.path === 'metrics/links/absolute.yaml')).toMatchObject({
      ruleId: 'file/outside-repository'
    })
    expect(fromGit.entries.find((e) => e.path === 'metrics/a/big.yaml')).toMatchObject({
      ruleId: 'file/too-large'
    })
  })

  test('a link loop is a broken link, not a hang', async ({ expect }) => {
    const repo = Repo.init()
    repo
      .write('metrics/a.yaml', 'metric_batch: "a"\n')
      .symlink('metrics/loop1.yaml', 'loop2.yaml')
      .symlink('metrics/loop2.yaml', 'loop1.yaml')
    const sha = repo.commit()

    const tree = await readTreeAtRevision(repo.dir, sha, 'metrics', 1000)

    expect(tree.entries.filter((e) => e.path.includes('loop'))).toMatchObject([
      { path: 'metrics/loop1.yaml', ruleId: 'file/unreadable' },
      { path: 'metrics/loop2.yaml', ruleId: 'file/unreadable' }
    ])
  })

  test('with the head tree given, unchanged files share its bytes and changed ones come from git', async ({
    expect
  }) => {
    const repo = Repo.init()
    repo
      .write('metrics/same.yaml', 'metric_batch: "same"\n')
      .write('metrics/edited.yaml', 'metric_batch: "before"\n')
      .write('metrics/gone.yaml', 'metric_batch: "gone"\n')
      .write('shared/real.yaml', 'metric_batch: "linked"\n')
      .symlink('metrics/link.yaml', '../shared/real.yaml')
      .write('metrics/big.yaml', `# ${'x'.repeat(300)}\n`)
    const base = repo.commit()
    repo.edit('metrics/edited.yaml', 'before', 'after').rm('metrics/gone.yaml')
    const head = await readMetricsTree(repo.dir, 'metrics', { maxBytes: 1000 })

    const shared = await readTreeAtRevision(repo.dir, base, 'metrics', 200, head)
    const alone = await readTreeAtRevision(repo.dir, base, 'metrics', 200)

    // Reusing bytes never changes what the base tree says.
    expect(shared.entries.map(shape)).toEqual(alone.entries.map(shape))
    const bytesOf = (tree: typeof head, p: string): Uint8Array | undefined => {
      const e = tree.entries.find((x) => x.path === p)
      return e?.kind === 'file' ? e.bytes : undefined
    }
    // Same blob: the very same array, so the parse cache recognises it without hashing again.
    expect(bytesOf(shared, 'metrics/same.yaml')).toBe(bytesOf(head, 'metrics/same.yaml'))
    expect(bytesOf(shared, 'metrics/link.yaml')).toBe(bytesOf(head, 'metrics/link.yaml'))
    // Different bytes at the same path: read from git, the base's own text.
    expect(bytesOf(shared, 'metrics/edited.yaml')).not.toBe(bytesOf(head, 'metrics/edited.yaml'))
    expect(Buffer.from(bytesOf(shared, 'metrics/edited.yaml') ?? []).toString()).toBe(
      'metric_batch: "before"\n'
    )
    expect(bytesOf(shared, 'metrics/gone.yaml')).toBeDefined()
    // Within head's limit but over the base read's: still reported by size, not reused.
    expect(shared.entries.find((e) => e.path === 'metrics/big.yaml')).toMatchObject({
      ruleId: 'file/too-large'
    })
  })
})
