import { describe, expect, it } from 'vitest'
import {
  parseHunkHeader,
  parseUnifiedZeroHunks,
  readQuoted
} from '../../src/changes/parse-unified-hunks.js'

const lines = (m: Map<string, Set<number>>): Record<string, number[]> =>
  Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort((a, b) => a - b)]))

describe('parseHunkHeader', () => {
  it.each([
    ['@@ -3 +3 @@', { oldCount: 1, newStart: 3, newCount: 1 }],
    ['@@ -3,0 +4,2 @@ section', { oldCount: 0, newStart: 4, newCount: 2 }],
    ['@@ -5,2 +4,0 @@', { oldCount: 2, newStart: 4, newCount: 0 }],
    ['@@ -0,0 +1,3 @@', { oldCount: 0, newStart: 1, newCount: 3 }]
  ])('%s', (line, expected) => {
    expect(parseHunkHeader(line)).toEqual(expected)
  })
  it('rejects other lines', () => {
    expect(parseHunkHeader('@@@ -1 +1 @@@')).toBeUndefined()
  })
})

describe('readQuoted', () => {
  it.each([
    ['"a\\tb"', 'a\tb'],
    ['"a\\nb"', 'a\nb'],
    ['"q\\"x\\\\"', 'q"x\\'],
    ['"caf\\303\\251.yaml"', 'café.yaml'],
    ['"ü raw"', 'ü raw']
  ])('%s', (input, expected) => {
    expect(readQuoted(input, 0)?.value).toBe(expected)
  })
  it('rejects unterminated strings and unknown escapes', () => {
    expect(readQuoted('"abc', 0)).toBeUndefined()
    expect(readQuoted('"a\\qb"', 0)).toBeUndefined()
  })
})

describe('parseUnifiedZeroHunks', () => {
  it('collects added and replaced head lines, ignoring pure deletions', () => {
    const diff = [
      'diff --git a/metrics/a.yaml b/metrics/a.yaml',
      'index 1..2 100644',
      '--- a/metrics/a.yaml',
      '+++ b/metrics/a.yaml',
      '@@ -2 +2,2 @@ key:',
      '-old',
      '+new',
      '+more',
      '@@ -9,2 +9,0 @@',
      '-gone1',
      '-gone2',
      '@@ -20,0 +19 @@',
      '+inserted',
      ''
    ].join('\n')
    expect(lines(parseUnifiedZeroHunks(diff))).toEqual({ 'metrics/a.yaml': [2, 3, 19] })
  })

  it('counts hunk bodies, so content that looks like a header is not one', () => {
    const diff = [
      'diff --git a/x.yaml b/x.yaml',
      '--- a/x.yaml',
      '+++ b/x.yaml',
      '@@ -1,0 +1,3 @@',
      '+++ b/evil.yaml',
      '+diff --git a/e b/e',
      '+@@ -1 +1 @@',
      '\\ No newline at end of file',
      ''
    ].join('\n')
    expect(lines(parseUnifiedZeroHunks(diff))).toEqual({ 'x.yaml': [1, 2, 3] })
  })

  it('reads quoted names, renames, new and deleted files, mode changes and binaries', () => {
    const diff = [
      'diff --git a/new.yaml b/new.yaml',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/new.yaml',
      '@@ -0,0 +1,2 @@',
      '+a: 1',
      '+b: 2',
      'diff --git a/del.yaml b/del.yaml',
      'deleted file mode 100644',
      '--- a/del.yaml',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-x',
      'diff --git "a/new\\nline.yaml" "b/moved \\"q\\".yaml"',
      'similarity index 100%',
      'rename from "new\\nline.yaml"',
      'rename to "moved \\"q\\".yaml"',
      'diff --git "a/tab\\tx.yaml" "b/tab\\tx.yaml"',
      '--- "a/tab\\tx.yaml"',
      '+++ "b/tab\\tx.yaml"',
      '@@ -2 +2 @@',
      '-b',
      '+B',
      'diff --git a/my batch.yaml b/my batch.yaml',
      'new file mode 100644',
      '--- /dev/null',
      // git appends a TAB to unquoted names containing a space
      '+++ b/my batch.yaml\t',
      '@@ -0,0 +1 @@',
      '+x: 1',
      'diff --git a/run me.sh b/run me.sh',
      'old mode 100644',
      'new mode 100755',
      'diff --git a/bin.dat b/bin.dat',
      'new file mode 100644',
      'Binary files /dev/null and b/bin.dat differ',
      'diff --git a/métriques/ü.yaml b/métriques/ü.yaml',
      '--- a/métriques/ü.yaml',
      '+++ b/métriques/ü.yaml',
      '@@ -1 +1 @@',
      '-x',
      '+y'
    ].join('\n')
    expect(lines(parseUnifiedZeroHunks(diff))).toEqual({
      'new.yaml': [1, 2],
      'moved "q".yaml': [],
      'tab\tx.yaml': [2],
      'my batch.yaml': [1],
      'run me.sh': [],
      'métriques/ü.yaml': [1]
    })
  })

  it('returns nothing for empty output', () => {
    expect(parseUnifiedZeroHunks('').size).toBe(0)
  })
})
