import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../src/core/diagnostic.js'
import { markPreExisting } from '../../src/changes/pre-existing.js'

function d(file: string, line: number, ruleId = 'r/x', message = 'bad'): Diagnostic {
  return { ruleId, severity: 'error', file, line, column: 1, endLine: line, endColumn: 2, message }
}

const pre = (ds: Diagnostic[]): boolean[] => ds.map((x) => x.preExisting === true)

describe('markPreExisting, exactly', () => {
  it('an excused error becomes a warning that says it was an error; the rest are untouched', () => {
    const old = d('a.yaml', 3)
    const fresh = d('a.yaml', 4, 'r/y')
    const out = markPreExisting({
      head: [old, fresh],
      base: [d('a.yaml', 1)],
      changes: [],
      changedLines: new Map()
    })
    expect(out).toEqual([
      { ...old, preExisting: true, severity: 'warning', downgradedFrom: 'error' },
      fresh
    ])
    expect(out[1]).toBe(fresh)
  })

  it('an excused warning only gains preExisting', () => {
    const w: Diagnostic = { ...d('a.yaml', 3), severity: 'warning' }
    const out = markPreExisting({ head: [w], base: [w], changes: [], changedLines: new Map() })
    expect(out).toEqual([{ ...w, preExisting: true }])
  })

  it('a deleted path in the changes does not make a head file new or changed', () => {
    const out = markPreExisting({
      head: [d('a.yaml', 3)],
      base: [d('a.yaml', 3)],
      changes: [{ status: 'deleted', path: 'a.yaml' }],
      changedLines: new Map()
    })
    expect(pre(out)).toEqual([true])
  })

  it('type changes and modifications keep their path as the base path', () => {
    for (const status of ['type-changed', 'modified'] as const) {
      const out = markPreExisting({
        head: [d('a.yaml', 3)],
        base: [d('a.yaml', 9)],
        changes: [{ status, path: 'a.yaml' }],
        changedLines: new Map([['a.yaml', new Set([1])]])
      })
      expect(pre(out)).toEqual([true])
    }
  })

  it('a renamed file matches its old path, with or without its line changed', () => {
    const input = {
      base: [d('old.yaml', 3)],
      changes: [{ status: 'renamed' as const, path: 'new.yaml', previousPath: 'old.yaml' }]
    }
    expect(
      pre(
        markPreExisting({
          ...input,
          head: [d('new.yaml', 3)],
          changedLines: new Map([['new.yaml', new Set([2])]])
        })
      )
    ).toEqual([true])
    expect(
      pre(
        markPreExisting({
          ...input,
          head: [d('new.yaml', 2)],
          changedLines: new Map([['new.yaml', new Set([2])]])
        })
      )
    ).toEqual([false])
  })

  it('exact-message pairs are taken before key-only pairs', () => {
    // Head 0 could take base 0 by key, but base 0 is the exact match of head 1; head 0 then takes
    // base 1 by key. Message-first order excuses both.
    const out = markPreExisting({
      head: [d('a.yaml', 1, 'r/x', 'now A'), d('a.yaml', 2, 'r/x', 'was B')],
      base: [d('a.yaml', 1, 'r/x', 'was B'), d('a.yaml', 2, 'r/x', 'was C')],
      changes: [],
      changedLines: new Map(),
      keyOf: () => 'k'
    })
    expect(pre(out)).toEqual([true, true])
  })

  it('the key pass skips base problems the message pass used', () => {
    const out = markPreExisting({
      head: [d('a.yaml', 1, 'r/x', 'same'), d('a.yaml', 2, 'r/x', 'other'), d('a.yaml', 3)],
      base: [d('a.yaml', 1, 'r/x', 'same'), d('a.yaml', 2, 'r/x', 'different')],
      changes: [],
      changedLines: new Map(),
      keyOf: (x) => (x.line === 3 ? undefined : 'k')
    })
    expect(pre(out)).toEqual([true, true, false])
  })

  it('a base problem without a key cannot be matched by key', () => {
    const out = markPreExisting({
      head: [d('a.yaml', 1, 'r/x', 'now')],
      base: [d('a.yaml', 1, 'r/x', 'was')],
      changes: [],
      changedLines: new Map(),
      keyOf: (x) => (x.message === 'now' ? 'k' : undefined)
    })
    expect(pre(out)).toEqual([false])
  })

  it('a problem in an added file is not matched by key either', () => {
    const out = markPreExisting({
      head: [d('n.yaml', 1, 'r/x', 'now')],
      base: [d('', 1, 'r/x', 'now'), d('n.yaml', 1, 'r/x', 'now')],
      changes: [{ status: 'added', path: 'n.yaml' }],
      changedLines: new Map([['n.yaml', new Set<number>()]]),
      keyOf: () => 'k'
    })
    expect(pre(out)).toEqual([false])
  })

  it('base problems excuse head problems in base order, one each, across files', () => {
    const out = markPreExisting({
      head: [d('b.yaml', 1), d('a.yaml', 1), d('a.yaml', 2), d('b.yaml', 2)],
      base: [d('a.yaml', 7), d('b.yaml', 7)],
      changes: [],
      changedLines: new Map()
    })
    expect(pre(out)).toEqual([true, true, false, false])
  })
})
