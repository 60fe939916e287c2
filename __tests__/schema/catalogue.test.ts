import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { KEY_CATALOGUE, keyInfo } from '../../src/config/keys.js'

interface PropertySchema {
  title?: string
  description?: string
  markdownDescription?: string
  deprecated?: boolean
}

const root = join(import.meta.dirname, '..', '..')
const defaults = JSON.parse(readFileSync(join(root, 'schema', 'defaults.schema.json'), 'utf8')) as {
  properties: Record<string, PropertySchema>
}
const properties = defaults.properties

describe('KEY_CATALOGUE and schema/defaults.schema.json', () => {
  it('list the same keys (live, deprecated, dead and internal; doc-only keys stay out)', () => {
    const catalogued = KEY_CATALOGUE.filter((k) => k.status !== 'doc-only').map((k) => k.name)
    expect(Object.keys(properties).sort()).toEqual([...catalogued].sort())
    for (const k of KEY_CATALOGUE.filter((k) => k.status === 'doc-only')) {
      expect(properties[k.name], k.name).toBeUndefined()
    }
  })

  it('mark exactly the non-live keys deprecated', () => {
    for (const k of KEY_CATALOGUE.filter((k) => k.status !== 'doc-only')) {
      expect(properties[k.name]?.deprecated === true, k.name).toBe(k.status !== 'live')
    }
  })

  it('document every property for editors', () => {
    for (const [name, p] of Object.entries(properties)) {
      expect(p.title, name).toBeTruthy()
      expect(p.description, name).toBeTruthy()
      expect(p.markdownDescription, name).toBeTruthy()
    }
  })

  it('names a replacement or hint for every retired or fictitious key', () => {
    for (const k of KEY_CATALOGUE.filter((k) => k.status !== 'live')) {
      expect(k.hint ?? k.replacement, k.name).toBeTruthy()
    }
    expect(new Set(KEY_CATALOGUE.map((k) => k.name)).size).toBe(KEY_CATALOGUE.length)
  })

  it('looks keys up by name', () => {
    expect(keyInfo('disable_alert')).toMatchObject({
      status: 'dead',
      replacement: 'disable_alerts'
    })
    expect(keyInfo('model_config')?.status).toBe('deprecated')
    expect(keyInfo('ingest_sql_file')?.replacement).toBe('ingest_sql')
    expect(keyInfo('timegptalert_max_n')?.status).toBe('doc-only')
    expect(keyInfo('summary_cron_schedule')?.status).toBe('live')
    expect(keyInfo('no_such_key')).toBeUndefined()
  })
})
