import { JINJA_SYNTAX_HINT, jinjaSyntaxError } from '../../config/jinja-syntax.js'
import type { BatchRule, RuleMeta } from '../types.js'
import { sourceSpanInScalar } from './offsets.js'
import { ownRenderedTemplates, renderer } from './rendered.js'

export const TEMPLATE_SYNTAX: RuleMeta = {
  id: 'template/syntax',
  severity: 'error',
  effect: 'job-fails',
  description:
    'A rendered value (`*_sql`, `ingest_fn`, `preprocess_fn`) Jinja cannot parse: an unclosed `{% if %}`/`{% for %}` or other block, an end tag without its block, an unknown tag (no Jinja extensions are loaded), an empty `{{ }}`, an unterminated `{{`/`{%`/`{#`. The code location loads; the job that renders the value fails with TemplateSyntaxError every run.'
}

/**
 * Anomstack parses each rendered value with `jinja2.Environment().from_string` when its job
 * runs (anomstack/jinja/render.py): a template Jinja refuses fails that job on every run.
 * Reported at the tag Jinja stops at (for an unclosed block: its opening tag).
 */
export const templateSyntaxRule: BatchRule = {
  kind: 'batch',
  meta: [TEMPLATE_SYNTAX],
  check(batch, _ctx, report) {
    for (const { entry: e, node, text } of ownRenderedTemplates(batch)) {
      if (!text.includes('{')) continue
      const error = jinjaSyntaxError(text)
      if (!error) continue
      const { who, fails, renders } = renderer(e.name)
      report({
        ruleId: TEMPLATE_SYNTAX.id,
        doc: e.doc,
        span: sourceSpanInScalar(e.doc, node, error.offset, error.end),
        message: `Jinja cannot parse \`${e.name}\` (${error.message}): ${who} ${fails} with TemplateSyntaxError every time ${renders} it.`,
        hint: JINJA_SYNTAX_HINT
      })
    }
  }
}
