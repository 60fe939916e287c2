import type { Effect, Severity, Span } from '../core/diagnostic.js'

export { EFFECTS, type Effect } from '../core/diagnostic.js'
import type { BatchView, SourceDoc } from '../config/model.js'
import type { EnvContext } from '../config/env.js'

/** Static description of a rule id (for docs, SARIF and the registry test). */
export interface RuleMeta {
  /** `area/name`, kebab-case. */
  readonly id: string
  readonly severity: Severity
  /** The default effect of the rule's findings (a finding may state its own). */
  readonly effect: Effect
  /** One line: what the rule checks and why it matters in Anomstack/Dagster. */
  readonly description: string
}

/** What a rule reports. The pipeline turns it into a positioned Diagnostic. */
export interface Finding {
  readonly ruleId: string
  /** Defaults to the rule's registered severity. */
  readonly severity?: Severity
  /** Defaults to the rule's registered effect. */
  readonly effect?: Effect
  readonly doc: SourceDoc
  readonly span: Span
  readonly message: string
  readonly hint?: string
  /**
   * For findings inside a batch Anomstack skips (`disable_batch`): true when the problem still
   * crashes the load (a missing `metric_batch`); otherwise the pipeline downgrades it to a warning.
   */
  readonly fatalWhenDisabled?: boolean
}

export type Report = (finding: Finding) => void

/** Everything a rule may look at. Pure data: no I/O. */
export interface RuleContext {
  /** Repository-relative POSIX path of the metrics folder. */
  readonly metricsDir: string
  /** Every batch file that parsed to a mapping (enabled or not), in path order. */
  readonly batches: readonly BatchView[]
  /** `<metrics>/defaults/defaults.yaml` when it parsed to a mapping. */
  readonly defaults: SourceDoc | undefined
  /** Every file path under the metrics folder (repository-relative), for include checks. */
  readonly files: ReadonlySet<string>
  /** Paths among `files` that are no file to Jinja (broken links, FIFOs); none when absent. */
  readonly notFiles?: ReadonlySet<string>
  /** Text of a non-YAML file under the metrics folder (included `.sql`/`.py`), if readable UTF-8. */
  fileText(path: string): string | undefined
  /** The env file (`--env-file` / `env-file`), when one is used; its overrides are already in `batches`. */
  readonly env?: EnvContext
}

/** Runs once per batch file, and once for defaults.yaml on its own (`batch.isDefaults`). */
export interface BatchRule {
  readonly kind: 'batch'
  readonly meta: readonly RuleMeta[]
  check(batch: BatchView, ctx: RuleContext, report: Report): void
}

/** Runs once over the whole tree (cross-file rules). */
export interface TreeRule {
  readonly kind: 'tree'
  readonly meta: readonly RuleMeta[]
  check(ctx: RuleContext, report: Report): void
}

export type Rule = BatchRule | TreeRule
