#!/usr/bin/env node
import { parseCliArgs, USAGE, UsageError } from './cli/args.js'
import { runValidate } from './cli/validate-command.js'
import { runPlan } from './cli/plan-command.js'
import { VERSION } from './version.js'
import { LocalUsageError, parseLocalArgs } from './local/options.js'
import { runReload } from './cli/reload-command.js'
import { runWatch } from './cli/watch-command.js'

/** CLI entry: exit 0 clean, 1 problems at the fail-on level, 2 usage or I/O failure. */
async function main(argv: readonly string[]): Promise<number> {
  const io = {
    cwd: process.cwd(),
    stdout: (t: string) => void process.stdout.write(t),
    stderr: (t: string) => void process.stderr.write(t)
  }
  try {
    const [first, ...rest] = argv
    if (first === 'reload' || first === 'watch') {
      const local = parseLocalArgs(first, rest, Boolean(process.stdout.isTTY), process.env)
      const localIo = { ...io, env: process.env }
      if (local.command === 'local-help') {
        io.stdout(local.text + '\n')
        return 0
      }
      if (local.command === 'reload') return await runReload(local, localIo)
      const code = await runWatch(local, localIo)
      // A reload still in flight must not keep a stopped watcher alive; unref'd, so a process
      // with nothing left to do exits at once.
      setTimeout(() => process.exit(code), 100).unref()
      return code
    }
    const args = parseCliArgs(argv, Boolean(process.stdout.isTTY))
    switch (args.command) {
      case 'help':
        io.stdout(USAGE + '\n')
        return 0
      case 'version':
        io.stdout(VERSION + '\n')
        return 0
      case 'validate':
        return await runValidate(args, io)
      case 'plan':
        return await runPlan(args, io)
    }
  } catch (e: unknown) {
    if (e instanceof UsageError)
      io.stderr(
        `anomstack-hot-reload: ${e.message}\nRun 'anomstack-hot-reload --help' for usage.\n`
      )
    else if (e instanceof LocalUsageError)
      io.stderr(
        `anomstack-hot-reload: ${e.message}\nRun 'anomstack-hot-reload ${argv[0]} --help' for the options.\n`
      )
    else io.stderr(`anomstack-hot-reload: ${e instanceof Error ? e.message : String(e)}\n`)
    return 2
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`anomstack-hot-reload: ${String(e)}\n`)
    process.exitCode = 2
  }
)
