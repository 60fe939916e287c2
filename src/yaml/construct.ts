/**
 * PyYAML `SafeConstructor` over the composed document (./composed.ts; the composer has already
 * checked anchors and aliases as PyYAML's does): `flatten_mapping` merges, Python dict semantics
 * for keys, and the scalar constructors of ./resolve.ts. Produces YNodes with spans.
 */
import {
  ComposedScalar,
  type ComposedAlias,
  type ComposedMap,
  type ComposedNode,
  type ComposedSeq
} from './composed.js'
import { lineStarts as computeLineStarts, positionAt } from '../core/positions.js'
import type { YEntry, YMap, YNode, YScalar, YSeq } from './node.js'
import {
  ConstructError,
  constructScalar,
  resolveImplicit,
  SCALAR_TAGS,
  TAG,
  TAGS,
  type ScalarValue
} from './resolve.js'

const COLLECTION_TAGS: ReadonlySet<string> = new Set([
  TAGS.map,
  TAGS.seq,
  TAGS.set,
  TAGS.omap,
  TAGS.pairs
])

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

type AnyNode = ComposedNode | null

interface Flat {
  readonly key: AnyNode
  readonly value: AnyNode
  readonly merged: boolean
  /** Where an absent (empty) key/value sits. */
  readonly at: number
}

const COLLECTION_SCALAR_ERROR = 'expected a scalar node, but found'

/** What a consumed slot of a composed child list holds (see mapping()). */
const CONSUMED: Flat = Object.freeze({ key: null, value: null, merged: false, at: 0 })
const CONSUMED_NODE: ComposedNode = Object.freeze(new ComposedScalar('', true, 0, 0))

/** What construction tracks per node when aliases share nodes. */
class Sharing {
  readonly built = new Map<ComposedNode, YNode>()
  readonly building = new Set<ComposedNode>()
  readonly flattened = new Map<ComposedMap, Flat[]>()
  readonly flattening = new Set<ComposedMap>()
  readonly size = new Map<YNode, number>()
  readonly depth = new Map<YNode, number>()
}

/** Builds the value `yaml.safe_load` returns for one composed document. */
export class PyConstructor {
  readonly problems: ConstructProblem[] = []
  private extraNodes = 0
  /**
   * The per-node bookkeeping aliases need, made only when the document has an alias. Without one
   * no node is shared, nothing expands, and the CST guard already bounds depth, so it is skipped
   * (it was a quarter of the time, and much of the memory, on a 9 MB file; and six empty
   * collections per file on a 10,000-file tree).
   */
  private shared: Sharing | undefined

  constructor(
    private readonly text: string,
    private readonly limits: ConstructLimits,
    /** Line starts of `text` (core/positions), so a message's line number costs O(log n). */
    private readonly lineStarts: readonly number[] = computeLineStarts(text)
  ) {}

  /** Composer checks then construction; `undefined` when PyYAML would raise. */
  build(root: AnyNode, hasAliases: boolean): YNode | null | undefined {
    this.shared = hasAliases ? new Sharing() : undefined
    if (root === null) return null
    try {
      return this.construct(root, root.start)
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

  private deref(node: AnyNode): Exclude<AnyNode, ComposedAlias> {
    return node !== null && node.kind === 'alias'
      ? (node.target as Exclude<ComposedNode, ComposedAlias>)
      : node
  }

  private construct(node: AnyNode, at: number): YNode {
    if (node === null) return this.emptyScalar(at)
    if (node.kind === 'alias') {
      const target = this.deref(node)!
      const s = node.start
      const e = node.end
      // An alias only exists in a document that has one, so the bookkeeping is already there.
      const shared = (this.shared ??= new Sharing())
      if (shared.building.has(target)) {
        this.fail(
          'recursive-alias',
          s,
          e,
          `recursive alias '${node.source}': the node contains itself (PyYAML builds a cyclic value; refused on purpose)`
        )
      }
      const y = this.construct(target, at)
      this.extraNodes += shared.size.get(y) ?? 1
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
    const shared = this.shared
    const done = shared?.built.get(node)
    if (done) return done
    shared?.building.add(node)
    let y: YNode
    if (node.kind === 'scalar') y = this.scalar(node)
    else if (node.kind === 'map') y = this.mapping(node)
    else y = this.sequence(node)
    if (shared) {
      shared.building.delete(node)
      shared.built.set(node, y)
      this.measure(y, shared)
    }
    return y
  }

  /** Expanded size and depth, memoised per node (aliases are shared references). */
  private measure(y: YNode, shared: Sharing): void {
    // Depth counts collections only, like the CST guard.
    let size = 1
    let depth = y.kind === 'scalar' ? 0 : 1
    const kids: YNode[] =
      y.kind === 'scalar' ? [] : y.kind === 'seq' ? [...y.items] : y.entries.map((e) => e.value)
    for (const k of kids) {
      size += shared.size.get(k) ?? 1
      depth = Math.max(depth, (shared.depth.get(k) ?? 0) + 1)
    }
    shared.size.set(y, size)
    shared.depth.set(y, depth)
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
  private scalarTag(node: ComposedScalar): string {
    const tag = node.tag
    if (tag === undefined || tag === '!') {
      const implicit = node.plain || tag === '!'
      return implicit ? resolveImplicit(node.source) : TAGS.str
    }
    return tag
  }

  private scalar(node: ComposedScalar): YScalar {
    const s = node.start
    const e = node.end
    const tag = this.scalarTag(node)
    const raw = node.source
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
    } else if (tag === TAGS.merge || tag === TAGS.value) {
      this.fail(
        'bad-value',
        s,
        e,
        `could not determine a constructor for the tag '${tag}' (a plain '${clip(raw)}' value)`
      )
    } else if (COLLECTION_TAGS.has(tag)) {
      this.fail('bad-value', s, e, `${shortTag(tag)} expects a collection, but found a scalar`)
    } else {
      this.fail('unsafe-tag', s, e, `could not determine a constructor for the tag '${tag}'`)
    }
    // Python's int is exact at any size; ours is a double (Infinity past about 1.8e308).
    if (sv.pyType === 'int' && typeof sv.value === 'number' && !Number.isSafeInteger(sv.value)) {
      this.warn(
        'int-precision',
        s,
        e,
        `integer ${clip(raw)} is beyond 2^53; it is read here as ${sv.value}`
      )
    }
    return {
      kind: 'scalar',
      pyType: sv.pyType,
      value: sv.value,
      plain: node.plain,
      source: this.sourceOf(raw, s, e),
      start: s,
      end: e
    }
  }

  /**
   * `text.slice(s, e)`, or the scanned value itself when it is that same text (a one-line plain
   * scalar without tag or anchor, the common case): one string per scalar instead of two.
   */
  private sourceOf(raw: string, s: number, e: number): string {
    return raw.length === e - s && this.text.startsWith(raw, s) ? raw : this.text.slice(s, e)
  }

  private mapping(node: ComposedMap): YNode {
    const s = node.start
    const e = node.end
    const tag = node.tag
    if (tag === TAGS.omap || tag === TAGS.pairs || tag === TAGS.seq) {
      this.fail('bad-value', s, e, `${shortTag(tag)} expects a sequence, but found a mapping`)
    }
    if (tag !== undefined && tag !== '!' && tag !== TAGS.map && tag !== TAGS.set) {
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
    // Without aliases nothing else holds the composed children: each is let go as soon as it is
    // built, so the composed tree and the constructed one are not both whole in memory (they
    // were most of a 9 MB file's peak).
    const consume = this.shared === undefined
    if (consume) node.items.length = 0
    for (let n = 0; n < flat.length; n++) {
      const f = flat[n]!
      if (consume) flat[n] = CONSUMED
      const keyNode = this.deref(f.key)
      if (keyNode && (keyNode.kind === 'map' || keyNode.kind === 'seq')) {
        // PyYAML builds a collection key empty first (its constructors are generators), so the
        // key itself is unhashable before anything inside it is looked at.
        const at = f.key ? f.key.start : f.at
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
      // A scalar or empty key constructs a scalar: collection keys were refused just above.
      const key =
        keyNode && keyNode.kind === 'scalar' && this.scalarTag(keyNode) === TAGS.value
          ? this.scalarAsStr(keyNode)
          : (this.construct(f.key, f.at) as YScalar)
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
      tag === TAGS.set
        ? { kind: 'map', entries, start: s, end: e, isSet: true }
        : { kind: 'map', entries, start: s, end: e }
    return map
  }

  private scalarAsStr(node: ComposedScalar): YScalar {
    const raw = node.source
    return {
      kind: 'scalar',
      pyType: 'str',
      value: raw,
      plain: true,
      source: raw,
      start: node.start,
      end: node.end
    }
  }

  /** `SafeConstructor.flatten_mapping`: merged entries first, later sources lose. */
  private flatten(node: ComposedMap): Flat[] {
    // Without aliases no mapping is reached twice, so the cache and the recursion guard are
    // only kept when the document has aliases.
    const shared = this.shared
    const cached = shared?.flattened.get(node)
    if (cached) return cached
    if (shared?.flattening.has(node)) {
      const s = node.start
      const e = node.end
      this.fail(
        'recursive-alias',
        s,
        e,
        'recursive merge: a mapping merges itself (refused on purpose)'
      )
    }
    shared?.flattening.add(node)
    const merge: Flat[] = []
    const own: Flat[] = []
    const items = node.items
    for (let i = 0; i < items.length; i += 2) {
      const rawKey = items[i]!
      const rawValue = items[i + 1]!
      const keyNode = this.deref(rawKey)
      const at = rawKey.start
      if (keyNode && keyNode.kind === 'scalar' && this.scalarTag(keyNode) === TAGS.merge) {
        const value = this.deref(rawValue)
        if (value && value.kind === 'map') {
          for (const f of this.flatten(value)) merge.push({ ...f, merged: true })
          this.countAlias(rawValue, value)
        } else if (value && value.kind === 'seq') {
          const sub: Flat[][] = []
          for (const raw of value.items) {
            const m = this.deref(raw)
            if (!m || m.kind !== 'map') {
              const { start: s, end: e } = m ?? value
              this.fail('bad-value', s, e, `expected a mapping for merging, but found ${nodeId(m)}`)
            }
            sub.push(this.flatten(m))
            this.countAlias(raw, m)
          }
          sub.reverse()
          for (const fl of sub) for (const f of fl) merge.push({ ...f, merged: true })
        } else {
          const [s, e] = value ? [value.start, value.end] : [at, at]
          this.fail(
            'bad-value',
            s,
            e,
            `expected a mapping or list of mappings for merging, but found ${nodeId(value)}`
          )
        }
        continue
      }
      own.push({ key: rawKey, value: rawValue, merged: false, at })
    }
    const out = merge.length === 0 ? own : [...merge, ...own]
    if (shared) {
      shared.flattening.delete(node)
      shared.flattened.set(node, out)
    }
    return out
  }

  /** Merging through an alias copies the source's entries: budget them like an alias. */
  private countAlias(raw: AnyNode, target: ComposedMap): void {
    if (!raw || raw.kind !== 'alias') return
    this.extraNodes += this.flatten(target).length
    if (this.extraNodes > this.limits.maxAliasExpansion) {
      const s = raw.start
      const e = raw.end
      this.fail(
        'alias-bomb',
        s,
        e,
        `aliases expand the document by more than ${this.limits.maxAliasExpansion} nodes`
      )
    }
  }

  private sequence(node: ComposedSeq): YNode {
    const s = node.start
    const e = node.end
    const tag = node.tag
    if (tag === TAGS.omap || tag === TAGS.pairs) return this.pairs(node)
    if (tag === TAGS.map || tag === TAGS.set) {
      this.fail('bad-value', s, e, `${shortTag(tag)} expects a mapping, but found a sequence`)
    }
    if (tag !== undefined && tag !== '!' && tag !== TAGS.seq) {
      if (SCALAR_TAGS.has(tag)) this.fail('bad-value', s, e, `${COLLECTION_SCALAR_ERROR} sequence`)
      this.fail('unsafe-tag', s, e, `could not determine a constructor for the tag '${tag}'`)
    }
    const items: YNode[] = []
    const consume = this.shared === undefined
    const kids = consume ? node.items.splice(0) : node.items
    for (let i = 0; i < kids.length; i++) {
      const n = kids[i]!
      // As in mapping(): the composed child is let go once built.
      if (consume) kids[i] = CONSUMED_NODE
      items.push(this.construct(n, n.start))
    }
    const seq: YSeq = { kind: 'seq', items, start: s, end: e }
    return seq
  }

  /** `!!omap` / `!!pairs`: a list of (key, value) tuples, shown as two-item sequences. */
  private pairs(node: ComposedSeq): YNode {
    const s = node.start
    const e = node.end
    const items: YNode[] = []
    for (const it of node.items) {
      const sub = this.deref(it)
      if (!sub || sub.kind !== 'map') {
        const [ss, se] = sub ? [sub.start, sub.end] : [s, e]
        this.fail('bad-value', ss, se, `expected a mapping of length 1, but found ${nodeId(sub)}`)
      }
      const ss = sub.start
      const se = sub.end
      if (sub.items.length !== 2) {
        this.fail(
          'bad-value',
          ss,
          se,
          `expected a single mapping item, but found ${sub.items.length / 2} items`
        )
      }
      const key = this.construct(sub.items[0]!, ss)
      const value = this.construct(sub.items[1]!, key.end)
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
      case 'str': {
        // Python never finds a str equal to a key of another type. Every other type's hash is
        // 'null', 'nan' or contains ':', so a string without ':' is its own hash (no new string
        // per key); the rest are prefixed, which no other type's hash is.
        const text = String(v)
        return text.includes(':') || text === 'null' || text === 'nan' ? `str:${text}` : text
      }
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

function shortTag(tag: string): string {
  return tag.startsWith(TAG) ? '!!' + tag.slice(TAG.length) : tag
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 37) + '...' : s
}

/** PyYAML's `node.id` of what a merge or `!!omap` found instead of a mapping (never a mapping). */
function nodeId(node: AnyNode): string {
  return node !== null && node.kind === 'seq' ? 'sequence' : 'scalar'
}

function lineOf(starts: readonly number[], offset: number): number {
  return positionAt(starts, offset).line
}
