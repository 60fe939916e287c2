/**
 * Our messages name things in backticks (`` `sales_ingest` ``). Markdown does not render inside
 * HTML cells, so the job summary turns each balanced pair into an escaped `<code>` element.
 */
import { escapeHtmlInline } from './escape.js'

/**
 * Escaped HTML on one line, with every balanced `` `…` `` span as `<code>…</code>`. An unpaired
 * backtick stays as text (escaped, so it opens nothing). Untrusted text is safe here: every
 * piece goes through {@link escapeHtmlInline}; the only tags are ours.
 */
export function codeSpansHtml(text: string): string {
  const parts = text.split('`')
  // An even number of parts means an odd number of backticks: the last one has no partner.
  const paired = parts.length % 2 === 1 ? parts.length : parts.length - 1
  let out = ''
  for (let i = 0; i < parts.length; i++) {
    const part = escapeHtmlInline(parts[i]!)
    if (i >= paired) out += `&#96;${part}`
    else out += i % 2 === 1 ? `<code>${part}</code>` : part
  }
  return out
}
