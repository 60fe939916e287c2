import {
  compareDiagnostics,
  type Effect,
  SEVERITY_RANK,
  type Diagnostic,
  type Severity
} from './core/diagnostic.js'
import { rangeAt } from './core/positions.js'
import type { FileTree } from './core/tree.js'
import type { BatchView, SourceDoc } from './config/model.js'
import { buildBatchView, buildDefaultsView } from './config/batch-view.js'
import { classifyTree } from './config/classify-files.js'
import { loadYaml } from './yaml/load.js'
import type { LoadOptions } from './yaml/types.js'
import type { Finding, Rule, RuleContext, RuleMeta } from './rules/types.js'
import { ALL_RULES, ruleMetaById } from './rules/registry.js'
import { includeClosure } from './rules/include/graph.js'
import type { AnomstackEnv } from './config/env.js'
import { OverrideIndex, overrideEntry } from './config/env-overrides.js'
import { envNote, redactEnvSecrets } from './config/env-report.js'
import { globalEnvSettings, ignoredAsExample } from './config/env-settings.js'
import { ownKeys } from './config/batch-view.js'
import type { ParseCache } from './config/parse-cache.js'
import type { ValidationMemo } from './validate-memo.js'

export interface ValidateOptions extends LoadOptions {
  /** Rules to run; defaults to every registered rule. */
  readonly rules?: readonly Rule[]
  /**
   * The environment the code location runs with (from the env file): its
   * `ANOMSTACK__<BATCH>__<KEY>` and global overrides are applied to the batch views before the
   * rules run, and ANOMSTACK_IGNORE_EXAMPLES hides the files Anomstack would skip.
   */
  readonly env?: AnomstackEnv
  /** Reuse parses of files whose bytes were seen before (long-running callers: `watch`). */
  readonly parseCache?: ParseCache
  /**
   * Carries per-batch results from one validation to the next (base after head): unchanged
   * batches are not re-checked by per-batch rules. See src/validate-memo.ts for when it applies.
   */
  readonly memo?: ValidationMemo
}

/** What Anomstack will make of one batch file. */
export interface BatchInfo {
  readonly file: string
  /** `metric_batch` when it is a string. */
  readonly name: string | undefined
  readonly enabled: boolean
  /** Files this batch depends on: defaults.yaml and every (transitively) included file. */
  readonly dependsOn: readonly string[]
}

export interface ValidationResult {
  /** Sorted: errors first, then by file, line, column. */
  readonly diagnostics: readonly Diagnostic[]
  /** Every batch file that parsed to a mapping, in path order. */
  readonly batches: readonly BatchInfo[]
  /** The merged `{**defaults, **batch}` views behind `batches` (same order). */
  readonly views: readonly BatchView[]
  /** Repository-relative path of defaults.yaml (whether or not it exists). */
  readonly defaultsPath: string
  /** Decoded text of every YAML file that was read, for reporters that show source lines. */
  readonly texts: ReadonlyMap<string, string>
  /** Number of YAML files parsed. */
  readonly yamlFiles: number
  /** The environment the views were built with, when there is one. */
  readonly env?: AnomstackEnv
  /** Batch files ANOMSTACK_IGNORE_EXAMPLES hides: never read, not in `batches`. */
  readonly ignoredFiles: readonly string[]
}

const decoder = new TextDecoder('utf-8', { fatal: true })

/**
 * Validates a metrics tree the way PyYAML, Anomstack's `get_specs` and Dagster will treat it.
 * Pure: the tree is already in memory.
 */
export function validateTree(tree: FileTree, options: ValidateOptions = {}): ValidationResult {
  const rules = options.rules ?? ALL_RULES
  const metaById = options.rules ? metaMap(options.rules) : ruleMetaById()
  const classes = classifyTree(tree)
  const out = new DiagnosticSink(ruleMetaById())
  const memo = options.memo?.begin()
  for (const d of classes.diagnostics) out.push(d)

  const texts = new Map<string, string>()
  const loadYamlDoc = (
    path: string,
    bytes: Uint8Array,
    isBatch: boolean
  ): SourceDoc | undefined => {
    const load = options.parseCache?.load(bytes, options) ?? loadYaml(bytes, options)
    texts.set(path, load.text)
    for (const p of load.problems) out.push({ ...p, file: path })
    if (load.failed || load.root === undefined) return undefined
    if (load.root === null) {
      // PyYAML returns None; get_specs then does None["metric_batch"] (or {**None}) and crashes.
      out.push(fileLevel(path, 'yaml/empty-document', 'error', emptyMessage(isBatch), EMPTY_HINT))
      return undefined
    }
    if (load.root.kind !== 'map' || load.root.isSet) {
      const r = rangeAt(load.lineStarts, load.root.start, load.root.end)
      out.push({
        ruleId: 'yaml/not-a-mapping',
        severity: 'error',
        file: path,
        ...r,
        message: `The document is a ${load.root.kind === 'seq' ? 'list' : load.root.kind === 'map' ? 'set (!!set)' : 'scalar'}, not a mapping: get_specs indexes it with ["metric_batch"] and the whole code location fails to load.`,
        hint: 'Write the batch as `key: value` lines at the top level.'
      })
      return undefined
    }
    const root = load.root
    return memo ? memo.doc(path, load, () => ({ path, load, root })) : { path, load, root }
  }

  const defaults =
    classes.defaults && loadYamlDoc(classes.defaults.path, classes.defaults.bytes, false)
  const env = options.env
  if (env) for (const p of env.problems) out.push(p)
  const ignoreExamples = globalEnvSettings(env).ignoreExamples.value
  const ignoredFiles: string[] = []
  const docs: SourceDoc[] = []
  for (const f of classes.batchFiles) {
    // get_specs never opens these, so nothing in them can matter.
    if (ignoreExamples && ignoredAsExample(f.path.slice(tree.metricsDir.length + 1))) {
      ignoredFiles.push(f.path)
      continue
    }
    const doc = loadYamlDoc(f.path, f.bytes, true)
    if (doc) docs.push(doc)
  }

  memo?.setContext({
    metricsDir: tree.metricsDir,
    rules,
    defaults,
    hasEnv: env !== undefined,
    allPaths: classes.allPaths,
    notFiles: classes.notFiles,
    otherFiles: classes.otherFiles
  })
  const overrideIndex = env ? new OverrideIndex(env) : undefined
  const views = docs.map((d) => {
    const view = memo
      ? memo.view(d, () => buildBatchView(d, defaults))
      : buildBatchView(d, defaults)
    if (!overrideIndex || !view.enabled || view.name === undefined) return view
    const overrides = overrideIndex.overridesFor(view.name, ownKeys(d))
    if (overrides.length === 0) return view
    return buildBatchView(
      d,
      defaults,
      overrides.map((o) => overrideEntry(o, env!))
    )
  })
  const otherText = new Map<string, string | null>()
  const ctx: RuleContext = {
    metricsDir: tree.metricsDir,
    batches: views,
    defaults,
    files: classes.allPaths,
    notFiles: classes.notFiles,
    ...(env && overrideIndex
      ? { env: { env, unmatched: overrideIndex.unmatched(), ignoredFiles } }
      : {}),
    fileText(path: string): string | undefined {
      const cached = otherText.get(path)
      if (cached !== undefined) return cached ?? undefined
      const bytes = classes.otherFiles.get(path)
      let text: string | null = null
      if (bytes) {
        try {
          text = decoder.decode(bytes)
        } catch {
          text = null
        }
      }
      otherText.set(path, text)
      return text ?? undefined
    }
  }

  const toDiagnostic = (f: Finding, batch: BatchView | undefined): Diagnostic => {
    const meta = metaById.get(f.ruleId)
    let severity: Severity = f.severity ?? meta?.severity ?? 'error'
    let effect: Effect = f.effect ?? meta?.effect ?? 'not-checked'
    let message = f.message
    if (
      batch &&
      !batch.enabled &&
      !batch.isDefaults &&
      !f.fatalWhenDisabled &&
      severity === 'error'
    ) {
      severity = 'warning'
      effect = 'ignored'
      message += ' (This batch has a truthy `disable_batch`, so Anomstack skips it for now.)'
    }
    let hint = f.hint
    if (env && f.doc === env.doc && !f.ruleId.startsWith('env/')) {
      const note = envNote(f, env)
      message += note.message
      hint = note.hint ?? hint
    }
    const r = rangeAt(f.doc.load.lineStarts, f.span.start, f.span.end)
    return {
      ruleId: f.ruleId,
      severity,
      effect,
      file: f.doc.path,
      ...r,
      message,
      ...(hint !== undefined ? { hint } : {}),
      ...(batch?.name !== undefined && (f.doc === batch.doc || f.doc === env?.doc)
        ? { batch: batch.name }
        : {})
    }
  }

  const defaultsView = defaults
    ? memo
      ? memo.view(defaults, () => buildDefaultsView(defaults))
      : buildDefaultsView(defaults)
    : undefined
  // With a memo, per-batch rules see the context through getters that notice a look at other
  // batches or at the env: such a rule's findings are never replayed.
  let current: Rule | undefined
  const batchCtx: RuleContext = memo
    ? watchedContext(ctx, ['batches', 'env'], () => {
        if (current) memo.markUnsafe(current)
      })
    : ctx
  const checked = defaultsView ? [defaultsView, ...views] : views
  memo?.checks(checked)
  for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex++) {
    const rule = rules[ruleIndex]!
    try {
      if (rule.kind === 'tree') {
        rule.check(ctx, (f) => out.push(toDiagnostic(f, undefined), true))
        continue
      }
      for (let at = 0; at < checked.length; at++) {
        const view = checked[at]!
        if (!memo) {
          rule.check(view, ctx, (f) => out.push(toDiagnostic(f, view)))
          continue
        }
        const replay = memo.replay(rule, ruleIndex, at)
        if (replay) {
          for (const d of replay) out.push(d)
          continue
        }
        // Most checks find nothing: those allocate no list.
        let found: Diagnostic[] | undefined
        current = rule
        memo.countRun()
        rule.check(view, batchCtx, (f) => {
          const d = toDiagnostic(f, view)
          ;(found ??= []).push(d)
          out.push(d)
        })
        current = undefined
        if (found) memo.remember(ruleIndex, at, found)
      }
    } catch (e: unknown) {
      current = undefined
      if (memo && rule.kind === 'batch') memo.markUnsafe(rule)
      // A bug in one rule must not hide the others' findings, nor pass silently.
      out.push(
        fileLevel(
          classes.defaults?.path ?? tree.metricsDir,
          'internal/rule-crashed',
          'error',
          `Rule ${rule.meta.map((m) => m.id).join(', ')} crashed: ${e instanceof Error ? e.message : String(e)}`,
          'Please report this bug; the result of this run is incomplete.'
        )
      )
    }
  }

  const batches: BatchInfo[] = views.map((v) => {
    const deps = memo ? memo.closure(v, () => includeClosure(v, ctx)) : includeClosure(v, ctx)
    return {
      file: v.doc.path,
      name: v.name,
      enabled: v.enabled,
      dependsOn: [classes.defaultsPath, ...deps]
    }
  })

  memo?.commit()
  let diagnostics = out.sorted()
  if (env) diagnostics = redactEnvSecrets(diagnostics, env)
  if (diagnostics.some((d) => d.ruleId === 'env/no-batches')) {
    // The same crash, explained at its cause in the env file.
    diagnostics = diagnostics.filter((d) => d.ruleId !== 'batch/no-enabled')
  }
  return {
    diagnostics,
    batches,
    views,
    defaultsPath: classes.defaultsPath,
    texts,
    yamlFiles: texts.size,
    ...(env ? { env } : {}),
    ignoredFiles
  }
}

const EMPTY_HINT = 'Add the batch keys (at least `metric_batch`), or delete the file.'
function emptyMessage(isBatch: boolean): string {
  return isBatch
    ? 'The file is empty or only comments: PyYAML returns None, get_specs does None["metric_batch"] and the whole code location fails to load.'
    : 'defaults.yaml is empty or only comments: get_specs merges {**None, ...} and the whole code location fails to load.'
}

function fileLevel(
  file: string,
  ruleId: string,
  severity: Severity,
  message: string,
  hint?: string
): Diagnostic {
  return {
    ruleId,
    severity,
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    message,
    ...(hint !== undefined ? { hint } : {})
  }
}

function metaMap(rules: readonly Rule[]): Map<string, RuleMeta> {
  const m = new Map<string, RuleMeta>()
  for (const r of rules) for (const meta of r.meta) m.set(meta.id, meta)
  return m
}

/**
 * Collects diagnostics; a problem inherited from defaults.yaml is found once per batch, so
 * identical positions are kept once, with the highest severity any batch gave it.
 */
class DiagnosticSink {
  private readonly byKey = new Map<string, Diagnostic>()
  constructor(private readonly metaById: ReadonlyMap<string, RuleMeta>) {}
  /**
   * `distinct`: a tree rule reports each finding once, so two findings at one position (several
   * missing defaults keys, all at defaults.yaml 1:1) are different problems: keep both.
   */
  push(found: Diagnostic, distinct = false): void {
    const d: Diagnostic =
      found.effect !== undefined
        ? found
        : { ...found, effect: this.metaById.get(found.ruleId)?.effect ?? 'not-checked' }
    const key = `${d.ruleId}\0${d.file}\0${d.line}:${d.column}-${d.endLine}:${d.endColumn}${distinct ? `\0${d.message}` : ''}`
    const prev = this.byKey.get(key)
    if (!prev || SEVERITY_RANK[d.severity] > SEVERITY_RANK[prev.severity]) this.byKey.set(key, d)
  }
  sorted(): Diagnostic[] {
    return [...this.byKey.values()].sort(compareDiagnostics)
  }
}

/**
 * `ctx` with every field copied (so a field RuleContext gains later is never dropped), and the
 * `watched` ones behind getters that call `touch`: the memo's way to notice that a per-batch rule
 * looked beyond its own batch (other batches, the env file), whose findings must not be replayed.
 */
function watchedContext(
  ctx: RuleContext,
  watched: readonly (keyof RuleContext)[],
  touch: () => void
): RuleContext {
  const out: RuleContext = { ...ctx }
  for (const key of watched) {
    Object.defineProperty(out, key, {
      enumerable: true,
      get() {
        touch()
        return ctx[key]
      }
    })
  }
  return Object.freeze(out)
}
