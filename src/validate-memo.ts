/**
 * Lets a second {@link validateTree} of a nearly identical tree (the action validates head, then
 * the base commit) skip the per-batch work for every batch file that did not change: its parsed
 * document, its merged view, its include closure and the findings of every per-batch rule are
 * taken from the previous run, and only the cross-file (tree) rules, and the per-batch rules that
 * look at other batches, run again.
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
import { sameBytes } from './core/same-bytes.js'

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
  /**
   * Diagnostics each per-batch rule gave each view: by the view's document, then by the rule's
   * index in `context.rules`; a view or rule that found nothing has no entry (70 rules × 10,000
   * batches of map inserts showed up in profiles).
   */
  readonly findings: ReadonlyMap<SourceDoc, readonly (readonly Diagnostic[] | undefined)[]>
  /** Each view's include closure (a function of the view and the context), by its document. */
  readonly closures: ReadonlyMap<SourceDoc, readonly string[]>
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

/** What one view's per-batch checks found, by rule index; a hole means "found nothing". */
type ViewFindings = (readonly Diagnostic[] | undefined)[]

const NOTHING: readonly Diagnostic[] = Object.freeze([])

export class MemoRun {
  private readonly docs = new Map<string, SourceDoc>()
  private readonly views = new Map<SourceDoc, BatchView>()
  private readonly closures = new Map<SourceDoc, readonly string[]>()
  private reuse: MemoState | undefined
  private context: MemoContext | undefined
  /** Per position in the checked list: last run's findings when that view may be replayed. */
  private prior: (readonly (readonly Diagnostic[] | undefined)[] | undefined)[] = []
  /** Per position in the checked list: this run's findings (created on the first one). */
  private found: (ViewFindings | undefined)[] = []
  private checked: readonly BatchView[] = []
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

  /**
   * The views every per-batch rule is about to check, in order: {@link replay} and
   * {@link remember} then name a view by its position, so a check costs no look-up. A view is
   * replayable when it is the very view of the previous run. Its findings then cover every rule
   * that is not unsafe: such a rule ran on (or replayed) every view of that run, so a rule with
   * no stored list found nothing.
   */
  checks(views: readonly BatchView[]): void {
    this.checked = views
    this.found = new Array<ViewFindings | undefined>(views.length)
    this.prior = views.map((v) =>
      this.replayable(v) ? (this.reuse?.findings.get(v.doc) ?? []) : undefined
    )
  }

  /** Whether `view` is the very view of the previous run, in a context its results carry over to. */
  private replayable(view: BatchView): boolean {
    return this.reuse !== undefined && this.reuse.views.get(view.doc) === view
  }

  /**
   * What the rule at `ruleIndex` (of the context's rules) gave the view at `at` last time, when
   * it may be replayed.
   */
  replay(rule: Rule, ruleIndex: number, at: number): readonly Diagnostic[] | undefined {
    const prior = this.prior[at]
    if (prior === undefined || this.unsafe.has(rule)) return undefined
    this.replayed++
    const got = prior[ruleIndex] ?? NOTHING
    this.remember(ruleIndex, at, got)
    return got
  }

  /**
   * Records what the rule at `ruleIndex` gave the view at `at` in this run (for the next run). The
   * list is kept as given: callers hand over a list they no longer change.
   */
  remember(ruleIndex: number, at: number, diagnostics: readonly Diagnostic[]): void {
    if (diagnostics.length === 0) return
    ;(this.found[at] ??= [])[ruleIndex] = diagnostics
  }

  /**
   * The files a view includes: last run's list when it is the very same view (so the same
   * rendered texts) in the same context (so the same files), else `make()`.
   */
  closure(view: BatchView, make: () => readonly string[]): readonly string[] {
    const list = (this.replayable(view) ? this.reuse?.closures.get(view.doc) : undefined) ?? make()
    this.closures.set(view.doc, list)
    return list
  }

  /** Counts one per-batch check that ran (for {@link MemoStats}). */
  countRun(): void {
    this.ran++
  }

  /**
   * This rule looked at other batches or the env (or crashed): it is never replayed (what it
   * gave may still be stored, but {@link replay} refuses every rule in `unsafe`, in this run and
   * every later one).
   */
  markUnsafe(rule: Rule): void {
    this.unsafe.add(rule)
  }

  commit(): void {
    if (!this.context) return
    const findings = new Map<SourceDoc, ViewFindings>()
    this.checked.forEach((v, i) => {
      const found = this.found[i]
      if (found !== undefined) findings.set(v.doc, found)
    })
    this.done(
      {
        context: this.context,
        docs: this.docs,
        views: this.views,
        findings,
        closures: this.closures
      },
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
