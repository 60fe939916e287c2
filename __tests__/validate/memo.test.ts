/**
 * The validation memo (base after head in the action) must never change a result: every pair
 * of trees below is validated fresh and through one memo, in the action's order (head, then
 * base), and the results must be identical, diagnostic for diagnostic, in the same order.
 */
import { describe, expect, it } from 'vitest'
import path from 'node:path'
import { readMetricsTree } from '../../src/config/read-tree.js'
import { ParseCache } from '../../src/config/parse-cache.js'
import type { FileTree, TreeEntry } from '../../src/core/tree.js'
import { validateTree, type ValidationResult } from '../../src/validate.js'
import { ValidationMemo } from '../../src/validate-memo.js'
import { buildAnomstackEnv } from '../../src/config/env.js'
import type { BatchRule, Finding, RuleMeta } from '../../src/rules/types.js'
import type { BatchView } from '../../src/config/model.js'
import { CORPUS, CORPUS_METRICS } from '../helpers/paths.js'

const HN = 'metrics/examples/hackernews/hackernews.yaml'
const GH = 'metrics/examples/github/github.yaml'

function edit(tree: FileTree, file: string, change: (text: string) => string): FileTree {
  let found = false
  const entries = tree.entries.map((e): TreeEntry => {
    if (e.kind !== 'file' || e.path !== file) return e
    found = true
    const text = new TextDecoder().decode(e.bytes)
    const next = change(text)
    if (next === text) throw new Error(`no change made to ${file}`)
    return { kind: 'file', path: e.path, bytes: new TextEncoder().encode(next) }
  })
  if (!found) throw new Error(`${file} is not in the tree`)
  return { metricsDir: tree.metricsDir, entries }
}

function addFile(tree: FileTree, file: string, text: string): FileTree {
  const entries = [
    ...tree.entries,
    { kind: 'file' as const, path: file, bytes: new TextEncoder().encode(text) }
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { metricsDir: tree.metricsDir, entries }
}

/** What a caller can observe of a result (views by name and file; texts by path). */
function observable(r: ValidationResult): unknown {
  return {
    diagnostics: r.diagnostics,
    batches: r.batches,
    views: r.views.map((v) => [v.doc.path, v.name, v.enabled, v.entries.map((e) => e.name)]),
    texts: [...r.texts.entries()],
    yamlFiles: r.yamlFiles,
    ignoredFiles: r.ignoredFiles
  }
}

function throughMemo(
  head: FileTree,
  base: FileTree
): { head: ValidationResult; base: ValidationResult; memo: ValidationMemo } {
  const memo = new ValidationMemo()
  const parseCache = new ParseCache()
  const h = validateTree(head, { parseCache, memo })
  const b = validateTree(base, { parseCache, memo })
  return { head: h, base: b, memo }
}

describe.skipIf(!CORPUS.dir)('validation memo (base after head)', async () => {
  const corpus = CORPUS.dir
    ? await readMetricsTree(path.dirname(CORPUS_METRICS), 'metrics')
    : { metricsDir: 'metrics', entries: [] }

  // Each case edits the corpus inside its own test: a skipped suite is still collected, and
  // without the corpus there is nothing to edit.
  const pairs: [string, (corpus: FileTree) => FileTree, boolean][] = [
    [
      'one batch edited',
      (c) => edit(c, HN, (t) => t.replace(/^alert_methods: .*$/m, 'alert_methods: "email"')),
      true
    ],
    [
      'one batch renamed to another batch name (a cross-batch clash)',
      (c) => edit(c, HN, (t) => t.replace('metric_batch: "hackernews"', 'metric_batch: "github"')),
      true
    ],
    ['one batch disabled', (c) => edit(c, GH, (t) => `${t}\ndisable_batch: true\n`), true],
    [
      'defaults.yaml edited',
      (c) => edit(c, 'metrics/defaults/defaults.yaml', (t) => `${t}\nalert_methods: "slack"\n`),
      false
    ],
    [
      'an included file edited',
      (c) => edit(c, 'metrics/examples/hackernews/hackernews.py', (t) => `${t}\n# edited\n`),
      false
    ],
    [
      // The base's include lists must come from the base, not from head's (memoised) lists.
      'an included file edited to include one more file',
      (c) =>
        edit(
          c,
          'metrics/examples/hackernews/hackernews.py',
          (t) => `${t}\n# {% include "./examples/hackernews/more.sql" %}\n`
        ),
      false
    ],
    [
      'a new batch file added',
      (c) => addFile(c, 'metrics/examples/new/new.yaml', 'metric_batch: "hackernews"\n'),
      false
    ]
  ]

  for (const [name, change, matched] of pairs) {
    it(`gives the fresh results when ${name}`, () => {
      const head = change(corpus)
      const fresh = { head: validateTree(head), base: validateTree(corpus) }
      const memoed = throughMemo(head, corpus)
      expect(observable(memoed.head)).toEqual(observable(fresh.head))
      expect(observable(memoed.base)).toEqual(observable(fresh.base))
      const stats = memoed.memo.stats()
      expect(stats.contextMatched).toBe(matched)
      if (matched) {
        // Every per-batch check of an unchanged batch is replayed, so fewer checks ran.
        expect(stats.replayed).toBeGreaterThan(stats.ran)
      } else {
        expect(stats.replayed).toBe(0)
      }
    })
  }

  it('replays nothing for an identical tree validated with an env file', () => {
    const memo = new ValidationMemo()
    const env = buildAnomstackEnv('.env', 'ANOMSTACK__HACKERNEWS__ALERT_METHODS=email\n')
    validateTree(corpus, { memo, env })
    const again = validateTree(corpus, { memo, env })
    expect(memo.stats()).toMatchObject({ replayed: 0, contextMatched: false })
    expect(observable(again)).toEqual(observable(validateTree(corpus, { env })))
  })

  it('never replays a rule that reads other batches, and replays one that does not', () => {
    // Two probe rules: one reports, on every view, how many batches are enabled (it reads
    // ctx.batches), the other only what its own view says. Disabling one batch in head changes
    // the first rule's finding on every unchanged batch of the base, never the second's.
    const meta = (id: string): RuleMeta => ({
      id,
      severity: 'warning',
      effect: 'suspicious',
      description: id
    })
    const report = (ruleId: string, view: BatchView, message: string): Finding => ({
      ruleId,
      doc: view.doc,
      span: { start: 0, end: 0 },
      message
    })
    const counting: BatchRule = {
      kind: 'batch',
      meta: [meta('probe/count')],
      check(view, ctx, emit) {
        if (view.isDefaults) return
        emit(
          report(
            'probe/count',
            view,
            `enabled batches: ${ctx.batches.filter((b) => b.enabled).length}`
          )
        )
      }
    }
    const own: BatchRule = {
      kind: 'batch',
      meta: [meta('probe/own')],
      check(view, _ctx, emit) {
        emit(report('probe/own', view, `own: ${view.name ?? '-'}`))
      }
    }
    const rules = [counting, own]
    const head = edit(corpus, GH, (t) => `${t}\ndisable_batch: true\n`)
    const memo = new ValidationMemo()
    const parseCache = new ParseCache()
    validateTree(head, { rules, memo, parseCache })
    const base = validateTree(corpus, { rules, memo, parseCache })
    expect(observable(base)).toEqual(observable(validateTree(corpus, { rules })))
    const counts = base.diagnostics.filter((d) => d.ruleId === 'probe/count')
    expect(counts.length).toBeGreaterThan(1)
    const enabled = base.views.filter((v) => v.enabled && !v.isDefaults).length
    for (const d of counts) expect(d.message).toBe(`enabled batches: ${enabled}`)
    // Only `own` was replayed: on defaults and every batch but the edited one. `count` ran on
    // all of them again, `own` only on the edited batch.
    const views = base.views.length + 1 // the batches and defaults.yaml
    expect(memo.stats()).toMatchObject({
      contextMatched: true,
      replayed: views - 1,
      ran: views + 1
    })
  })
})
