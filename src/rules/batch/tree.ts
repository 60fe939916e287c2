import type { Span } from '../../core/diagnostic.js'
import type { BatchView, SourceDoc } from '../../config/model.js'
import { firstOthers, nameFew } from '../../core/few.js'
import { getEntry } from '../../yaml/node.js'
import type { RuleContext, RuleMeta, TreeRule } from '../types.js'

const DUPLICATE: RuleMeta = {
  id: 'batch/duplicate-name',
  severity: 'error',
  effect: 'ignored',
  description:
    'Two enabled files with the same `metric_batch`: get_specs keeps whichever os.walk reaches last (unsorted), silently dropping the other.'
}
const NO_ENABLED: RuleMeta = {
  id: 'batch/no-enabled',
  severity: 'error',
  effect: 'load-crash',
  description:
    'No enabled batch at all: building the summary job raises IndexError and the whole code location fails to load.'
}
const MISSING_DEFAULTS: RuleMeta = {
  id: 'batch/missing-defaults',
  severity: 'error',
  effect: 'load-crash',
  description:
    'No `<metrics>/defaults/defaults.yaml`: get_specs raises FileNotFoundError and the whole code location fails to load.'
}

export function defaultsPathOf(metricsDir: string): string {
  return `${metricsDir}/defaults/defaults.yaml`
}

/** A stand-in document for a file that does not exist or did not parse, positioned at 1:1. */
function placeholderDoc(path: string): SourceDoc {
  const root = { kind: 'map', entries: [], start: 0, end: 0 } as const
  return {
    path,
    root,
    load: { text: '', lineStarts: [0], root, failed: false, problems: [] }
  }
}

function firstLine(doc: SourceDoc): Span {
  const nl = doc.load.text.indexOf('\n')
  return { start: 0, end: nl === -1 ? doc.load.text.length : nl }
}

function nameSpan(batch: BatchView): Span {
  const e = getEntry(batch.doc.root, 'metric_batch')
  return e ? { start: e.value.start, end: e.value.end } : { start: 0, end: 0 }
}

/** True when a file get_specs would read as a batch did not make it into `ctx.batches`. */
function hasUnparsedBatchFile(ctx: RuleContext): boolean {
  const parsed = new Set(ctx.batches.map((b) => b.doc.path))
  for (const path of ctx.files) {
    const name = path.slice(path.lastIndexOf('/') + 1)
    if (name.endsWith('.yaml') && name !== 'defaults.yaml' && !parsed.has(path)) return true
  }
  return false
}

/** Cross-file checks on batch identity and on what get_specs needs to load at all (§1.1). */
export const batchTreeRule: TreeRule = {
  kind: 'tree',
  meta: [DUPLICATE, NO_ENABLED, MISSING_DEFAULTS],
  check(ctx, report) {
    const defaultsPath = defaultsPathOf(ctx.metricsDir)
    const defaultsExists = ctx.defaults !== undefined || ctx.files.has(defaultsPath)
    if (!defaultsExists) {
      report({
        ruleId: MISSING_DEFAULTS.id,
        doc: placeholderDoc(defaultsPath),
        span: { start: 0, end: 0 },
        message: `${defaultsPath} does not exist: get_specs raises FileNotFoundError and the whole code location fails to load.`,
        hint: "Add defaults/defaults.yaml to the metrics folder (copy Anomstack's own defaults).",
        fatalWhenDisabled: true
      })
    }

    // Only enabled batches reach `specs[metric_batch] = merged`; a disabled one never overwrites.
    // Every file of a clash is reported (naming the others), so the file a change added is
    // annotated too, not only whichever sorts later.
    const byName = new Map<string, BatchView[]>()
    for (const batch of ctx.batches) {
      if (batch.isDefaults || !batch.enabled || batch.name === undefined) continue
      const same = byName.get(batch.name)
      if (same) same.push(batch)
      else byName.set(batch.name, [batch])
    }
    for (const [name, files] of byName) {
      if (files.length < 2) continue
      for (const batch of files) {
        const others = firstOthers(files, batch, 3).map((b) => b.doc.path)
        report({
          ruleId: DUPLICATE.id,
          doc: batch.doc,
          span: nameSpan(batch),
          message: `\`metric_batch: ${name}\` is also used by ${nameFew(others, 3, files.length - 1)}: Anomstack keeps only one of these files (whichever os.walk reaches last, which is not sorted) and silently drops the others.`,
          hint: 'Give each batch file its own metric_batch, or disable all but one with `disable_batch: true`.'
        })
      }
    }

    const enabled = ctx.batches.filter((b) => !b.isDefaults && b.enabled)
    // A batch file that failed to parse already crashes the load, and may be the enabled one.
    if (enabled.length > 0 || !defaultsExists || hasUnparsedBatchFile(ctx)) return
    const doc = ctx.defaults ?? ctx.batches[0]?.doc ?? placeholderDoc(defaultsPath)
    report({
      ruleId: NO_ENABLED.id,
      doc,
      span: firstLine(doc),
      message:
        ctx.batches.length === 0
          ? 'There is no batch file under the metrics folder: with no batches, building the summary job raises IndexError and the whole code location fails to load.'
          : 'Every batch is disabled (`disable_batch` is truthy): with no batches, building the summary job raises IndexError and the whole code location fails to load.',
      hint: 'Keep at least one batch enabled (`disable_batch: false`, a real YAML boolean).'
    })
  }
}
