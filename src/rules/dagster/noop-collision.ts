import type { ConfigEntry } from '../../config/model.js'
import { pyTruthy } from '../../config/truthy.js'
import { DAGSTER_PARTS, DISABLE_KEY, noopName, type DagsterPart } from '../../dagster/names.js'
import type { BatchRule, RuleMeta } from '../types.js'
import { isLoaded, metricBatchSpan } from './batches.js'

export const NOOP_COLLISION: RuleMeta = {
  id: 'dagster/noop-collision',
  severity: 'error',
  effect: 'load-crash',
  description:
    'Two or more disabled parts in one batch each build an op named `<batch>_noop` (disable_llmalert is true by default; a disabled summary counts in every batch, as any batch can be read first): Dagster rejects the duplicate op and the whole code location fails to load.'
}

/**
 * Within one batch, every disabled part except change and delete builds `B_noop`
 * (verified: Dagster 1.13 raises "Conflicting definitions found in repository with name ...").
 */
export const noopCollisionRule: BatchRule = {
  kind: 'batch',
  meta: [NOOP_COLLISION],
  check(batch, ctx, report) {
    if (batch.isDefaults || !batch.enabled || batch.name === undefined) return
    // A batch whose name another file took over is not built from this file.
    if (!isLoaded(ctx.batches, batch)) return
    const name = batch.name
    const noop = `${name}_noop`
    const culprits: { part: DagsterPart; entry: ConfigEntry }[] = []
    // The summary job is built from whichever batch get_specs returns first (os.walk order, which
    // nobody controls): a disabled summary counts in every batch, since any of them can be first.
    for (const part of DAGSTER_PARTS) {
      const entry = batch.get(DISABLE_KEY[part])
      if (entry && pyTruthy(entry.entry.value) && noopName(name, part) === noop) {
        culprits.push({ part, entry })
      }
    }
    if (culprits.length < 2) return
    const summaryNeeded = culprits.length === 2 && culprits.some((c) => c.part === 'summary')
    // The flags from defaults.yaml are there first; the batch's own flags add to them in file order.
    const ordered = [
      ...culprits.filter((c) => c.entry.fromDefaults),
      ...culprits
        .filter((c) => !c.entry.fromDefaults)
        .sort((a, b) => a.entry.entry.key.start - b.entry.entry.key.start)
    ]
    const second = ordered[1]
    const fromDefaults = culprits
      .filter((c) => c.entry.fromDefaults)
      .map((c) => DISABLE_KEY[c.part])
    const note =
      fromDefaults.length > 0
        ? ` (${fromDefaults.join(', ')} ${fromDefaults.length === 1 ? 'comes' : 'come'} from defaults.yaml)`
        : ''
    const span =
      second && !second.entry.fromDefaults
        ? { start: second.entry.entry.key.start, end: second.entry.entry.key.end }
        : metricBatchSpan(batch)
    report({
      ruleId: NOOP_COLLISION.id,
      doc: batch.doc,
      span,
      message: `Batch \`${name}\` disables ${culprits.map((c) => c.part).join(', ')}${note}: each disabled part builds a dummy op named \`${noop}\`${summaryNeeded ? ' (the summary one whenever Anomstack reads this batch first, which depends on os.walk order and can happen on any server)' : ''}, Dagster rejects the duplicate op name and the whole code location fails to load.`,
      hint: `Keep at most one of ingest/train/score/alerts/llmalert/plot/summary disabled per batch${culprits.some((c) => c.part === 'llmalert') ? ', e.g. set `disable_llmalert: false`' : ''}; to keep a part from running, leave it enabled with its \`*_default_schedule_status: STOPPED\`.`
    })
  }
}
