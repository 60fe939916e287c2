import type { YNode } from '../yaml/node.js'

/** Python truthiness of a constructed YAML value (`if merged.get("disable_batch"):`). */
export function pyTruthy(node: YNode | undefined): boolean {
  if (node === undefined) return false
  switch (node.kind) {
    case 'map':
      return node.entries.length > 0
    case 'seq':
      return node.items.length > 0
    case 'scalar': {
      const v = node.value
      if (v === null) return false
      if (typeof v === 'boolean') return v
      if (typeof v === 'number') return v !== 0 && !Number.isNaN(v) ? true : Number.isNaN(v)
      return node.pyType === 'date' || node.pyType === 'datetime' ? true : v.length > 0
    }
  }
}
