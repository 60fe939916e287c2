/**
 * Links on the base commit are resolved from one listing of the commit and one batch of link
 * blobs (three git processes per hop made 1,000 links take half a minute, and a loop never end).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { readTreeAtRevision } from '../../src/action/base-tree.js'
import { Repo, cleanupAll } from '../action/harness.js'

afterAll(cleanupAll)

describe('links on the base commit', () => {
  it('resolves 3,000 links, chains through other folders, and stops a loop at the hop limit', async () => {
    const repo = Repo.init()
    repo.write('shared/real.yaml', 'metric_batch: shared\n')
    repo.symlink('shared/hop1.yaml', 'real.yaml')
    repo.symlink('shared/hop2.yaml', 'hop1.yaml')
    for (let i = 0; i < 3_000; i++) {
      repo.symlink(`metrics/l/link${String(i).padStart(4, '0')}.yaml`, '../../shared/hop2.yaml')
    }
    // A loop, a chain longer than the hop limit, and a link to a folder.
    repo.symlink('metrics/loop/a.yaml', 'b.yaml').symlink('metrics/loop/b.yaml', 'a.yaml')
    for (let i = 0; i < 20; i++) repo.symlink(`chain/c${i}.yaml`, `c${i + 1}.yaml`)
    repo.write('chain/c20.yaml', 'metric_batch: far\n')
    repo.symlink('metrics/long.yaml', '../chain/c0.yaml')
    repo.symlink('metrics/dir', '../shared')
    const rev = repo.commit()
    const tree = await readTreeAtRevision(repo.dir, rev, 'metrics', 1024 * 1024)
    const byPath = new Map(tree.entries.map((e) => [e.path, e]))
    const files = tree.entries.filter((e) => e.kind === 'file' && e.path.startsWith('metrics/l/'))
    expect(files).toHaveLength(3_000)
    const first = byPath.get('metrics/l/link0000.yaml')
    expect(first?.kind === 'file' && Buffer.from(first.bytes).toString()).toBe(
      'metric_batch: shared\n'
    )
    for (const p of ['metrics/loop/a.yaml', 'metrics/loop/b.yaml', 'metrics/long.yaml']) {
      expect(byPath.get(p)).toMatchObject({ kind: 'unreadable', ruleId: 'file/unreadable' })
    }
    expect(byPath.get('metrics/dir')).toEqual({ kind: 'dir-link', path: 'metrics/dir' })
  })
})
