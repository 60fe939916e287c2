/**
 * Python's notion of whitespace (`str.isspace`, and `\s` in a `re` str pattern), for ports of
 * Python code whose behaviour depends on it. JavaScript's `\s` differs: it also matches U+FEFF
 * and misses U+001C..U+001F and U+0085.
 */
export const PY_SPACE_CLASS =
  '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'

const PY_SPACE_RE = new RegExp(`[${PY_SPACE_CLASS}]`)

export function isPySpace(ch: string): boolean {
  return ch.length === 1 && PY_SPACE_RE.test(ch)
}

/** `s.strip()` with no argument. */
export function pyStrip(s: string): string {
  let a = 0
  let b = s.length
  while (a < b && isPySpace(s[a]!)) a++
  while (b > a && isPySpace(s[b - 1]!)) b--
  return s.slice(a, b)
}

/** `s.rstrip()` with no argument. */
export function pyRstrip(s: string): string {
  let b = s.length
  while (b > 0 && isPySpace(s[b - 1]!)) b--
  return s.slice(0, b)
}

const PY_INT_RE = /^[+-]?\p{Nd}+(?:_\p{Nd}+)*$/u
const ND_RE = /\p{Nd}/u

/**
 * Python's `int(s)` (base 10), or undefined where it raises ValueError: surrounding whitespace,
 * a sign, Unicode decimal digits, single underscores between digits. `"1.5"`, `""`, `"1e3"` raise.
 */
export function pyInt(s: string): number | undefined {
  const t = pyStrip(s)
  if (!PY_INT_RE.test(t)) return undefined
  let digits = ''
  for (const ch of t) {
    if (ch === '_') continue
    digits += ch === '+' || ch === '-' ? ch : String(digitValue(ch))
  }
  return Number(digits)
}

/** Unicode decimal digits come in runs of ten starting at zero, some runs back to back. */
function digitValue(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48
  const cp = ch.codePointAt(0)!
  let first = cp
  while (first > 0 && ND_RE.test(String.fromCodePoint(first - 1))) first--
  return (cp - first) % 10
}
