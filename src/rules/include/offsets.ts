import type { Span } from '../../core/diagnostic.js'
import type { SourceDoc } from '../../config/model.js'
import type { YScalar } from '../../yaml/node.js'

/**
 * Maps `[start, end)` inside a scalar's *constructed* string back to the source text.
 *
 * Block (`|`, `>`) and quoted scalars do not keep offsets 1:1 (indentation, folding, escapes),
 * so instead of re-implementing YAML's folding we find the same occurrence of the needle in the
 * scalar's source: an include path never spans a line fold. When the needle is not found
 * verbatim (an escape inside it), the whole value node is returned.
 */
export function sourceSpanInScalar(
  doc: SourceDoc,
  node: YScalar,
  start: number,
  end: number
): Span {
  const value = typeof node.value === 'string' ? node.value : ''
  const needle = value.slice(start, end)
  const fallback: Span = { start: node.start, end: node.end }
  if (needle.length === 0) return fallback
  const ordinal = countOccurrences(value, needle, start)
  const source = doc.load.text.slice(node.start, node.end)
  // A block scalar's header line may carry a comment that mentions the same path.
  const bodyStart = /^[|>]/.test(source) ? source.indexOf('\n') + 1 : 0
  if (bodyStart === 0 && /^[|>]/.test(source)) return fallback
  let at = bodyStart - 1
  for (let i = 0; i <= ordinal; i++) {
    at = source.indexOf(needle, at + 1)
    if (at === -1) return fallback
  }
  return { start: node.start + at, end: node.start + at + needle.length }
}

/** How many times `needle` starts before `limit` in `text` (overlaps allowed, as indexOf walks). */
function countOccurrences(text: string, needle: string, limit: number): number {
  let n = 0
  let at = text.indexOf(needle)
  while (at !== -1 && at < limit) {
    n++
    at = text.indexOf(needle, at + 1)
  }
  return n
}
