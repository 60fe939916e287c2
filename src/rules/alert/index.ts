import type { Rule } from '../types.js'
import { alertMethodsRule } from './methods.js'
import { excludeListsRule } from './exclude-lists.js'
import { thresholdsRule } from './thresholds.js'

/** Alert delivery, threshold alerts and the SQL metric lists. */
export const rules: Rule[] = [alertMethodsRule, thresholdsRule, excludeListsRule]
