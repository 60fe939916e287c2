import { describe, expect, it } from 'vitest'
import { HeaderParseError, parseHeaderLines } from '../../src/dagster/headers.js'

describe('parseHeaderLines', () => {
  it('parses Name: value lines, skipping blanks and comments; values may contain colons', () => {
    expect(parseHeaderLines('# proxy\nAuthorization: Basic dTpw\n\r\nX-Org:  a:b:c  \n')).toEqual({
      Authorization: 'Basic dTpw',
      'X-Org': 'a:b:c'
    })
  })

  it.each([
    ['no colon', 'Authorization Bearer x', 1],
    ['bad name', 'X Bad: v', 1],
    ['reserved', '\nContent-Type: text/plain', 2],
    ['empty value', 'X-A:', 1],
    ['duplicate', 'X-A: 1\nx-a: 2', 2]
  ])('rejects %s with the line number and without the value', (_what, text, line) => {
    let error: unknown
    try {
      parseHeaderLines(text)
    } catch (e: unknown) {
      error = e
    }
    expect(error).toBeInstanceOf(HeaderParseError)
    expect((error as HeaderParseError).line).toBe(line)
    for (const secret of ['Bearer x', ': 2', 'text/plain']) {
      expect((error as Error).message).not.toContain(secret)
    }
  })
})
