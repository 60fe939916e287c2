import type { Rule } from '../types.js'
import { flagTypeRule } from './not-bool.js'

/** Rules for the `disable_*` flags. */
export const rules: Rule[] = [flagTypeRule]
