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
})
