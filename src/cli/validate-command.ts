import { statSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { countBySeverity, type Diagnostic } from '../core/diagnostic.js'
import { decideVerdict, type Outcome } from '../core/verdict.js'
import { readMetricsTree } from '../config/read-tree.js'
import { validateTree, type ValidationResult } from '../validate.js'
import { cliEnvPath, readEnvFile } from '../config/env-read.js'
import { renderConsole } from '../report/console.js'
import { planAnnotations, renderAnnotationLines } from '../report/annotations.js'
import { escapeControlChars } from '../report/escape.js'
import { plural } from '../report/priority.js'
import { renderJson } from '../report/json.js'
import { toSarif } from '../report/sarif.js'
import { ruleMetaById } from '../rules/registry.js'
import { UsageError, type ValidateArgs } from './args.js'
import { findMetricsDir, findRepoRoot } from './repo-root.js'
import { VERSION } from '../version.js'

export interface CommandIO {
  readonly cwd: string
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
}

/** `validate`: exit 0 (passes), 1 (fails under --fail-on); I/O errors throw and become exit 2. */
export async function runValidate(args: ValidateArgs, io: CommandIO): Promise<number> {
  const started = performance.now()
  const metricsAbs = resolveMetricsDir(args, io.cwd)
  const repoRoot = findRepoRoot(metricsAbs, io.cwd, args.repo)
  const tree = await readMetricsTree(repoRoot, path.relative(repoRoot, metricsAbs), {
    maxBytes: args.maxFileBytes
  })
  const env = readEnvFile({
    repoRoot,
    envFile: args.envFile === undefined ? '' : cliEnvPath(io.cwd, args.envFile),
    maxBytes: args.maxFileBytes
  })
  const readMs = performance.now() - started
  const result = validateTree(tree, { maxBytes: args.maxFileBytes, ...(env ? { env } : {}) })
  const totalMs = performance.now() - started
  const verdict = decideVerdict(result.diagnostics, args.failOn)
  const shown = args.quiet
    ? { ...result, diagnostics: result.diagnostics.filter((d) => d.severity === 'error') }
    : result
  const report = render(args, shown, verdict.outcome)
  if (args.output) {
    await writeFile(path.resolve(io.cwd, args.output), report)
    io.stderr(`Wrote ${args.format} report to ${args.output}\n`)
  } else {
    io.stdout(report)
  }
  if ((args.format === 'text' || args.output) && !args.quiet) {
    const c = countBySeverity(result.diagnostics)
    io.stderr(
      `Checked ${plural(result.yamlFiles, 'YAML file')} (${plural(result.batches.length, 'batch', 'batches')}) ` +
        `in ${totalMs.toFixed(0)} ms (read ${readMs.toFixed(0)} ms): ${plural(c.error, 'error')}, ` +
        `${plural(c.warning, 'warning')}, ${plural(c.notice, 'notice')}.\n`
    )
  }
  return verdict.passed ? 0 : 1
}

function render(args: ValidateArgs, result: ValidationResult, outcome: Outcome): string {
  switch (args.format) {
    case 'json':
      return renderJson({
        toolVersion: VERSION,
        diagnostics: result.diagnostics,
        verdict: outcome,
        affectedBatches: result.batches.flatMap((b) =>
          b.name ? [{ name: b.name, file: b.file }] : []
        )
      })
    case 'github':
      return githubAnnotations(result.diagnostics)
    case 'sarif':
      return (
        JSON.stringify(
          toSarif(result.diagnostics, [...ruleMetaById().values()], VERSION),
          null,
          2
        ) + '\n'
      )
    case 'text': {
      const text = renderConsole(result.diagnostics, result.texts, { color: args.color })
      return text.endsWith('\n') ? text : `${text}\n`
    }
  }
}

/** `--format github`: the action's annotations (same order, same per-level caps, same overflow notice). */
function githubAnnotations(diagnostics: readonly Diagnostic[]): string {
  const lines = renderAnnotationLines(planAnnotations(diagnostics))
  return lines.length > 0 ? `${lines.join('\n')}\n` : ''
}

/**
 * The metrics folder to validate. A given path must be an existing folder (printed as given when
 * it is not); without one, `metrics/` in the current folder or in the nearest ancestor up to the
 * repository root, so the CLI also works from inside `metrics/`.
 */
function resolveMetricsDir(args: ValidateArgs, cwd: string): string {
  const shown = escapeControlChars(args.metricsDir)
  if (args.repo !== undefined && !isDir(path.resolve(cwd, args.repo)))
    throw new UsageError(`--repo ${escapeControlChars(args.repo)}: no such folder`)
  const abs = args.metricsDirDefaulted
    ? (findMetricsDir(cwd, args.repo && path.resolve(cwd, args.repo)) ??
      path.resolve(cwd, 'metrics'))
    : path.resolve(cwd, args.metricsDir)
  const kind = kindOf(abs)
  if (kind === 'file')
    throw new UsageError(
      `${shown} is a file: give the metrics folder (the one holding defaults/ and the batch folders), not a single file`
    )
  if (kind === 'missing')
    throw new UsageError(
      args.metricsDirDefaulted
        ? `no metrics/ folder here or above (up to the repository root): give its path`
        : `${shown}: no such folder`
    )
  return abs
}

function kindOf(p: string): 'dir' | 'file' | 'missing' {
  try {
    return statSync(p).isDirectory() ? 'dir' : 'file'
  } catch {
    return 'missing'
  }
}

const isDir = (p: string): boolean => kindOf(p) === 'dir'
