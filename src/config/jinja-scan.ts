/**
 * One linear scanner for Jinja template text, shared by every rule that looks at templates
 * (includes, referenced names). It splits the text into tags the way Jinja's lexer does with the
 * default delimiters (`jinja2.Environment()` in anomstack/jinja/render.py): `{{ }}` and `{% %}`
 * end at their closing delimiter outside string literals and brackets, `{# #}` at the first `#}`,
 * and `{% raw %}` at `{% endraw %}`. Every character is looked at a bounded number of times, so
 * 1 MB of unterminated `{{`, `{% include ` or `{#` costs one pass, not one pass per opening tag.
 */

export type JinjaTagKind = 'variable' | 'block' | 'comment'

export interface JinjaTag {
  readonly kind: JinjaTagKind
  /** Offsets of the whole tag, delimiters included. */
  readonly start: number
  readonly end: number
  /** Offsets of the text between the delimiters (whitespace-control `-`/`+` included). */
  readonly innerStart: number
  readonly innerEnd: number
}

export interface JinjaScan {
  /** Tags Jinja executes or skips, in text order (raw-block bodies are text, not tags). */
  readonly tags: readonly JinjaTag[]
  /** Where Jinja's lexer would raise TemplateSyntaxError, if it would. */
  readonly error?: { readonly offset: number; readonly message: string }
}

const CLOSERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' }

/** Scans `text` once; stops at the first lexer error, as Jinja does. */
export function scanJinja(text: string): JinjaScan {
  const tags: JinjaTag[] = []
  let i = text.indexOf('{')
  while (i >= 0 && i < text.length - 1) {
    const next = text[i + 1]
    if (next === '#') {
      const close = text.indexOf('#}', i + 2)
      if (close < 0) {
        // Jinja's lexer stops without an error when nothing is left after the opening.
        const body = text[i + 2] === '-' || text[i + 2] === '+' ? i + 3 : i + 2
        if (body >= lexedEnd(text)) return { tags }
        return { tags, error: { offset: i, message: 'missing end of comment tag' } }
      }
      tags.push({ kind: 'comment', start: i, end: close + 2, innerStart: i + 2, innerEnd: close })
      i = text.indexOf('{', close + 2)
      continue
    }
    if (next !== '{' && next !== '%') {
      i = text.indexOf('{', i + 1)
      continue
    }
    const kind: JinjaTagKind = next === '{' ? 'variable' : 'block'
    const end = closeOf(text, i + 2, kind === 'variable' ? '}}' : '%}')
    if (typeof end !== 'number') return { tags, error: end }
    const tag: JinjaTag = { kind, start: i, end: end + 2, innerStart: i + 2, innerEnd: end }
    tags.push(tag)
    if (kind === 'block' && blockName(text, tag) === 'raw') {
      const endRaw = findEndRaw(text, tag.end)
      if (endRaw === undefined) {
        // As for comments: nothing left after the tag (`-%}` eats the whitespace after it).
        let body = tag.end
        if (text[tag.innerEnd - 1] === '-')
          while (body < text.length && /\s/.test(text[body]!)) body++
        if (body >= lexedEnd(text)) return { tags }
        return { tags, error: { offset: i, message: "missing end of raw directive ('endraw')" } }
      }
      i = text.indexOf('{', endRaw)
      continue
    }
    i = text.indexOf('{', tag.end)
  }
  return { tags }
}

/**
 * Where Jinja's lexer stops reading: it drops one trailing newline of the template first
 * (`keep_trailing_newline=False`), so an opening `{#` right before it is at the end.
 */
function lexedEnd(text: string): number {
  if (text.endsWith('\r\n')) return text.length - 2
  if (text.endsWith('\n') || text.endsWith('\r')) return text.length - 1
  return text.length
}

/**
 * The offset of `closer` that ends a tag whose inside starts at `from`: outside string literals
 * and with every bracket closed (Jinja's lexer balances them), or the error Jinja raises.
 */
function closeOf(
  text: string,
  from: number,
  closer: '}}' | '%}'
): number | { offset: number; message: string } {
  const stack: string[] = []
  let quote = ''
  for (let j = from; j < text.length; j++) {
    const c = text[j]!
    if (quote !== '') {
      if (c === '\\') j++
      else if (c === quote) quote = ''
      continue
    }
    if (c === '"' || c === "'") {
      quote = c
      continue
    }
    if (stack.length === 0 && c === closer[0] && text[j + 1] === '}') return j
    const open = CLOSERS[c]
    if (open !== undefined) {
      stack.push(open)
    } else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) return { offset: j, message: `unexpected '${c}'` }
    }
  }
  return {
    offset: from - 2,
    message: `unexpected end of template, expected '${closer === '}}' ? 'end of print statement' : 'end of statement block'}'`
  }
}

/** The first word of a block tag (`include`, `raw`, `if`...), after whitespace control. */
export function blockName(text: string, tag: JinjaTag): string {
  let j = tag.innerStart
  if (text[j] === '-' || text[j] === '+') j++
  while (j < tag.innerEnd && /\s/.test(text[j]!)) j++
  let k = j
  while (k < tag.innerEnd && /[A-Za-z0-9_]/.test(text[k]!)) k++
  return text.slice(j, k)
}

/** The end of the `{% endraw %}` that closes a raw block whose body starts at `from`. */
function findEndRaw(text: string, from: number): number | undefined {
  let j = text.indexOf('{%', from)
  while (j >= 0) {
    let k = j + 2
    if (text[k] === '-' || text[k] === '+') k++
    while (k < text.length && /\s/.test(text[k]!)) k++
    if (text.startsWith('endraw', k)) {
      k += 6
      while (k < text.length && /\s/.test(text[k]!)) k++
      if (text[k] === '-' || text[k] === '+') k++
      if (text.startsWith('%}', k)) return k + 2
    }
    j = text.indexOf('{%', j + 2)
  }
  return undefined
}

const textMemos: Map<string, unknown>[] = []

/**
 * `scan` memoised per distinct template text. Every batch inherits the same default templates,
 * so a large defaults.yaml template is scanned once per run, not once per batch. Keyed by the
 * string itself (no copy); bounded in entries.
 */
export function memoByText<T>(scan: (text: string) => T): (text: string) => T {
  const memo = new Map<string, T>()
  textMemos.push(memo)
  return (text) => {
    if (memo.has(text)) return memo.get(text) as T
    const value = scan(text)
    if (memo.size >= 4096) memo.clear()
    memo.set(text, value)
    return value
  }
}

/** Forgets every memoByText result, so that tests (and mutation testing) never see another's. */
export function clearTextMemos(): void {
  for (const memo of textMemos) memo.clear()
}
