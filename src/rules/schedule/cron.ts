import type { Span } from '../../core/diagnostic.js'
import type { ConfigEntry, SourceDoc } from '../../config/model.js'
import { describeCron } from '../../cron/describe-cron.js'
import { validateCron, type StepOverflow } from '../../cron/parse-cron.js'
import { CRON_KEY, DAGSTER_PARTS } from '../../dagster/names.js'
import type { YNode } from '../../yaml/node.js'
import { loadedBatches } from '../dagster/batches.js'
import type { BatchRule, Report, RuleContext, RuleMeta } from '../types.js'

export const CRON_INVALID: RuleMeta = {
  id: 'schedule/cron-invalid',
  severity: 'error',
  effect: 'load-crash',
  description:
    'A `*_cron_schedule` Dagster rejects (not 5 fields, out of range, @reboot, Feb 30, not a string...): ScheduleDefinition raises and the whole code location fails to load, even for a disabled part.'
}

export const CRON_STEP_OVERFLOW: RuleMeta = {
  id: 'schedule/cron-step-overflow',
  severity: 'warning',
  effect: 'suspicious',
  description:
    'A cron step larger than its field (`*/180` minutes): Dagster accepts it but it collapses to one run per cycle (hourly at :00), not what it seems to say.'
}

const HINT_FORMAT =
  'Write five fields, `minute hour day-of-month month day-of-week` (e.g. "*/10 * * * *" or "0 6 * * *"), in quotes, or a list of such strings.'

function summaryNote(key: string): string {
  return key === 'summary_cron_schedule'
    ? ' Only the first batch’s summary_cron_schedule is used, and only that one crashes the load, but any batch can end up first (os.walk order is unsorted).'
    : ''
}

/** What the step really does once Dagster collapses it, with a suggestion when there is an obvious one. */
function overflowHint(text: string, o: StepOverflow): string {
  if (
    o.field === 'minute' &&
    o.step % 60 === 0 &&
    24 % (o.step / 60) === 0 &&
    text.trim().startsWith('*/')
  ) {
    const hours = o.step / 60
    if (hours === 1)
      return 'It already runs hourly at :00; write "0 * * * *" to say so (and silence Dagster\'s warning).'
    return `To run every ${hours} hours, write "0 */${hours} * * *".`
  }
  return 'Use a step no larger than the field allows, or list several cron strings.'
}

function checkCronText(
  text: string,
  key: string,
  where: { doc: SourceDoc; span: Span },
  report: Report
): void {
  const r = validateCron(text)
  if (!r.ok) {
    report({
      ruleId: CRON_INVALID.id,
      ...where,
      message: `${key} "${text}" is not a cron Dagster accepts (${r.reason}): ScheduleDefinition raises and the whole code location fails to load.${summaryNote(key)}`,
      hint: HINT_FORMAT
    })
    return
  }
  for (const o of r.stepOverflow) {
    report({
      ruleId: CRON_STEP_OVERFLOW.id,
      ...where,
      message: `${key} "${text}": the step ${o.step} in the ${o.field} field is larger than ${o.max}, so Dagster collapses it and the schedule really runs ${describeCron(text)}.`,
      hint: overflowHint(text, o)
    })
  }
}

function typeName(node: YNode): string {
  if (node.kind === 'map') return 'a mapping'
  // A top-level list only gets here when empty; a list inside the list may have items.
  if (node.kind === 'seq') return node.items.length === 0 ? 'an empty list' : 'a list'
  if (node.pyType === 'null') return 'null'
  return `${node.pyType === 'int' ? 'an' : 'a'} ${node.pyType} (${node.source})`
}

function checkEntry(key: string, e: ConfigEntry, report: Report): void {
  const node = e.entry.value
  const at = (n: YNode): { doc: SourceDoc; span: Span } => ({
    doc: e.doc,
    span: { start: n.start, end: n.end }
  })
  if (node.kind === 'scalar' && node.pyType === 'str') {
    checkCronText(String(node.value), key, at(node), report)
    return
  }
  if (node.kind === 'seq' && node.items.length > 0) {
    for (const item of node.items) {
      if (item.kind === 'scalar' && item.pyType === 'str') {
        checkCronText(String(item.value), key, at(item), report)
      } else {
        report({
          ruleId: CRON_INVALID.id,
          ...at(item),
          message: `${key} lists ${typeName(item)}; Dagster accepts only strings here, so ScheduleDefinition raises and the whole code location fails to load.${summaryNote(key)}`,
          hint: HINT_FORMAT
        })
      }
    }
    return
  }
  report({
    ruleId: CRON_INVALID.id,
    ...at(node),
    message: `${key} is ${typeName(node)}, not a cron string: ScheduleDefinition raises and the whole code location fails to load.${summaryNote(key)}`,
    hint: HINT_FORMAT
  })
}

/** True when some batch get_specs stores takes `key` from defaults.yaml. */
function inheritedByAny(key: string, ctx: RuleContext): boolean {
  return loadedBatches(ctx.batches).some((b) => b.get(key)?.fromDefaults === true)
}

/** A broken default nobody inherits: a latent load crash, not today's. */
function latent(key: string, report: Report): Report {
  return (f) =>
    report(
      f.ruleId === CRON_INVALID.id
        ? {
            ...f,
            severity: 'warning',
            effect: 'latent',
            message: `${f.message.replace(/[:,] (?:so )?ScheduleDefinition raises and the whole code location fails to load\./, '.')} Today every batch sets its own ${key}, so this default never reaches Dagster; the next batch without its own value will make the whole code location fail to load.`
          }
        : f
    )
}

/**
 * Every cron Anomstack hands to ScheduleDefinition: the eight per-batch parts (built even when
 * the part is disabled) and summary_cron_schedule (only the first batch's is used).
 */
export const cronRule: BatchRule = {
  kind: 'batch',
  meta: [CRON_INVALID, CRON_STEP_OVERFLOW],
  check(batch, ctx, report) {
    for (const part of DAGSTER_PARTS) {
      const key = CRON_KEY[part]
      const e = batch.get(key)
      if (e && batch.isDefaults && !inheritedByAny(key, ctx)) {
        // Every batch Anomstack stores sets its own value: the default never reaches Dagster today.
        checkEntry(key, e, latent(key, report))
        continue
      }
      // A missing key is defaults/missing-key's (reported once, at defaults.yaml).
      if (e) checkEntry(key, e, report)
    }
  }
}
