import type { Diagnostic } from '../core/diagnostic.js'
import { planAnnotations, renderAnnotationLines } from './annotations.js'
import type { ChangedLines } from './priority.js'

export interface GithubFormatOptions {
  readonly changedLines?: ChangedLines
  readonly ruleTitles?: ReadonlyMap<string, string>
}

/**
 * The CLI's `--format github`: the same workflow-command lines the action prints, in the same
 * order and under the same per-level caps (the runner would drop the rest anyway), ending with
 * the overflow notice when something was cut. Ends with a newline when non-empty.
 */
export function renderGithub(
  diagnostics: readonly Diagnostic[],
  opts: GithubFormatOptions = {}
): string {
  const lines = renderAnnotationLines(
    planAnnotations(diagnostics, {
      ...(opts.changedLines ? { changedLines: opts.changedLines } : {}),
      ...(opts.ruleTitles ? { ruleTitles: opts.ruleTitles } : {})
    })
  )
  return lines.length > 0 ? `${lines.join('\n')}\n` : ''
}
