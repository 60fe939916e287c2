import path from 'node:path'
import { realpath } from 'node:fs/promises'
import { readMetricsTree } from '../config/read-tree.js'
import { revParse, runGit } from '../changes/git.js'
import { readTreeAtRevision } from '../action/base-tree.js'
import { planModelOf } from '../plan/model.js'
import { ParseCache } from '../config/parse-cache.js'
import { ValidationMemo } from '../validate-memo.js'
import { cliEnvPath, readEnvFile } from '../config/env-read.js'
import { changedFilesBetween } from '../plan/tree-diff.js'
import { computePlan } from '../plan/compute-plan.js'
import { renderPlanText } from '../plan/render-plan.js'
import { escapeControlChars, neutraliseWorkflowCommands } from '../report/escape.js'
import type { PlanArgs } from './args.js'
import type { CommandIO } from './validate-command.js'

/** {@link CommandIO}, plus a colour override for tests (default: the CLI's decision, `args.color`). */
export interface PlanIO extends CommandIO {
  readonly color?: boolean
}

const MAX_FILE_BYTES = 1024 * 1024

const oneLine = (s: string): string =>
  escapeControlChars(s).replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, '\\n')

async function gitTopLevel(dir: string): Promise<string | undefined> {
  const r = await runGit(['rev-parse', '--show-toplevel'], { cwd: dir })
  if (r.code !== 0) return undefined
  return realpath(r.stdout.toString('utf8').trim())
}

/**
 * `plan --base <ref>`: what the working tree (uncommitted edits included) would change in Dagster
 * compared with `<ref>`. Exit 0 with the plan printed; 2 on a usage or I/O error (not a git
 * repository, unknown ref, unreadable metrics folder).
 */
export async function runPlan(args: PlanArgs, io: PlanIO): Promise<number> {
  const fail = (message: string): number => {
    io.stderr(neutraliseWorkflowCommands(`anomstack-hot-reload plan: ${oneLine(message)}\n`))
    return 2
  }
  try {
    const metricsAbs = path.resolve(io.cwd, args.metricsDir)
    const start = args.repo ? path.resolve(io.cwd, args.repo) : io.cwd
    const root = await gitTopLevel(start)
    if (root === undefined) return fail(`${start} is not inside a git repository.`)
    // Paths must be relative to the git top level for both trees to name files alike.
    const metricsReal = await realpath(metricsAbs).catch(() => metricsAbs)
    const metricsRel = path.relative(root, metricsReal).split(path.sep).join('/')
    if (metricsRel === '' || metricsRel.startsWith('..') || path.isAbsolute(metricsRel)) {
      return fail(`the metrics folder ${args.metricsDir} is not inside the repository at ${root}.`)
    }
    let sha: string | undefined
    try {
      sha = await revParse(root, args.base)
    } catch (e: unknown) {
      return fail(e instanceof Error ? e.message : String(e))
    }
    if (sha === undefined)
      return fail(`--base ${JSON.stringify(args.base)} is not a commit in this repository.`)

    // Head first: every base file with the same bytes is then taken from it, not read from git.
    const headTree = await readMetricsTree(root, metricsRel, { maxBytes: MAX_FILE_BYTES })
    const baseTree = await readTreeAtRevision(root, sha, metricsRel, MAX_FILE_BYTES, headTree)
    const env = readEnvFile({
      repoRoot: root,
      envFile: args.envFile === undefined ? '' : cliEnvPath(io.cwd, args.envFile),
      maxBytes: MAX_FILE_BYTES
    })
    // As in the action: the two trees share most files, so each distinct file is parsed once and
    // the base re-checks only the batches that differ (head first, then the base).
    const options = {
      maxBytes: MAX_FILE_BYTES,
      ...(env ? { env } : {}),
      parseCache: new ParseCache(),
      memo: new ValidationMemo()
    }
    const head = planModelOf(headTree, options)
    const plan = computePlan(planModelOf(baseTree, options), head, {
      files: changedFilesBetween(baseTree, headTree)
    })
    if (args.format === 'json') {
      io.stdout(JSON.stringify({ base: { ref: args.base, sha }, ...plan }, null, 2) + '\n')
    } else {
      const color = io.color ?? args.color ?? false
      io.stdout(
        neutraliseWorkflowCommands(
          `Comparing ${oneLine(metricsRel)}/ in the working tree with ${oneLine(args.base)} (${sha.slice(0, 12)}).\n\n`
        )
      )
      io.stdout(renderPlanText(plan, { color }))
    }
    return 0
  } catch (e: unknown) {
    return fail(e instanceof Error ? e.message : String(e))
  }
}
