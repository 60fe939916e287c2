import { describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ruleMetaById, ALL_RULES, PIPELINE_META } from '../../src/rules/registry.js'
import { renderRulesDoc } from '../../src/rules/rules-doc.js'
import { REPO_ROOT } from '../helpers/paths.js'

const DOC = path.join(REPO_ROOT, 'docs/rules.md')

describe('rule registry', () => {
  const metas = [...PIPELINE_META, ...ALL_RULES.flatMap((r) => r.meta)]

  it('has unique, namespaced, kebab-case ids with a one-line description', () => {
    const ids = metas.map((m) => m.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const m of metas) {
      expect(m.id).toMatch(/^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/)
      expect(m.description.length).toBeGreaterThan(10)
      expect(m.description).not.toContain('\n')
    }
  })

  it('docs/rules.md is generated from the registry and up to date', () => {
    const doc = renderRulesDoc([...ruleMetaById().values()])
    if (process.env['UPDATE_DOCS'] === '1') writeFileSync(DOC, doc)
    expect(readFileSync(DOC, 'utf8')).toBe(doc)
  })
})
