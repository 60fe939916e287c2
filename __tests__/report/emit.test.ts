import { describe, expect, it } from 'vitest'
import { planAnnotations } from '../../src/report/annotations.js'
import { emitAnnotations, emitLog } from '../../src/report/emit.js'
import { diag, HOSTILE } from './fixtures.js'
import { commandsIn } from './runner-parser.js'

describe('emit', () => {
  it('writes one line per annotation plus the overflow notice', () => {
    const chunks: string[] = []
    const plan = planAnnotations(
      Array.from({ length: 12 }, (_, i) => diag({ line: i + 1, file: HOSTILE[i]! }))
    )
    emitAnnotations(plan, (s) => chunks.push(s))
    expect(chunks).toHaveLength(11)
    expect(commandsIn(chunks.join('')).map((c) => c.command)).toEqual([
      ...Array(10).fill('error'),
      'notice'
    ])
  })

  it('writes free text with no command in it, ending in a newline', () => {
    const chunks: string[] = []
    emitLog(HOSTILE.join('\n'), (s) => chunks.push(s))
    expect(commandsIn(chunks.join(''))).toEqual([])
    expect(chunks.join('').endsWith('\n')).toBe(true)
  })
})
