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

describe('ranking: what matters first', () => {
  /** A pre-existing problem that is an error on the base, after the downgrade. */
  const downgraded = (over: Parameters<typeof diag>[0] = {}) =>
    diag({ severity: 'warning', preExisting: true, downgradedFrom: 'error', ...over })

  // 2 new errors (one on a changed line), 12 new warnings, 3 pre-existing warnings and one
  // pre-existing error, shuffled.
  const changed = new Map([['metrics/a/a.yaml', new Set([40])]])
  const input = [
    ...Array.from({ length: 12 }, (_, i) => diag({ severity: 'warning', line: 10 + i })),
    ...Array.from({ length: 3 }, (_, i) =>
      diag({ severity: 'warning', line: 30 + i, preExisting: true })
    ),
    diag({ line: 2, ruleId: 'e/elsewhere' }),
    downgraded({ line: 90, ruleId: 'e/old' }),
    diag({ line: 40, ruleId: 'e/changed' })
  ]

  it('annotates new errors (changed lines first), then the pre-existing error, then new warnings', () => {
    const plan = planAnnotations(input, { changedLines: changed })
    const order = plan.annotations.map((a) => `${a.level}:${a.properties.startLine}`)
    expect(order.slice(0, 3)).toEqual(['error:40', 'error:2', 'warning:90'])
    // More than ten warnings: the pre-existing error keeps its slot, nine new warnings follow,
    // and the cut falls on new warnings and pre-existing warnings only.
    const warns = plan.annotations.filter((a) => a.level === 'warning')
    expect(warns).toHaveLength(10)
    expect(warns.slice(1).map((a) => a.properties.startLine)).toEqual(
      Array.from({ length: 9 }, (_, i) => 10 + i)
    )
    expect(plan.overflowNotice?.message).toMatch(/^6 more problems \(0 errors, 6 warnings\)/)
  })

  it('says that the live location may be broken by a pre-existing error', () => {
    const call = toAnnotationCall(downgraded({ message: 'cron is invalid' }))
    expect(call.level).toBe('warning')
    expect(call.properties.title).toBe('test/rule (pre-existing error)')
    expect(call.message).toContain('already an error on the base commit')
    expect(call.message).toContain('live Dagster code location may already be broken')
    const plainOld = toAnnotationCall(diag({ severity: 'warning', preExisting: true }))
    expect(plainOld.properties.title).toBe('test/rule (pre-existing)')
    expect(plainOld.message).not.toContain('base commit')
  })

  it('ranks the same way in the CLI --format github, under the same caps', () => {
    const out = renderGithub(input, { changedLines: changed })
    const cmds = commandsIn(out)
    const action = renderAnnotationLines(planAnnotations(input, { changedLines: changed }))
    expect(out).toBe(`${action.join('\n')}\n`)
    expect(cmds.map((c) => `${c.command}:${c.properties.line}`).slice(0, 3)).toEqual([
      'error:40',
      'error:2',
      'warning:90'
    ])
    expect(cmds.filter((c) => c.command === 'warning')).toHaveLength(10)
    expect(cmds.at(-1)!.command).toBe('notice')
    expect(cmds.at(-1)!.data).toMatch(/6 more problems/)
  })
})

describe('renderGithub', () => {
  it('prints at most ten commands per level, errors first, then one overflow notice', () => {
    const diagnostics = [
      ...Array.from({ length: 25 }, (_, i) => diag({ severity: 'warning', line: i + 1 })),
      ...Array.from({ length: 25 }, (_, i) =>
        diag({ file: `m/${HOSTILE[i % HOSTILE.length]}`, line: i + 1 })
      )
    ]
    const out = renderGithub(diagnostics)
    expect(out.endsWith('\n')).toBe(true)
    const cmds = commandsIn(out)
    expect(cmds).toHaveLength(21)
    expect(cmds.slice(0, 10).every((c) => c.command === 'error')).toBe(true)
    expect(cmds.slice(10, 20).every((c) => c.command === 'warning')).toBe(true)
    expect(cmds[20]!.data).toMatch(/^30 more problems \(15 errors, 15 warnings\)/)
    expect(runnerLines(out.trimEnd())).toHaveLength(21)
    expect(renderGithub([])).toBe('')
  })
})
