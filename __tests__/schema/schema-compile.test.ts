import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const readSchema = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(root, 'schema', name), 'utf8')) as Record<string, unknown>

function strictAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true })
  ajv.addVocabulary([
    'markdownDescription',
    'enumDescriptions',
    'markdownEnumDescriptions',
    'deprecationMessage'
  ])
  ajv.addSchema(readSchema('defaults.schema.json'))
  ajv.addSchema(readSchema('metric-batch.schema.json'))
  return ajv
}

describe('published schemas', () => {
  it('compile under ajv strict mode (draft 2020-12)', () => {
    const ajv = strictAjv()
    for (const name of ['defaults.schema.json', 'metric-batch.schema.json']) {
      const id = readSchema(name)['$id'] as string
      expect(id).toMatch(
        /^https:\/\/github\.com\/anomstack-hot-reload\/.+\/schema\/.+\.schema\.json$/
      )
      expect(ajv.getSchema(id)).toBeTypeOf('function')
    }
  })

  it('batch schema requires metric_batch, defaults schema does not', () => {
    const ajv = strictAjv()
    const batch = ajv.getSchema(readSchema('metric-batch.schema.json')['$id'] as string)!
    const defaults = ajv.getSchema(readSchema('defaults.schema.json')['$id'] as string)!
    expect(batch({ db: 'duckdb' })).toBe(false)
    expect(batch({ metric_batch: 'x', db: 'duckdb' })).toBe(true)
    expect(defaults({ db: 'duckdb' })).toBe(true)
    // Shared definitions come from defaults.schema.json through $ref.
    expect(batch({ metric_batch: 'x', db: 'postgres' })).toBe(false)
  })

  it('allows unknown top-level keys (Jinja may use them) but not unknown model_configs keys', () => {
    const ajv = strictAjv()
    const defaults = ajv.getSchema(readSchema('defaults.schema.json')['$id'] as string)!
    expect(defaults({ my_custom_param: [1, 2] })).toBe(true)
    expect(defaults({ preprocess_params: { custom: 1 } })).toBe(true)
    expect(
      defaults({ model_configs: [{ model_name: 'PCA', model_params: {}, model_tga: 'x' }] })
    ).toBe(false)
  })

  it('validates the upstream defaults.yaml values', () => {
    const ajv = strictAjv()
    const defaults = ajv.getSchema(readSchema('defaults.schema.json')['$id'] as string)!
    const props = readSchema('defaults.schema.json')['properties'] as Record<
      string,
      { default?: unknown }
    >
    const instance: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(props)) if (v.default !== undefined) instance[k] = v.default
    expect(Object.keys(instance).length).toBeGreaterThan(60)
    expect(defaults(instance), JSON.stringify(defaults.errors)).toBe(true)
  })
})
