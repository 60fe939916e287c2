/**
 * "a, b, c and 17 more": a list in a message names at most `max` items plus a count, so a message
 * about n files stays the same size whatever n is (a clash between 20,000 files must not produce
 * 20,000 messages that each list 20,000 paths).
 */
export function nameFew(items: readonly string[], max = 3, total = items.length): string {
  const shown = items.slice(0, max)
  const rest = total - shown.length
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ')
}

/** The first `max` items of `items` other than `self` (without copying the whole list). */
export function firstOthers<T>(items: readonly T[], self: T, max: number): T[] {
  const out: T[] = []
  for (const item of items) {
    if (out.length >= max) break
    if (item !== self) out.push(item)
  }
  return out
}
