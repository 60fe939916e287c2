import type { Rule } from '../types.js'
import { nameCollisionRule } from './name-collision.js'
import { noopCollisionRule } from './noop-collision.js'

/** Rules for the Dagster names Anomstack generates from the batches. */
export const rules: Rule[] = [nameCollisionRule, noopCollisionRule]
