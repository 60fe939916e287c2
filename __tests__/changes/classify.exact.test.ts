import { describe, expect, it } from 'vitest'
import {
  classifyChanges,
  isIgnoredYamlName,
  needsRestart,
  type Classification,
  type DependencyGraph
} from '../../src/changes/classify.js'
import type { ChangedFile } from '../../src/changes/changed-file.js'

// Whole classifications compared exactly: every field, including the notes that the step summary
// shows, so a change to one field cannot hide behind assertions on the others.
const graph: DependencyGraph = {
  defaultsPath: 'metrics/defaults/defaults.yaml',
  batchFiles: new Map([
    ['metrics/a/a.yaml', { batch: 'a_batch', includes: ['metrics/a/ingest.sql'] }],
    ['metrics/b/b.yaml', { batch: 'b_batch', includes: ['metrics/shared/fn.py'] }],
    ['metrics/c/c.yaml', { batch: 'c_batch', includes: ['./metrics//shared/fn.py'] }],
    ['metrics/d/bad.yaml', { includes: [] }]
  ])
}

const empty: Classification = {
  metricsChanged: false,
  reloadRelevant: false,
  affectedBatches: [],
  affectedBatchFiles: [],
  removedBatchFiles: [],
  removedBatches: [],
  restartNeeded: [],
  ignoredYml: [],
  notes: []
}

const mod = (path: string): ChangedFile => ({ status: 'modified', path })

describe('classifyChanges, exactly', () => {
  it('no files', () => {
    expect(classifyChanges([], graph)).toEqual(empty)
  })

  it('a file outside the metrics folder', () => {
    expect(classifyChanges([mod('src/app.py'), mod('metricsx/a.yaml')], graph)).toEqual(empty)
  })

  it('a non-YAML file under metrics that nothing includes', () => {
    expect(classifyChanges([mod('metrics/readme.md')], graph)).toEqual({
      ...empty,
      metricsChanged: true
    })
  })

  it('the metrics folder itself counts as under it', () => {
    expect(classifyChanges([{ status: 'type-changed', path: 'metrics' }], graph)).toEqual({
      ...empty,
      metricsChanged: true
    })
  })

  it('a changed batch file', () => {
    expect(classifyChanges([mod('metrics/a/a.yaml')], graph)).toEqual({
      ...empty,
      metricsChanged: true,
      reloadRelevant: true,
      affectedBatches: ['a_batch'],
      affectedBatchFiles: ['metrics/a/a.yaml']
    })
  })

  it('an include with an unnormalised path in the graph', () => {
    expect(classifyChanges([mod('metrics/shared/fn.py')], graph)).toEqual({
      ...empty,
      metricsChanged: true,
      affectedBatches: ['b_batch', 'c_batch'],
      affectedBatchFiles: ['metrics/b/b.yaml', 'metrics/c/c.yaml']
    })
  })

  it('a batch file without a name', () => {
    expect(classifyChanges([mod('metrics/d/bad.yaml')], graph)).toEqual({
      ...empty,
      metricsChanged: true,
      reloadRelevant: true,
      affectedBatchFiles: ['metrics/d/bad.yaml'],
      notes: ['metrics/d/bad.yaml has no string metric_batch; checking the file itself']
    })
  })

  it('defaults.yaml changed: every batch, and the unnamed file noted once', () => {
    expect(
      classifyChanges([mod('metrics/defaults/defaults.yaml'), mod('metrics/d/bad.yaml')], graph)
    ).toEqual({
      ...empty,
      metricsChanged: true,
      reloadRelevant: true,
      affectedBatches: ['a_batch', 'b_batch', 'c_batch'],
      affectedBatchFiles: [
        'metrics/a/a.yaml',
        'metrics/b/b.yaml',
        'metrics/c/c.yaml',
        'metrics/d/bad.yaml'
      ],
      notes: ['metrics/d/bad.yaml has no string metric_batch; checking the file itself']
    })
  })

  it('an unknown .yaml under metrics is noted, another defaults.yaml is not', () => {
    const files: ChangedFile[] = [
      { status: 'added', path: 'metrics/new/new.yaml' },
      { status: 'added', path: 'metrics/other/defaults.yaml' },
      { status: 'added', path: 'metrics/new/notes.txt' }
    ]
    expect(classifyChanges(files, graph)).toEqual({
      ...empty,
      metricsChanged: true,
      reloadRelevant: true,
      notes: ['metrics/new/new.yaml is a .yaml file under metrics but not a known batch file']
    })
  })

  it('with the metrics path at the root, every file is under it', () => {
    const root: DependencyGraph = {
      defaultsPath: 'defaults/defaults.yaml',
      batchFiles: new Map([['x/x.yaml', { batch: 'x', includes: [] }]])
    }
    expect(
      classifyChanges([mod('y.yaml'), mod('Dockerfile')], root, { metricsPath: './' })
    ).toEqual({
      ...empty,
      metricsChanged: true,
      reloadRelevant: true,
      notes: ['y.yaml is a .yaml file under the root but not a known batch file']
    })
  })

  it('a deleted batch file without the base tree', () => {
    const f: ChangedFile = { status: 'deleted', path: 'metrics/x/x.yaml' }
    expect(classifyChanges([f], graph)).toEqual({
      ...empty,
      metricsChanged: true,
      reloadRelevant: true,
      removedBatchFiles: [f],
      notes: ['metrics/x/x.yaml was deleted; its batch name is unknown without the base tree']
    })
  })

  it('deleted files that are not batch files, without the base tree', () => {
    const files: ChangedFile[] = [
      { status: 'deleted', path: 'metrics/x/defaults.yaml' },
      { status: 'deleted', path: 'metrics/x/q.sql' },
      { status: 'deleted', path: 'other/x.yaml' }
    ]
    expect(classifyChanges(files, graph)).toEqual({
      ...empty,
      metricsChanged: true,
      reloadRelevant: true
    })
  })

  it('a renamed batch file without the base tree', () => {
    const f: ChangedFile = {
      status: 'renamed',
      path: 'metrics/a/a.yaml',
      previousPath: 'metrics/old/a.yaml'
    }
    expect(classifyChanges([f], graph)).toEqual({
      ...empty,
      metricsChanged: true,
      reloadRelevant: true,
      affectedBatches: ['a_batch'],
      affectedBatchFiles: ['metrics/a/a.yaml'],
      removedBatchFiles: [f],
      notes: ['metrics/old/a.yaml was renamed; its batch name is unknown without the base tree']
    })
  })

  it('a copy leaves its source in place', () => {
    const f: ChangedFile = {
      status: 'copied',
      path: 'metrics/a/a.yaml',
      previousPath: 'metrics/old/a.yaml'
    }
    expect(classifyChanges([f], graph).removedBatchFiles).toEqual([])
  })

  it('a rename into the metrics folder from outside', () => {
    const f: ChangedFile = {
      status: 'renamed',
      path: 'docs/a.yaml',
      previousPath: 'metrics/z.yaml'
    }
    expect(classifyChanges([f], graph)).toMatchObject({
      metricsChanged: true,
      reloadRelevant: true,
      removedBatchFiles: [f]
    })
  })

  it('with the base tree: removed batches and batch files', () => {
    const base: DependencyGraph = {
      defaultsPath: graph.defaultsPath,
      batchFiles: new Map([
        ...graph.batchFiles,
        ['metrics/gone/gone.yaml', { batch: 'gone_batch', includes: [] }],
        ['metrics/old/a.yaml', { batch: 'a_batch', includes: [] }],
        ['metrics/n/n.yaml', { includes: [] }]
      ])
    }
    const files: ChangedFile[] = [
      { status: 'deleted', path: 'metrics/gone/gone.yaml' },
      { status: 'renamed', path: 'metrics/a/a.yaml', previousPath: 'metrics/old/a.yaml' },
      { status: 'deleted', path: 'metrics/n/n.yaml' },
      // Not a batch file on base: not reported as removed.
      { status: 'deleted', path: 'metrics/q/q.yaml' }
    ]
    expect(classifyChanges(files, graph, { baseGraph: base })).toEqual({
      ...empty,
      metricsChanged: true,
      reloadRelevant: true,
      affectedBatches: ['a_batch'],
      affectedBatchFiles: ['metrics/a/a.yaml'],
      removedBatchFiles: [files[0], files[1], files[2]],
      removedBatches: ['gone_batch']
    })
  })

  it('deleted or moved defaults.yaml', () => {
    const all = ['a_batch', 'b_batch', 'c_batch']
    const c = classifyChanges(
      [{ status: 'deleted', path: 'metrics/defaults/defaults.yaml' }],
      graph
    )
    expect(c.affectedBatches).toEqual(all)
    expect(c.removedBatchFiles).toEqual([])
    expect(c.notes).toEqual([
      'metrics/defaults/defaults.yaml (defaults.yaml) was deleted',
      'metrics/d/bad.yaml has no string metric_batch; checking the file itself'
    ])
    const moved = classifyChanges(
      [
        {
          status: 'renamed',
          path: 'metrics/defaults/old.yaml',
          previousPath: 'metrics/defaults/defaults.yaml'
        }
      ],
      graph
    )
    expect(moved.affectedBatches).toEqual(all)
    expect(moved.notes.slice(0, 2)).toEqual([
      'metrics/defaults/old.yaml is a .yaml file under metrics but not a known batch file',
      'metrics/defaults/defaults.yaml (defaults.yaml) was moved'
    ])
  })

  it('a removed include still included by batches', () => {
    const files: ChangedFile[] = [
      { status: 'renamed', path: 'metrics/shared/fn2.py', previousPath: 'metrics/shared/fn.py' }
    ]
    expect(classifyChanges(files, graph)).toEqual({
      ...empty,
      metricsChanged: true,
      affectedBatches: ['b_batch', 'c_batch'],
      affectedBatchFiles: ['metrics/b/b.yaml', 'metrics/c/c.yaml'],
      notes: [
        'metrics/shared/fn.py is gone but still included by metrics/b/b.yaml',
        'metrics/shared/fn.py is gone but still included by metrics/c/c.yaml'
      ]
    })
  })

  it('a renamed file without a previous path is only its head side', () => {
    const f: ChangedFile = { status: 'renamed', path: 'metrics/a/a.yaml' }
    expect(classifyChanges([f], graph).removedBatchFiles).toEqual([])
  })

  it('batch names are sorted, whatever order the files came in', () => {
    const base: DependencyGraph = {
      defaultsPath: graph.defaultsPath,
      batchFiles: new Map([
        ['metrics/z/z.yaml', { batch: 'z_gone', includes: [] }],
        ['metrics/y/y.yaml', { batch: 'y_gone', includes: [] }]
      ])
    }
    const c = classifyChanges(
      [
        mod('metrics/c/c.yaml'),
        mod('metrics/a/a.yaml'),
        { status: 'deleted', path: 'metrics/z/z.yaml' },
        { status: 'deleted', path: 'metrics/y/y.yaml' }
      ],
      graph,
      { baseGraph: base }
    )
    expect(c.affectedBatches).toEqual(['a_batch', 'c_batch'])
    expect(c.affectedBatchFiles).toEqual(['metrics/a/a.yaml', 'metrics/c/c.yaml'])
    expect(c.removedBatches).toEqual(['y_gone', 'z_gone'])
  })

  it('restart files, ignored names, both sides of a rename', () => {
    const files: ChangedFile[] = [
      { status: 'renamed', path: 'src/x.txt', previousPath: 'setup.py' },
      { status: 'renamed', path: 'pyproject.toml', previousPath: 'src/x.toml' },
      mod('metrics/.env'),
      { status: 'added', path: 'metrics/a/extra.yml' },
      { status: 'deleted', path: 'metrics/a/old.yml' }
    ]
    const c = classifyChanges(files, graph)
    expect(c.restartNeeded).toEqual([files[0], files[1]])
    expect(c.ignoredYml).toEqual([files[3]])
    expect(c.reloadRelevant).toBe(false)
  })
})

describe('name predicates, exactly', () => {
  it.each([
    ['workspace.yaml', true],
    ['a/workspace.yaml', true],
    ['workspace.yml', false],
    ['dagster.yaml', true],
    ['dagster_cloud.yaml', true],
    ['xdagster.yaml', false],
    ['requirements.txt', true],
    ['requirements-dev.txt', true],
    ['requirements.in', false],
    ['dev-requirements.txt', false],
    ['pyproject.toml', true],
    ['setup.py', true],
    ['setup.cfg', false],
    ['Dockerfile', true],
    ['Dockerfile.prod', true],
    ['x.Dockerfile', false],
    ['docker-compose.yml', true],
    ['docker/docker-compose.override.yaml', true],
    ['compose.yaml', false],
    ['.env', true],
    ['.env.local', true],
    ['a.env', false],
    ['', false]
  ])('needsRestart(%j) = %s', (p, expected) => {
    expect(needsRestart(p)).toBe(expected)
  })

  it.each([
    ['x.yml', true],
    ['x.YAML', true],
    ['x.yAml', true],
    ['x.yaml', false],
    ['x.yaml.bak', false],
    ['yaml', false],
    ['x.ymlx', false]
  ])('isIgnoredYamlName(%j) = %s', (p, expected) => {
    expect(isIgnoredYamlName(p)).toBe(expected)
  })
})
