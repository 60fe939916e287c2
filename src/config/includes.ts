/**
 * Jinja `{% include %}` handling as Anomstack's renderer does it: a fresh
 * `FileSystemLoader(metrics_dir)` per render, so every include resolves from the metrics root,
 * never from the batch file's folder (contract §3.3).
 */

/** Keys Anomstack renders with Jinja (contract §3.2). `prompt_fn` is dead and never rendered. */
export const RENDERED_KEYS: readonly string[] = [
  'ingest_sql',
  'ingest_fn',
  'train_sql',
  'score_sql',
  'alert_sql',
  'change_sql',
  'llmalert_sql',
  'plot_sql',
  'delete_sql',
  'summary_sql',
  'dashboard_sql',
  'preprocess_fn'
]

import { blockName, memoByText, scanJinja } from './jinja-scan.js'

export interface IncludeRef {
  /** The include target as written (without quotes), or the expression when not a literal. */
  readonly path: string
  /** Offsets of `path` inside the searched text. */
  readonly start: number
  readonly end: number
  /** False for `{% include some_var %}` and lists: a static check cannot resolve those. */
  readonly literal: boolean
}

/** Every `{% include ... %}` Jinja executes in a template text (not in comments or raw blocks). */
export const extractIncludes: (text: string) => readonly IncludeRef[] = memoByText(scanIncludes)

function scanIncludes(text: string): IncludeRef[] {
  const refs: IncludeRef[] = []
  if (!text.includes('include')) return refs
  // Comments and raw-block bodies are not tags, so an include inside them is never executed.
  for (const tag of scanJinja(text).tags) {
    if (tag.kind !== 'block' || blockName(text, tag) !== 'include') continue
    let a = text.indexOf('include', tag.innerStart) + 'include'.length
    let b = tag.innerEnd
    if (text[b - 1] === '-' || text[b - 1] === '+') b--
    while (a < b && /\s/.test(text[a]!)) a++
    while (b > a && /\s/.test(text[b - 1]!)) b--
    const arg = text.slice(a, b)
    const quoted = /^(["'])(.*?)\1/.exec(arg)
    if (quoted) {
      const inner = quoted[2] ?? ''
      refs.push({ path: inner, start: a + 1, end: a + 1 + inner.length, literal: true })
    } else {
      refs.push({ path: arg, start: a, end: b, literal: false })
    }
  }
  return refs
}

export type ResolvedInclude =
  | { readonly ok: true; readonly path: string }
  | { readonly ok: false; readonly reason: 'parent' | 'backslash' | 'empty' }

/**
 * Jinja's `split_template_path`: `./x`, `x` and `/x` all mean `<metrics>/x`; empty and `.`
 * segments are dropped; a `..` segment or a backslash makes the template not found.
 */
export function resolveIncludePath(metricsDir: string, raw: string): ResolvedInclude {
  // Every batch resolves the includes of the templates it inherits from defaults.yaml again: the
  // answer is kept per target (results are immutable), bounded like memoByText's.
  let byTarget = resolved.get(metricsDir)
  if (!byTarget) resolved.set(metricsDir, (byTarget = new Map()))
  const known = byTarget.get(raw)
  if (known) return known
  const answer = resolve(metricsDir, raw)
  if (byTarget.size >= 4096) byTarget.clear()
  byTarget.set(raw, answer)
  return answer
}

const resolved = new Map<string, Map<string, ResolvedInclude>>()

function resolve(metricsDir: string, raw: string): ResolvedInclude {
  if (raw.includes('\\')) return { ok: false, reason: 'backslash' }
  const segments: string[] = []
  for (const seg of raw.split('/')) {
    if (seg === '..') return { ok: false, reason: 'parent' }
    if (seg === '' || seg === '.') continue
    segments.push(seg)
  }
  if (segments.length === 0) return { ok: false, reason: 'empty' }
  return { ok: true, path: `${metricsDir}/${segments.join('/')}` }
}

/**
 * Every file reachable through literal includes from `texts`, following includes inside
 * included files (they resolve from the metrics root too). Cycle-safe and depth-bounded.
 */
export function includeClosure(
  metricsDir: string,
  texts: readonly string[],
  fileText: (path: string) => string | undefined,
  maxDepth = 16
): string[] {
  const seen = new Set<string>()
  let frontier: readonly string[] = texts
  for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
    const next: string[] = []
    for (const text of frontier) {
      for (const ref of extractIncludes(text)) {
        if (!ref.literal) continue
        const resolved = resolveIncludePath(metricsDir, ref.path)
        if (!resolved.ok || seen.has(resolved.path)) continue
        seen.add(resolved.path)
        const body = fileText(resolved.path)
        if (body !== undefined) next.push(body)
      }
    }
    frontier = next
  }
  const out = [...seen]
  return out.length > 1 ? out.sort() : out
}
