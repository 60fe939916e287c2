import type { Rule } from '../types.js'
import { ingestSourceRule } from './source.js'

/** Rules for a batch's ingest source. */
export const rules: Rule[] = [ingestSourceRule]
