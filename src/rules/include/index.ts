import type { Rule } from '../types.js'
import { includeRule } from './check.js'
import { templateSyntaxRule } from './inline-syntax.js'

export { includeClosure } from './graph.js'

/** Rules for Jinja templates: `{% include %}` targets and what Jinja can parse. */
export const rules: Rule[] = [includeRule, templateSyntaxRule]
