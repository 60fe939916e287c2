/**
 * Checks on `yaml`'s CST for the places where PyYAML's pure-Python scanner is stricter than
 * YAML 1.2 as `yaml` implements it, plus the nesting guard that must run before composing.
 */
import type { CST } from 'yaml'

export interface CstIssue {
  readonly kind: 'too-deep' | 'syntax'
  readonly offset: number
  readonly end: number
  readonly message: string
}

type Token = CST.Token
type SourceToken = CST.SourceToken

/**
 * Deepest nesting of collections, found iteratively: `yaml`'s composer recurses, and a second
 * stack overflow in one process aborts Node, so depth must be known before composing.
 */
export function findTooDeep(tokens: readonly Token[], maxDepth: number): CstIssue | undefined {
  // Only collections add depth, and they can only sit in a document's value or an item's key or
  // value: walk just those (two parallel stacks, no per-token allocation; this runs on every
  // token of a 9 MB file).
  const nodes: Token[] = []
  const depths: number[] = []
  for (const t of tokens) {
    if (t.type === 'document' && t.value) {
      nodes.push(t.value)
      depths.push(0)
    }
  }
  while (nodes.length > 0) {
    const tok = nodes.pop()!
    let d = depths.pop()!
    if (tok.type !== 'block-map' && tok.type !== 'block-seq' && tok.type !== 'flow-collection') {
      continue
    }
    d += 1
    if (d > maxDepth) {
      return {
        kind: 'too-deep',
        offset: tok.offset,
        end: tok.offset + 1,
        message: `nesting is deeper than ${maxDepth} levels (PyYAML itself fails near 490)`
      }
    }
    for (const it of tok.items as CST.CollectionItem[]) {
      if (it.key) {
        nodes.push(it.key)
        depths.push(d)
      }
      if (it.value) {
        nodes.push(it.value)
        depths.push(d)
      }
    }
  }
  return undefined
}

/**
 * Pushes a token's children onto the walk's stacks (no per-token array). Order among siblings
 * does not matter to the callers: findings are sorted by offset.
 */
function pushChildren(tok: Token, indent: number, nodes: Token[], indents: number[]): void {
  const push = (t: Token): void => {
    nodes.push(t)
    indents.push(indent)
  }
  switch (tok.type) {
    case 'document':
      for (const t of tok.start) push(t)
      if (tok.value) push(tok.value)
      if (tok.end) for (const t of tok.end) push(t)
      return
    case 'doc-end':
      if (tok.end) for (const t of tok.end) push(t)
      return
    case 'block-map':
    case 'block-seq':
    case 'flow-collection':
      if (tok.type === 'flow-collection') push(tok.start)
      for (const it of tok.items as CST.CollectionItem[]) {
        for (const t of it.start) push(t)
        if (it.key) push(it.key)
        if (it.sep) for (const t of it.sep) push(t)
        if (it.value) push(it.value)
      }
      if (tok.type === 'flow-collection') for (const t of tok.end) push(t)
      return
    case 'alias':
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
      if (tok.end) for (const t of tok.end) push(t)
      return
    case 'block-scalar':
      for (const t of tok.props) push(t)
      return
    default:
      return
  }
}

const TAB_MESSAGE = "found character '\\t' that cannot start any token"

/**
 * PyYAML-only syntax errors, in source order: tabs outside comments/quoted scalars/block-scalar
 * content, quoted scalars without an unescaped closing quote, empty implicit keys and
 * `%YAML` directives PyYAML refuses.
 */
export function findPyYamlSyntaxIssues(tokens: readonly Token[], text: string): CstIssue[] {
  const issues: CstIssue[] = []
  // Top-level tokens in source order (the %YAML directive count depends on it).
  const nodes: Token[] = []
  const indents: number[] = []
  for (let i = tokens.length - 1; i >= 0; i--) {
    nodes.push(tokens[i]!)
    indents.push(-1)
  }
  let yamlDirectives = 0
  while (nodes.length > 0) {
    const tok = nodes.pop()!
    const parentIndent = indents.pop()!
    switch (tok.type) {
      case 'space':
      case 'anchor': {
        const t = tok.source.indexOf('\t')
        if (t >= 0) issues.push(syntax(tok.offset + t, TAB_MESSAGE))
        break
      }
      case 'tag': {
        // PyYAML's scan_tag wants a space or line break right after a tag (`[!!str]` fails).
        const next = text[tok.offset + tok.source.length]
        if (next !== undefined && next !== ' ' && next !== '\n') {
          issues.push(
            syntax(tok.offset + tok.source.length, `expected ' ' after a tag, but found '${next}'`)
          )
        }
        break
      }
      case 'scalar': {
        const t = tok.source.indexOf('\t')
        if (t >= 0) issues.push(syntax(tok.offset + t, TAB_MESSAGE))
        break
      }
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        if (!quoteClosed(tok.type, tok.source)) {
          issues.push(
            syntax(tok.offset, 'found unexpected end of stream while scanning a quoted scalar')
          )
        }
        break
      case 'block-scalar':
        checkBlockScalar(tok, parentIndent, issues)
        break
      case 'directive': {
        const src = tok.source.replace(/\s#.*$/, '')
        if (src.includes('\t')) issues.push(syntax(tok.offset + src.indexOf('\t'), TAB_MESSAGE))
        if (/^%YAML\b/.test(src)) {
          yamlDirectives++
          const m = /^%YAML +(\d+)\.(\d+) *$/.exec(src)
          if (yamlDirectives > 1) issues.push(syntax(tok.offset, 'found duplicate YAML directive'))
          else if (m && m[1] !== '1') {
            issues.push(
              syntax(tok.offset, 'found incompatible YAML document (version 1.* is required)')
            )
          }
        }
        break
      }
      case 'document':
        yamlDirectives = 0
        break
      case 'block-map':
      case 'flow-collection':
        for (const it of tok.items as CST.CollectionItem[]) {
          if (isEmptyImplicitKey(it)) {
            const ind = it.sep!.find((s) => s.type === 'map-value-ind')!
            issues.push(syntax(ind.offset, 'found a mapping value without a key'))
          }
        }
        break
    }
    const indent = 'indent' in tok && typeof tok.indent === 'number' ? tok.indent : parentIndent
    pushChildren(tok, indent, nodes, indents)
  }
  return issues.sort((a, b) => a.offset - b.offset)
}

function syntax(offset: number, message: string): CstIssue {
  return { kind: 'syntax', offset, end: offset + 1, message }
}

function quoteClosed(type: 'single-quoted-scalar' | 'double-quoted-scalar', src: string): boolean {
  if (src.length < 2) return false
  const body = src.slice(1)
  if (type === 'double-quoted-scalar') {
    if (!body.endsWith('"')) return false
    let backslashes = 0
    for (let i = body.length - 2; i >= 0 && body[i] === '\\'; i--) backslashes++
    return backslashes % 2 === 0
  }
  let quotes = 0
  for (let i = body.length - 1; i >= 0 && body[i] === "'"; i--) quotes++
  return quotes % 2 === 1
}

function hasProps(tokens: readonly SourceToken[] | undefined): boolean {
  return (tokens ?? []).some(
    (t) => t.type === 'explicit-key-ind' || t.type === 'anchor' || t.type === 'tag'
  )
}

function isEmptyImplicitKey(it: CST.CollectionItem): boolean {
  if (it.key !== null && it.key !== undefined) return false
  if ('explicitKey' in it && it.explicitKey) return false
  if (!it.sep || !it.sep.some((s) => s.type === 'map-value-ind')) return false
  // Props before the `:` belong to an empty key node that PyYAML accepts (`!!str : v`).
  const beforeInd: SourceToken[] = []
  for (const s of it.sep) {
    if (s.type === 'map-value-ind') break
    beforeInd.push(s)
  }
  return !hasProps(it.start) && !hasProps(beforeInd)
}

/**
 * PyYAML reads block-scalar indentation with spaces only: a tab before the content indent ends
 * the scalar and then "cannot start any token".
 */
function checkBlockScalar(tok: CST.BlockScalar, parentIndent: number, issues: CstIssue[]): void {
  const header = tok.props.find((p) => p.type === 'block-scalar-header')
  const explicit = header && 'source' in header ? /[1-9]/.exec(header.source) : null
  const base = Math.max(parentIndent, 0)
  const lines = tok.source.split('\n')
  let contentIndent: number
  if (explicit) contentIndent = base + Number(explicit[0])
  else {
    contentIndent = Math.max(parentIndent + 1, 1)
    for (const line of lines) {
      const spaces = /^ */.exec(line)![0].length
      contentIndent = Math.max(contentIndent, spaces)
      if (spaces < line.length) break
    }
  }
  let offset = tok.offset + (tok.source.length > 0 ? blockSourceStart(tok) : 0)
  for (const line of lines) {
    const spaces = /^ */.exec(line)![0].length
    if (line[spaces] === '\t' && spaces < contentIndent) {
      issues.push(syntax(offset + spaces, TAB_MESSAGE))
      return
    }
    offset += line.length + 1
  }
}

/** The block scalar's `source` starts after its header line; `offset` is the header's. */
function blockSourceStart(tok: CST.BlockScalar): number {
  let len = 0
  for (const p of tok.props) if ('source' in p) len = p.offset + p.source.length - tok.offset
  return len
}
