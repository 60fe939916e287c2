import { JINJA_SYNTAX_HINT, jinjaSyntaxError } from '../../config/jinja-syntax.js'
import type { SourceDoc } from '../../config/model.js'
import { lineStarts } from '../../core/positions.js'
import type { BatchRule, Finding, Report, RuleContext, RuleMeta } from '../types.js'
import {
  checkIncludeTarget,
  dirOf,
  ignoresMissing,
  literalIncludes,
  nestedProblems,
  type IncludeProblem,
  type IncludeProblemKind
} from './graph.js'
import { sourceSpanInScalar } from './offsets.js'
import { ownRenderedTemplates, renderer, type RenderedTemplate } from './rendered.js'

const META: readonly RuleMeta[] = [
  {
    id: 'include/missing',
    severity: 'error',
    effect: 'job-fails',
    description:
      'A literal `{% include %}` target that does not exist under the metrics folder: the job fails with TemplateNotFound when it runs.'
  },
  {
    id: 'include/syntax',
    severity: 'error',
    effect: 'job-fails',
    description:
      'An included file Jinja cannot parse (an unterminated `{{`, `{%`, `{#` or raw block, an unbalanced bracket, an unclosed `{% if %}`/`{% for %}` or other block, an end tag without its block, an unknown tag): reported at the included file; the job that renders it fails with TemplateSyntaxError.'
  },
  {
    id: 'include/parent-path',
    severity: 'error',
    effect: 'job-fails',
    description: 'An include path with a `..` segment: Jinja refuses it (TemplateNotFound).'
  },
  {
    id: 'include/batch-relative',
    severity: 'error',
    effect: 'job-fails',
    description:
      "An include path written relative to the batch file's folder: Jinja resolves from the metrics folder, so it is not found."
  },
  {
    id: 'include/backslash',
    severity: 'error',
    effect: 'job-fails',
    description:
      'An include path with backslashes: on Linux they are part of the file name, so it is not found.'
  }
]

const WHY: Readonly<Record<IncludeProblemKind, string>> = {
  missing: 'is not a file under the metrics folder (missing, a broken link or not a regular file)',
  'parent-path': 'contains a `..` segment, which Jinja never resolves',
  'batch-relative':
    "is relative to the including file's folder, but Jinja resolves every include from the metrics folder",
  backslash: 'uses backslashes, which are part of the file name on Linux'
}

function hintFor(problem: IncludeProblem, metricsDir: string): string {
  if (problem.suggestion !== undefined) return `Use {% include "${problem.suggestion}" %}.`
  return `Write the path relative to ${metricsDir}/, for example {% include "./examples/<batch>/<file>.sql" %}.`
}

function checkTemplate(t: RenderedTemplate, ctx: RuleContext, report: Report): void {
  const { entry: e, node, text } = t
  const { who, fails, renders } = renderer(e.name)
  for (const ref of literalIncludes(text)) {
    if (ignoresMissing(text, ref.end)) continue
    const span = sourceSpanInScalar(e.doc, node, ref.start, ref.end)
    const check = checkIncludeTarget(ref.path, dirOf(e.doc.path), ctx)
    if (!check.ok) {
      const p = check.problem
      report({
        ruleId: `include/${p.kind}`,
        doc: e.doc,
        span,
        message: `\`${e.name}\` includes "${p.target}", which ${WHY[p.kind]}: ${who} ${fails} with TemplateNotFound when ${renders} \`${e.name}\`.`,
        hint: hintFor(p, ctx.metricsDir)
      })
      continue
    }
    const syntax = templateSyntaxError(check.path, ctx)
    if (syntax) {
      report({
        ...syntax,
        message: `${syntax.message} \`${e.name}\` includes it, so ${who} ${fails} with TemplateSyntaxError when ${renders} \`${e.name}\`.`
      })
    }
    for (const p of nestedProblems(check.path, ctx)) {
      const via = p.chain.join(' → ')
      report({
        ruleId: `include/${p.kind}`,
        doc: e.doc,
        span,
        message: `\`${e.name}\` includes ${via}, which includes "${p.target}"; that path ${WHY[p.kind]}: ${who} ${fails} with TemplateNotFound when ${renders} \`${e.name}\`.`,
        hint: `Fix the include in ${p.chain[p.chain.length - 1] ?? via}. ${hintFor(p, ctx.metricsDir)}`
      })
    }
  }
}

const syntaxCache = new WeakMap<RuleContext, Map<string, Finding | null>>()

/**
 * A Jinja lexer error in an included file, positioned in that file (Jinja parses the included
 * template when the including one renders, so the job fails). Each file is scanned once per run.
 */
function templateSyntaxError(path: string, ctx: RuleContext): Finding | undefined {
  let cache = syntaxCache.get(ctx)
  if (!cache) syntaxCache.set(ctx, (cache = new Map()))
  const known = cache.get(path)
  if (known !== undefined) return known ?? undefined
  const text = ctx.fileText(path)
  const error = text === undefined ? undefined : jinjaSyntaxError(text)
  let found: Finding | null = null
  if (text !== undefined && error) {
    const doc: SourceDoc = {
      path,
      load: { text, lineStarts: lineStarts(text), root: undefined, failed: false, problems: [] },
      root: { kind: 'map', entries: [], start: 0, end: 0 }
    }
    found = {
      ruleId: 'include/syntax',
      doc,
      span: { start: error.offset, end: error.end },
      message: `Jinja cannot parse this included file (${error.message}).`,
      hint: JINJA_SYNTAX_HINT
    }
  }
  cache.set(path, found)
  return found ?? undefined
}

/** Literal `{% include %}` targets in rendered keys, and in the files they include. */
export const includeRule: BatchRule = {
  kind: 'batch',
  meta: META,
  check(batch, ctx, report) {
    for (const t of ownRenderedTemplates(batch)) checkTemplate(t, ctx, report)
  }
}
