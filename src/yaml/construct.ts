/**
 * PyYAML `SafeConstructor` over `yaml`'s composed document: anchors and aliases as PyYAML's
 * composer checks them, `flatten_mapping` merges, Python dict semantics for keys, and the
 * scalar constructors of ./resolve.ts. Produces YNodes with spans.
 */
import { Alias, isAlias, isMap, isPair, isScalar, isSeq, Scalar } from 'yaml'
import type { Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml'
import { lineStarts as computeLineStarts, positionAt } from '../core/positions.js'
import type { YEntry, YMap, YNode, YScalar, YSeq } from './node.js'
import {
  ConstructError,
  constructScalar,
  resolveImplicit,
  SCALAR_TAGS,
  TAG,
  type ScalarValue
} from './resolve.js'

export type ConstructProblemKind =
  | 'unsafe-tag'
  | 'bad-value'
  | 'duplicate-key'
  | 'duplicate-anchor'
  | 'undefined-alias'
  | 'alias-bomb'
  | 'recursive-alias'
  | 'too-deep'
  | 'int-precision'
  | 'unhashable-key'

export interface ConstructProblem {
  readonly kind: ConstructProblemKind
  readonly severity: 'error' | 'warning'
  readonly start: number
  readonly end: number
  readonly message: string
  /** PyYAML's context (for example 'while constructing a mapping') and where its mark is. */
  readonly context?: { readonly text: string; readonly start: number }
}

export interface ConstructLimits {
  readonly maxDepth: number
  readonly maxAliasExpansion: number
}

/** Raised to stop construction at the first error, as PyYAML does. */
/** Up to this many keys a mapping's duplicate check scans linearly. */
const SMALL_MAPPING = 8

class Stop extends Error {}

type AnyNode = YamlNode | null

interface Flat {
  readonly key: AnyNode
  readonly value: AnyNode
  readonly merged: boolean
  /** Where an absent (empty) key/value sits. */
  readonly at: number
}

const COLLECTION_SCALAR_ERROR = 'expected a scalar node, but found'

/** Builds the value `yaml.safe_load` returns for one composed document. */
export class PyConstructor {
  readonly problems: ConstructProblem[] = []
  private readonly aliasTargets = new Map<Alias, YamlNode>()
  private readonly built = new Map<YamlNode, YNode>()
  private readonly building = new Set<YamlNode>()
  private readonly flattened = new Map<YAMLMap, Flat[]>()
  private readonly flattening = new Set<YAMLMap>()
  private readonly size = new Map<YNode, number>()
  private readonly depth = new Map<YNode, number>()
  private extraNodes = 0
  /**
   * Whether any alias exists. Without one no node is shared, nothing expands, and the CST guard
   * already bounds depth, so the per-node bookkeeping below is skipped (it was a quarter of the
   * time, and much of the memory, on a 9 MB file).
   */
  private sharing = true

  constructor(
    private readonly text: string,
    private readonly limits: ConstructLimits,
    /** Line starts of `text` (core/positions), so a message's line number costs O(log n). */
    private readonly lineStarts: readonly number[] = computeLineStarts(text)
  ) {}

  /** Composer checks then construction; `undefined` when PyYAML would raise. */
  build(root: AnyNode): YNode | null | undefined {
    this.indexAnchors(root)
    if (this.problems.some((p) => p.severity === 'error')) return undefined
    this.sharing = this.aliasTargets.size > 0
    if (root === null) return null
    try {
      return this.construct(root, root.range?.[0] ?? 0)
    } catch (e: unknown) {
      if (e instanceof Stop) return undefined
      throw e
    }
  }

  private fail(kind: ConstructProblemKind, start: number, end: number, message: string): never {
    this.problems.push({ kind, severity: 'error', start, end: Math.max(end, start), message })
    throw new Stop(message)
  }

  private warn(kind: ConstructProblemKind, start: number, end: number, message: string): void {
    this.problems.push({ kind, severity: 'warning', start, end: Math.max(end, start), message })
  }

  /** PyYAML's composer: anchors must be unique and defined before use (document order). */
  private indexAnchors(root: AnyNode): void {
    const anchors = new Map<string, YamlNode>()
    // Iterative pre-order walk in source order; anchors register before their children.
    const stack: AnyNode[] = [root]
    while (stack.length > 0) {
      const node = stack.pop()
      if (!node) continue
      if (isAlias(node)) {
        const target = anchors.get(node.source)
        const [s, e] = span(node)
        if (!target) {
          this.problems.push({
            kind: 'undefined-alias',
            severity: 'error',
            start: s,
            end: e,
            message: `found undefined alias '${node.source}'`
          })
          return
        }
        this.aliasTargets.set(node, target)
        continue
      }
      const anchor = node.anchor
      if (anchor) {
        const first = anchors.get(anchor)
        if (first) {
          const [s, e] = span(node)
          this.problems.push({
            kind: 'duplicate-anchor',
            severity: 'error',
            start: s,
            end: e,
            message: `found duplicate anchor '${anchor}'; first occurrence at line ${lineOf(this.lineStarts, span(first)[0])}`
          })
          return
        }
        anchors.set(anchor, node)
      }
      if (isMap(node)) {
        const kids: AnyNode[] = []
        for (const p of node.items) kids.push(asNode(p.key), asNode(p.value))
        for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!)
      } else if (isSeq(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) stack.push(itemNode(node.items[i]))
      }
    }
  }

  private deref(node: AnyNode): AnyNode {
    if (node && isAlias(node)) {
      const target = this.aliasTargets.get(node)
      if (!target) {
        const [s, e] = span(node)
        this.fail('undefined-alias', s, e, `found undefined alias '${node.source}'`)
      }
      return target
    }
    return node
  }

  private construct(node: AnyNode, at: number): YNode {
    if (node === null) return this.emptyScalar(at)
    if (isAlias(node)) {
      const target = this.deref(node)!
      const [s, e] = span(node)
      if (this.building.has(target)) {
        this.fail(
          'recursive-alias',
          s,
          e,
          `recursive alias '${node.source}': the node contains itself (PyYAML builds a cyclic value; refused on purpose)`
        )
      }
      const y = this.construct(target, at)
      this.extraNodes += this.size.get(y) ?? 1
      if (this.extraNodes > this.limits.maxAliasExpansion) {
        this.fail(
          'alias-bomb',
          s,
          e,
          `aliases expand the document by more than ${this.limits.maxAliasExpansion} nodes`
        )
      }
      return y
    }
    const done = this.sharing ? this.built.get(node) : undefined
    if (done) return done
    if (this.sharing) this.building.add(node)
    let y: YNode
    if (isScalar(node)) y = this.scalar(node)
    else if (isMap(node)) y = this.mapping(node)
    else if (isSeq(node)) y = this.sequence(node)
    else {
      const [s, e] = span(node)
      this.fail('bad-value', s, e, 'unexpected node')
    }
    if (this.sharing) {
      this.building.delete(node)
      this.built.set(node, y)
      this.measure(y)
    }
    return y
  }

  /** Expanded size and depth, memoised per node (aliases are shared references). */
  private measure(y: YNode): void {
    // Depth counts collections only, like the CST guard.
    let size = 1
    let depth = y.kind === 'scalar' ? 0 : 1
    const kids: YNode[] =
      y.kind === 'scalar' ? [] : y.kind === 'seq' ? [...y.items] : y.entries.map((e) => e.value)
    for (const k of kids) {
      size += this.size.get(k) ?? 1
      depth = Math.max(depth, (this.depth.get(k) ?? 0) + 1)
    }
    this.size.set(y, size)
    this.depth.set(y, depth)
    if (depth > this.limits.maxDepth) {
      this.fail(
        'too-deep',
        y.start,
        y.end,
        `aliases nest the document deeper than ${this.limits.maxDepth} levels`
      )
    }
  }

  private emptyScalar(at: number): YScalar {
    return {
      kind: 'scalar',
      pyType: 'null',
      value: null,
      plain: true,
      source: '',
      start: at,
      end: at
    }
  }

  /** The tag PyYAML's composer gives a scalar: explicit, or resolved (`!` → implicit). */
  private scalarTag(node: Scalar): string {
    const tag = node.tag
    const src = typeof node.source === 'string' ? node.source : String(node.value ?? '')
    if (tag === undefined || tag === '!') {
      const implicit = node.type === Scalar.PLAIN || tag === '!'
      return implicit ? resolveImplicit(src) : TAG + 'str'
    }
    return tag
  }

  private scalar(node: Scalar): YScalar {
    const [s, e] = span(node)
    const tag = this.scalarTag(node)
    const raw = typeof node.source === 'string' ? node.source : String(node.value ?? '')
    let sv: ScalarValue
    if (SCALAR_TAGS.has(tag)) {
      try {
        sv = constructScalar(tag, raw)
      } catch (err: unknown) {
        const msg = err instanceof ConstructError ? err.message : String(err)
        this.fail(
          'bad-value',
          s,
          e,
          `cannot construct ${shortTag(tag)} from '${clip(raw)}': ${msg}`
        )
      }
    } else if (tag === TAG + 'merge' || tag === TAG + 'value') {
      this.fail(
        'bad-value',
        s,
        e,
        `could not determine a constructor for the tag '${tag}' (a plain '${clip(raw)}' value)`
      )
    } else if (isCollectionTag(tag)) {
      this.fail('bad-value', s, e, `${shortTag(tag)} expects a collection, but found a scalar`)
    } else {
      this.fail('unsafe-tag', s, e, `could not determine a constructor for the tag '${tag}'`)
    }
    if (sv.pyType === 'int' && typeof sv.value === 'number' && !Number.isSafeInteger(sv.value)) {
      if (Number.isFinite(sv.value)) {
        this.warn(
          'int-precision',
          s,
          e,
          `integer ${clip(raw)} is beyond 2^53; it is read here as ${sv.value}`
        )
      }
    }
    return {
      kind: 'scalar',
      pyType: sv.pyType,
      value: sv.value,
      plain: node.type === Scalar.PLAIN,
      source: this.text.slice(s, e),
      start: s,
      end: e
    }
  }

  private mapping(node: YAMLMap): YNode {
    const [s, e] = span(node)
    const tag = node.tag
    if (tag === TAG + 'omap' || tag === TAG + 'pairs' || tag === TAG + 'seq') {
      this.fail('bad-value', s, e, `${shortTag(tag)} expects a sequence, but found a mapping`)
    }
    if (tag !== undefined && tag !== '!' && tag !== TAG + 'map' && tag !== TAG + 'set') {
      if (SCALAR_TAGS.has(tag)) this.fail('bad-value', s, e, `${COLLECTION_SCALAR_ERROR} mapping`)
      this.fail('unsafe-tag', s, e, `could not determine a constructor for the tag '${tag}'`)
    }
    const flat = this.flatten(node)
    const entries: YEntry[] = []
    // Python dict semantics need a key index; most mappings are small (a tag or a threshold), so
    // a linear scan over their hashes beats a Map per mapping (300,000 of them on a 9 MB file).
    const hashes: string[] = []
    let index: Map<string, number> | undefined
    const find = (h: string): number | undefined => {
      if (index) return index.get(h)
      const i = hashes.indexOf(h)
      return i === -1 ? undefined : i
    }
    for (const f of flat) {
      const keyNode = this.deref(f.key)
      if (keyNode && (isMap(keyNode) || isSeq(keyNode))) {
        // PyYAML builds a collection key empty first (its constructors are generators), so the
        // key itself is unhashable before anything inside it is looked at.
        const at = f.key ? span(f.key)[0] : f.at
        this.problems.push({
          kind: 'unhashable-key',
          severity: 'error',
          start: at,
          end: at + 1,
          message: 'found unhashable key',
          context: { text: 'while constructing a mapping', start: s }
        })
        throw new Stop('found unhashable key')
      }
      let key: YNode
      if (keyNode && isScalar(keyNode) && this.scalarTag(keyNode) === TAG + 'value') {
        key = { ...this.scalarAsStr(keyNode) }
      } else {
        key = this.construct(f.key, f.at)
      }
      if (key.kind !== 'scalar') {
        this.fail('unhashable-key', key.start, key.end, 'found unhashable key')
      }
      const value = this.construct(f.value, key.end)
      const h = this.hashKey(key)
      const i = find(h)
      if (i === undefined) {
        if (index) index.set(h, entries.length)
        else if (hashes.length >= SMALL_MAPPING) {
          index = new Map(hashes.map((x, n) => [x, n]))
          index.set(h, entries.length)
        }
        hashes.push(h)
        entries.push({ key, value, merged: f.merged })
        continue
      }
      const prev = entries[i]!
      if (!prev.merged && !f.merged) {
        const line = lineOf(this.lineStarts, prev.key.start)
        this.warn(
          'duplicate-key',
          key.start,
          key.end,
          `duplicate key '${clip(key.source || String(key.value))}' (first at line ${line}); PyYAML silently keeps this later value`
        )
      }
      // Python keeps the first key object; when it is the same value, prefer the key written
      // here so positions point at what the user wrote.
      const sameKey =
        prev.key.kind === 'scalar' && prev.key.pyType === key.pyType && prev.key.value === key.value
      entries[i] = { key: sameKey && !f.merged ? key : prev.key, value, merged: f.merged }
    }
    const map: YMap =
      tag === TAG + 'set'
        ? { kind: 'map', entries, start: s, end: e, isSet: true }
        : { kind: 'map', entries, start: s, end: e }
    return map
  }

  private scalarAsStr(node: Scalar): YScalar {
    const [s, e] = span(node)
    const raw = typeof node.source === 'string' ? node.source : String(node.value ?? '')
    return { kind: 'scalar', pyType: 'str', value: raw, plain: true, source: raw, start: s, end: e }
  }

  /** `SafeConstructor.flatten_mapping`: merged entries first, later sources lose. */
  private flatten(node: YAMLMap): Flat[] {
    // Without aliases no mapping is reached twice, so the cache and the recursion guard are
    // only kept when the document has aliases.
    const cached = this.sharing ? this.flattened.get(node) : undefined
    if (cached) return cached
    if (this.sharing && this.flattening.has(node)) {
      const [s, e] = span(node)
      this.fail(
        'recursive-alias',
        s,
        e,
        'recursive merge: a mapping merges itself (refused on purpose)'
      )
    }
    if (this.sharing) this.flattening.add(node)
    const merge: Flat[] = []
    const own: Flat[] = []
    for (const p of node.items as Pair<unknown, unknown>[]) {
      const rawKey = asNode(p.key)
      const keyNode = this.deref(rawKey)
      const at = rawKey?.range?.[0] ?? asNode(p.value)?.range?.[0] ?? span(node)[0]
      if (keyNode && isScalar(keyNode) && this.scalarTag(keyNode) === TAG + 'merge') {
        const rawValue = asNode(p.value)
        const value = this.deref(rawValue)
        if (value && isMap(value)) {
          for (const f of this.flatten(value)) merge.push({ ...f, merged: true })
          this.countAlias(rawValue, value)
        } else if (value && isSeq(value)) {
          const sub: Flat[][] = []
          for (const item of value.items) {
            const raw = itemNode(item)
            const m = this.deref(raw)
            if (!m || !isMap(m)) {
              const [s, e] = span(m ?? value)
              this.fail('bad-value', s, e, `expected a mapping for merging, but found ${nodeId(m)}`)
            }
            sub.push(this.flatten(m))
            this.countAlias(raw, m)
          }
          sub.reverse()
          for (const fl of sub) for (const f of fl) merge.push({ ...f, merged: true })
        } else {
          const [s, e] = value ? span(value) : [at, at]
          this.fail(
            'bad-value',
            s,
            e,
            `expected a mapping or list of mappings for merging, but found ${nodeId(value)}`
          )
        }
        continue
      }
      own.push({ key: rawKey, value: asNode(p.value), merged: false, at })
    }
    const out = merge.length === 0 ? own : [...merge, ...own]
    if (this.sharing) {
      this.flattening.delete(node)
      this.flattened.set(node, out)
    }
    return out
  }

  /** Merging through an alias copies the source's entries: budget them like an alias. */
  private countAlias(raw: AnyNode, target: YAMLMap): void {
    if (!raw || !isAlias(raw)) return
    this.extraNodes += this.flatten(target).length
    if (this.extraNodes > this.limits.maxAliasExpansion) {
      const [s, e] = span(raw)
      this.fail(
        'alias-bomb',
        s,
        e,
        `aliases expand the document by more than ${this.limits.maxAliasExpansion} nodes`
      )
    }
  }

  private sequence(node: YAMLSeq): YNode {
    const [s, e] = span(node)
    const tag = node.tag
    if (tag === TAG + 'omap' || tag === TAG + 'pairs') return this.pairs(node)
    if (tag === TAG + 'map' || tag === TAG + 'set') {
      this.fail('bad-value', s, e, `${shortTag(tag)} expects a mapping, but found a sequence`)
    }
    if (tag !== undefined && tag !== '!' && tag !== TAG + 'seq') {
      if (SCALAR_TAGS.has(tag)) this.fail('bad-value', s, e, `${COLLECTION_SCALAR_ERROR} sequence`)
      this.fail('unsafe-tag', s, e, `could not determine a constructor for the tag '${tag}'`)
    }
    const items: YNode[] = []
    for (const it of node.items) {
      const n = itemNode(it)
      items.push(this.construct(n, n?.range?.[0] ?? s))
    }
    const seq: YSeq = { kind: 'seq', items, start: s, end: e }
    return seq
  }

  /** `!!omap` / `!!pairs`: a list of (key, value) tuples, shown as two-item sequences. */
  private pairs(node: YAMLSeq): YNode {
    const [s, e] = span(node)
    const items: YNode[] = []
    for (const it of node.items) {
      const sub = this.deref(itemNode(it))
      if (!sub || !isMap(sub)) {
        const [ss, se] = sub ? span(sub) : [s, e]
        this.fail('bad-value', ss, se, `expected a mapping of length 1, but found ${nodeId(sub)}`)
      }
      const [ss, se] = span(sub)
      if (sub.items.length !== 1) {
        this.fail(
          'bad-value',
          ss,
          se,
          `expected a single mapping item, but found ${sub.items.length} items`
        )
      }
      const p = sub.items[0]!
      const key = this.construct(asNode(p.key), ss)
      const value = this.construct(asNode(p.value), key.end)
      items.push({ kind: 'seq', items: [key, value], start: ss, end: se })
    }
    return { kind: 'seq', items, start: s, end: e }
  }

  /** Python dict identity of a hashable key: `True == 1 == 1.0`, aware datetimes by instant. */
  private hashKey(key: YScalar): string {
    const v = key.value
    switch (key.pyType) {
      case 'null':
        return 'null'
      case 'bool':
      case 'int':
      case 'float': {
        const n = typeof v === 'boolean' ? (v ? 1 : 0) : (v as number)
        // PyYAML returns one shared NaN object, and dict lookup tries identity first.
        if (Number.isNaN(n)) return 'nan'
        return `n:${n === 0 ? 0 : n}`
      }
      case 'datetime':
        return datetimeKey(String(v))
      default:
        return `${key.pyType}:${String(v)}`
    }
  }
}

function datetimeKey(iso: string): string {
  const m =
    /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{6}))?(?:([-+])(\d\d):(\d\d))?$/.exec(iso)
  if (!m || m[8] === undefined) return `datetime:${iso}`
  const offset = (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10]))
  const ms =
    Date.UTC(
      Number(m[1]),
      Number(m[2]) - 1,
      Number(m[3]),
      Number(m[4]),
      Number(m[5]),
      Number(m[6])
    ) -
    offset * 60_000
  return `datetimetz:${ms}.${m[7] ?? '000000'}`
}

function isCollectionTag(tag: string): boolean {
  return ['map', 'seq', 'set', 'omap', 'pairs'].some((t) => tag === TAG + t)
}

function shortTag(tag: string): string {
  return tag.startsWith(TAG) ? '!!' + tag.slice(TAG.length) : tag
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 37) + '...' : s
}

function nodeId(node: AnyNode): string {
  if (!node) return 'scalar'
  if (isMap(node)) return 'mapping'
  if (isSeq(node)) return 'sequence'
  return 'scalar'
}

function asNode(v: unknown): AnyNode {
  if (v === null || v === undefined) return null
  return v as YamlNode
}

function itemNode(v: unknown): AnyNode {
  return isPair(v) ? null : asNode(v)
}

function span(node: YamlNode | Alias): [number, number] {
  const r = node.range
  return r ? [r[0], r[1]] : [0, 0]
}

function lineOf(starts: readonly number[], offset: number): number {
  return positionAt(starts, offset).line
}
