import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { countBySeverity } from '../core/diagnostic.js'
import { decideVerdict, type Outcome } from '../core/verdict.js'
import { readMetricsTree } from '../config/read-tree.js'
import { validateTree, type ValidationResult } from '../validate.js'
import { cliEnvPath, readEnvFile } from '../config/env-read.js'
import { renderConsole } from '../report/console.js'
import { renderGithub } from '../report/github.js'
import { renderJson } from '../report/json.js'
import { toSarif } from '../report/sarif.js'
import { ruleMetaById } from '../rules/registry.js'
import type { ValidateArgs } from './args.js'
import { findRepoRoot } from './repo-root.js'
import { VERSION } from '../version.js'

export interface CommandIO {
  readonly cwd: string
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
}

/** `validate`: exit 0 (passes), 1 (fails under --fail-on); I/O errors throw and become exit 2. */
export async function runValidate(args: ValidateArgs, io: CommandIO): Promise<number> {
  const started = performance.now()
  const metricsAbs = path.resolve(io.cwd, args.metricsDir)
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
  const report = render(args, result, verdict.outcome)
  if (args.output) {
    await writeFile(path.resolve(io.cwd, args.output), report)
    io.stderr(`Wrote ${args.format} report to ${args.output}\n`)
  } else {
    io.stdout(report)
  }
  if (args.format === 'text' || args.output) {
    const c = countBySeverity(result.diagnostics)
    io.stderr(
      `Checked ${result.yamlFiles} YAML files (${result.batches.length} batches) in ${totalMs.toFixed(0)} ms ` +
        `(read ${readMs.toFixed(0)} ms): ${c.error} errors, ${c.warning} warnings, ${c.notice} notices.\n`
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
      return renderGithub(result.diagnostics)
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
