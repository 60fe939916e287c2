import { describe, expect, it } from 'vitest'
import { parseNameStatusZ } from '../../src/changes/parse-name-status.js'

const z = (...fields: string[]): string => fields.map((f) => `${f}\0`).join('')

describe('parseNameStatusZ, exactly', () => {
  it('unmerged and broken-pair statuses read as modifications', () => {
    expect(parseNameStatusZ(z('U', 'a', 'B', 'b'))).toEqual([
      { status: 'modified', path: 'a' },
      { status: 'modified', path: 'b' }
    ])
  })

  it('error messages name the status and the field', () => {
    expect(() => parseNameStatusZ(z('M', 'a', 'X', 'b'))).toThrow(
      new Error('unknown status "X" at field 2')
    )
    // A score belongs to R and C only.
    expect(() => parseNameStatusZ(z('M100', 'a'))).toThrow(
      new Error('unknown status "M100" at field 0')
    )
    expect(() => parseNameStatusZ(z('A', 'a', 'C75', 'old'))).toThrow(
      new Error('truncated C entry at field 2')
    )
    expect(() => parseNameStatusZ(z('R100'))).toThrow(new Error('truncated R entry at field 0'))
    expect(() => parseNameStatusZ(z('A', 'x', 'D'))).toThrow(
      new Error('missing path after status D')
    )
    expect(() => parseNameStatusZ(z('A', 'x', ''))).toThrow(new Error('empty status at field 2'))
  })

  it('decodes bytes verbatim: a leading byte-order mark is kept, so it is no status', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(z('A', 'x'))])
    expect(() => parseNameStatusZ(bytes)).toThrow(new Error('unknown status "\uFEFFA" at field 0'))
  })

  it('invalid UTF-8 becomes U+FFFD', () => {
    const bytes = new Uint8Array([0x41, 0, 0x61, 0xff, 0])
    expect(parseNameStatusZ(bytes)).toEqual([{ status: 'added', path: 'a\uFFFD' }])
  })

  it('empty bytes', () => {
    expect(parseNameStatusZ(new Uint8Array())).toEqual([])
  })
})
