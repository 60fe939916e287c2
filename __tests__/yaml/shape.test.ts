/**
 * Shapes PyYAML gives that other rules depend on: a top-level `!!set` is a Python set, not a
 * dict, so get_specs cannot index it (yaml/not-a-mapping).
 */
import { describe, expect, it } from 'vitest'
import { loadYaml } from '../../src/yaml/load.js'
import { validateTree } from '../../src/validate.js'

const enc = new TextEncoder()

describe('!!set', () => {
  it('loads a set as a map of None values marked isSet', () => {
    const r = loadYaml(enc.encode('!!set {a, b}\n'))
    expect(r.failed).toBe(false)
    expect(r.root).toMatchObject({ kind: 'map', isSet: true })
    const plain = loadYaml(enc.encode('{a, b}\n')).root
    expect(plain).toMatchObject({ kind: 'map' })
    expect(plain && 'isSet' in plain).toBe(false)
  })

  it('reports a top-level !!set batch as yaml/not-a-mapping', () => {
    const result = validateTree({
      metricsDir: 'metrics',
      entries: [
        {
          kind: 'file',
          path: 'metrics/b/b.yaml',
          bytes: enc.encode('--- !!set\n? metric_batch\n? table_key\n')
        }
      ]
    })
    const d = result.diagnostics.filter((x) => x.ruleId === 'yaml/not-a-mapping')
    expect(d).toHaveLength(1)
    expect(d[0]).toMatchObject({ file: 'metrics/b/b.yaml', line: 1, column: 5 })
    expect(d[0]!.message).toContain('set (!!set)')
  })
})
