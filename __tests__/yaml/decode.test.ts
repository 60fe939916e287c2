/**
 * Strict UTF-8 decoding as Anomstack's `open(path, encoding='utf-8')` does it. The messages are
 * CPython 3.11's UnicodeDecodeError text for the same bytes (positions agree within the first
 * 8 KiB, the chunk CPython's text stream decodes; see decode.ts).
 */
import { describe, expect, it } from 'vitest'
import { decodeUtf8, findLineBreakChars, findNonPrintable } from '../../src/yaml/decode.js'
import { loadYaml } from '../../src/yaml/load.js'

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p))
  )

describe('UTF-8 failures in CPython words', () => {
  it.each([
    [
      'a lone continuation byte',
      bytes('a: ', [0x80], '\n'),
      'byte 0x80 in position 3: invalid start byte'
    ],
    [
      'the last continuation byte',
      bytes('a: ', [0xbf], '\n'),
      'byte 0xbf in position 3: invalid start byte'
    ],
    [
      'an overlong lead 0xc0',
      bytes('a: ', [0xc0, 0x80], '\n'),
      'byte 0xc0 in position 3: invalid start byte'
    ],
    [
      'an overlong lead 0xc1',
      bytes('a: ', [0xc1], '\n'),
      'byte 0xc1 in position 3: invalid start byte'
    ],
    [
      'a lead past U+10FFFF',
      bytes('a: ', [0xf5, 0x80, 0x80, 0x80], '\n'),
      'byte 0xf5 in position 3: invalid start byte'
    ],
    ['0xff', bytes('a: ', [0xff], '\n'), 'byte 0xff in position 3: invalid start byte'],
    [
      'a two-byte lead before ASCII',
      bytes('a: ', [0xc3, 0x28], '\n'),
      'byte 0xc3 in position 3: invalid continuation byte'
    ],
    [
      'a three-byte sequence cut by a newline',
      bytes('a: ', [0xe2, 0x82], '\n'),
      'bytes in position 3-4: invalid continuation byte'
    ],
    [
      'a surrogate',
      bytes('a: ', [0xed, 0xa0, 0x80], '\n'),
      'byte 0xed in position 3: invalid continuation byte'
    ],
    [
      'an overlong four-byte sequence',
      bytes('a: ', [0xf0, 0x80, 0x80, 0x80], '\n'),
      'byte 0xf0 in position 3: invalid continuation byte'
    ],
    [
      'a four-byte sequence past U+10FFFF',
      bytes('a: ', [0xf4, 0x90, 0x80, 0x80], '\n'),
      'byte 0xf4 in position 3: invalid continuation byte'
    ],
    [
      'a valid euro sign, then a cut lead',
      bytes('a: ', [0xe2, 0x82, 0xac, 0xe2], '\n'),
      'byte 0xe2 in position 6: invalid continuation byte'
    ],
    [
      'a lead cut by the end of the file',
      bytes('a: ', [0xf0, 0x9f, 0x98]),
      'bytes in position 3-5: unexpected end of data'
    ]
  ])('%s', (_name, input, what) => {
    const r = loadYaml(input)
    expect(r.failed).toBe(true)
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toMatchObject({
      ruleId: 'yaml/encoding',
      severity: 'error',
      message: `'utf-8' codec can't decode ${what}`,
      hint: 'save the file as UTF-8'
    })
  })

  it('counts lines at LF, CRLF and a lone CR, and columns in characters before the bad byte', () => {
    const at = (input: Uint8Array) => {
      const f = decodeUtf8(input)
      return 'failure' in f ? [f.failure.line, f.failure.column, f.failure.byteOffset] : undefined
    }
    expect(at(bytes('x\ra: ', [0xff]))).toEqual([2, 4, 5])
    expect(at(bytes('x\r\na: ', [0xff]))).toEqual([2, 4, 6])
    expect(at(bytes('x\r\r\na: ', [0xff]))).toEqual([3, 4, 7])
    expect(at(bytes('x\n\na: ', [0xff]))).toEqual([3, 4, 6])
    expect(at(bytes('é😀: ', [0xff]))).toEqual([1, 5, 8])
    const r = loadYaml(bytes('a: 1\r\nb: ', [0xc3, 0x28]))
    expect(r.problems[0]).toMatchObject({ line: 2, column: 4, endLine: 2, endColumn: 5 })
  })

  it('drops one BOM and turns CRLF and lone CR into LF', () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], 'a: 1\r\nb: 2\rc: 3\n'))).toEqual({
      text: 'a: 1\nb: 2\nc: 3\n'
    })
  })
})

describe('characters the reader refuses or counts as line breaks', () => {
  it('finds the first non-printable character, allowing tab, NEL and the BMP text range', () => {
    expect(findNonPrintable('a\tb\u0085c\u00a0\ud7ff\ue000\ufffd😀')).toBe(-1)
    expect(findNonPrintable('ab\u0007c\u0001')).toBe(2)
    expect(findNonPrintable('a\ufffe')).toBe(1)
    expect(findNonPrintable('a\u007f')).toBe(1)
  })

  it('lists every NEL, LS and PS', () => {
    expect(findLineBreakChars('a\u0085b\u2028c\u2029d\n')).toEqual([1, 3, 5])
    expect(findLineBreakChars('plain\n')).toEqual([])
  })
})
