import type { FileTree } from '../../../src/core/tree.js'
import { rules as batchRules } from '../../../src/rules/batch/index.js'
import { rules as flagRules } from '../../../src/rules/flags/index.js'
import { rules as includeRules } from '../../../src/rules/include/index.js'
import { rules as ingestRules } from '../../../src/rules/ingest/index.js'
import { rules as keyRules } from '../../../src/rules/keys/index.js'
import type { Rule } from '../../../src/rules/types.js'
import { validateTree, type ValidationResult } from '../../../src/validate.js'
import { memoryTree, toHit, toSaid, type Hit, type Said } from '../../helpers/tree.js'

/** Every rule of the batch/keys/include/ingest/flags areas. */
export const AREA_RULES: readonly Rule[] = [
  ...batchRules,
  ...keyRules,
  ...includeRules,
  ...ingestRules,
  ...flagRules
]

export const MINIMAL_DEFAULTS = 'db: duckdb\ntable_key: metrics\n'

/**
 * Builds an in-memory tree under `metrics/`: keys are paths below the metrics folder. The
 * defaults file is `MINIMAL_DEFAULTS` unless `defaults/defaults.yaml` is given (`null` = absent).
 */
export function tree(files: Record<string, string | null>): FileTree {
  return memoryTree({ 'defaults/defaults.yaml': MINIMAL_DEFAULTS, ...files })
}

export function validate(files: Record<string, string | null>): ValidationResult {
  return validateTree(tree(files), { rules: AREA_RULES })
}

export type { Hit, Said }

/** Diagnostics whose rule id starts with `prefix` (e.g. `include/`), compacted and sorted. */
export function hits(files: Record<string, string | null>, prefix: string): Hit[] {
  return validate(files)
    .diagnostics.filter((d) => d.ruleId.startsWith(prefix))
    .map(toHit)
}

/** Like `hits`, with the span end, message and hint of each diagnostic. */
export function said(files: Record<string, string | null>, prefix: string): Said[] {
  return validate(files)
    .diagnostics.filter((d) => d.ruleId.startsWith(prefix))
    .map(toSaid)
}

/** A well-formed enabled batch, for trees that need one next to the case under test. */
export const OK_BATCH = 'metric_batch: ok_batch\ningest_sql: select 1\n'
