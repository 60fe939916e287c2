import { describe, expect, it } from 'vitest'
import {
  classifyChanges,
  isIgnoredYamlName,
  needsRestart,
  type DependencyGraph
} from '../../src/changes/classify.js'
import type { ChangedFile } from '../../src/changes/changed-file.js'

const graph: DependencyGraph = {
  defaultsPath: 'metrics/defaults/defaults.yaml',
  batchFiles: new Map([
    [
      'metrics/a/a.yaml',
      { batch: 'a_batch', includes: ['metrics/a/ingest.sql', 'metrics/defaults/sql/train.sql'] }
    ],
    [
      'metrics/b/b.yaml',
      { batch: 'b_batch', includes: ['metrics/shared/fn.py', 'metrics/defaults/sql/train.sql'] }
    ],
    ['metrics/c/c.yaml', { batch: 'c_batch', includes: ['metrics/shared/fn.py'] }],
    ['metrics/d/bad.yaml', { includes: [] }]
  ])
}

const mod = (path: string): ChangedFile => ({ status: 'modified', path })

describe('classifyChanges', () => {
  it('a changed batch file affects its batch', () => {
    const c = classifyChanges([mod('metrics/a/a.yaml')], graph)
    expect(c.affectedBatches).toEqual(['a_batch'])
    expect(c.affectedBatchFiles).toEqual(['metrics/a/a.yaml'])
    expect(c.metricsChanged).toBe(true)
    expect(c.reloadRelevant).toBe(true)
  })

  it('a changed defaults.yaml affects every batch', () => {
    const c = classifyChanges([mod('metrics/defaults/defaults.yaml')], graph)
    expect(c.affectedBatches).toEqual(['a_batch', 'b_batch', 'c_batch'])
    expect(c.affectedBatchFiles).toHaveLength(4)
    expect(c.reloadRelevant).toBe(true)
  })

  it('a changed include affects the batches that include it, and needs no reload', () => {
    const c = classifyChanges([mod('metrics/shared/fn.py')], graph)
    expect(c.affectedBatches).toEqual(['b_batch', 'c_batch'])
    expect(c.metricsChanged).toBe(true)
    expect(c.reloadRelevant).toBe(false)
  })

  it('a deleted include still included makes its batches affected', () => {
    const c = classifyChanges([{ status: 'deleted', path: 'metrics/a/ingest.sql' }], graph)
    expect(c.affectedBatches).toEqual(['a_batch'])
    expect(c.removedBatchFiles).toEqual([])
  })

  it('a batch file without a batch name is still checked', () => {
    const c = classifyChanges([mod('metrics/d/bad.yaml')], graph)
    expect(c.affectedBatches).toEqual([])
    expect(c.affectedBatchFiles).toEqual(['metrics/d/bad.yaml'])
    expect(c.notes.length).toBe(1)
  })

  it('deleted and renamed-away batch files are reported, with names from the base graph', () => {
    const base: DependencyGraph = {
      defaultsPath: graph.defaultsPath,
      batchFiles: new Map([
        ...graph.batchFiles,
        ['metrics/gone/gone.yaml', { batch: 'gone_batch', includes: [] }],
        ['metrics/old/a.yaml', { batch: 'a_batch', includes: [] }]
      ])
    }
    const files: ChangedFile[] = [
      { status: 'deleted', path: 'metrics/gone/gone.yaml' },
      { status: 'renamed', path: 'metrics/a/a.yaml', previousPath: 'metrics/old/a.yaml' }
    ]
    const c = classifyChanges(files, graph, { baseGraph: base })
    expect(c.removedBatchFiles).toEqual(files)
    // a_batch still exists in head (it moved), so only gone_batch disappears.
    expect(c.removedBatches).toEqual(['gone_batch'])
    expect(c.affectedBatches).toEqual(['a_batch'])
    expect(c.reloadRelevant).toBe(true)
  })

  it('without a base graph a deleted batch file is still noted', () => {
    const c = classifyChanges([{ status: 'deleted', path: 'metrics/x/x.yaml' }], graph)
    expect(c.removedBatchFiles).toHaveLength(1)
    expect(c.removedBatches).toEqual([])
    expect(c.notes.some((n) => n.includes('metrics/x/x.yaml'))).toBe(true)
  })

  it('files outside the metrics folder do not count, and a custom metrics path works', () => {
    expect(classifyChanges([mod('README.md')], graph).metricsChanged).toBe(false)
    const custom: DependencyGraph = {
      defaultsPath: 'conf/metrics/defaults/defaults.yaml',
      batchFiles: new Map([['conf/metrics/x.yaml', { batch: 'x', includes: [] }]])
    }
    const c = classifyChanges([mod('./conf/metrics/x.yaml'), mod('metrics/a/a.yaml')], custom, {
      metricsPath: 'conf/metrics/'
    })
    expect(c.metricsChanged).toBe(true)
    expect(c.affectedBatches).toEqual(['x'])
  })

  it('collects .yml/.YAML files under metrics as ignored', () => {
    const files: ChangedFile[] = [
      { status: 'added', path: 'metrics/a/extra.yml' },
      { status: 'modified', path: 'metrics/a/Other.YAML' },
      { status: 'deleted', path: 'metrics/a/old.yml' },
      { status: 'added', path: 'docs/x.yml' }
    ]
    const c = classifyChanges(files, graph)
    expect(c.ignoredYml.map((f) => f.path)).toEqual(['metrics/a/extra.yml', 'metrics/a/Other.YAML'])
    expect(c.reloadRelevant).toBe(false)
  })

  it('collects files a reload cannot apply', () => {
    const files: ChangedFile[] = [
      mod('workspace.yaml'),
      mod('deploy/dagster.yaml'),
      mod('dagster_cloud.yaml'),
      mod('requirements-dev.txt'),
      mod('pyproject.toml'),
      mod('setup.py'),
      mod('docker/Dockerfile.dagster'),
      mod('docker-compose.yaml'),
      { status: 'deleted', path: '.env.example' },
      { status: 'renamed', path: 'old-reqs.txt', previousPath: 'requirements.txt' },
      mod('anomstack/main.py'),
      mod('metrics/a/a.yaml')
    ]
    const c = classifyChanges(files, graph)
    expect(c.restartNeeded.map((f) => f.path)).toEqual([
      'workspace.yaml',
      'deploy/dagster.yaml',
      'dagster_cloud.yaml',
      'requirements-dev.txt',
      'pyproject.toml',
      'setup.py',
      'docker/Dockerfile.dagster',
      'docker-compose.yaml',
      '.env.example',
      'old-reqs.txt'
    ])
  })

  it('an unknown .yaml under metrics is noted', () => {
    const c = classifyChanges([{ status: 'added', path: 'metrics/new/new.yaml' }], graph)
    expect(c.affectedBatches).toEqual([])
    expect(c.notes.some((n) => n.includes('metrics/new/new.yaml'))).toBe(true)
    expect(c.reloadRelevant).toBe(true)
  })
})

describe('name predicates', () => {
  it.each([
    ['requirements.txt', true],
    ['requirements', false],
    ['Dockerfile', true],
    ['metrics/sub/.env', true],
    ['dagster.yml', false],
    ['src/app.py', false]
  ])('needsRestart(%s) = %s', (p, expected) => {
    expect(needsRestart(p)).toBe(expected)
  })
  it.each([
    ['a.yml', true],
    ['a.YML', true],
    ['a.Yaml', true],
    ['a.yaml', false],
    ['a.txt', false]
  ])('isIgnoredYamlName(%s) = %s', (p, expected) => {
    expect(isIgnoredYamlName(p)).toBe(expected)
  })
})
