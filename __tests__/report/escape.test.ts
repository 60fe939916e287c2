import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  escapeControlChars,
  escapeData,
  escapeHtml,
  escapeHtmlInline,
  escapeProperty,
  neutraliseWorkflowCommands
} from '../../src/report/escape.js'
import { HOSTILE } from './fixtures.js'
import { commandsIn, parseRunnerLine } from './runner-parser.js'

/** Strings biased towards the characters that matter to the runner and to Markdown. */
const nasty = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ':',
        '::',
        ',',
        '=',
        '%',
        '%0A',
        '%25',
        '\n',
        '\r',
        '##[',
        ']',
        ' ',
        '\t',
        '\u2028',
        'error',
        'add-mask'
      ),
      fc.string({ maxLength: 4 })
    ),
    { maxLength: 20 }
  )
  .map((parts) => parts.join(''))

function decodeEntities(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
}

describe('escapeData / escapeProperty', () => {
  it('round-trips through the runner for any string', () => {
    fc.assert(
      fc.property(nasty, nasty, (prop, data) => {
        const parsed = parseRunnerLine(
          `::error title=${escapeProperty(prop)},line=1::${escapeData(data)}`
        )
        expect(parsed?.command).toBe('error')
        // The runner drops empty property values, like @actions/core.
        if (prop !== '') expect(parsed?.properties.title).toBe(prop)
        expect(parsed?.properties.line).toBe('1')
        expect(parsed?.data).toBe(data)
      })
    )
  })

  it('leaves no line break, and no `:` or `,` in properties', () => {
    for (const s of HOSTILE) {
      expect(escapeData(s)).not.toMatch(/[\r\n]/)
      expect(escapeProperty(s)).not.toMatch(/[\r\n:,]/)
    }
  })
})

describe('neutraliseWorkflowCommands', () => {
  it('leaves no line the runner would execute', () => {
    for (const s of HOSTILE) expect(commandsIn(neutraliseWorkflowCommands(s))).toEqual([])
    fc.assert(
      fc.property(nasty, (s) => {
        expect(commandsIn(neutraliseWorkflowCommands(s))).toEqual([])
      })
    )
  })

  it('changes nothing in ordinary text and keeps line breaks', () => {
    const text = 'metrics/a.yaml\n  12:5  error  bad cron: "* * *"  schedule/cron-invalid\r\nok'
    expect(neutraliseWorkflowCommands(text)).toBe(text)
  })

  it('keeps the hostile text readable', () => {
    const out = neutraliseWorkflowCommands('::add-mask::secret')
    expect(out).toContain('add-mask::secret')
    expect(out).not.toMatch(/[\u200b-\u200d\ufeff]/)
  })
})

describe('escapeHtml', () => {
  it('leaves no character that opens a tag, a link, a code span or a table cell', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(escapeHtml(s)).not.toMatch(/[<>"'`[\]!|\\]/)
        expect(decodeEntities(escapeHtml(s))).toBe(s)
      })
    )
    for (const s of HOSTILE) {
      const out = escapeHtml(s)
      expect(out).not.toContain('<script')
      expect(out).not.toContain('](')
    }
  })

  it('escapeHtmlInline puts everything on one line', () => {
    for (const s of HOSTILE) expect(escapeHtmlInline(s)).not.toMatch(/[\r\n\u2028\u2029\u0085]/)
    expect(escapeHtmlInline('a\r\nb\nc')).toBe('a<br>b<br>c')
  })
})

describe('escapeControlChars', () => {
  it('removes ANSI escapes but keeps tabs and newlines', () => {
    const out = escapeControlChars('\u001b[31mred\tx\ny\u0007')
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0008\u001b]/)
    expect(out).toContain('\t')
    expect(out).toContain('\n')
  })
})
