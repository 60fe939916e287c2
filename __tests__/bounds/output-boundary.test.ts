import { describe, expect, it } from 'vitest'
import {
  boundJson,
  boundLog,
  boundOutput,
  boundReport,
  boundSummary,
  MAX_OUTPUT_BYTES,
  MAX_REPORT_BYTES,
  MAX_STRING_CHARS,
  MAX_SUMMARY_BYTES,
  registerSecrets,
  scrubSecrets
} from '../../src/report/output-boundary.js'

const SECRET = 'boundary-secret-42:x,y%z'
registerSecrets([SECRET, 'Bearer cred-only-777', 'ab'])

describe('scrubSecrets', () => {
  it('removes every form of a secret: raw, URL-encoded, JSON-escaped, command-escaped', () => {
    const forms = [
      SECRET,
      encodeURIComponent(SECRET),
      JSON.stringify(SECRET).slice(1, -1),
      'boundary-secret-42%3Ax%2Cy%25z',
      'cred-only-777'
    ]
    for (const f of forms) expect(scrubSecrets(`a ${f} b`)).toBe('a *** b')
  })

  it('ignores secrets under 3 characters', () => {
    expect(scrubSecrets('ab cd')).toBe('ab cd')
  })
})

describe('caps', () => {
  it('a 20 MB version string becomes a short, valid JSON output', () => {
    const huge = JSON.stringify({ dagsterVersion: 'v'.repeat(20_000_000), ok: true })
    const out = boundOutput(huge)
    expect(out.length).toBeLessThan(MAX_OUTPUT_BYTES)
    expect(JSON.parse(out)).toMatchObject({ ok: true })
  })

  it('an output of 100,000 long strings says it was truncated, still as JSON', () => {
    const out = boundOutput(JSON.stringify(Array.from({ length: 100_000 }, () => 'x'.repeat(500))))
    expect(JSON.parse(out)).toMatchObject({ truncated: true })
  })

  it('strings in JSON are capped and say so', () => {
    const v = boundJson({ m: 'y'.repeat(MAX_STRING_CHARS * 3) }) as { m: string }
    expect(v.m.length).toBe(MAX_STRING_CHARS)
    expect(v.m).toMatch(/more characters cut\)$/)
  })

  it('the summary stops at 1 MiB with a note', () => {
    const s = boundSummary(`<p>${'z'.repeat(3_000_000)}</p>`)
    expect(Buffer.byteLength(s)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES)
    expect(s).toContain('the summary was cut')
  })

  it('a log line is scrubbed and neutralised', () => {
    expect(boundLog(`x\n::error::y ${SECRET}\n##[warning]z`)).toBe(
      'x\n\\::error::y ***\n#\\#[warning]z'
    )
  })

  it('the report stays under its cap, keeping the first diagnostics and counting the rest', () => {
    const d = { ruleId: 'r', message: 'm'.repeat(10_000) }
    const text = boundReport({ version: 1, diagnostics: Array.from({ length: 5_000 }, () => d) })
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_REPORT_BYTES)
    const parsed = JSON.parse(text) as { diagnostics: unknown[]; omittedDiagnostics: number }
    expect(parsed.diagnostics.length + parsed.omittedDiagnostics).toBe(5_000)
    expect(parsed.omittedDiagnostics).toBeGreaterThan(0)
  })
})
