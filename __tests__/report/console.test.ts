import { describe, expect, it } from 'vitest'
import { renderConsole } from '../../src/report/console.js'
import { diag, HOSTILE } from './fixtures.js'
import { commandsIn } from './runner-parser.js'

const FILE = 'metrics/a/a.yaml'
const TEXT = 'metric_batch: a\ncron_schedule: "*/5 * * *"\n\tdb:\tsnowflake\n'

/** The caret line under the frame line for `line`, and the column the caret points at (1-based). */
function caretColumn(out: string, line: number): { column: number; width: number } {
  const lines = out.split('\n')
  const i = lines.findIndex((l) => new RegExp(`^\\s+${line} \\| `).test(l))
  expect(i).toBeGreaterThanOrEqual(0)
  const src = lines[i]!
  const marker = lines[i + 1]!
  const start = src.indexOf('| ') + 2
  expect(marker.indexOf('| ') + 2).toBe(start)
  const caret = marker.indexOf('^')
  const width = marker.slice(caret).match(/^\^+/)![0].length
  return { column: caret - start + 1, width }
}

describe('renderConsole', () => {
  it('lists problems as line:col severity message rule, grouped by file', () => {
    const out = renderConsole(
      [
        diag({ file: FILE, line: 2, column: 16, endColumn: 27, ruleId: 'schedule/cron-invalid' }),
        diag({ file: 'metrics/b.yaml', line: 1, severity: 'warning', ruleId: 'w/x' })
      ],
      new Map([[FILE, TEXT]]),
      { color: false }
    )
    expect(out).toMatch(/^metrics\/a\/a\.yaml$/m)
    expect(out).toMatch(/^ {2}2:16 {2}error +\S.* {2}schedule\/cron-invalid$/m)
    expect(out).toMatch(/^metrics\/b\.yaml$/m)
    expect(out).toMatch(/^ {2}1:1 {2}warning/m)
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/2 problems \(1 error, 1 warning, 0 notices\)/)
  })

  it('puts a caret under the column, as wide as the range', () => {
    const out = renderConsole(
      [diag({ file: FILE, line: 2, column: 16, endColumn: 27 })],
      new Map([[FILE, TEXT]]),
      {
        color: false
      }
    )
    expect(caretColumn(out, 2)).toEqual({ column: 16, width: 11 })
    expect(out).toContain('2 | cron_schedule: "*/5 * * *"')
  })

  it('keeps the caret aligned after tabs', () => {
    const out = renderConsole(
      [diag({ file: FILE, line: 3, column: 6, endColumn: 15 })],
      new Map([[FILE, TEXT]]),
      {
        color: false
      }
    )
    const lines = out.split('\n')
    const i = lines.findIndex((l) => l.includes('| \tdb:'))
    expect(lines[i + 1]).toMatch(/\| \t {3}\t\^{9}$/)
  })

  it('windows very long lines around the column', () => {
    const long = `key: ${'a'.repeat(500)}BAD${'b'.repeat(500)}`
    const out = renderConsole(
      [diag({ file: FILE, line: 1, column: 506, endColumn: 509 })],
      new Map([[FILE, long]]),
      {
        color: false
      }
    )
    const lines = out.split('\n')
    const i = lines.findIndex((l) => l.includes('BAD'))
    expect(lines[i]!.length).toBeLessThan(200)
    const col = lines[i]!.indexOf('BAD')
    expect(lines[i + 1]!.indexOf('^^^')).toBe(col)
  })

  it('shows the hint and no frame when the text is unknown', () => {
    const out = renderConsole([diag({ file: 'gone.yaml', hint: 'do this' })], new Map(), {
      color: false
    })
    expect(out).toMatch(/^ {4}hint: do this$/m)
    expect(out).not.toContain(' | ')
  })

  it('colours only when asked', () => {
    const d = [diag({ file: FILE, message: '\u001b[2Jhostile' })]
    expect(renderConsole(d, new Map([[FILE, TEXT]]), { color: false })).not.toContain('\u001b')
    const coloured = renderConsole(d, new Map([[FILE, TEXT]]), { color: true })
    expect(coloured).toContain('\u001b[31m')
    // Untrusted escape sequences are shown, not executed, even with colour on.
    expect(coloured).not.toContain('\u001b[2J')
  })

  it('never lets a file name, message, hint or source line start a workflow command', () => {
    const files = new Map<string, string>()
    const diagnostics = HOSTILE.map((s, i) => {
      files.set(s, `${s}\n${s}\n::add-mask::x\n##[stop-commands]y\n`)
      return diag({
        file: s,
        message: s,
        hint: s,
        ruleId: s,
        line: (i % 4) + 1,
        column: 1,
        endColumn: 3
      })
    })
    for (const color of [false, true]) {
      const out = renderConsole(diagnostics, files, { color })
      expect(commandsIn(out)).toEqual([])
    }
  })

  it('says so when there are no problems', () => {
    expect(renderConsole([], new Map(), { color: false })).toMatch(/No problems/)
  })
})
