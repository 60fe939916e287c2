import { describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { readMetricsTree } from '../../src/config/read-tree.js'
import { validateTree } from '../../src/validate.js'
import { REPO_ROOT } from '../helpers/paths.js'

const GOLDEN = path.join(REPO_ROOT, '__tests__/fixtures/golden')
const EXPECTED = path.join(GOLDEN, 'expected.txt')

// One line per diagnostic: severity, rule id, file:line:column. Messages are not compared.
// Regenerate after an intended change with UPDATE_GOLDEN=1 and review the diff.
describe('golden fixture tree', () => {
  it('reports exactly the expected problems', async () => {
    const result = validateTree(await readMetricsTree(GOLDEN, 'metrics'))
    const actual =
      result.diagnostics
        .map((d) => `${d.severity} ${d.ruleId} ${d.file}:${d.line}:${d.column}`)
        .join('\n') + '\n'
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(EXPECTED, actual)
    expect(actual).toBe(readFileSync(EXPECTED, 'utf8'))
  })
})
