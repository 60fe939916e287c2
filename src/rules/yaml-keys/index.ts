import type { Rule } from '../types.js'
import { nonStringKeyRule } from './non-string-key.js'

/** YAML 1.1 key typing traps. */
export const rules: Rule[] = [nonStringKeyRule]
