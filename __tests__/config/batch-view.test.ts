import { describe, expect, it } from 'vitest'
import { buildBatchView, buildDefaultsView } from '../../src/config/batch-view.js'
import type { ConfigEntry } from '../../src/config/model.js'
import { docOf } from '../schema/helpers.js'

const defaults = docOf(
  'db: duckdb\ndisable_train: false\nalert_methods: email\n',
  'metrics/defaults/defaults.yaml'
)
const batch = docOf('metric_batch: a\ndisable_train: "false"\nextra: 1\n', 'metrics/a/a.yaml')

/** An environment override as env-overrides.ts builds it (only what the view reads). */
function override(name: string, value: string): ConfigEntry {
  const env = docOf(`${name}: ${value}\n`, '.env')
  return { name, entry: env.root.entries[0]!, doc: env, fromDefaults: false }
}

const names = (entries: readonly ConfigEntry[]): string[] => entries.map((e) => e.name)

describe('a merged view’s own entries', () => {
  it('are the entries not inherited from defaults.yaml, in merged order', () => {
    const view = buildBatchView(batch, defaults)
    expect(names(view.entries)).toEqual([
      'db',
      'alert_methods',
      'metric_batch',
      'disable_train',
      'extra'
    ])
    expect(names(view.ownEntries)).toEqual(['metric_batch', 'disable_train', 'extra'])
    expect(view.ownEntries).toEqual(view.entries.filter((e) => !e.fromDefaults))
  })

  it('include environment overrides at their place, also of inherited keys and new keys', () => {
    const env = [override('db', 'sqlite'), override('extra', '2'), override('table_key', 't')]
    const view = buildBatchView(batch, defaults, env)
    expect(names(view.ownEntries)).toEqual([
      'db',
      'metric_batch',
      'disable_train',
      'extra',
      'table_key'
    ])
    expect(view.ownEntries).toEqual(view.entries.filter((e) => !e.fromDefaults))
    expect(view.ownEntries[0]?.doc.path).toBe('.env')
  })

  it('are every key of defaults.yaml for the defaults view', () => {
    const view = buildDefaultsView(defaults)
    expect(names(view.ownEntries)).toEqual(['db', 'disable_train', 'alert_methods'])
  })
})
