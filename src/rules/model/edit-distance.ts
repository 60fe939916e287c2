/**
 * Levenshtein distance, for "did you mean" hints on short identifiers. Inputs may be untrusted
 * and long, so strings whose lengths differ by more than `cap` return `cap + 1` unexamined.
 */
export function editDistance(a: string, b: string, cap = 8): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost))
    }
    prev = cur
  }
  return prev[b.length]!
}

/**
 * The candidates nearest to `word`, ignoring case, for a "did you mean": only near misses (one
 * edit for words of up to 4 characters, which are all close to each other, else two), in the
 * order given; empty when none is that close.
 */
export function nearMisses(word: string, candidates: readonly string[]): string[] {
  const lower = word.toLowerCase()
  let best = lower.length <= 4 ? 1 : 2
  let close: string[] = []
  for (const c of candidates) {
    const d = editDistance(c.toLowerCase(), lower, best)
    if (d < best) [best, close] = [d, [c]]
    else if (d === best) close.push(c)
  }
  return close
}
