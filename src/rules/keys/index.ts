import type { Rule } from '../types.js'
import { topLevelKeysRule } from './top-level.js'

/** Rules for top-level key names (unknown, deprecated, dead, documentation-only). */
export const rules: Rule[] = [topLevelKeysRule]
