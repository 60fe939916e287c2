import type { Rule } from '../types.js'
import { modelConfigsRule } from './model-configs.js'
import { trainWindowRule } from './train-window.js'
import { unknownParamRule } from './unknown-param.js'

/** Model and training rules. */
export const rules: Rule[] = [modelConfigsRule, unknownParamRule, trainWindowRule]
