import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import type { RuleMeta } from '../../src/rules/types.js'
import { renderSarif, ruleAnchor, toSarif } from '../../src/report/sarif.js'
import { diag, HOSTILE } from './fixtures.js'

/** The parts of the SARIF 2.1.0 schema that consumers (GitHub code scanning) rely on. */
const MINIMAL_SARIF_SCHEMA = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    version: { const: '2.1.0' },
    runs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['tool', 'results'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: { type: 'string', minLength: 1 },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id'],
                      properties: {
                        id: { type: 'string' },
                        helpUri: { type: 'string', format: 'uri' },
                        defaultConfiguration: {
                          type: 'object',
                          properties: { level: { enum: ['none', 'note', 'warning', 'error'] } }
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          columnKind: { enum: ['utf16CodeUnits', 'unicodeCodePoints'] },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['message', 'ruleId', 'locations'],
              properties: {
                level: { enum: ['none', 'note', 'warning', 'error'] },
                ruleIndex: { type: 'integer', minimum: 0 },
                message: {
                  type: 'object',
                  required: ['text'],
                  properties: { text: { type: 'string' } }
                },
                locations: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['physicalLocation'],
                    properties: {
                      physicalLocation: {
                        type: 'object',
                        required: ['artifactLocation', 'region'],
                        properties: {
                          artifactLocation: {
                            type: 'object',
                            required: ['uri'],
                            properties: { uri: { type: 'string' } }
                          },
                          region: {
                            type: 'object',
                            required: ['startLine'],
                            properties: {
                              startLine: { type: 'integer', minimum: 1 },
                              startColumn: { type: 'integer', minimum: 1 },
                              endLine: { type: 'integer', minimum: 1 },
                              endColumn: { type: 'integer', minimum: 1 }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
} as const

const RULES: RuleMeta[] = [
  {
    id: 'schedule/cron-invalid',
    severity: 'error',
    effect: 'load-crash',
    description: 'Cron expression Dagster rejects'
  },
  {
    id: 'batch/name-duplicate',
    severity: 'error',
    effect: 'ignored',
    description: 'Two batches share a name'
  },
  { id: 'style/notice', severity: 'notice', effect: 'suspicious', description: 'A notice' }
]

describe('toSarif', () => {
  const diagnostics = [
    diag({
      ruleId: 'schedule/cron-invalid',
      file: 'metrics/my batch/a.yaml',
      line: 3,
      column: 16,
      endLine: 3,
      endColumn: 27
    }),
    diag({
      ruleId: 'batch/name-duplicate',
      severity: 'warning',
      preExisting: true,
      line: 2,
      endLine: 5,
      endColumn: 1
    }),
    diag({ ruleId: 'style/notice', severity: 'notice' }),
    diag({ ruleId: 'unknown/rule', file: HOSTILE[0]!, message: HOSTILE[1]!, hint: 'h' })
  ]
  const log = toSarif(diagnostics, RULES, '1.2.3')

  it('is structurally valid SARIF 2.1.0', () => {
    const ajv = new Ajv({ allErrors: true, validateFormats: false })
    const validate = ajv.compile(MINIMAL_SARIF_SCHEMA)
    const parsed: unknown = JSON.parse(renderSarif(diagnostics, RULES, '1.2.3'))
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true)
    expect(log.runs[0]!.tool.driver.version).toBe('1.2.3')
  })

  it('maps severities to SARIF levels', () => {
    const levels = Object.fromEntries(log.runs[0]!.results.map((r) => [r.ruleId, r.level]))
    expect(levels).toEqual({
      'schedule/cron-invalid': 'error',
      'batch/name-duplicate': 'warning',
      'style/notice': 'note',
      'unknown/rule': 'error'
    })
    const rule = log.runs[0]!.tool.driver.rules.find((r) => r.id === 'style/notice')
    expect(rule?.defaultConfiguration.level).toBe('note')
  })

  it('gives every result a rule entry its ruleIndex points at, with a help link', () => {
    const { rules } = log.runs[0]!.tool.driver
    for (const r of log.runs[0]!.results) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId)
    const cron = rules.find((r) => r.id === 'schedule/cron-invalid')!
    expect(cron.helpUri).toBe(
      'https://github.com/anomstack-hot-reload/anomstack-hot-reload/blob/main/docs/rules.md#schedule-cron-invalid'
    )
    expect(ruleAnchor('yaml/Duplicate_Key')).toBe('yaml-duplicate-key')
  })

  it('uses repo-relative, encoded URIs and 1-based regions', () => {
    const cron = log.runs[0]!.results.find((r) => r.ruleId === 'schedule/cron-invalid')!
    const loc = cron.locations[0]!.physicalLocation
    expect(loc.artifactLocation.uri).toBe('metrics/my%20batch/a.yaml')
    expect(loc.region).toEqual({ startLine: 3, startColumn: 16, endLine: 3, endColumn: 27 })
    const multi = log.runs[0]!.results.find((r) => r.ruleId === 'batch/name-duplicate')!
    expect(multi.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 2, endLine: 5 })
    expect(multi.properties?.preExisting).toBe(true)
    const hostile = log.runs[0]!.results.find((r) => r.ruleId === 'unknown/rule')!
    expect(hostile.locations[0]!.physicalLocation.artifactLocation.uri).not.toMatch(/[\n:]/)
    expect(hostile.message.text).toContain('h')
  })
})
