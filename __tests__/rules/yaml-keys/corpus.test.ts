import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TreeEntry } from '../../../src/core/tree.js'
import { validateTree } from '../../../src/validate.js'
import { AREA_RULE_IDS, AREA_RULES } from '../model/harness.js'
import path from 'node:path'
import { CORPUS_METRICS } from '../../helpers/paths.js'

const CORPUS = path.dirname(CORPUS_METRICS)

function readTree(root: string): TreeEntry[] {
  const out: TreeEntry[] = []
  const walk = (dir: string): void => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, d.name)
      if (d.isDirectory()) walk(full)
      else if (d.isFile()) {
        out.push({ kind: 'file', path: relative(CORPUS, full), bytes: readFileSync(full) })
      }
    }
  }
  walk(root)
  return out.sort((a, b) => (a.path < b.path ? -1 : 1))
}

describe('upstream Anomstack corpus', () => {
  const result = validateTree(
    { metricsDir: 'metrics', entries: readTree(join(CORPUS, 'metrics')) },
    { rules: AREA_RULES }
  )
  const mine = result.diagnostics.filter((d) => AREA_RULE_IDS.has(d.ruleId))

  it('runs every rule without crashing', () => {
    expect(result.diagnostics.filter((d) => d.ruleId === 'internal/rule-crashed')).toEqual([])
  })

  it('has no errors from these rules', () => {
    expect(mine.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('only warns that bigquery/snowflake batches leave the delete job enabled', () => {
    const warnings = mine
      .filter((d) => d.severity === 'warning')
      .map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}`)
    expect(warnings).toEqual([
      'storage/delete-unsupported metrics/examples/bigquery/bigquery_example_simple/bigquery_example_simple.yaml:2:5',
      'storage/delete-unsupported metrics/examples/freq/freq.yaml:2:5',
      'storage/delete-unsupported metrics/examples/gsod/gsod.yaml:2:5',
      'storage/delete-unsupported metrics/examples/gtrends/gtrends.yaml:1:5',
      'storage/delete-unsupported metrics/examples/snowflake/snowflake_example_simple/snowflake_example_simple.yaml:2:5',
      'storage/delete-unsupported metrics/examples/weather_forecast/weather_forecast.yaml:2:5'
    ])
  })
})
