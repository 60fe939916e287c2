/**
 * `reload`: validate the whole tree, and only when it has no errors (or with a loud `--force`)
 * hot-reload the Dagster code location and check what loaded.
 */
import { countBySeverity } from '../core/diagnostic.js'
import { expectedDefinitionsOf } from '../action/expected-definitions.js'
import { renderConsole } from '../report/console.js'
import { neutraliseWorkflowCommands } from '../report/escape.js'
import { toJsonDiagnostic } from '../report/json.js'
import { resolveDagsterTarget } from '../local/dagster-target.js'
import type { ReloadArgs } from '../local/options.js'
import { painter } from '../report/paint.js'
import { localClient, reloadAndVerify } from '../local/reload-run.js'
import { line, reloadJson, renderReloadText } from '../local/render-reload.js'
import { checkTree, locateTree } from '../local/tree-check.js'
import type { CommandIO } from './validate-command.js'

export interface LocalIO extends CommandIO {
  readonly env: Readonly<Record<string, string | undefined>>
}

/** Exit 0 every location loaded; 1 config errors (nothing sent) or a failed reload; 2 usage. */
export async function runReload(args: ReloadArgs, io: LocalIO): Promise<number> {
  const paint = painter(args.color)
  const out = (text: string): void => io.stdout(neutraliseWorkflowCommands(text))
  const err = (text: string): void => io.stderr(neutraliseWorkflowCommands(text))
  const json = args.format === 'json'

  const target = resolveDagsterTarget(args.dagster, io.env)
  // Usage problems (a bad URL, header lines, a token over plain http) before any work.
  const client = localClient(target, args.dagster, {
    maxAttempts: 3,
    log: json ? undefined : (l) => err(paint('dim', `  ${line(l)}\n`))
  })
  const where = locateTree(io.cwd, args.metricsDir, args.repo)
  const check = await checkTree(where, args.maxFileBytes)
  const counts = countBySeverity(check.result.diagnostics)
  const validation = {
    errors: counts.error,
    warnings: counts.warning,
    notices: counts.notice,
    batches: check.result.batches.length,
    diagnostics: check.result.diagnostics.map((d) => ({ ...toJsonDiagnostic(d) }))
  }

  if (check.errors > 0 && !json) {
    err(renderConsole(check.result.diagnostics, check.result.texts, { color: args.color }))
  }
  if (check.errors > 0 && !args.force) {
    if (json) {
      out(
        JSON.stringify({ ok: false, reloaded: false, reason: 'config-errors', validation }) + '\n'
      )
    } else {
      err(
        paint('red', `✖ Not reloading: the config has ${counts.error} error(s). `) +
          'Dagster was not contacted and keeps running its current code.\n' +
          '  Fix the problems above (or pass --force to reload anyway).\n'
      )
    }
    return 1
  }
  if (check.errors > 0) {
    err(
      paint(
        'bold',
        paint(
          'red',
          `!! --force: reloading Dagster although the config has ${counts.error} error(s). ` +
            'The code location will probably fail to load, and then ALL its jobs, schedules and sensors ' +
            'disappear from Dagster until a reload succeeds.\n'
        )
      )
    )
  } else if (!json) {
    err(
      `Config OK: ${check.result.batches.length} batches, ${counts.warning} warnings, ${counts.notice} notices.\n`
    )
  }

  const expected = expectedDefinitionsOf(check.result.views, new Map(), [])
  const run = await reloadAndVerify(client, args.dagster, expected)
  if (json) {
    out(
      JSON.stringify({
        ...reloadJson(run, target),
        reloaded: run.report.ok,
        forced: check.errors > 0,
        validation
      }) + '\n'
    )
  } else {
    out(renderReloadText(run, target, paint))
  }
  return run.report.ok ? 0 : 1
}
