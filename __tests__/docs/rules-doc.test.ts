import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ruleMetaById, ALL_RULES, PIPELINE_META } from '../../src/rules/registry.js'
import { EFFECTS } from '../../src/rules/types.js'
import { SCHEMA_RULE_IDS } from '../../src/schema/schema-findings.js'
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

  it('gives every rule a known effect', () => {
    for (const m of metas) expect(EFFECTS, m.id).toContain(m.effect)
    // Only rules that say "fails to load" in their description claim a load crash, and vice versa.
    for (const m of metas) {
      expect(m.description.includes('fails to load') || m.effect !== 'load-crash', m.id).toBe(true)
    }
  })

  it('registers every rule id the source can emit', () => {
    const src = path.join(REPO_ROOT, 'src')
    const files = (readdirSync(src, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(path.join(src, f), 'utf8'))
    const areas = [...new Set(metas.map((m) => m.id.split('/')[0]!))].join('|')
    const literal = new RegExp(`['"\`]((?:${areas})/[a-z][a-z0-9-]*)['"\`]`, 'g')
    const emitted = new Set<string>(Object.values(SCHEMA_RULE_IDS))
    for (const text of files) {
      for (const m of text.matchAll(literal)) emitted.add(m[1]!)
      // `yaml/${p.kind}` in the loader: every construct-problem kind becomes a yaml/ id.
      const kinds = /export type ConstructProblemKind =([^]*?)\n\n/.exec(text)
      for (const k of kinds?.[1]?.matchAll(/'([a-z-]+)'/g) ?? []) {
        if (k[1] !== 'unhashable-key') emitted.add(`yaml/${k[1]}`)
      }
    }
    const known = ruleMetaById()
    const imports = /^(?:yaml|config|core|cron|rules|schema|dagster|report|plan)\/[a-z-]+$/
    const missing = [...emitted].filter((id) => !known.has(id) && !imports.test(id))
    expect(missing).toEqual([])
    expect(emitted.size).toBeGreaterThan(60)
  })

  it('docs/rules.md is generated from the registry and up to date', () => {
    const doc = renderRulesDoc([...ruleMetaById().values()])
    if (process.env['UPDATE_DOCS'] === '1') writeFileSync(DOC, doc)
    expect(readFileSync(DOC, 'utf8')).toBe(doc)
  })
})
