/** The blob id must be git's own, or the base reader would take the wrong bytes for a file. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { isBlobOf } from '../../src/changes/blob-id.js'

const dir = mkdtempSync(path.join(tmpdir(), 'ahr-blob-id-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function gitHash(bytes: Uint8Array, format: 'sha1' | 'sha256'): string {
  const file = path.join(dir, `f-${format}`)
  writeFileSync(file, bytes)
  const repo = path.join(dir, `repo-${format}`)
  execFileSync('git', ['init', '-q', `--object-format=${format}`, repo])
  return execFileSync('git', ['-C', repo, 'hash-object', '--no-filters', file], {
    encoding: 'utf8'
  }).trim()
}

describe('isBlobOf', () => {
  const cases: readonly [string, Uint8Array][] = [
    ['empty', new Uint8Array()],
    ['text', Buffer.from('metric_batch: "a"\n')],
    ['binary with NUL and CRLF', Uint8Array.from([0, 13, 10, 255, 0x80])]
  ]
  for (const format of ['sha1', 'sha256'] as const) {
    test.each(cases)(`matches git hash-object (${format}): %s`, (_name, bytes) => {
      const oid = gitHash(bytes, format)
      expect(oid).toHaveLength(format === 'sha1' ? 40 : 64)
      expect(isBlobOf(oid, bytes)).toBe(true)
      expect(isBlobOf(oid, Buffer.concat([bytes, Buffer.from(' ')]))).toBe(false)
    })
  }

  test('an id of neither length matches nothing', () => {
    expect(isBlobOf('abc', new Uint8Array())).toBe(false)
  })
})
