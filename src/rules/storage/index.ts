import type { Rule } from '../types.js'
import { deleteJobRule } from './delete-job.js'
import { modelPathRule } from './model-path.js'
import { tableKeyRule } from './table-key.js'

/** Where Anomstack stores metrics and models. */
export const rules: Rule[] = [tableKeyRule, modelPathRule, deleteJobRule]
