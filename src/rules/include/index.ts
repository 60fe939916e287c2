import type { Rule } from '../types.js'
import { includeRule } from './check.js'

export { includeClosure } from './graph.js'

/** Rules for Jinja `{% include %}` targets. */
export const rules: Rule[] = [includeRule]
