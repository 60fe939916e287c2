import { readFileSync } from 'node:fs'
import { buildSchema, parse, validate } from 'graphql'
import { describe, expect, it } from 'vitest'
import {
  RELOAD_LOCATION_MUTATION,
  RELOAD_WORKSPACE_MUTATION,
  WORKSPACE_QUERY,
  WORKSPACE_STATUS_QUERY
} from '../../src/dagster/queries.js'

// SDL introspected from a running dagster-webserver 1.13.28 (the version the e2e tests pin).
const schema = buildSchema(
  readFileSync(new URL('./fixtures/dagster-1.13.28.graphql', import.meta.url), 'utf8')
)

describe('GraphQL documents match the real Dagster 1.13.28 schema', () => {
  it.each([
    ['WORKSPACE_QUERY', WORKSPACE_QUERY],
    ['WORKSPACE_STATUS_QUERY', WORKSPACE_STATUS_QUERY],
    ['RELOAD_LOCATION_MUTATION', RELOAD_LOCATION_MUTATION],
    ['RELOAD_WORKSPACE_MUTATION', RELOAD_WORKSPACE_MUTATION]
  ])('%s validates', (_name, document) => {
    expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([])
  })

  it('catches a field the schema does not have', () => {
    const bad = WORKSPACE_QUERY.replace('versionKey', 'versionKeyX')
    expect(validate(schema, parse(bad)).length).toBeGreaterThan(0)
  })

  it('the reload mutation selects every member of its result union', () => {
    const union = schema.getType('ReloadRepositoryLocationMutationResult')
    const members = union && 'getTypes' in union ? union.getTypes().map((t) => t.name) : []
    expect(members.length).toBe(5)
    for (const member of members)
      expect(RELOAD_LOCATION_MUTATION).toMatch(new RegExp(`on ${member}\\b`))
  })
})
