import { describe, expect, it } from 'vitest'
import { changedFilesBetween } from '../../src/plan/tree-diff.js'
import type { FileTree } from '../../src/core/tree.js'
import { treeOf } from './helpers.js'

describe('changedFilesBetween', () => {
  it('reports added, modified, deleted and exact renames, sorted by path', () => {
    const base = treeOf({
      'metrics/a.yaml': 'a',
      'metrics/b.sql': 'b',
      'metrics/c.py': 'c',
      'metrics/same': 's'
    })
    const head = treeOf({
      'metrics/a.yaml': 'A',
      'metrics/moved/b.sql': 'b',
      'metrics/d.yaml': 'd',
      'metrics/same': 's'
    })
    expect(changedFilesBetween(base, head)).toEqual([
      { status: 'modified', path: 'metrics/a.yaml' },
      { status: 'deleted', path: 'metrics/c.py' },
      { status: 'added', path: 'metrics/d.yaml' },
      { status: 'renamed', path: 'metrics/moved/b.sql', previousPath: 'metrics/b.sql' }
    ])
  })

  it('an unreadable file counts as modified (its content is unknown)', () => {
    const base = treeOf({ 'metrics/big.yaml': 'x' })
    const head: FileTree = {
      metricsDir: 'metrics',
      entries: [
        { kind: 'unreadable', path: 'metrics/big.yaml', ruleId: 'file/too-large', message: 'big' }
      ]
    }
    expect(changedFilesBetween(base, head)).toEqual([
      { status: 'modified', path: 'metrics/big.yaml' }
    ])
  })

  it('pairs moves of identical files in path order, each deleted file taken once', () => {
    const base = treeOf({
      'metrics/old/b.sql': 'same',
      'metrics/old/a.sql': 'same',
      'metrics/old/c.sql': 'other'
    })
    const head = treeOf({
      'metrics/new/z.sql': 'same',
      'metrics/new/y.sql': 'same',
      'metrics/new/x.sql': 'same',
      'metrics/new/w.sql': 'else'
    })
    expect(changedFilesBetween(base, head)).toEqual([
      { status: 'added', path: 'metrics/new/w.sql' },
      { status: 'renamed', path: 'metrics/new/x.sql', previousPath: 'metrics/old/a.sql' },
      { status: 'renamed', path: 'metrics/new/y.sql', previousPath: 'metrics/old/b.sql' },
      { status: 'added', path: 'metrics/new/z.sql' },
      { status: 'deleted', path: 'metrics/old/c.sql' }
    ])
  })

  it('a folder of many files moved is a rename per file (paired by content, not searched)', () => {
    const files = (dir: string): Record<string, string> =>
      Object.fromEntries(
        Array.from({ length: 20_000 }, (_, i) => [`metrics/${dir}/f${i}.sql`, `select ${i}`])
      )
    const out = changedFilesBetween(treeOf(files('old')), treeOf(files('new')))
    expect(out).toHaveLength(20_000)
    expect(out.every((c) => c.status === 'renamed')).toBe(true)
    expect(out[0]).toEqual({
      status: 'renamed',
      path: 'metrics/new/f0.sql',
      previousPath: 'metrics/old/f0.sql'
    })
  })
})
