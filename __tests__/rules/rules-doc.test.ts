import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ruleMetaById } from '../../src/rules/registry.js'
import { renderRulesDoc } from '../../src/rules/rules-doc.js'
import type { RuleMeta } from '../../src/rules/types.js'
import { REPO_ROOT } from '../helpers/paths.js'

// The rules-doc renderer within the rules mutation scope: the generated docs/rules.md (kept up
// to date by __tests__/docs/rules-doc.test.ts) is its exact expected output.

describe('renderRulesDoc', () => {
  it('renders docs/rules.md from the registry', () => {
    expect(renderRulesDoc([...ruleMetaById().values()])).toBe(
      readFileSync(path.join(REPO_ROOT, 'docs/rules.md'), 'utf8')
    )
  })

  it('sorts ids, groups them by area and titles an unknown area by its name', () => {
    const meta = (id: string): RuleMeta => ({
      id,
      severity: 'warning',
      effect: 'ignored',
      description: `About ${id}.`
    })
    const doc = renderRulesDoc([meta('zz/b'), meta('ingest/x'), meta('zz/a')])
    const body = doc.slice(doc.indexOf('\n## '))
    expect(body).toBe(
      [
        '',
        '## Ingest source',
        '',
        '<a id="ingest-x"></a>',
        '',
        '### `ingest/x` (warning)',
        '',
        'Effect: `ignored`. About ingest/x.',
        '',
        '## zz',
        '',
        '<a id="zz-a"></a>',
        '',
        '### `zz/a` (warning)',
        '',
        'Effect: `ignored`. About zz/a.',
        '',
        '<a id="zz-b"></a>',
        '',
        '### `zz/b` (warning)',
        '',
        'Effect: `ignored`. About zz/b.',
        ''
      ].join('\n')
    )
  })
})
