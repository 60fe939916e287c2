/**
 * The registry's description of the `yaml/*` rules (src/yaml/rule-meta.ts) matches what the
 * loader really emits: one document per rule id, loaded, and its problem's severity compared with
 * the registry's, so docs/rules.md and SARIF cannot claim an error the loader reports as a warning.
 */
import { describe, expect, it } from 'vitest'
import { loadYaml } from '../../src/yaml/load.js'
import { YAML_RULE_META } from '../../src/yaml/rule-meta.js'

const enc = new TextEncoder()

/** A document that makes the loader emit each rule id (yaml/internal needs a loader bug). */
const EMITTED_BY: Record<string, Uint8Array> = {
  'yaml/syntax': enc.encode('a: [1\n'),
  'yaml/encoding': Uint8Array.of(0x61, 0x3a, 0x20, 0xff, 0x0a),
  'yaml/non-printable': enc.encode('a: b\u0007\n'),
  'yaml/multi-document': enc.encode('a: 1\n---\nb: 2\n'),
  'yaml/unquoted-cron': enc.encode('ingest_cron_schedule: */5 * * * *\n'),
  'yaml/unquoted-jinja': enc.encode('ingest_sql: {{ x }}\n'),
  'yaml/bad-value': enc.encode('a: 2001-02-30\n'),
  'yaml/unsafe-tag': enc.encode('a: !!python/object x\n'),
  'yaml/duplicate-key': enc.encode('a: 1\na: 2\n'),
  'yaml/duplicate-anchor': enc.encode('a: &x 1\nb: &x 2\nc: *x\n'),
  'yaml/undefined-alias': enc.encode('a: *nowhere\n'),
  'yaml/int-precision': enc.encode('a: 12345678901234567890\n'),
  'yaml/too-large': enc.encode('a: ' + 'x'.repeat(64) + '\n'),
  'yaml/too-deep': enc.encode('a: ' + '['.repeat(20) + ']'.repeat(20) + '\n'),
  'yaml/alias-bomb': enc.encode(
    'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n'
  ),
  'yaml/recursive-alias': enc.encode('a: &x [*x]\n'),
  'yaml/line-break-char': enc.encode('a: "b\u2028c"\n')
}

const LIMITS = { maxDepth: 10, maxAliasExpansion: 50 }
const limitsFor = (id: string) =>
  id === 'yaml/too-large'
    ? { maxBytes: 32 }
    : id === 'yaml/too-deep' || id === 'yaml/alias-bomb'
      ? LIMITS
      : {}

describe('yaml rule metadata', () => {
  it('lists every rule id once', () => {
    const ids = YAML_RULE_META.map((m) => m.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual([...Object.keys(EMITTED_BY), 'yaml/internal'].sort())
  })

  it.each(YAML_RULE_META.filter((m) => m.id !== 'yaml/internal').map((m) => [m.id, m] as const))(
    '%s: the loader emits it with the registered severity',
    (id, meta) => {
      const r = loadYaml(EMITTED_BY[id]!, limitsFor(id))
      const p = r.problems.find((x) => x.ruleId === id)
      expect(p, JSON.stringify(r.problems)).toBeDefined()
      expect(p!.severity).toBe(meta.severity)
      // An error the registry says crashes the load is a failed load; a warning is not.
      expect(r.failed).toBe(meta.severity === 'error')
    }
  )

  it('says what each severity means in Anomstack', () => {
    for (const m of YAML_RULE_META) {
      if (m.effect === 'load-crash') {
        expect(m.severity, m.id).toBe('error')
        expect(m.description, m.id).toMatch(/fails to load|raises/)
      }
      if (m.effect === 'suspicious') expect(m.severity, m.id).toBe('warning')
      if (m.effect === 'not-checked') expect(m.severity, m.id).toBe('error')
      expect(m.description.length, m.id).toBeGreaterThan(40)
    }
    const onPurpose = YAML_RULE_META.filter((m) =>
      m.description.startsWith('Stricter than PyYAML, on purpose: ')
    ).map((m) => m.id)
    expect(onPurpose.sort()).toEqual([
      'yaml/alias-bomb',
      'yaml/recursive-alias',
      'yaml/too-deep',
      'yaml/too-large'
    ])
  })
})
