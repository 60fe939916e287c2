import { KEY_CATALOGUE } from '../../config/keys.js'

/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  const rows: number[][] = []
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i]
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j)
        continue
      }
      const prev = rows[i - 1]!
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2]![j - 2]! + 1)
      }
      row.push(d)
    }
    rows.push(row)
  }
  return rows[a.length]![b.length]!
}

/** `alerts_methods`, `methods_alert` and `alert_method` all normalise to `alert|method`. */
function wordKey(name: string): string {
  return name
    .toLowerCase()
    .split(/[_\-\s.]+/)
    .filter((w) => w !== '')
    .map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w))
    .sort()
    .join('|')
}

const LIVE_KEYS: readonly string[] = KEY_CATALOGUE.filter((k) => k.status === 'live').map(
  (k) => k.name
)
const BY_WORDS: ReadonlyMap<string, string> = new Map(
  [...LIVE_KEYS].reverse().map((k) => [wordKey(k), k])
)

/**
 * The live key a misspelt one most likely meant: the same words in another order or number
 * (`alerts_methods`), or within edit distance 2 (1 for names of four characters or fewer).
 * Comparison ignores case, since Python's keys are case-sensitive but humans are not.
 */
export function suggestKey(name: string): string | undefined {
  const byWords = BY_WORDS.get(wordKey(name))
  if (byWords !== undefined && byWords !== name) return byWords
  const lower = name.toLowerCase()
  const limit = lower.length <= 4 ? 1 : 2
  let best: string | undefined
  let bestDistance = limit + 1
  for (const key of LIVE_KEYS) {
    const d = editDistance(lower, key, limit)
    if (d < bestDistance) {
      best = key
      bestDistance = d
    }
  }
  return best !== name ? best : undefined
}
