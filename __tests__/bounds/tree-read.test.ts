/**
 * The reader's byte handling: small files share slabs, large ones get their own buffer, and
 * either way each entry holds exactly its file's bytes (nothing of a neighbour's).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readMetricsTree } from '../../src/config/read-tree.js'

const root = mkdtempSync(path.join(tmpdir(), 'ahr-read-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('readMetricsTree bytes', () => {
  it('gives every file exactly its bytes, across slab boundaries and for large files', async () => {
    const want = new Map<string, Buffer>()
    // 600 files of up to ~7 KB fill several 1 MiB slabs; three files exceed a slab's eighth.
    for (let i = 0; i < 603; i++) {
      const size = i < 600 ? (i * 977) % 7000 : 200_000 + i
      const bytes = Buffer.alloc(size, String.fromCharCode(97 + (i % 26)))
      if (size > 0) bytes[size - 1] = 10
      const rel = `metrics/b${i % 7}/f${i}.sql`
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
      writeFileSync(path.join(root, rel), bytes)
      want.set(rel, bytes)
    }
    const tree = await readMetricsTree(root, 'metrics', { maxBytes: 1024 * 1024 })
    const files = tree.entries.filter((e) => e.kind === 'file')
    expect(files).toHaveLength(603)
    for (const e of files) {
      if (e.kind !== 'file') continue
      expect(Buffer.from(e.bytes).equals(want.get(e.path)!), e.path).toBe(true)
      expect(e.bytes.byteLength).toBe(want.get(e.path)!.length)
    }
  })
})
