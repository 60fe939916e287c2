import type { Rule } from '../types.js'
import { requiredKeysRule } from './missing-key.js'

/** Rules about what defaults.yaml must provide to every batch. */
export const rules: Rule[] = [requiredKeysRule]
