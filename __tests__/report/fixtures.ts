import type { Diagnostic, Severity } from '../../src/core/diagnostic.js'

/** Strings an attacker controls (file names, YAML keys/values, server messages). */
export const HOSTILE: readonly string[] = [
  '\n::error file=x::pwned',
  '::add-mask::secret',
  '::stop-commands::tok',
  'x\r::warning::cr',
  '\r\n::endgroup::',
  '%0A::error::encoded',
  '%25%0A%3A%2C',
  ',line=1',
  'a.yaml,line=99,title=fake',
  'a:b::error::c',
  '  ::notice::indented',
  '\t::error::tabbed',
  '\u2028::error::ls',
  '\u0085::error::nel',
  '##[add-mask]legacy',
  'mid ##[stop-commands]tok',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '](javascript:alert(1))',
  '![x](https://tracker.example/p.png)',
  '`code` | cell | \\[',
  '\n\n# Heading\n\n[click](javascript:alert(1))',
  '\u001b[31mred\u001b[0m',
  '&amp; &lt;'
]

let seq = 0
export function diag(over: Partial<Diagnostic> & { severity?: Severity } = {}): Diagnostic {
  seq++
  const line = over.line ?? 1
  return {
    ruleId: 'test/rule',
    severity: 'error',
    file: 'metrics/a/a.yaml',
    line,
    column: 1,
    endLine: line,
    endColumn: 2,
    message: `problem ${seq}`,
    ...over
  }
}
