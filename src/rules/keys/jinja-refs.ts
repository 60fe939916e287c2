import { memoByText, scanJinja } from '../../config/jinja-scan.js'
import type { BatchView } from '../../config/model.js'
import { includeClosure, renderedTexts } from '../include/graph.js'
import type { RuleContext } from '../types.js'

const NAME = /[A-Za-z_][A-Za-z0-9_]*/g

/**
 * Names a Jinja template mentions inside `{{ ... }}` and `{% ... %}` (`{{ key }}`,
 * `{% if key %}`, `key is defined`, `for x in key`). Words inside string literals are counted
 * too: over-matching only downgrades an unknown-key warning to a notice.
 */
export const templateNames: (text: string) => ReadonlySet<string> = memoByText(scanNames)

function scanNames(text: string): Set<string> {
  const names = new Set<string>()
  if (!text.includes('{')) return names
  for (const tag of scanJinja(text).tags) {
    if (tag.kind === 'comment') continue
    for (const n of text.slice(tag.innerStart, tag.innerEnd).matchAll(NAME)) names.add(n[0])
  }
  return names
}

const cache = new WeakMap<BatchView, ReadonlySet<string>>()

/**
 * Every name the batch's rendered templates (and the files they include) mention. Anomstack
 * renders them with the whole spec as context, so a custom key referenced there is legitimate.
 */
export function namesUsedByTemplates(batch: BatchView, ctx: RuleContext): ReadonlySet<string> {
  const hit = cache.get(batch)
  if (hit) return hit
  const names = new Set<string>()
  const texts = [...renderedTexts(batch)]
  for (const path of includeClosure(batch, ctx)) {
    const text = ctx.fileText(path)
    if (text !== undefined) texts.push(text)
  }
  for (const text of texts) for (const n of templateNames(text)) names.add(n)
  cache.set(batch, names)
  return names
}
