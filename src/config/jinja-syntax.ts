/**
 * Where `jinja2.Environment().from_string(text)` raises TemplateSyntaxError, as far as it can be
 * known without parsing expressions: the lexer's errors (jinja-scan.ts), then the parser's block
 * structure over the scanned tags. Anomstack renders with a bare `jinja2.Environment()`
 * (anomstack/jinja/render.py): no extensions, so `break`, `continue`, `do` and `trans` are
 * unknown tags. Only what Jinja certainly rejects is reported (an odd expression inside a tag
 * passes), so a template this accepts may still fail, but one it rejects always does. Checked
 * against real Jinja 3.1 on generated templates (__tests__/config/jinja-syntax.test.ts).
 */
import { blockName, memoByText, scanJinja, type JinjaTag } from './jinja-scan.js'

export interface JinjaSyntaxError {
  /** Offset in the text of the tag Jinja stops at (the innermost open block at end of text). */
  readonly offset: number
  readonly end: number
  readonly message: string
}

/** Tags that open a block and the tag that closes it. */
const BLOCKS: Readonly<Record<string, string>> = {
  for: 'endfor',
  if: 'endif',
  macro: 'endmacro',
  call: 'endcall',
  filter: 'endfilter',
  block: 'endblock',
  with: 'endwith',
  autoescape: 'endautoescape',
  set: 'endset'
}

/** Statements without a body (`set` with `=` is one too). */
const SINGLE = new Set(['extends', 'include', 'import', 'from', 'print', 'raw'])

interface Open {
  readonly name: string
  readonly tag: JinjaTag
  /** `else` seen: no further `elif`/`else`. */
  afterElse: boolean
}

const NAME_START = /[A-Za-z_]/

/** The text of a tag after its name, without whitespace control. */
function restOf(text: string, tag: JinjaTag, name: string): string {
  let j = tag.innerStart
  if (text[j] === '-' || text[j] === '+') j++
  j = text.indexOf(name, j) + name.length
  let k = tag.innerEnd
  if (k > j && (text[k - 1] === '-' || text[k - 1] === '+')) k--
  return text.slice(j, k).trim()
}

/** True when `rest` (after `set`) assigns with `=` at bracket depth 0, outside strings. */
function assigns(rest: string): boolean {
  let depth = 0
  let quote = ''
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!
    if (quote !== '') {
      if (c === '\\') i++
      else if (c === quote) quote = ''
    } else if (c === '"' || c === "'") quote = c
    else if (c === '(' || c === '[' || c === '{') depth++
    else if (c === ')' || c === ']' || c === '}') depth--
    else if (c === '=' && depth === 0) {
      const before = rest[i - 1]
      if (
        rest[i + 1] !== '=' &&
        before !== '=' &&
        before !== '!' &&
        before !== '<' &&
        before !== '>'
      )
        return true
    }
  }
  return false
}

const expected = (open: Open): string => {
  const end = BLOCKS[open.name] ?? ''
  if (open.name === 'if' && !open.afterElse) return `'elif' or 'else' or '${end}'`
  if (open.name === 'for' && !open.afterElse) return `'else' or '${end}'`
  return `'${end}'`
}

function unknownTag(name: string, stack: readonly Open[]): string {
  const top = stack[stack.length - 1]
  const looking = top
    ? ` Jinja was looking for the following tags: ${expected(top)}. The innermost block that needs to be closed is '${top.name}'.`
    : ''
  return `Encountered unknown tag '${name}'.${looking}`
}

/** The first TemplateSyntaxError Jinja raises for `text`, or undefined when it parses. */
function check(text: string): JinjaSyntaxError | undefined {
  const scan = scanJinja(text)
  const stack: Open[] = []
  const blocks = new Set<string>()
  const at = (tag: JinjaTag, message: string): JinjaSyntaxError => ({
    offset: tag.start,
    end: tag.end,
    message
  })
  // The lexer runs ahead of the parser, but Jinja reports whichever error comes first in the
  // text: a structure error before the lexer's error offset wins.
  const lexEnd = scan.error?.offset ?? Infinity
  for (const tag of scan.tags) {
    if (tag.start >= lexEnd) break
    if (tag.kind === 'comment') continue
    if (tag.kind === 'variable') {
      let inner = text.slice(tag.innerStart, tag.innerEnd)
      inner = inner.replace(/^[-+]/, '').replace(/[-+]$/, '')
      if (inner.trim() === '')
        return at(tag, "Expected an expression, got 'end of print statement'")
      continue
    }
    const name = blockName(text, tag)
    if (name === '' || !NAME_START.test(name[0]!)) return at(tag, 'tag name expected')
    const top = stack[stack.length - 1]
    if (name === 'elif' || name === 'else') {
      const fits =
        top !== undefined &&
        !top.afterElse &&
        (top.name === 'if' || (top.name === 'for' && name === 'else'))
      if (!fits) return at(tag, unknownTag(name, stack))
      if (name === 'else') top.afterElse = true
      else if (restOf(text, tag, name) === '')
        return at(tag, "Expected an expression, got 'end of statement block'")
      continue
    }
    if (name.startsWith('end')) {
      if (top === undefined || BLOCKS[top.name] !== name) return at(tag, unknownTag(name, stack))
      stack.pop()
      continue
    }
    if (SINGLE.has(name)) continue
    if (BLOCKS[name] === undefined) return at(tag, unknownTag(name, stack))
    const rest = restOf(text, tag, name)
    if (name === 'set' && assigns(rest)) continue
    if ((name === 'if' || name === 'for') && rest === '')
      return at(tag, "Expected an expression, got 'end of statement block'")
    if (name === 'block') {
      const blockId = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0]
      if (blockId !== undefined) {
        if (blocks.has(blockId)) return at(tag, `block '${blockId}' defined twice`)
        blocks.add(blockId)
      }
    }
    stack.push({ name, tag, afterElse: false })
  }
  if (scan.error) {
    const offset = scan.error.offset
    return { offset, end: Math.min(text.length, offset + 2), message: scan.error.message }
  }
  const open = stack[stack.length - 1]
  if (open) {
    return at(
      open.tag,
      `Unexpected end of template. Jinja was looking for the following tags: ${expected(open)}. The innermost block that needs to be closed is '${open.name}'.`
    )
  }
  return undefined
}

/** {@link check}, memoised per distinct text (every batch inherits the same templates). */
export const jinjaSyntaxError: (text: string) => JinjaSyntaxError | undefined = memoByText(check)

/** The fix for any {@link jinjaSyntaxError}, inline or in an included file. */
export const JINJA_SYNTAX_HINT =
  'Close the tag or the block (`}}`, `%}`, `#}`, `{% endraw %}`, `{% endif %}`, `{% endfor %}`…), remove a tag Jinja does not know (no extensions are loaded: no `break`, `continue`, `do`), or escape a literal `{{` as {{ "{{" }}.'
