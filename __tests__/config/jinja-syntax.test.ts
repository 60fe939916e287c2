/**
 * jinjaSyntaxError against real Jinja 3.1 (the version Anomstack pins), on hand-picked templates
 * and on seeded generated ones: whenever we say a template does not parse, Jinja must refuse it
 * too (no false "the job fails" claim), and on the generated structures (blocks, else/elif, raw,
 * comments, unknown tags, unclosed tags) the verdicts must be the same both ways.
 * JINJA_SEED and JINJA_COUNT pick another sample (checked on four seeds of 20,000 each).
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { jinjaSyntaxError } from '../../src/config/jinja-syntax.js'
import { VENV_PYTHON } from '../helpers/paths.js'

describe('jinjaSyntaxError', () => {
  it.each([
    ['select 1', undefined],
    ['{% if x %}a{% elif y %}b{% else %}c{% endif %}', undefined],
    ['{% for a in b %}{{ a }}{% else %}none{% endfor %}', undefined],
    ['{%- set v = 1 -%}{{ v }}', undefined],
    ['{% set v | upper %}x{% endset %}', undefined],
    ['{% raw %}{% if %}{% endraw %}', undefined],
    ['{# {% if x %} #}', undefined],
    ['{% block b %}{% endblock b %}', undefined],
    ['{% include "x.sql" %}', undefined]
  ])('accepts %j', (text, want) => {
    expect(jinjaSyntaxError(text)).toEqual(want)
  })

  it.each([
    [
      'select {% if x %}1',
      7,
      "Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'."
    ],
    ['a {% endif %}', 2, "Encountered unknown tag 'endif'."],
    [
      '{% for a in b %}{% endif %}',
      16,
      "Encountered unknown tag 'endif'. Jinja was looking for the following tags: 'else' or 'endfor'. The innermost block that needs to be closed is 'for'."
    ],
    ['{% if x %}{% else %}{% else %}{% endif %}', 20, expect.stringContaining("'else'")],
    ['{% for a in b %}{% break %}{% endfor %}', 16, expect.stringContaining("'break'")],
    ['{% %}', 0, 'tag name expected'],
    ['x {{ }}', 2, "Expected an expression, got 'end of print statement'"],
    ['{% if %}{% endif %}', 0, "Expected an expression, got 'end of statement block'"],
    ['{% set v %}x', 0, expect.stringContaining("'endset'")],
    ['{% block a %}{% endblock %}{% block a %}{% endblock %}', 27, "block 'a' defined twice"],
    ['{{ x', 0, expect.stringContaining('end of print statement')],
    // The structure error comes first in the text, so Jinja raises it before the lexer's.
    ['{% endfor %} {{ x', 0, expect.stringContaining("'endfor'")]
  ])('rejects %j at offset %i', (text, offset, message) => {
    expect(jinjaSyntaxError(text)).toMatchObject({ offset, message })
  })
})

/**
 * Seeded templates: well-formed nestings of every block kind (with elif/else, raw, comments,
 * whitespace control), half of them then broken by one edit: a fragment dropped, repeated, or
 * a stray one inserted (unknown tags, unclosed tags, end tags without their block).
 */
function generated(seed: number, count: number): string[] {
  let s = seed >>> 0
  const rand = (n: number): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return (s >>> 8) % n
  }
  const leaves = [
    'select 1 ',
    '\n',
    '{{ value }}',
    "{{ '}}' }}",
    '{# comment {% if %} #}',
    '{% raw %}{% if %}{% endraw %}',
    '{% set v = 1 %}',
    '{% include "x.sql" %}',
    '{%- if x -%}a{%- endif -%}'
  ]
  const strays = [
    '{% if x %}',
    '{% else %}',
    '{% elif y %}',
    '{% endif %}',
    '{% endfor %}',
    '{% endset %}',
    '{{ }}',
    '{% %}',
    '{% break %}',
    '{% end %}',
    '{% if %}',
    '{{ (a }}',
    '{{ x',
    '{% raw %}',
    '{#',
    '{% block b %}'
  ]
  let blockId = 0
  const body = (depth: number): string[] => {
    const out: string[] = []
    const n = rand(3)
    for (let k = 0; k < n; k++) {
      if (depth > 2 || rand(2) === 0) {
        out.push(leaves[rand(leaves.length)]!)
        continue
      }
      switch (rand(8)) {
        case 0:
          out.push('{% if x %}', ...body(depth + 1))
          if (rand(2) === 0) out.push('{% elif y %}', ...body(depth + 1))
          if (rand(2) === 0) out.push('{% else %}', ...body(depth + 1))
          out.push('{% endif %}')
          break
        case 1:
          out.push('{% for a in b %}', ...body(depth + 1))
          if (rand(2) === 0) out.push('{% else %}', ...body(depth + 1))
          out.push('{% endfor %}')
          break
        case 2:
          out.push('{% macro m() %}', ...body(depth + 1), '{% endmacro %}')
          break
        case 3:
          out.push('{% filter upper %}', ...body(depth + 1), '{% endfilter %}')
          break
        case 4:
          out.push('{% with q = 1 %}', ...body(depth + 1), '{% endwith %}')
          break
        case 5:
          out.push('{% set v %}', ...body(depth + 1), '{% endset %}')
          break
        case 6:
          out.push(`{% block b${blockId++ % 3} %}`, ...body(depth + 1), '{% endblock %}')
          break
        default:
          out.push('{% call m() %}', ...body(depth + 1), '{% endcall %}')
      }
    }
    return out
  }
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    blockId = rand(3)
    const parts = body(0)
    if (rand(2) === 0) {
      const at = rand(parts.length + 1)
      const edit = rand(3)
      if (edit === 0 && parts.length > 0) parts.splice(at % parts.length, 1)
      else if (edit === 1 && parts.length > 0) parts.splice(at, 0, parts[at % parts.length]!)
      else parts.splice(at, 0, strays[rand(strays.length)]!)
    }
    out.push(parts.join(''))
  }
  return out
}

const JINJA = `
import json, sys, jinja2
out = []
env = jinja2.Environment()
for t in json.load(sys.stdin):
    try:
        env.from_string(t)
        out.append(None)
    except jinja2.TemplateSyntaxError as e:
        out.append(e.lineno)
print(json.dumps(out))
`

describe.skipIf(!existsSync(VENV_PYTHON))('jinjaSyntaxError against real Jinja', () => {
  it('agrees with jinja2.Environment().from_string (as Anomstack renders) on 3,000 generated templates', () => {
    const templates = generated(
      Number(process.env['JINJA_SEED'] ?? 20261202),
      Number(process.env['JINJA_COUNT'] ?? 3000)
    )
    const r = spawnSync(VENV_PYTHON, ['-c', JINJA], {
      input: JSON.stringify(templates),
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024
    })
    expect(r.status, r.stderr).toBe(0)
    const real = JSON.parse(r.stdout) as (number | null)[]
    const falseClaims: string[] = []
    const missed: string[] = []
    const lines: string[] = []
    templates.forEach((t, i) => {
      const ours = jinjaSyntaxError(t)
      const theirs = real[i]
      if (ours && theirs === null) falseClaims.push(t)
      if (!ours && theirs !== null) missed.push(t)
      if (ours && typeof theirs === 'number') {
        const line = t.slice(0, ours.offset).split('\n').length
        // Jinja names the line where it stopped reading; we name the tag that needs fixing
        // (for an unclosed block: its opening tag, on or before Jinja's line).
        if (line > theirs) lines.push(`${JSON.stringify(t)}: ours ${line}, jinja ${theirs}`)
      }
    })
    expect(falseClaims).toEqual([])
    expect(missed).toEqual([])
    expect(lines).toEqual([])
    // Both outcomes are exercised.
    const rejected = real.filter((x) => x !== null).length
    expect(rejected).toBeGreaterThan(500)
    expect(templates.length - rejected).toBeGreaterThan(300)
  })
})
