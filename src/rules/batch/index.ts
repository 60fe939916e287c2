import type { Rule } from '../types.js'
import { batchNameRule } from './name.js'
import { batchTreeRule } from './tree.js'

/** Rules for batch identity and the files get_specs needs to load at all. */
export const rules: Rule[] = [batchNameRule, batchTreeRule]
