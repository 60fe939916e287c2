import type { Diagnostic } from '../core/diagnostic.js'
import { formatWorkflowCommand, toAnnotationCall } from './annotations.js'
import { sortByPriority, type ChangedLines } from './priority.js'

export interface GithubFormatOptions {
  readonly changedLines?: ChangedLines
  readonly ruleTitles?: ReadonlyMap<string, string>
}

/**
 * The CLI's `--format github`: one workflow-command line per diagnostic, uncapped, most important
 * first. Ends with a newline when non-empty.
 */
export function renderGithub(
  diagnostics: readonly Diagnostic[],
  opts: GithubFormatOptions = {}
): string {
  const lines = sortByPriority(diagnostics, opts.changedLines).map((d) =>
    formatWorkflowCommand(toAnnotationCall(d, opts.ruleTitles))
  )
  return lines.length > 0 ? `${lines.join('\n')}\n` : ''
}
