import { describe, expect, it } from 'vitest'
import { renderJson, toJsonReport, type JsonReport } from '../../src/report/json.js'
import { diag, HOSTILE } from './fixtures.js'

describe('renderJson', () => {
  const diagnostics = [
    diag({ severity: 'warning', file: 'b.yaml', line: 3, preExisting: true }),
    diag({ file: 'b.yaml', line: 9, hint: 'h', batch: 'x' }),
    diag({ file: 'a.yaml', line: 5 }),
    diag({ file: HOSTILE[0]!, message: HOSTILE[16]! })
  ]

  it('is versioned, counted and sorted (errors first, then file and line)', () => {
    const report = JSON.parse(
      renderJson({ toolVersion: '0.1.0', diagnostics, verdict: 'failed' })
    ) as JsonReport
    expect(report.version).toBe(1)
    expect(report.tool).toEqual({ name: 'anomstack-hot-reload', version: '0.1.0' })
    expect(report.verdict).toBe('failed')
    expect(report.counts).toEqual({ error: 3, warning: 1, notice: 0, preExisting: 1 })
    expect(report.diagnostics.map((d) => [d.severity, d.file, d.line])).toEqual([
      ['error', HOSTILE[0], 1],
      ['error', 'a.yaml', 5],
      ['error', 'b.yaml', 9],
      ['warning', 'b.yaml', 3]
    ])
    expect(report.diagnostics[2]).toMatchObject({ hint: 'h', batch: 'x' })
    expect(report.diagnostics[3]!.preExisting).toBe(true)
    expect('preExisting' in report.diagnostics[0]!).toBe(false)
  })

  it('is byte-for-byte stable whatever the input order', () => {
    const a = renderJson({ toolVersion: '1', diagnostics })
    const b = renderJson({ toolVersion: '1', diagnostics: [...diagnostics].reverse() })
    expect(a).toBe(b)
    expect(a.endsWith('}\n')).toBe(true)
  })

  it('keeps hostile text intact as data', () => {
    const report = toJsonReport({ toolVersion: '1', diagnostics })
    expect(report.diagnostics.some((d) => d.file === HOSTILE[0] && d.message === HOSTILE[16])).toBe(
      true
    )
  })
})
