import { renderAnnotationLines, type AnnotationPlan } from './annotations.js'
import { neutraliseWorkflowCommands } from './escape.js'

/** Where log output goes; at the edge this is `(s) => process.stdout.write(s)`. */
export type Write = (chunk: string) => void

/**
 * Print a plan's workflow-command lines. We print them ourselves instead of calling
 * `core.error`, so the escaping is ours (and tested) rather than a library detail.
 */
export function emitAnnotations(plan: AnnotationPlan, write: Write): void {
  for (const line of renderAnnotationLines(plan)) write(`${line}\n`)
}

/** Print free text (console report, server messages) so that no line of it is a workflow command. */
export function emitLog(text: string, write: Write): void {
  const safe = neutraliseWorkflowCommands(text)
  write(safe.endsWith('\n') ? safe : `${safe}\n`)
}
