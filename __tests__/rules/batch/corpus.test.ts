import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { FileTree, TreeEntry } from '../../../src/core/tree.js'
import { validateTree } from '../../../src/validate.js'
import { AREA_RULES } from './harness.js'
import { CORPUS_METRICS } from '../../helpers/paths.js'

const CORPUS = CORPUS_METRICS

function readCorpus(): FileTree {
  const entries: TreeEntry[] = []
  const walk = (dir: string): void => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, d.name)
      if (d.isDirectory()) walk(full)
      else
        entries.push({
          kind: 'file',
          path: `metrics/${relative(CORPUS, full)}`,
          bytes: readFileSync(full)
        })
    }
  }
  walk(CORPUS)
  return { metricsDir: 'metrics', entries }
}

describe('the upstream Anomstack corpus', () => {
  const result = validateTree(readCorpus(), { rules: AREA_RULES })

  it('has no errors', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('only warns about the two dead keys shipped in defaults.yaml', () => {
    const warnings = result.diagnostics
      .filter((d) => d.severity === 'warning')
      .map((d) => `${d.ruleId} ${d.file}:${d.line}`)
    expect(warnings).toEqual([
      'keys/dead metrics/defaults/defaults.yaml:174',
      'keys/dead metrics/defaults/defaults.yaml:191'
    ])
  })

  it('loads every example batch', () => {
    expect(result.batches.length).toBe(27)
  })
})
