/** Plain JS view of a loaded document, for comparing with PyYAML in the differential tests. */
import { keyString, type YNode } from '../../../src/yaml/node.js'

/**
 * A Python `date`/`datetime`. It is an object on purpose: JSON-Schema `type: string` must reject
 * it, as Anomstack would get a `datetime`, not a `str`. `iso` is Python's `isoformat()`.
 */
export class PyTimestamp {
  constructor(
    readonly kind: 'date' | 'datetime',
    readonly iso: string
  ) {}

  toJSON(): string {
    return this.iso
  }

  toString(): string {
    return this.iso
  }
}

/**
 * Maps become null-prototype objects keyed like Python's `json.dumps` (`True` → `"true"`),
 * sequences arrays, scalars their value. Alias-shared nodes stay shared.
 */
export function toPlain(node: YNode | null): unknown {
  if (node === null) return null
  const memo = new Map<YNode, unknown>()
  const convert = (n: YNode): unknown => {
    const seen = memo.get(n)
    if (seen !== undefined) return seen
    let out: unknown
    if (n.kind === 'scalar') {
      out =
        n.pyType === 'date' || n.pyType === 'datetime'
          ? new PyTimestamp(n.pyType, String(n.value))
          : n.value
      if (out === null) return null
    } else if (n.kind === 'seq') {
      const arr: unknown[] = []
      memo.set(n, arr)
      for (const item of n.items) arr.push(convert(item))
      out = arr
    } else {
      const obj = Object.create(null) as Record<string, unknown>
      memo.set(n, obj)
      for (const e of n.entries) obj[keyString(e.key)] = convert(e.value)
      out = obj
    }
    memo.set(n, out)
    return out
  }
  return convert(node)
}
