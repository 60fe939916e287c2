import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  formatWorkflowCommand,
  planAnnotations,
  renderAnnotationLines,
  toAnnotationCall
} from '../../src/report/annotations.js'
import { renderGithub } from '../../src/report/github.js'
import { diag, HOSTILE } from './fixtures.js'
import { commandsIn, runnerLines } from './runner-parser.js'

describe('formatWorkflowCommand', () => {
  it('parses back to the original file, line and message for hostile names and messages', () => {
    for (const file of HOSTILE) {
      for (const message of HOSTILE) {
        const d = diag({
          file,
          message,
          hint: message,
          line: 7,
          endLine: 7,
          column: 3,
          endColumn: 9
        })
        const out = formatWorkflowCommand(toAnnotationCall(d))
        expect(runnerLines(out)).toHaveLength(1)
        const cmds = commandsIn(out)
        expect(cmds).toHaveLength(1)
        expect(cmds[0]!.command).toBe('error')
        expect(cmds[0]!.properties.file).toBe(file)
        expect(cmds[0]!.properties.line).toBe('7')
        expect(cmds[0]!.properties.endline).toBe('7')
        expect(cmds[0]!.properties.col).toBe('3')
        expect(cmds[0]!.properties.title).toBe('test/rule')
        expect(cmds[0]!.data.startsWith(message)).toBe(true)
        expect(cmds[0]!.data).toContain(`\nHint: ${message}`)
      }
    }
  })

  it('round-trips arbitrary file names and messages', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string(),
        fc.integer({ min: 1, max: 99999 }),
        (file, message, line) => {
          const out = formatWorkflowCommand(
            toAnnotationCall(diag({ file, message, line, endLine: line + 1 }))
          )
          const cmds = commandsIn(out)
          expect(cmds).toHaveLength(1)
          expect(cmds[0]!.properties.file).toBe(file)
          expect(cmds[0]!.properties.line).toBe(String(line))
          expect(cmds[0]!.properties.endline).toBe(String(line + 1))
          expect(cmds[0]!.data).toBe(message)
        }
      )
    )
  })
})

describe('toAnnotationCall', () => {
  it('sends columns only for single-line ranges, with an inclusive end column', () => {
    const one = toAnnotationCall(diag({ line: 4, endLine: 4, column: 5, endColumn: 10 }))
    expect(one.properties).toMatchObject({ startLine: 4, endLine: 4, startColumn: 5, endColumn: 9 })
    const multi = toAnnotationCall(diag({ line: 4, endLine: 6, column: 5, endColumn: 2 }))
    expect(multi.properties.startColumn).toBeUndefined()
    expect(multi.properties.endColumn).toBeUndefined()
    expect(multi.properties).toMatchObject({ startLine: 4, endLine: 6 })
    const empty = toAnnotationCall(diag({ line: 2, endLine: 2, column: 3, endColumn: 3 }))
    expect(empty.properties).toMatchObject({ startColumn: 3, endColumn: 3 })
  })

  it('puts the rule id (and a short title when given) in the title, and marks pre-existing', () => {
    const d = diag({ ruleId: 'schedule/cron-invalid', preExisting: true, severity: 'warning' })
    const call = toAnnotationCall(d, new Map([['schedule/cron-invalid', 'invalid cron']]))
    expect(call.properties.title.startsWith('schedule/cron-invalid: invalid cron')).toBe(true)
    expect(call.properties.title).toContain('pre-existing')
    expect(call.level).toBe('warning')
  })
})

describe('planAnnotations', () => {
  const changed = new Map([['metrics/a/a.yaml', new Set([50, 51, 52, 53, 54])]])

  it('annotates changed-line errors first, then other errors, and caps each level at 10', () => {
    const errors = [
      ...Array.from({ length: 10 }, (_, i) => diag({ line: i + 1 })),
      ...Array.from({ length: 5 }, (_, i) => diag({ line: 50 + i }))
    ]
    const warnings = [
      ...Array.from({ length: 3 }, (_, i) =>
        diag({ severity: 'warning', line: i + 1, preExisting: true })
      ),
      ...Array.from({ length: 9 }, (_, i) => diag({ severity: 'warning', line: 20 + i })),
      diag({ severity: 'warning', line: 53 })
    ]
    const plan = planAnnotations([...warnings, ...errors], { changedLines: changed })
    const errs = plan.annotations.filter((a) => a.level === 'error')
    const warns = plan.annotations.filter((a) => a.level === 'warning')
    expect(errs).toHaveLength(10)
    expect(errs.slice(0, 5).map((a) => a.properties.startLine)).toEqual([50, 51, 52, 53, 54])
    expect(errs.slice(5).map((a) => a.properties.startLine)).toEqual([1, 2, 3, 4, 5])
    expect(warns).toHaveLength(10)
    expect(warns[0]!.properties.startLine).toBe(53)
    // Pre-existing problems go last, so all three are the ones cut.
    expect(warns.some((a) => a.properties.title.includes('pre-existing'))).toBe(false)
    // Order: every error before any warning.
    const levels = plan.annotations.map((a) => a.level)
    expect(levels.lastIndexOf('error')).toBeLessThan(levels.indexOf('warning'))

    expect(plan.overflowNotice?.level).toBe('notice')
    expect(plan.overflowNotice?.message).toMatch(/^8 more problems \(5 errors, 3 warnings\)/)
    expect(plan.overflowNotice?.properties.file).toBeUndefined()
  })

  it('treats a range as changed when any of its lines changed', () => {
    const plan = planAnnotations(
      [
        ...Array.from({ length: 10 }, (_, i) => diag({ line: i + 1 })),
        diag({ line: 48, endLine: 51 })
      ],
      { changedLines: changed }
    )
    expect(plan.annotations[0]!.properties.startLine).toBe(48)
  })

  it('keeps room for the overflow notice under the notice cap', () => {
    const notices = Array.from({ length: 12 }, (_, i) => diag({ severity: 'notice', line: i + 1 }))
    const plan = planAnnotations(notices)
    expect(plan.annotations).toHaveLength(9)
    expect(plan.overflowNotice?.message).toMatch(/^3 more problems/)
    expect(renderAnnotationLines(plan)).toHaveLength(10)
  })

  it('emits no overflow notice when everything fits', () => {
    const plan = planAnnotations([
      ...Array.from({ length: 10 }, (_, i) => diag({ line: i + 1 })),
      ...Array.from({ length: 10 }, (_, i) => diag({ severity: 'warning', line: i + 1 })),
      ...Array.from({ length: 10 }, (_, i) => diag({ severity: 'notice', line: i + 1 }))
    ])
    expect(plan.annotations).toHaveLength(30)
    expect(plan.overflowNotice).toBeUndefined()
  })

  it('without diff information, puts new problems before pre-existing ones', () => {
    const plan = planAnnotations(
      [
        ...Array.from({ length: 10 }, (_, i) =>
          diag({ severity: 'warning', line: i + 1, preExisting: true })
        ),
        diag({ severity: 'warning', line: 99 })
      ],
      {}
    )
    expect(plan.annotations[0]!.properties.startLine).toBe(99)
  })

  it('prints only the intended commands, one line each, for hostile input', () => {
    const diagnostics = HOSTILE.map((s, i) =>
      diag({
        file: s,
        message: s,
        hint: s,
        ruleId: `x/${i}`,
        severity: i % 2 ? 'warning' : 'error',
        line: i + 1
      })
    )
    const lines = renderAnnotationLines(planAnnotations(diagnostics))
    const out = lines.join('\n')
    expect(runnerLines(out)).toHaveLength(lines.length)
    const cmds = commandsIn(out)
    expect(cmds).toHaveLength(lines.length)
    for (const c of cmds) expect(['error', 'warning', 'notice']).toContain(c.command)
    expect(
      cmds.filter((c) => c.command === 'error').every((c) => HOSTILE.includes(c.properties.file!))
    ).toBe(true)
  })
})

describe('renderGithub', () => {
  it('prints every diagnostic (uncapped) as a command, most important first', () => {
    const diagnostics = [
      ...Array.from({ length: 25 }, (_, i) => diag({ severity: 'warning', line: i + 1 })),
      ...Array.from({ length: 25 }, (_, i) =>
        diag({ file: `m/${HOSTILE[i % HOSTILE.length]}`, line: i + 1 })
      )
    ]
    const out = renderGithub(diagnostics)
    expect(out.endsWith('\n')).toBe(true)
    const cmds = commandsIn(out)
    expect(cmds).toHaveLength(50)
    expect(cmds[0]!.command).toBe('error')
    expect(cmds[49]!.command).toBe('warning')
    expect(runnerLines(out.trimEnd())).toHaveLength(50)
    expect(renderGithub([])).toBe('')
  })
})
