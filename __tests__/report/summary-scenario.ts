/**
 * A job summary built the way the action builds it, from a base and a head metrics tree in
 * memory: real validation, the pre-existing downgrade, the real plan and the real renderer.
 */
import { markPreExisting } from '../../src/changes/pre-existing.js'
import type { ChangedFile } from '../../src/changes/changed-file.js'
import { decideVerdict, type FailOn } from '../../src/core/verdict.js'
import { planSectionFromResults } from '../../src/plan/section.js'
import { renderWhenThingsRun } from '../../src/plan/when-things-run.js'
import { renderSummary, type SummaryModel, type SummaryReload } from '../../src/report/summary.js'
import { validateTree } from '../../src/validate.js'
import { fixtureFiles, treeOf, type Files } from '../plan/helpers.js'

export { fixtureFiles, type Files }

export interface Scenario {
  readonly base: Files
  readonly head: Files
  readonly failOn?: FailOn
  readonly reload?: SummaryReload
  readonly reloadHtml?: string
}

/** The changed files between two in-memory trees (no renames). */
function changesOf(base: Files, head: Files): ChangedFile[] {
  const out: ChangedFile[] = []
  for (const p of Object.keys(head).sort()) {
    if (!(p in base)) out.push({ path: p, status: 'added' })
    else if (base[p] !== head[p]) out.push({ path: p, status: 'modified' })
  }
  for (const p of Object.keys(base).sort())
    if (!(p in head)) out.push({ path: p, status: 'deleted' })
  return out
}

/** Every line of a changed file counts as changed (what the action does without a line diff). */
function changedLinesOf(changes: readonly ChangedFile[], head: Files): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>()
  for (const c of changes) {
    const text = head[c.path]
    if (text === undefined) continue
    out.set(c.path, new Set(text.split('\n').map((_, i) => i + 1)))
  }
  return out
}

export function buildSummary(s: Scenario): { markdown: string; model: SummaryModel } {
  const base = validateTree(treeOf(s.base))
  const head = validateTree(treeOf(s.head))
  const changes = changesOf(s.base, s.head)
  const changedLines = changedLinesOf(changes, s.head)
  const diagnostics = markPreExisting({
    head: head.diagnostics,
    base: base.diagnostics,
    changes,
    changedLines
  })
  const plan = planSectionFromResults({ base, head, changes })
  const model: SummaryModel = {
    verdict: decideVerdict(diagnostics, s.failOn ?? 'error'),
    ...(s.reload ? { reload: s.reload } : {}),
    event: 'push',
    range: '1111111..2222222',
    filesChecked: head.yamlFiles,
    changedFiles: changes,
    affectedBatches: [],
    restartNeeded: [],
    diagnostics,
    sources: head.texts,
    changedLines,
    planHtml: plan.markdown,
    whenHtml: renderWhenThingsRun(plan.plan),
    ...(s.reloadHtml ? { reloadHtml: s.reloadHtml } : {}),
    linkBase: 'https://github.com/o/r/blob/2222222/'
  }
  return { markdown: renderSummary(model), model }
}
