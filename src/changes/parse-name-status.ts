import type { ChangedFile, ChangeStatus } from './changed-file.js'

const SIMPLE: Readonly<Record<string, ChangeStatus>> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  T: 'type-changed',
  // `U` (unmerged) cannot appear between two commits, and `B` only with `-B`; both still mean
  // "the content at this path differs", so treat them as modifications rather than failing.
  U: 'modified',
  B: 'modified'
}

/**
 * Parses the output of `git diff -z --name-status` (with or without `-M`/`-C`).
 *
 * With `-z`, git prints every field verbatim and terminates each with NUL: `X\0path\0` for most
 * statuses and `R<score>\0old\0new\0` / `C<score>\0old\0new\0` for renames and copies. Because no
 * quoting happens, names containing spaces, tabs, newlines, quotes or non-ASCII characters come
 * through unchanged; splitting on NUL is the only correct way to read it. Fields are decoded as
 * UTF-8 (git stores names as bytes; invalid sequences become U+FFFD).
 *
 * @throws Error when the input is not well-formed name-status output.
 */
export function parseNameStatusZ(output: Uint8Array | string): ChangedFile[] {
  const fields = splitNul(output)
  const files: ChangedFile[] = []
  let i = 0
  while (i < fields.length) {
    const code = fields[i++]
    if (code === undefined || code.length === 0) throw new Error(`empty status at field ${i - 1}`)
    const letter = code[0] ?? ''
    if (letter === 'R' || letter === 'C') {
      const previousPath = fields[i++]
      const path = fields[i++]
      if (previousPath === undefined || path === undefined) {
        throw new Error(`truncated ${letter} entry at field ${i - 3}`)
      }
      files.push({ status: letter === 'R' ? 'renamed' : 'copied', path, previousPath })
      continue
    }
    const status = SIMPLE[letter]
    if (status === undefined || code.length !== 1) {
      throw new Error(`unknown status ${JSON.stringify(code)} at field ${i - 1}`)
    }
    const path = fields[i++]
    if (path === undefined) throw new Error(`missing path after status ${code}`)
    files.push({ status, path })
  }
  return files
}

/** NUL-terminated fields; a missing final terminator is tolerated. */
function splitNul(output: Uint8Array | string): string[] {
  const text =
    typeof output === 'string'
      ? output
      : new TextDecoder('utf-8', { ignoreBOM: true }).decode(output)
  if (text.length === 0) return []
  const parts = text.split('\0')
  if (parts[parts.length - 1] === '') parts.pop()
  return parts
}
