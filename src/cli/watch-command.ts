/**
 * `watch`: the one command a user leaves running next to a local Dagster. File events (or, with
 * --interval, polling) trigger a debounced re-check; see {@link WatchSession} for the decisions.
 */
import { resolveDagsterTarget, describeSource } from '../local/dagster-target.js'
import { EventLog } from '../local/event-log.js'
import { watchTree, type TreeWatcher } from '../local/fs-events.js'
import type { WatchArgs } from '../local/options.js'
import { painter } from '../report/paint.js'
import { localClient } from '../local/reload-run.js'
import { line } from '../local/render-reload.js'
import { locateTree } from '../local/tree-check.js'
import { WatchSession } from '../local/watch-session.js'
import type { LocalIO } from './reload-command.js'

export interface WatchControl {
  /** Resolves when the user asks to stop (SIGINT/SIGTERM by default). */
  readonly stopSignal?: Promise<void>
}

/** Runs until Ctrl-C; exit 0 on a clean stop. */
export async function runWatch(
  args: WatchArgs,
  io: LocalIO,
  control: WatchControl = {}
): Promise<number> {
  const paint = painter(args.color)
  const log = new EventLog(args.format, io.stdout, paint)
  const where = locateTree(io.cwd, args.metricsDir, args.repo)
  const target = resolveDagsterTarget(args.dagster, io.env)
  // Usage problems (bad URL, header lines, a token over plain http) fail now, before watching.
  const client = args.reload ? localClient(target, args.dagster, { maxAttempts: 2 }) : undefined
  const probe = args.reload ? localClient(target, args.dagster, { maxAttempts: 1 }) : undefined
  const session = new WatchSession({
    args,
    where,
    target,
    client,
    probe,
    log,
    paint,
    color: args.color
  })

  log.emit(
    'start',
    {
      metricsDir: where.metricsRel,
      repoRoot: where.repoRoot,
      url: target.url,
      urlSource: target.source,
      mode: args.intervalSec ? 'poll' : 'events',
      debounceMs: args.debounceMs,
      intervalSec: args.intervalSec ?? null,
      reload: args.reload
    },
    `Watching ${line(where.metricsRel)}/ in ${line(where.repoRoot)}` +
      (args.intervalSec ? ` (polling every ${args.intervalSec} s)` : '') +
      (args.reload
        ? `; Dagster at ${line(target.url)} (${describeSource(target.source)})`
        : '; --no-reload') +
      '. Ctrl-C to stop.'
  )

  let debounce: ReturnType<typeof setTimeout> | undefined
  const changed = (): void => {
    if (debounce) clearTimeout(debounce)
    debounce = setTimeout(() => {
      debounce = undefined
      session.trigger('change')
    }, args.debounceMs)
  }

  let watcher: TreeWatcher | undefined
  let poll: ReturnType<typeof setInterval> | undefined
  if (args.intervalSec) {
    poll = setInterval(() => session.trigger('change'), args.intervalSec * 1000)
  } else {
    watcher = watchTree(where.repoRoot, where.metricsAbs, changed, (message) =>
      log.emit('error', { message }, paint('red', `✖ file watcher: ${line(message)}`))
    )
  }
  session.trigger('start')

  const stop =
    control.stopSignal ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve())
      process.once('SIGTERM', () => resolve())
    })
  await stop
  session.stop()
  if (debounce) clearTimeout(debounce)
  if (poll) clearInterval(poll)
  await watcher?.close()
  log.emit('stopped', {}, 'Stopped watching.')
  // A reload in flight is abandoned, not awaited: Dagster finishes it on its own.
  return 0
}
