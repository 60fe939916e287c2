import type { BatchView } from '../../config/model.js'
import {
  extractIncludes,
  type IncludeRef,
  includeClosure as closureOfTexts,
  RENDERED_KEYS,
  resolveIncludePath
} from '../../config/includes.js'
import type { RuleContext } from '../types.js'

/** Deepest include nesting followed; real templates nest one or two levels. */
export const MAX_INCLUDE_DEPTH = 16

export type IncludeProblemKind = 'missing' | 'parent-path' | 'backslash' | 'batch-relative'

/** Why a literal include target will raise TemplateNotFound, with a fix when one exists. */
export interface IncludeProblem {
  readonly kind: IncludeProblemKind
  /** The target as written. */
  readonly target: string
  /** The include path that would work (`./examples/x/x.sql`), when a matching file exists. */
  readonly suggestion?: string
}

export type IncludeCheck =
  | { readonly ok: true; readonly path: string }
  | { readonly ok: false; readonly problem: IncludeProblem }

/** A problem found inside an included file, with the files that led to it. */
export interface NestedProblem extends IncludeProblem {
  /** Repository-relative files from the first included file to the one holding the bad include. */
  readonly chain: readonly string[]
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/')
  return i === -1 ? '' : path.slice(0, i)
}

/** `./<path under the metrics folder>`, the form the examples use. */
function includeForm(ctx: RuleContext, repoPath: string): string {
  return `./${repoPath.slice(ctx.metricsDir.length + 1)}`
}

/** POSIX-normalises `base/rel`, applying `..`; undefined when it climbs above the repository. */
function joinNormalised(base: string, rel: string): string | undefined {
  const out = base === '' ? [] : base.split('/')
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') {
      if (out.length === 0) return undefined
      out.pop()
    } else out.push(seg)
  }
  return out.join('/')
}

function underMetrics(ctx: RuleContext, path: string | undefined): path is string {
  return path !== undefined && path.startsWith(`${ctx.metricsDir}/`) && ctx.files.has(path)
}

/**
 * Resolves a literal include target the way Anomstack's `FileSystemLoader(metrics_dir)` does
 * (contract §3.3) and, when it fails, guesses what the author meant. `fromDir` is the folder of
 * the file that holds the include: the classic mistake is a path relative to it.
 */
export function checkIncludeTarget(
  target: string,
  fromDir: string,
  ctx: RuleContext
): IncludeCheck {
  const resolved = resolveIncludePath(ctx.metricsDir, target)
  if (resolved.ok && ctx.files.has(resolved.path) && !ctx.notFiles?.has(resolved.path)) {
    return { ok: true, path: resolved.path }
  }
  const fail = (kind: IncludeProblemKind, fixed?: string): IncludeCheck => ({
    ok: false,
    problem: {
      kind,
      target,
      ...(fixed !== undefined ? { suggestion: includeForm(ctx, fixed) } : {})
    }
  })
  if (!resolved.ok && resolved.reason === 'backslash') {
    const slashed = resolveIncludePath(ctx.metricsDir, target.replaceAll('\\', '/'))
    return fail('backslash', slashed.ok && ctx.files.has(slashed.path) ? slashed.path : undefined)
  }
  if (!resolved.ok && resolved.reason === 'parent') {
    const fromHere = joinNormalised(fromDir, target)
    return fail('parent-path', underMetrics(ctx, fromHere) ? fromHere : undefined)
  }
  const relative = joinNormalised(fromDir, target)
  if (underMetrics(ctx, relative)) return fail('batch-relative', relative)
  // `metrics/examples/x.sql` or a real absolute path: some tail of it may exist under the root.
  const segments = target.split('/').filter((s) => s !== '' && s !== '.')
  for (let i = 1; i < segments.length; i++) {
    const tail = `${ctx.metricsDir}/${segments.slice(i).join('/')}`
    if (ctx.files.has(tail)) return fail('missing', tail)
  }
  return fail('missing')
}

/** The string-literal includes Jinja will actually execute (comments and raw blocks excluded). */
export function literalIncludes(text: string): IncludeRef[] {
  return extractIncludes(text).filter((r) => r.literal)
}

/** True for `{% include "x" ignore missing %}`: Jinja then renders nothing instead of failing. */
export function ignoresMissing(text: string, pathEnd: number): boolean {
  return /^["']\s*ignore\s+missing\b/.test(text.slice(pathEnd, pathEnd + 40))
}

/**
 * Follows the includes inside an included file (they resolve from the metrics root too),
 * depth-limited and cycle-safe, and returns every bad include found on the way.
 */
export function nestedProblems(path: string, ctx: RuleContext): NestedProblem[] {
  const problems: NestedProblem[] = []
  const explored = new Set<string>()
  const visit = (file: string, chain: readonly string[]): void => {
    if (explored.has(file) || chain.length > MAX_INCLUDE_DEPTH) return
    explored.add(file)
    const text = ctx.fileText(file)
    if (text === undefined) return
    for (const ref of literalIncludes(text)) {
      const check = checkIncludeTarget(ref.path, dirOf(file), ctx)
      if (check.ok) visit(check.path, [...chain, check.path])
      else if (!ignoresMissing(text, ref.end)) problems.push({ ...check.problem, chain })
    }
  }
  visit(path, [path])
  return problems
}

/** The template source of every rendered key of a batch that is a string. */
export function renderedTexts(batch: BatchView): string[] {
  const texts: string[] = []
  for (const key of RENDERED_KEYS) {
    const node = batch.get(key)?.entry.value
    if (node?.kind === 'scalar' && node.pyType === 'str' && typeof node.value === 'string') {
      texts.push(node.value)
    }
  }
  return texts
}

/**
 * Every file a batch's rendered keys include, transitively (repository-relative, sorted). A
 * literal target that does not exist is listed too: creating it changes what the batch renders.
 */
export function includeClosure(batch: BatchView, ctx: RuleContext): string[] {
  return closureOfTexts(
    ctx.metricsDir,
    renderedTexts(batch),
    (p) => ctx.fileText(p),
    MAX_INCLUDE_DEPTH
  )
}
