/**
 * Lets a second {@link validateTree} of a nearly identical tree (the action validates head, then
 * the base commit) skip the per-batch work for every batch file that did not change: its parsed
 * document, its merged view and the findings of every per-batch rule are taken from the previous
 * run, and only the cross-file (tree) rules, and the per-batch rules that look at other batches,
 * run again.
 *
 * Exact, not a heuristic: a per-batch rule's findings for one batch are a function of that batch's
 * document, defaults.yaml, and the rule context (file list, non-YAML file contents, metrics
 * folder). So they are reused only when
 * - the context is the same: same metrics folder, same rules, same defaults.yaml document (the
 *   same parse, from the shared ParseCache), the same set of paths and of non-files, and byte for
 *   byte the same non-YAML files; and no env file (its overrides and notes depend on every batch);
 * - the batch is the same: same path and the same parse;
 * - the rule never read `ctx.batches` or `ctx.env` while checking a batch, in any run so far
 *   (such a rule depends on other batches: it always runs again).
 * Anything else runs as if there were no memo. Diagnostics are replayed in the order the rules
 * produced them, so the sink and the sort see exactly what a fresh run gives.
 */
import type { Diagnostic } from './core/diagnostic.js'
import type { BatchView, SourceDoc } from './config/model.js'
import type { LoadResult } from './yaml/types.js'
import type { Rule } from './rules/types.js'

/** What must be equal between two runs for per-batch results to carry over. */
export interface MemoContext {
  readonly metricsDir: string
  readonly rules: readonly Rule[]
  readonly defaults: SourceDoc | undefined
  readonly hasEnv: boolean
  readonly allPaths: ReadonlySet<string>
  readonly notFiles: ReadonlySet<string>
  readonly otherFiles: ReadonlyMap<string, Uint8Array>
}

interface MemoState {
  readonly context: MemoContext
  readonly docs: ReadonlyMap<string, SourceDoc>
  /** Merged views by their batch document (the defaults view under the defaults document). */
  readonly views: ReadonlyMap<SourceDoc, BatchView>
  /** Diagnostics each per-batch rule gave each view, keyed by the view's document. */
  readonly findings: ReadonlyMap<Rule, ReadonlyMap<SourceDoc, readonly Diagnostic[]>>
}

export interface MemoStats {
  /** Per-batch rule checks replayed from the previous run. */
  readonly replayed: number
  /** Per-batch rule checks that ran. */
  readonly ran: number
  /** Whether the last run could use the previous one at all. */
  readonly contextMatched: boolean
}

export class ValidationMemo {
  private state: MemoState | undefined
  /** Rules seen reading other batches or the env: never replayed. */
  private readonly unsafe = new Set<Rule>()
  private lastStats: MemoStats = { replayed: 0, ran: 0, contextMatched: false }

  /** Starts one validation; the run's results become the memo when it {@link MemoRun.commit}s. */
  begin(): MemoRun {
    return new MemoRun(this.state, this.unsafe, (s, stats) => {
      this.state = s
      this.lastStats = stats
    })
  }

  stats(): MemoStats {
    return this.lastStats
  }
}

export class MemoRun {
  private readonly docs = new Map<string, SourceDoc>()
  private readonly views = new Map<SourceDoc, BatchView>()
  private readonly findings = new Map<Rule, Map<SourceDoc, readonly Diagnostic[]>>()
  private reuse: MemoState | undefined
  private context: MemoContext | undefined
  private replayed = 0
  private ran = 0

  constructor(
    private readonly previous: MemoState | undefined,
    private readonly unsafe: Set<Rule>,
    private readonly done: (s: MemoState, stats: MemoStats) => void
  ) {}

  /** The previous run's document for this path when it is the same parse, so identity carries over. */
  doc(path: string, load: LoadResult, make: () => SourceDoc): SourceDoc {
    const before = this.previous?.docs.get(path)
    const doc = before !== undefined && before.load === load ? before : make()
    this.docs.set(path, doc)
    return doc
  }

  /** Decides once, before any view is built, whether the previous run's per-batch results apply. */
  setContext(context: MemoContext): void {
    this.context = context
    const prev = this.previous
    this.reuse = prev && !context.hasEnv && sameContext(prev.context, context) ? prev : undefined
  }

  /** The previous view of this document, or a fresh one. */
  view(doc: SourceDoc, make: () => BatchView): BatchView {
    const view = this.reuse?.views.get(doc) ?? make()
    this.views.set(doc, view)
    return view
  }

  /** The diagnostics `rule` gave this view last time, when they may be replayed. */
  replay(rule: Rule, view: BatchView): readonly Diagnostic[] | undefined {
    if (!this.reuse || this.unsafe.has(rule)) return undefined
    const got = this.reuse.findings.get(rule)?.get(view.doc)
    if (got === undefined || this.reuse.views.get(view.doc) !== view) return undefined
    this.replayed++
    this.remember(rule, view, got)
    return got
  }

  /**
   * Records what `rule` gave `view` in this run (for the next run). The list is kept as given:
   * callers hand over a list they no longer change, and replayed lists are never changed.
   */
  remember(rule: Rule, view: BatchView, diagnostics: readonly Diagnostic[]): void {
    let byDoc = this.findings.get(rule)
    if (!byDoc) this.findings.set(rule, (byDoc = new Map()))
    byDoc.set(view.doc, diagnostics)
  }

  /** Counts one per-batch check that ran (for {@link MemoStats}). */
  countRun(): void {
    this.ran++
  }

  /** This rule looked at other batches or the env (or crashed): it is never replayed. */
  markUnsafe(rule: Rule): void {
    this.unsafe.add(rule)
    this.findings.delete(rule)
  }

  commit(): void {
    if (!this.context) return
    for (const rule of this.unsafe) this.findings.delete(rule)
    this.done(
      { context: this.context, docs: this.docs, views: this.views, findings: this.findings },
      { replayed: this.replayed, ran: this.ran, contextMatched: this.reuse !== undefined }
    )
  }
}

function sameContext(a: MemoContext, b: MemoContext): boolean {
  return (
    a.metricsDir === b.metricsDir &&
    a.rules === b.rules &&
    a.defaults === b.defaults &&
    !a.hasEnv &&
    !b.hasEnv &&
    sameSet(a.allPaths, b.allPaths) &&
    sameSet(a.notFiles, b.notFiles) &&
    sameFiles(a.otherFiles, b.otherFiles)
  )
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false
  for (const x of a) if (!b.has(x)) return false
  return true
}

function sameFiles(
  a: ReadonlyMap<string, Uint8Array>,
  b: ReadonlyMap<string, Uint8Array>
): boolean {
  if (a.size !== b.size) return false
  for (const [path, bytes] of a) {
    const other = b.get(path)
    if (other === undefined || !sameBytes(bytes, other)) return false
  }
  return true
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b)
}
