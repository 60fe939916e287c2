import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { FileTree, TreeEntry } from '../../../src/core/tree.js'
import { rules as dagsterRules } from '../../../src/rules/dagster/index.js'
import { rules as scheduleRules } from '../../../src/rules/schedule/index.js'
import { validateTree } from '../../../src/validate.js'
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

describe('schedule and dagster rules on the upstream Anomstack corpus', () => {
  const result = validateTree(readCorpus(), { rules: [...scheduleRules, ...dagsterRules] })

  it('has no errors', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('only warns about the collapsing steps (*/60, */70, */75, */90, */180 minutes)', () => {
    const warned = result.diagnostics.filter((d) => d.severity === 'warning')
    expect(warned.length).toBeGreaterThan(0)
    expect(new Set(warned.map((d) => d.ruleId))).toEqual(new Set(['schedule/cron-step-overflow']))
  })
})
