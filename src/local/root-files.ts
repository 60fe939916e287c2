/**
 * Files at the repository root that change how the containers run, not what the code location
 * loads: a reload cannot apply them, a container restart does (as Anomstack's docs say).
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync } from 'node:fs'
import path from 'node:path'
import { contentHash } from '../config/parse-cache.js'

const ROOT_CONFIG = /^(?:\.env|workspace\.yaml|dagster[^/]*\.yaml|(?:docker-)?compose[^/]*\.ya?ml)$/

export function isRootConfigName(name: string): boolean {
  return ROOT_CONFIG.test(name)
}

const MAX_BYTES = 1024 * 1024

/** Name → content hash of each root config file (bounded read; never follows a FIFO). */
export function rootConfigHashes(repoRoot: string): Map<string, string> {
  const out = new Map<string, string>()
  let names: string[]
  try {
    names = readdirSync(repoRoot)
  } catch {
    return out
  }
  for (const name of names.filter(isRootConfigName).sort()) {
    out.set(name, hashFile(path.join(repoRoot, name)))
  }
  return out
}

function hashFile(abs: string): string {
  let fd: number
  try {
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch {
    return 'unreadable'
  }
  try {
    const st = fstatSync(fd)
    if (!st.isFile()) return 'not-a-file'
    const size = Math.min(st.size, MAX_BYTES)
    const buf = Buffer.alloc(size)
    let read = 0
    while (read < size) {
      const n = readSync(fd, buf, read, size - read, read)
      if (n === 0) break
      read += n
    }
    return `${st.size}:${contentHash(buf.subarray(0, read))}`
  } catch {
    return 'unreadable'
  } finally {
    closeSync(fd)
  }
}
