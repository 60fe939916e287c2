/**
 * PyYAML 6.0.3's `Parser` (yaml/parser.py) and `Composer.get_single_node` (yaml/composer.py) over
 * ./py-scanner.ts, ported state by state and just as lazy: tokens are scanned only as far as
 * SafeLoader reads them, so the first error is PyYAML's first error. The composed nodes are
 * ./composed.ts nodes, from which ./construct.ts builds the values.
 * Composition is iterative (PyYAML recurses and dies near 490 levels; we stop at `maxDepth`).
 */
import {
  ComposedAlias,
  ComposedMap,
  ComposedScalar,
  ComposedSeq,
  type ComposedNode
} from './composed.js'
import { PyScanner, PyYamlError, TOKEN_ID, type Mark, type TokenType } from './py-scanner.js'

type EventType =
  | 'stream-start'
  | 'stream-end'
  | 'document-start'
  | 'document-end'
  | 'alias'
  | 'scalar'
  | 'sequence-start'
  | 'sequence-end'
  | 'mapping-start'
  | 'mapping-end'

interface Event {
  readonly type: EventType
  readonly start: Mark
  readonly end: Mark
  readonly anchor?: string | undefined
  readonly tag?: string | undefined
  /** Where the node's content starts (after anchor and tag): the span our nodes report. */
  readonly contentStart?: Mark
  readonly value?: string
  readonly plain?: boolean
  readonly style?: string
}

const DEFAULT_TAGS: Readonly<Record<string, string>> = { '!': '!', '!!': 'tag:yaml.org,2002:' }

type State = () => Event

// Tokens that end an indicator's node (nodeOrEmpty), built once.
const STOPS_BLOCK_ENTRY_BLOCK_END: readonly TokenType[] = ['block-entry', 'block-end']
const STOPS_BLOCK_ENTRY_KEY_VALUE_BLOCK_END: readonly TokenType[] = [
  'block-entry',
  'key',
  'value',
  'block-end'
]
const STOPS_FLOW_ENTRY_FLOW_MAPPING_END: readonly TokenType[] = ['flow-entry', 'flow-mapping-end']
const STOPS_FLOW_ENTRY_FLOW_SEQUENCE_END: readonly TokenType[] = ['flow-entry', 'flow-sequence-end']
const STOPS_KEY_VALUE_BLOCK_END: readonly TokenType[] = ['key', 'value', 'block-end']
const STOPS_VALUE_FLOW_ENTRY_FLOW_MAPPING_END: readonly TokenType[] = [
  'value',
  'flow-entry',
  'flow-mapping-end'
]
const STOPS_VALUE_FLOW_ENTRY_FLOW_SEQUENCE_END: readonly TokenType[] = [
  'value',
  'flow-entry',
  'flow-sequence-end'
]

class PyParser {
  private readonly states: State[] = []
  private readonly marks: Mark[] = []
  private state: State | undefined
  private current: Event | undefined
  private tagHandles: Record<string, string> = {}
  private yamlVersion: readonly [number, number] | undefined
  // States and node parsers bound once (a closure per event showed up in profiles).
  private readonly blockMappingFirstKeyState: State = () => this.parseBlockMappingFirstKey()
  private readonly blockMappingKeyState: State = () => this.parseBlockMappingKey()
  private readonly blockMappingValueState: State = () => this.parseBlockMappingValue()
  private readonly blockNodeState: State = () => this.parseBlockNode()
  private readonly blockSequenceEntryState: State = () => this.parseBlockSequenceEntry()
  private readonly blockSequenceFirstEntryState: State = () => this.parseBlockSequenceFirstEntry()
  private readonly documentContentState: State = () => this.parseDocumentContent()
  private readonly documentEndState: State = () => this.parseDocumentEnd()
  private readonly documentStartState: State = () => this.parseDocumentStart()
  private readonly flowMappingEmptyValueState: State = () => this.parseFlowMappingEmptyValue()
  private readonly flowMappingFirstKeyState: State = () => this.parseFlowMappingFirstKey()
  private readonly flowMappingKeyState: State = () => this.parseFlowMappingKey()
  private readonly flowMappingValueState: State = () => this.parseFlowMappingValue()
  private readonly flowNodeState: State = () => this.parseFlowNode()
  private readonly flowSequenceEntryState: State = () => this.parseFlowSequenceEntry()
  private readonly flowSequenceEntryMappingEndState: State = () =>
    this.parseFlowSequenceEntryMappingEnd()
  private readonly flowSequenceEntryMappingKeyState: State = () =>
    this.parseFlowSequenceEntryMappingKey()
  private readonly flowSequenceEntryMappingValueState: State = () =>
    this.parseFlowSequenceEntryMappingValue()
  private readonly flowSequenceFirstEntryState: State = () => this.parseFlowSequenceFirstEntry()
  private readonly implicitDocumentStartState: State = () => this.parseImplicitDocumentStart()
  private readonly indentlessSequenceEntryState: State = () => this.parseIndentlessSequenceEntry()
  private readonly blockNodeOrIndentlessSequenceState: State = () => this.parseNode(true, true)
  private readonly streamStartState: State = () => this.parseStreamStart()

  constructor(private readonly s: PyScanner) {
    this.state = this.streamStartState
  }

  check(...types: EventType[]): boolean {
    const e = this.peek()
    return e !== undefined && (types.length === 0 || types.includes(e.type))
  }

  peek(): Event | undefined {
    if (this.current === undefined && this.state) this.current = this.state()
    return this.current
  }

  get(): Event {
    const e = this.peek()!
    this.current = undefined
    return e
  }

  private error(
    context: string | undefined,
    contextMark: Mark | undefined,
    problem: string,
    at: Mark
  ): PyYamlError {
    return new PyYamlError('parser', context, contextMark, problem, at)
  }

  /** `check_token(a, b, ...)` without an arguments array (it is called for every token). */
  private tok(a: TokenType, b?: TokenType, c?: TokenType, d?: TokenType): boolean {
    const t = this.s.peekType()
    return t !== undefined && (t === a || t === b || t === c || t === d)
  }

  private tokIn(types: readonly TokenType[]): boolean {
    const t = this.s.peekType()
    return t !== undefined && types.includes(t)
  }

  private pop(): State {
    return this.states.pop()!
  }

  private parseStreamStart(): Event {
    const t = this.s.getToken()
    this.state = this.implicitDocumentStartState
    return { type: 'stream-start', start: t.start, end: t.end }
  }

  private parseImplicitDocumentStart(): Event {
    if (!this.tok('directive', 'document-start', 'stream-end')) {
      this.tagHandles = { ...DEFAULT_TAGS }
      const t = this.s.peekToken()
      this.states.push(this.documentEndState)
      this.state = this.blockNodeState
      return { type: 'document-start', start: t.start, end: t.start }
    }
    return this.parseDocumentStart()
  }

  private parseDocumentStart(): Event {
    while (this.tok('document-end')) this.s.getToken()
    if (!this.tok('stream-end')) {
      const start = this.s.peekToken().start
      this.processDirectives()
      if (!this.tok('document-start')) {
        const t = this.s.peekToken()
        throw this.error(
          undefined,
          undefined,
          `expected '<document start>', but found ${TOKEN_ID[t.type]}`,
          t.start
        )
      }
      const t = this.s.getToken()
      this.states.push(this.documentEndState)
      this.state = this.documentContentState
      return { type: 'document-start', start, end: t.end }
    }
    const t = this.s.getToken()
    this.state = undefined
    return { type: 'stream-end', start: t.start, end: t.end }
  }

  private parseDocumentEnd(): Event {
    const t = this.s.peekToken()
    let end = t.start
    if (this.tok('document-end')) end = this.s.getToken().end
    this.state = this.documentStartState
    return { type: 'document-end', start: t.start, end }
  }

  private parseDocumentContent(): Event {
    if (this.tok('directive', 'document-start', 'document-end', 'stream-end')) {
      const e = this.empty(this.s.peekToken().start)
      this.state = this.pop()
      return e
    }
    return this.parseBlockNode()
  }

  private processDirectives(): void {
    this.yamlVersion = undefined
    this.tagHandles = {}
    while (this.tok('directive')) {
      const t = this.s.getToken()
      if (t.value === 'YAML') {
        if (this.yamlVersion !== undefined) {
          throw this.error(undefined, undefined, 'found duplicate YAML directive', t.start)
        }
        const v = t.pair as readonly [number, number]
        if (v[0] !== 1) {
          throw this.error(
            undefined,
            undefined,
            'found incompatible YAML document (version 1.* is required)',
            t.start
          )
        }
        this.yamlVersion = v
      } else if (t.value === 'TAG') {
        const [handle, prefix] = t.pair as readonly [string, string]
        if (Object.hasOwn(this.tagHandles, handle)) {
          throw this.error(undefined, undefined, `duplicate tag handle '${handle}'`, t.start)
        }
        this.tagHandles[handle] = prefix
      }
    }
    for (const k of Object.keys(DEFAULT_TAGS)) {
      if (!Object.hasOwn(this.tagHandles, k)) this.tagHandles[k] = DEFAULT_TAGS[k]!
    }
  }

  private parseBlockNode(): Event {
    return this.parseNode(true, false)
  }

  private parseFlowNode(): Event {
    return this.parseNode(false, false)
  }

  private parseNode(block: boolean, indentlessSequence: boolean): Event {
    if (this.tok('alias')) {
      const t = this.s.getToken()
      this.state = this.pop()
      return { type: 'alias', anchor: t.value, start: t.start, end: t.end, contentStart: t.start }
    }
    let anchor: string | undefined
    let tagPair: readonly [string | null, string] | undefined
    let start: Mark | undefined
    let end: Mark | undefined
    let tagMark: Mark | undefined
    if (this.tok('anchor')) {
      const t = this.s.getToken()
      start = t.start
      end = t.end
      anchor = t.value
      if (this.tok('tag')) {
        const tt = this.s.getToken()
        tagMark = tt.start
        end = tt.end
        tagPair = tt.pair as readonly [string | null, string]
      }
    } else if (this.tok('tag')) {
      const t = this.s.getToken()
      start = tagMark = t.start
      end = t.end
      tagPair = t.pair as readonly [string | null, string]
      if (this.tok('anchor')) {
        const at = this.s.getToken()
        end = at.end
        anchor = at.value
      }
    }
    let tag: string | undefined
    if (tagPair !== undefined) {
      const [handle, suffix] = tagPair
      if (handle !== null) {
        if (!Object.hasOwn(this.tagHandles, handle)) {
          throw this.error(
            'while parsing a node',
            start,
            `found undefined tag handle '${handle}'`,
            tagMark!
          )
        }
        tag = this.tagHandles[handle]! + suffix
      } else tag = suffix
    }
    const next = this.s.peekToken()
    if (start === undefined) start = end = next.start
    const contentStart = next.start
    if (indentlessSequence && this.tok('block-entry')) {
      this.state = this.indentlessSequenceEntryState
      return { type: 'sequence-start', anchor, tag, start, contentStart, end: next.end }
    }
    if (this.tok('scalar')) {
      const t = this.s.getToken()
      this.state = this.pop()
      return {
        type: 'scalar',
        anchor,
        tag,
        start,
        contentStart,
        end: t.end,
        value: t.value!,
        plain: t.plain === true,
        style: t.style ?? ''
      }
    }
    if (this.tok('flow-sequence-start')) {
      this.state = this.flowSequenceFirstEntryState
      return { type: 'sequence-start', anchor, tag, start, contentStart, end: next.end }
    }
    if (this.tok('flow-mapping-start')) {
      this.state = this.flowMappingFirstKeyState
      return { type: 'mapping-start', anchor, tag, start, contentStart, end: next.end }
    }
    if (block && this.tok('block-sequence-start')) {
      this.state = this.blockSequenceFirstEntryState
      return { type: 'sequence-start', anchor, tag, start, contentStart, end: next.start }
    }
    if (block && this.tok('block-mapping-start')) {
      this.state = this.blockMappingFirstKeyState
      return { type: 'mapping-start', anchor, tag, start, contentStart, end: next.start }
    }
    if (anchor !== undefined || tag !== undefined) {
      this.state = this.pop()
      return {
        type: 'scalar',
        anchor,
        tag,
        start,
        contentStart: end!,
        end: end!,
        value: '',
        plain: tag === undefined,
        style: ''
      }
    }
    throw this.error(
      `while parsing a ${block ? 'block' : 'flow'} node`,
      start,
      `expected the node content, but found ${TOKEN_ID[next.type]}`,
      next.start
    )
  }

  private parseBlockSequenceFirstEntry(): Event {
    this.marks.push(this.s.getToken().start)
    return this.parseBlockSequenceEntry()
  }

  private parseBlockSequenceEntry(): Event {
    if (this.tok('block-entry')) {
      return this.nodeOrEmpty(
        this.s.getToken(),
        STOPS_BLOCK_ENTRY_BLOCK_END,
        this.blockSequenceEntryState,
        this.blockNodeState
      )
    }
    return this.blockEnd('while parsing a block collection', 'sequence-end')
  }

  private parseIndentlessSequenceEntry(): Event {
    if (this.tok('block-entry')) {
      return this.nodeOrEmpty(
        this.s.getToken(),
        STOPS_BLOCK_ENTRY_KEY_VALUE_BLOCK_END,
        this.indentlessSequenceEntryState,
        this.blockNodeState
      )
    }
    const t = this.s.peekToken()
    this.state = this.pop()
    return { type: 'sequence-end', start: t.start, end: t.start }
  }

  private parseBlockMappingFirstKey(): Event {
    this.marks.push(this.s.getToken().start)
    return this.parseBlockMappingKey()
  }

  private parseBlockMappingKey(): Event {
    if (this.tok('key')) {
      return this.nodeOrEmpty(
        this.s.getToken(),
        STOPS_KEY_VALUE_BLOCK_END,
        this.blockMappingValueState,
        this.blockNodeOrIndentlessSequenceState
      )
    }
    return this.blockEnd('while parsing a block mapping', 'mapping-end')
  }

  private parseBlockMappingValue(): Event {
    if (this.tok('value')) {
      return this.nodeOrEmpty(
        this.s.getToken(),
        STOPS_KEY_VALUE_BLOCK_END,
        this.blockMappingKeyState,
        this.blockNodeOrIndentlessSequenceState
      )
    }
    this.state = this.blockMappingKeyState
    return this.empty(this.s.peekToken().start)
  }

  private parseFlowSequenceFirstEntry(): Event {
    this.marks.push(this.s.getToken().start)
    return this.parseFlowSequenceEntry(true)
  }

  private parseFlowSequenceEntry(first = false): Event {
    if (!this.tok('flow-sequence-end')) {
      if (!first) this.flowEntry('sequence', "']'")
      if (this.tok('key')) {
        const t = this.s.peekToken()
        this.state = this.flowSequenceEntryMappingKeyState
        return { type: 'mapping-start', start: t.start, end: t.end, contentStart: t.start }
      }
      if (!this.tok('flow-sequence-end')) {
        this.states.push(this.flowSequenceEntryState)
        return this.parseFlowNode()
      }
    }
    return this.collectionEnd('sequence-end')
  }

  private parseFlowSequenceEntryMappingKey(): Event {
    return this.nodeOrEmpty(
      this.s.getToken(),
      STOPS_VALUE_FLOW_ENTRY_FLOW_SEQUENCE_END,
      this.flowSequenceEntryMappingValueState,
      this.flowNodeState
    )
  }

  private parseFlowSequenceEntryMappingValue(): Event {
    if (this.tok('value')) {
      return this.nodeOrEmpty(
        this.s.getToken(),
        STOPS_FLOW_ENTRY_FLOW_SEQUENCE_END,
        this.flowSequenceEntryMappingEndState,
        this.flowNodeState
      )
    }
    this.state = this.flowSequenceEntryMappingEndState
    return this.empty(this.s.peekToken().start)
  }

  private parseFlowSequenceEntryMappingEnd(): Event {
    this.state = this.flowSequenceEntryState
    const t = this.s.peekToken()
    return { type: 'mapping-end', start: t.start, end: t.start }
  }

  private parseFlowMappingFirstKey(): Event {
    this.marks.push(this.s.getToken().start)
    return this.parseFlowMappingKey(true)
  }

  private parseFlowMappingKey(first = false): Event {
    if (!this.tok('flow-mapping-end')) {
      if (!first) this.flowEntry('mapping', "'}'")
      if (this.tok('key')) {
        return this.nodeOrEmpty(
          this.s.getToken(),
          STOPS_VALUE_FLOW_ENTRY_FLOW_MAPPING_END,
          this.flowMappingValueState,
          this.flowNodeState
        )
      }
      if (!this.tok('flow-mapping-end')) {
        this.states.push(this.flowMappingEmptyValueState)
        return this.parseFlowNode()
      }
    }
    return this.collectionEnd('mapping-end')
  }

  private parseFlowMappingValue(): Event {
    if (this.tok('value')) {
      return this.nodeOrEmpty(
        this.s.getToken(),
        STOPS_FLOW_ENTRY_FLOW_MAPPING_END,
        this.flowMappingKeyState,
        this.flowNodeState
      )
    }
    this.state = this.flowMappingKeyState
    return this.empty(this.s.peekToken().start)
  }

  private parseFlowMappingEmptyValue(): Event {
    this.state = this.flowMappingKeyState
    return this.empty(this.s.peekToken().start)
  }

  /**
   * After an indicator token (`-`, `?`, `:`): its node, unless one of `stops` comes next, then an
   * empty scalar at the indicator's end. `next` is the state after that node.
   */
  private nodeOrEmpty(
    indicator: { readonly end: Mark },
    stops: readonly TokenType[],
    next: State,
    parse: () => Event
  ): Event {
    if (!this.tokIn(stops)) {
      this.states.push(next)
      return parse()
    }
    this.state = next
    return this.empty(indicator.end)
  }

  /** The `,` between flow entries, or PyYAML's "expected ',' or ']'". */
  private flowEntry(kind: 'sequence' | 'mapping', close: string): void {
    if (this.tok('flow-entry')) {
      this.s.getToken()
      return
    }
    const t = this.s.peekToken()
    throw this.error(
      `while parsing a flow ${kind}`,
      this.marks.at(-1),
      `expected ',' or ${close}, but got ${TOKEN_ID[t.type]}`,
      t.start
    )
  }

  /** The block-end token closing a block collection, or PyYAML's "expected <block end>". */
  private blockEnd(context: string, type: 'sequence-end' | 'mapping-end'): Event {
    if (!this.tok('block-end')) {
      const t = this.s.peekToken()
      throw this.error(
        context,
        this.marks.at(-1),
        `expected <block end>, but found ${TOKEN_ID[t.type]}`,
        t.start
      )
    }
    return this.collectionEnd(type)
  }

  private collectionEnd(type: 'sequence-end' | 'mapping-end'): Event {
    const t = this.s.getToken()
    this.state = this.pop()
    this.marks.pop()
    return { type, start: t.start, end: t.end }
  }

  private empty(mark: Mark): Event {
    return {
      type: 'scalar',
      start: mark,
      end: mark,
      contentStart: mark,
      value: '',
      plain: true,
      style: ''
    }
  }
}

/** The outcome of reading a stream as `yaml.safe_load` does, up to construction. */
export type PyComposed =
  | { readonly ok: true; readonly root: ComposedNode | null; readonly hasAliases: boolean }
  | { readonly ok: false; readonly error: PyYamlError }
  | { readonly ok: false; readonly tooDeep: Mark }

interface Open {
  readonly node: ComposedMap | ComposedSeq
  /** True for `[...]`/`{...}`: the node ends at its closing bracket. */
  readonly flow: boolean
  /** A mapping's key is waiting for its value. */
  hasKey: boolean
}

/**
 * `Composer.get_single_node`: the first document's node tree, PyYAML's first error (scanner,
 * parser or composer, in the order SafeLoader meets them), or the mark where nesting passes
 * `maxDepth`.
 */
export function composeLikePyYaml(text: string, maxDepth: number): PyComposed {
  const p = new PyParser(new PyScanner(text))
  try {
    p.get() // stream start
    let root: ComposedNode | null = null
    let hasAliases = false
    let docStart: Mark | undefined
    if (!p.check('stream-end')) {
      docStart = p.get().start
      const anchors = new Map<string, { node: ComposedNode; mark: Mark }>()
      const stack: Open[] = []
      let done = false
      const attach = (node: ComposedNode): void => {
        const top = stack.at(-1)
        if (!top) {
          root = node
          done = true
          return
        }
        top.node.items.push(node)
        if (top.node.kind === 'map') top.hasKey = !top.hasKey
      }
      while (!done) {
        const e = p.get()
        if (e.type === 'alias') {
          const target = anchors.get(e.anchor!)
          if (!target) {
            throw new PyYamlError(
              'composer',
              undefined,
              undefined,
              `found undefined alias '${e.anchor}'`,
              e.start
            )
          }
          hasAliases = true
          attach(new ComposedAlias(e.anchor!, target.node, e.start.offset, e.end.offset))
          continue
        }
        if (e.type === 'sequence-end' || e.type === 'mapping-end') {
          const open = stack.pop()!
          const items = open.node.items
          // A block collection ends where its last node does (PyYAML's end mark is the next
          // token's); a mapping's last item is a value, so this is the last pair's value.
          const last = items.length > 0 ? items[items.length - 1] : undefined
          if (open.flow) open.node.end = e.end.offset
          else if (last !== undefined) open.node.end = last.end
          attach(open.node)
          continue
        }
        if (e.anchor !== undefined) {
          const first = anchors.get(e.anchor)
          if (first) {
            throw new PyYamlError(
              'composer',
              `found duplicate anchor '${e.anchor}'; first occurrence`,
              first.mark,
              'second occurrence',
              e.start
            )
          }
        }
        // PyYAML's node marks include the anchor and tag: constructor errors point at them.
        const start = e.start.offset
        let node: ComposedScalar | ComposedMap | ComposedSeq
        if (e.type === 'scalar') {
          node = new ComposedScalar(
            e.value!,
            (e.style ?? '') === '',
            start,
            Math.max(start, e.end.offset)
          )
        } else if (e.type === 'sequence-start' || e.type === 'mapping-start') {
          node =
            e.type === 'sequence-start'
              ? new ComposedSeq(start, e.end.offset)
              : new ComposedMap(start, e.end.offset)
        } else {
          throw new Error(`unexpected ${e.type} event`)
        }
        if (e.tag !== undefined) node.tag = e.tag
        if (e.anchor !== undefined) {
          node.anchor = e.anchor
          anchors.set(e.anchor, { node, mark: e.start })
        }
        if (node.kind !== 'scalar') {
          if (stack.length >= maxDepth) return { ok: false, tooDeep: e.contentStart ?? e.start }
          const flow = e.end.offset > e.start.offset && isFlowStart(text, e.end.offset - 1)
          stack.push({ node, flow, hasKey: false })
        } else attach(node)
      }
      p.get() // document end
    }
    if (!p.check('stream-end')) {
      const e = p.get()
      throw new PyYamlError(
        'composer',
        'expected a single document in the stream',
        docStart,
        'but found another document',
        e.start
      )
    }
    return { ok: true, root, hasAliases }
  } catch (e: unknown) {
    if (e instanceof PyYamlError) return { ok: false, error: e }
    throw e
  }
}

function isFlowStart(text: string, offset: number): boolean {
  const ch = text[offset]
  return ch === '[' || ch === '{'
}
