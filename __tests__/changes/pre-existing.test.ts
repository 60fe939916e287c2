import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../src/core/diagnostic.js'
import { markPreExisting } from '../../src/changes/pre-existing.js'

function d(
  file: string,
  line: number,
  ruleId = 'schedule/cron-invalid',
  message = 'bad cron'
): Diagnostic {
  return {
    ruleId,
    severity: 'error',
    file,
    line,
    column: 3,
    endLine: line,
    endColumn: 10,
    message
  }
}

const flags = (ds: Diagnostic[]): Array<[boolean, string]> =>
  ds.map((x) => [x.preExisting === true, x.severity])

describe('markPreExisting', () => {
  it('an old problem on an untouched line of a modified file is pre-existing and downgraded', () => {
    const out = markPreExisting({
      head: [d('m/a.yaml', 12)],
      base: [d('m/a.yaml', 10)],
      changes: [{ status: 'modified', path: 'm/a.yaml' }],
      changedLines: new Map([['m/a.yaml', new Set([1, 2])]])
    })
    expect(flags(out)).toEqual([[true, 'warning']])
  })

  it('a problem on a changed line is new even if it existed before', () => {
    const out = markPreExisting({
      head: [d('m/a.yaml', 2)],
      base: [d('m/a.yaml', 2)],
      changes: [{ status: 'modified', path: 'm/a.yaml' }],
      changedLines: new Map([['m/a.yaml', new Set([2])]])
    })
    expect(flags(out)).toEqual([[false, 'error']])
  })

  it('anything in an added or copied file is new', () => {
    const out = markPreExisting({
      head: [d('m/new.yaml', 1), d('m/copy.yaml', 1)],
      base: [d('m/new.yaml', 1), d('m/copy.yaml', 1)],
      changes: [
        { status: 'added', path: 'm/new.yaml' },
        { status: 'copied', path: 'm/copy.yaml', previousPath: 'm/a.yaml' }
      ],
      changedLines: new Map([
        ['m/new.yaml', new Set<number>()],
        ['m/copy.yaml', new Set<number>()]
      ])
    })
    expect(flags(out)).toEqual([
      [false, 'error'],
      [false, 'error']
    ])
  })

  it('follows renames to the base path', () => {
    const out = markPreExisting({
      head: [d('m/new-name.yaml', 5)],
      base: [d('m/old-name.yaml', 5)],
      changes: [{ status: 'renamed', path: 'm/new-name.yaml', previousPath: 'm/old-name.yaml' }],
      changedLines: new Map([['m/new-name.yaml', new Set<number>()]])
    })
    expect(flags(out)).toEqual([[true, 'warning']])
  })

  it('does not match a base problem at the renamed-to path', () => {
    const out = markPreExisting({
      head: [d('m/new-name.yaml', 5)],
      base: [d('m/new-name.yaml', 5)],
      changes: [{ status: 'renamed', path: 'm/new-name.yaml', previousPath: 'm/old-name.yaml' }],
      changedLines: new Map([['m/new-name.yaml', new Set<number>()]])
    })
    expect(flags(out)).toEqual([[false, 'error']])
  })

  it('a modified file with unknown changed lines counts as fully changed', () => {
    const out = markPreExisting({
      head: [d('m/a.yaml', 40)],
      base: [d('m/a.yaml', 40)],
      changes: [{ status: 'modified', path: 'm/a.yaml' }],
      changedLines: new Map()
    })
    expect(flags(out)).toEqual([[false, 'error']])
  })

  it('an untouched file keeps old problems pre-existing but new ones (caused elsewhere) new', () => {
    const out = markPreExisting({
      head: [d('m/b.yaml', 3), d('m/b.yaml', 4, 'batch/duplicate-name', 'dup')],
      base: [d('m/b.yaml', 3)],
      changes: [{ status: 'modified', path: 'm/defaults.yaml' }],
      changedLines: new Map([['m/defaults.yaml', new Set([1])]])
    })
    expect(flags(out)).toEqual([
      [true, 'warning'],
      [false, 'error']
    ])
  })

  it('requires the same rule and the same message (or key)', () => {
    const out = markPreExisting({
      head: [d('m/a.yaml', 3, 'r/one', 'x'), d('m/a.yaml', 4, 'r/two', 'changed text')],
      base: [d('m/a.yaml', 3, 'r/other', 'x'), d('m/a.yaml', 4, 'r/two', 'old text')],
      changes: [],
      changedLines: new Map()
    })
    expect(flags(out)).toEqual([
      [false, 'error'],
      [false, 'error']
    ])
  })

  it('matches by key when messages differ', () => {
    const keyOf = (x: Diagnostic): string | undefined => (x.ruleId === 'r/two' ? 'cron' : undefined)
    const out = markPreExisting({
      head: [d('m/a.yaml', 9, 'r/two', 'duplicate of line 7')],
      base: [d('m/a.yaml', 5, 'r/two', 'duplicate of line 3')],
      changes: [],
      changedLines: new Map(),
      keyOf
    })
    expect(flags(out)).toEqual([[true, 'warning']])
  })

  it('each base problem excuses one head problem', () => {
    const out = markPreExisting({
      head: [d('m/a.yaml', 3), d('m/a.yaml', 8)],
      base: [d('m/a.yaml', 3)],
      changes: [],
      changedLines: new Map()
    })
    expect(flags(out)).toEqual([
      [true, 'warning'],
      [false, 'error']
    ])
  })

  it('keeps warnings as warnings and notices as notices', () => {
    const w: Diagnostic = { ...d('m/a.yaml', 3), severity: 'warning' }
    const n: Diagnostic = { ...d('m/a.yaml', 4, 'r/n', 'n'), severity: 'notice' }
    const out = markPreExisting({
      head: [w, n],
      base: [w, n],
      changes: [],
      changedLines: new Map()
    })
    expect(flags(out)).toEqual([
      [true, 'warning'],
      [true, 'notice']
    ])
  })
})

describe('markPreExisting on large inputs', () => {
  it('matches 70,000 warnings of one rule in one file against the base (was a scan per warning)', () => {
    const n = 70_000
    const base = Array.from({ length: n }, (_, i) => d('m/a.yaml', i + 1, 'keys/unknown', `k${i}`))
    // Head in reverse order, plus one new problem: only that one stays new.
    const head = [...base].reverse().concat(d('m/a.yaml', 1, 'keys/unknown', 'brand new'))
    const out = markPreExisting({ head, base, changes: [], changedLines: new Map() })
    expect(out.filter((x) => x.preExisting === true)).toHaveLength(n)
    expect(out[n]).toMatchObject({ message: 'brand new', severity: 'error' })
    expect(out[n]?.preExisting).toBeUndefined()
  })

  it('matches 70,000 key-only pairs, each base problem excusing one head problem', () => {
    const n = 70_000
    const base = Array.from({ length: n }, (_, i) => d('m/a.yaml', i, 'keys/unknown', `was ${i}`))
    const head = Array.from({ length: n + 1 }, (_, i) =>
      d('m/a.yaml', i, 'keys/unknown', `now ${i % n}`)
    )
    const out = markPreExisting({
      head,
      base,
      changes: [],
      changedLines: new Map(),
      keyOf: (x) => x.message.replace(/^\w+ /, '')
    })
    // head[n] repeats key 0, whose only base problem already excused head[0].
    expect(out.filter((x) => x.preExisting === true)).toHaveLength(n)
    expect(out[n]?.preExisting).toBeUndefined()
  })
})
