import { describe, expect, it } from 'vitest'
import {
  parseHunkHeader,
  parseUnifiedZeroHunks,
  readQuoted
} from '../../src/changes/parse-unified-hunks.js'

const lines = (m: Map<string, Set<number>>): Record<string, number[]> =>
  Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort((a, b) => a - b)]))
const parse = (...text: string[]): Record<string, number[]> =>
  lines(parseUnifiedZeroHunks(text.join('\n')))

describe('parseHunkHeader, exactly', () => {
  it.each([
    ['@@ -10,20 +30,40 @@', { oldCount: 20, newStart: 30, newCount: 40 }],
    ['@@ -7 +8,0 @@', { oldCount: 1, newStart: 8, newCount: 0 }],
    ['@@ -7,0 +8 @@', { oldCount: 0, newStart: 8, newCount: 1 }]
  ])('%s', (line, expected) => {
    expect(parseHunkHeader(line)).toEqual(expected)
  })
  it.each([[' @@ -1 +1 @@'], ['@@ -1 +1'], ['@@ -x +1 @@'], ['@@ -1, +1 @@'], ['@@ +1 -1 @@']])(
    'rejects %j',
    (line) => {
      expect(parseHunkHeader(line)).toBeUndefined()
    }
  )
})

describe('readQuoted, exactly', () => {
  it.each([
    ['"\\a\\b\\t\\n\\v\\f\\r"', '\x07\b\t\n\v\f\r'],
    ['"\\"\\\\"', '"\\'],
    ['"\\101\\060"', 'A0'],
    ['"\\377"', '\uFFFD'],
    ['"\\400"', undefined],
    ['"\\08"', undefined],
    ['"😀 x"', '😀 x'],
    ['""', ''],
    ['x"a"', undefined],
    ['"a\\', undefined]
  ])('%j', (input, expected) => {
    expect(readQuoted(input, 0)?.value).toBe(expected)
  })
  it('reports where the string ends, and may start anywhere', () => {
    expect(readQuoted('"ab" rest', 0)).toEqual({ value: 'ab', end: 4 })
    expect(readQuoted('x "a\\tb" y', 2)).toEqual({ value: 'a\tb', end: 8 })
    expect(readQuoted('"\\303\\251"!', 0)).toEqual({ value: 'é', end: 10 })
    expect(readQuoted('"😀"', 0)).toEqual({ value: '😀', end: 4 })
  })
})

describe('parseUnifiedZeroHunks, exactly', () => {
  it('a mode change: an unambiguous header gives the path with no lines', () => {
    expect(parse('diff --git a/x b/x', 'old mode 100644', 'new mode 100755')).toEqual({ x: [] })
    expect(parse('diff --git "a/t\\tx" "b/t\\tx"', 'old mode 100644', 'new mode 100755')).toEqual({
      't\tx': []
    })
    expect(parse('diff --git "a/q\\"" b/q"', 'old mode 100644', 'new mode 100755')).toEqual({
      'q"': []
    })
  })

  it.each([
    ['different names', 'diff --git a/x b/y'],
    ['not split by a space', 'diff --git a/xyzb/x'],
    ['even length', 'diff --git a/x  b/x'],
    ['no a/ prefix', 'diff --git c/x b/x'],
    ['no b/ prefix', 'diff --git a/x c/x'],
    ['quoted, different names', 'diff --git "a/x\\t" "b/y\\t"'],
    ['quoted, no space after', 'diff --git "a/x"x b/x'],
    ['quoted, unterminated', 'diff --git "a/x b/x'],
    ['quoted, bad second half', 'diff --git "a/x" "b/x']
  ])('a header without a path and no other name: %s', (_name, header) => {
    expect(parse(header, 'old mode 100644', 'new mode 100755')).toEqual({})
  })

  it('quoted header halves without prefixes are compared as they are', () => {
    expect(parse('diff --git "x\\t" "x\\t"', 'old mode 100644', 'new mode 100755')).toEqual({
      'x\t': []
    })
  })

  it('copies and renames take the new name', () => {
    expect(
      parse(
        'diff --git a/one b/two',
        'similarity index 100%',
        'copy from one',
        'copy to two',
        'diff --git a/three b/four',
        'rename from three',
        'rename to "fo\\tur"'
      )
    ).toEqual({ two: [], 'fo\tur': [] })
  })

  it('a +++ /dev/null line leaves the section without a path', () => {
    expect(
      parse(
        'diff --git a/x b/x',
        '--- a/x',
        '+++ /dev/null',
        '@@ -1 +0,0 @@',
        '-gone',
        'diff --git a/y b/y',
        '--- a/y',
        '+++ y',
        '@@ -1 +1 @@',
        '-a',
        '+b'
      )
    ).toEqual({ y: [1] })
  })

  it('a GIT binary patch has no lines to report', () => {
    expect(
      parse('diff --git a/b.bin b/b.bin', 'index 1..2', 'GIT binary patch', 'literal 1', 'x')
    ).toEqual({})
  })

  it('the same path twice keeps the union of its lines', () => {
    expect(
      parse(
        'diff --git a/x b/x',
        '+++ b/x',
        '@@ -1 +1 @@',
        '-a',
        '+b',
        'diff --git a/y b/x',
        'rename from y',
        'rename to x',
        '@@ -4,0 +5,2 @@',
        '+c',
        '+d'
      )
    ).toEqual({ x: [1, 5, 6] })
  })

  it('context lines consume both counts', () => {
    // After the context line, one old and one new line remain: `+++ b/evil` is body text.
    expect(
      parse(
        'diff --git a/x b/x',
        '+++ b/x',
        '@@ -1,2 +1,2 @@',
        ' a',
        '+++ b/evil',
        '-b',
        '@@ -9 +9 @@',
        '-q',
        '+Q'
      )
    ).toEqual({ x: [1, 2, 9] })
  })

  it('a hunk body that ends early is read as headers again', () => {
    // One old line announced, none new: the `+++` line cannot belong to the body.
    expect(
      parse(
        'diff --git a/x b/x',
        '@@ -1 +1,0 @@',
        '+++ b/z',
        '@@ -0,0 +5 @@',
        '+q',
        '',
        'diff --git a/m b/m',
        '@@ -0,0 +1 @@',
        '-not old',
        '+++ b/n',
        '@@ -0,0 +7 @@',
        '+r',
        'diff --git a/p b/p',
        '@@ -1,2 +1,2 @@',
        ' ctx',
        ' ctx2',
        '+++ b/pp',
        '@@ -0,0 +3 @@',
        '+s'
      )
    ).toEqual({ z: [5], n: [1, 7], pp: [1, 2, 3] })
  })

  it('"No newline" markers inside and outside a hunk body are skipped', () => {
    // The marker sits between the old and the new line: the body goes on after it.
    expect(
      parse(
        'diff --git a/x b/x',
        '@@ -1 +1 @@',
        '-a',
        '\\ No newline at end of file',
        '+++ b/evil',
        '\\ No newline at end of file',
        '@@ -0,0 +4 @@',
        '+b'
      )
    ).toEqual({ x: [1, 4] })
  })

  it('lines before the first diff header are ignored', () => {
    expect(parse('+++ b/x', '@@ -0,0 +1 @@', '+x', 'rename to y')).toEqual({})
  })

  it('a malformed @@ line is skipped', () => {
    expect(parse('diff --git a/x b/x', '@@ -a +b @@', '+++ b/y')).toEqual({ y: [] })
  })

  it('a deleted file has no entry even with a later +++ name missing', () => {
    expect(
      parse(
        'diff --git a/x b/x',
        'deleted file mode 100644',
        'index 1..0',
        'Binary files a/x and /dev/null differ'
      )
    ).toEqual({})
  })
})
