import type { Rule } from '../types.js'
import { preprocessParamsRule } from './params.js'
import { scoreWarmupRule } from './score-warmup.js'

/** preprocess_params / preprocess_fn rules. */
export const rules: Rule[] = [preprocessParamsRule, scoreWarmupRule]
