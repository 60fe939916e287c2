import * as core from './workflow-commands.js'
import type { Diagnostic } from '../core/diagnostic.js'
import { readMetricsTree } from '../config/read-tree.js'
import { readEnvFile } from '../config/env-read.js'
import { isSecretName } from '../config/env.js'
import { validateTree, type ValidationResult } from '../validate.js'
import { ParseCache } from '../config/parse-cache.js'
import { ValidationMemo } from '../validate-memo.js'
import { planRange } from '../changes/event-range.js'
import { resolveChanges, type ResolvedChanges } from '../changes/resolve.js'
import { classifyChanges, type Classification, type DependencyGraph } from '../changes/classify.js'
import { markPreExisting } from '../changes/pre-existing.js'
import { diffAddedLines } from '../changes/git.js'
import type { ChangedFile } from '../changes/changed-file.js'
import type { FileTree } from '../core/tree.js'
import type { Inputs } from './inputs.js'
import type { RunContext } from './context.js'
import { readTreeAtRevision } from './base-tree.js'
import { compareViaGithubApi } from './github-compare.js'
import { logLine, warning } from './output.js'

export interface Timing {
  readonly label: string
  readonly ms: number
}

/** Everything the action learned before deciding whether to reload. */
export interface Analysis {
  readonly head: ValidationResult
  /** Head diagnostics, with problems the change did not introduce marked pre-existing. */
  readonly diagnostics: readonly Diagnostic[]
  readonly changes: ResolvedChanges
  /** Changed files under the metrics folder. */
  readonly metricsChanges: readonly ChangedFile[]
  readonly classification: Classification
  readonly changedLines: ReadonlyMap<string, ReadonlySet<number>> | undefined
  readonly timings: readonly Timing[]
  /** The base commit's validation, when there is a base and the metrics folder changed. */
  readonly base: ValidationResult | undefined
}

export function dependencyGraph(result: ValidationResult): DependencyGraph {
  return {
    defaultsPath: result.defaultsPath,
    batchFiles: new Map(
      result.batches.map((b) => [
        b.file,
        {
          ...(b.name !== undefined ? { batch: b.name } : {}),
          includes: b.dependsOn.filter((p) => p !== result.defaultsPath)
        }
      ])
    )
  }
}

/**
 * File-level problems (`file/*`: too large, unreadable, a link out of the repository) are one per
 * file and their wording may quote what differs between commits (a byte count): the same rule on
 * the same file is the same problem.
 */
function fileLevelKey(d: Diagnostic): string | undefined {
  return d.ruleId.startsWith('file/') ? 'file' : undefined
}

/**
 * How a base problem is recognised in head beyond its message: `file/*` problems by file (see
 * above); others by the source line they flag, so a message that quotes a line number ("first
 * defined at line 5") still matches after unrelated edits shift the lines.
 */
function identityKey(
  head: ValidationResult,
  base: ValidationResult
): (d: Diagnostic) => string | undefined {
  const flagged = new Map<Diagnostic, string>()
  for (const result of [head, base]) {
    const lines = new Map<string, string[]>()
    for (const d of result.diagnostics) {
      const text = result.texts.get(d.file)
      if (text === undefined) continue
      let split = lines.get(d.file)
      if (!split) lines.set(d.file, (split = text.split('\n')))
      const line = split[d.line - 1]?.trim()
      if (line) flagged.set(d, line)
    }
  }
  return (d) => fileLevelKey(d) ?? flagged.get(d)
}

/** What the base commit's git work gives: its metrics tree and the lines the change added. */
interface BaseGit {
  readonly tree: FileTree
  readonly changedLines: Map<string, Set<number>>
}

/** A promise's outcome as a value, so a failure is handled where it is awaited, never unhandled. */
type Settled<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown }

function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error })
  )
}

/** Whether a changed file is (or was, before a rename) under the metrics folder. */
function touches(f: ChangedFile, metricsDir: string): boolean {
  const inMetrics = (p: string): boolean => p.startsWith(`${metricsDir}/`)
  return inMetrics(f.path) || (f.previousPath !== undefined && inMetrics(f.previousPath))
}

async function timed<T>(timings: Timing[], label: string, fn: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now()
  try {
    return await fn()
  } finally {
    timings.push({ label, ms: performance.now() - t0 })
  }
}

export async function analyse(inputs: Inputs, ctx: RunContext): Promise<Analysis> {
  const timings: Timing[] = []
  const cwd = ctx.workspace

  const changes = await timed(timings, 'diff', async () => {
    core.startGroup('What changed')
    try {
      const plan = planRange(
        ctx.eventName,
        ctx.payload,
        ctx.defaultBranch,
        ctx.sha ? { sha: ctx.sha } : {}
      )
      const r = await resolveChanges(plan, {
        cwd,
        ...(inputs.githubToken && ctx.repository
          ? { compareViaApi: compareViaGithubApi(inputs.githubToken, ctx.repository) }
          : {})
      })
      for (const n of r.notes) logLine(n)
      logLine(
        r.all
          ? `Validating everything: ${r.reason ?? 'no base commit'}`
          : `${r.files.length} changed files (${r.source})`
      )
      return r
    } finally {
      core.endGroup()
    }
  })

  // The environment is the deployment's, not a commit's: head and base are checked with the same one.
  const env = readEnvFile({ repoRoot: cwd, envFile: inputs.envFile, maxBytes: inputs.maxFileBytes })
  if (env) {
    for (const v of env.vars.values()) if (isSecretName(v.name) && v.value) core.setSecret(v.value)
    core.info(`Environment: ${env.path} (${env.vars.size} variables)`)
  }
  const envOption = env ? { env } : {}
  // Base and head share most files: each distinct file is parsed once, and the per-batch rules
  // re-check only the batches that differ (the cross-file rules always run on both trees).
  const parseCache = new ParseCache()
  const memo = new ValidationMemo()
  // Head's tree is passed along so that every base file git holds with the same bytes is taken
  // from it rather than read out of git again.
  const startBaseGit = (baseSha: string, headTree: FileTree): Promise<Settled<BaseGit>> =>
    settle(
      Promise.all([
        readTreeAtRevision(cwd, baseSha, headTree.metricsDir, inputs.maxFileBytes, headTree),
        diffAddedLines(cwd, baseSha, changes.head)
      ]).then(([tree, changedLines]) => ({ tree, changedLines }))
    )
  const { head, headTree, metricsChanges, baseGit } = await timed(timings, 'validate', async () => {
    const tree = await readMetricsTree(cwd, inputs.metricsPath, {
      maxBytes: inputs.maxFileBytes
    })
    const metricsChanges = changes.files.filter((f) => touches(f, tree.metricsDir))
    // A push that changes the metrics folder always needs the base: start its git work now, so
    // it runs in other processes while this one validates head (CPU-bound, synchronous).
    const baseGit =
      !changes.all && changes.base !== undefined && metricsChanges.length > 0
        ? startBaseGit(changes.base, tree)
        : undefined
    const head = validateTree(tree, {
      maxBytes: inputs.maxFileBytes,
      ...envOption,
      parseCache,
      memo
    })
    return { head, headTree: tree, metricsChanges, baseGit }
  })

  let diagnostics: readonly Diagnostic[] = head.diagnostics
  let changedLines: ReadonlyMap<string, ReadonlySet<number>> | undefined
  let baseGraph: DependencyGraph | undefined
  let baseResult: ValidationResult | undefined
  // The base is validated when it can matter: to name removed batches, and whenever head has
  // problems, even if nothing under the metrics folder changed (a push that only edits a README
  // must not be blocked by an old mistake; a link into another folder can still change a file).
  const baseMatters = metricsChanges.length > 0 || head.diagnostics.length > 0
  if (!changes.all && changes.base !== undefined && baseMatters) {
    const baseSha = changes.base
    await timed(timings, 'validate base', async () => {
      try {
        const git = await (baseGit ?? startBaseGit(baseSha, headTree))
        if (!git.ok) throw git.error
        // An env file that cannot be used is this run's problem, never an old one.
        const baseEnv = env ? { env: { ...env, problems: [] } } : {}
        const result = validateTree(git.value.tree, {
          maxBytes: inputs.maxFileBytes,
          ...baseEnv,
          parseCache,
          memo
        })
        baseGraph = dependencyGraph(result)
        baseResult = result
        changedLines = git.value.changedLines
        diagnostics = markPreExisting({
          head: head.diagnostics,
          base: result.diagnostics,
          changes: changes.files,
          changedLines,
          keyOf: identityKey(head, result)
        })
      } catch (e: unknown) {
        // Without the base we cannot tell old from new: everything counts as new (fails closed).
        warning(
          `Could not validate the base commit, so every problem counts as new: ${e instanceof Error ? e.message : String(e)}`
        )
      }
    })
  }

  const classification = classifyChanges(changes.files, dependencyGraph(head), {
    metricsPath: headTree.metricsDir,
    ...(baseGraph ? { baseGraph } : {})
  })
  return {
    head,
    diagnostics,
    changes,
    metricsChanges,
    classification,
    changedLines,
    timings,
    base: baseResult
  }
}
