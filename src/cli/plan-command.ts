import type { PlanArgs } from './args.js'
import type { CommandIO } from './validate-command.js'

/** `plan`: not built yet (issue: pull-request plan). Says so instead of pretending. */
export async function runPlan(_args: PlanArgs, io: CommandIO): Promise<number> {
  io.stderr('anomstack-hot-reload plan is not available in this version yet.\n')
  return 2
}
