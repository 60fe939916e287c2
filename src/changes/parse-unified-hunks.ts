/**
 * Line-level change information from `git diff -U0` output.
 *
 * The result maps each head-side path to the 1-based line numbers that the diff adds or replaces
 * in the head version. Pure deletions leave no line behind in the head file, so they add nothing.
 *
 * A path is absent from the map when the diff cannot tell which lines changed (binary files) or
 * when the file no longer exists (deletions). Callers must treat a missing entry for a file that
 * changed as "every line changed". A present-but-empty set means "no line changed" (pure renames,
 * mode changes).
 *
 * Parsing notes:
 * - File names in `diff --git`, `---`, `+++`, `rename to` and `copy to` lines are C-quoted by git
 *   when they contain control characters, `"` or `\` (whatever `core.quotePath` says), so they are
 *   unquoted here; with `core.quotePath=false`, other non-ASCII bytes are printed raw.
 * - Hunk bodies are consumed by the counts in the `@@` header rather than by prefix, so an added
 *   line whose text is `++ b/x` (printed as `+++ b/x`) is not mistaken for a file header.
 * - The output is expected to use `a/` and `b/` prefixes (`--src-prefix=a/ --dst-prefix=b/`).
 */
export function parseUnifiedZeroHunks(text: string): Map<string, Set<number>> {
  const result = new Map<string, Set<number>>()
  let path: string | undefined
  let lines = new Set<number>()
  let binary = false
  let inSection = false
  let oldLeft = 0
  let newLeft = 0

  const finish = (): void => {
    if (inSection && path !== undefined && !binary) {
      const existing = result.get(path)
      if (existing) for (const l of lines) existing.add(l)
      else result.set(path, lines)
    }
    path = undefined
    lines = new Set<number>()
    binary = false
    inSection = false
  }

  for (const line of text.split('\n')) {
    if (oldLeft > 0 || newLeft > 0) {
      const c = line[0]
      if (c === '-' && oldLeft > 0) {
        oldLeft--
        continue
      }
      if (c === '+' && newLeft > 0) {
        newLeft--
        continue
      }
      if (c === ' ' && oldLeft > 0 && newLeft > 0) {
        oldLeft--
        newLeft--
        continue
      }
      if (c === '\\') continue
      // The body ended early (malformed input): fall through and read it as a header line.
      oldLeft = 0
      newLeft = 0
    }
    if (line.startsWith('\\')) continue
    if (line.startsWith('diff --git ')) {
      finish()
      inSection = true
      path = headerPath(line.slice('diff --git '.length))
      continue
    }
    if (!inSection) continue
    if (line.startsWith('+++ ')) {
      const p = unquoteMaybe(line.slice(4))
      path = p === '/dev/null' ? undefined : stripPrefix(p, 'b/')
    } else if (line.startsWith('rename to ')) {
      path = unquoteMaybe(line.slice('rename to '.length))
    } else if (line.startsWith('copy to ')) {
      path = unquoteMaybe(line.slice('copy to '.length))
    } else if (line.startsWith('deleted file mode ')) {
      path = undefined
    } else if (line.startsWith('Binary files ') || line === 'GIT binary patch') {
      binary = true
    } else if (line.startsWith('@@ ')) {
      const hunk = parseHunkHeader(line)
      if (hunk === undefined) continue
      for (let n = 0; n < hunk.newCount; n++) lines.add(hunk.newStart + n)
      oldLeft = hunk.oldCount
      newLeft = hunk.newCount
    }
  }
  finish()
  return result
}

export interface HunkHeader {
  readonly oldCount: number
  readonly newStart: number
  readonly newCount: number
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/

/** `@@ -a[,b] +c[,d] @@`; an omitted count means 1. */
export function parseHunkHeader(line: string): HunkHeader | undefined {
  const m = HUNK.exec(line)
  if (!m) return undefined
  return {
    oldCount: m[2] === undefined ? 1 : Number(m[2]),
    newStart: Number(m[3]),
    newCount: m[4] === undefined ? 1 : Number(m[4])
  }
}

/**
 * The head path from a `diff --git a/X b/Y` header, only when it is unambiguous (X equals Y). A
 * name with spaces makes the unquoted form ambiguous otherwise; later `+++`/`rename to` lines
 * give the name in every case where X and Y differ.
 */
function headerPath(rest: string): string | undefined {
  if (rest.startsWith('"')) {
    const a = readQuoted(rest, 0)
    if (a === undefined || rest[a.end] !== ' ') return undefined
    const bText = rest.slice(a.end + 1)
    const b = bText.startsWith('"') ? readQuoted(bText, 0)?.value : bText
    return b !== undefined && stripPrefix(a.value, 'a/') === stripPrefix(b, 'b/')
      ? stripPrefix(b, 'b/')
      : undefined
  }
  if (rest.length % 2 === 0) return undefined
  const half = (rest.length - 1) / 2
  const a = rest.slice(0, half)
  const b = rest.slice(half + 1)
  if (rest[half] !== ' ' || !a.startsWith('a/') || !b.startsWith('b/')) return undefined
  return a.slice(2) === b.slice(2) ? b.slice(2) : undefined
}

function stripPrefix(p: string, prefix: string): string {
  return p.startsWith(prefix) ? p.slice(prefix.length) : p
}

/**
 * A name as printed after `---`, `+++`, `rename to` or `copy to`. Git appends a TAB to unquoted
 * names that contain a space (for GNU patch); an unquoted name can never contain a TAB itself
 * (that forces quoting), so a trailing one is always that marker.
 */
function unquoteMaybe(s: string): string {
  if (!s.startsWith('"')) return s.endsWith('\t') ? s.slice(0, -1) : s
  return readQuoted(s, 0)?.value ?? s
}

const ESCAPES: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  t: 9,
  n: 10,
  v: 11,
  f: 12,
  r: 13,
  '"': 34,
  '\\': 92
}

/**
 * Reads a C-style quoted string as git writes it (`quote_c_style`): the escapes above plus
 * three-digit octal bytes. Bytes are collected and decoded as UTF-8 at the end because octal
 * escapes may encode parts of one multi-byte character.
 */
export function readQuoted(s: string, start: number): { value: string; end: number } | undefined {
  if (s[start] !== '"') return undefined
  const bytes: number[] = []
  const encoder = new TextEncoder()
  let i = start + 1
  while (i < s.length) {
    const c = s[i]
    if (c === '"') {
      return { value: new TextDecoder('utf-8').decode(new Uint8Array(bytes)), end: i + 1 }
    }
    if (c === '\\') {
      const next = s[i + 1] ?? ''
      const octal = /^[0-3][0-7]{2}/.exec(s.slice(i + 1, i + 4))
      if (octal) {
        bytes.push(parseInt(octal[0], 8))
        i += 4
        continue
      }
      const code = ESCAPES[next]
      if (code === undefined) return undefined
      bytes.push(code)
      i += 2
      continue
    }
    const cp = s.codePointAt(i) ?? 0
    const ch = String.fromCodePoint(cp)
    for (const b of encoder.encode(ch)) bytes.push(b)
    i += ch.length
  }
  return undefined
}
