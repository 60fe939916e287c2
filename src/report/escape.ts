/**
 * Escaping for every place untrusted text (YAML keys and values inside messages, file names,
 * Dagster server replies) ends up: workflow-command lines, the job summary (HTML + Markdown) and
 * the plain log.
 *
 * The workflow-command rules mirror the runner's parser (`actions/runner`
 * `src/Runner.Common/ActionCommand.cs`), not just `@actions/core`:
 * - `TryParseV2`: a line is a command when, after `TrimStart()`, it starts with `::`; the command
 *   info ends at the next `::`; properties are split on `,` and then on the first `=`.
 * - `TryParse` (legacy): `##[name k=v;]data` is recognised ANYWHERE in a line, for every
 *   registered command, `stop-commands` and `add-mask` included. `ActionCommandManager` falls
 *   through to it whenever `TryParseV2` fails.
 * - The runner reads lines with .NET `ReadLine`, which breaks on `\n`, `\r` and `\r\n`.
 */

/** Escape the data part of a workflow command (after the second `::`), exactly as the runner unescapes it. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Escape a workflow-command property value (`file=`, `title=`, …), exactly as the runner unescapes it. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '[': '&#91;',
  ']': '&#93;',
  '!': '&#33;',
  '|': '&#124;',
  '\\': '&#92;'
}

/**
 * Escape text for the job summary (GitHub-flavoured Markdown with inline HTML).
 *
 * The set, and why each character is in it:
 * - `& < > " '`: HTML. No tag or attribute can be opened, inside or outside an HTML block.
 * - `[` `]` `!`: the only way to build a Markdown link or image (`[x](javascript:…)`,
 *   `![x](https://tracker)`); CommonMark never treats a character reference as link syntax.
 * - `` ` ``: a code span could swallow our own closing tags and break the layout.
 * - `|`: would split a Markdown table cell.
 * - `\`: so untrusted text cannot backslash-escape anything we emit next to it.
 *
 * Emphasis (`*`, `_`, `~`), headings (`#`) and autolinked bare URLs are left alone: they are
 * cosmetic and cannot inject a link target the text does not already show. Control characters
 * become visible `\xNN` escapes. Line breaks are kept;
 * use {@link escapeHtmlInline} where the text must stay on one line.
 */
export function escapeHtml(s: string): string {
  return escapeControlChars(s).replace(/[&<>"'`[\]!|\\]/g, (c) => HTML_ENTITIES[c] ?? c)
}

/**
 * {@link escapeHtml}, with every line break turned into `<br>`. Inside an HTML block a blank line
 * would end the block and switch GitHub back to Markdown, so untrusted text never gets a raw
 * newline in the summary.
 */
export function escapeHtmlInline(s: string): string {
  return escapeHtml(s).replace(LINE_BREAK, '<br>')
}

/** Every character sequence some reader treats as a line break. Wider than .NET on purpose. */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g

/**
 * Leading characters `TrimStart()` may drop before looking for `::`. .NET's set is
 * `Char.IsWhiteSpace`; we add invisible format characters so a future runner change cannot
 * turn a neutralised line back into a command.
 */
const COMMAND_AT_LINE_START = /^([\s\u0085\u180e\u200b-\u200d\u2060\ufeff]*)::/

/**
 * Make free text safe to print to a GitHub Actions log: no line of the result is a workflow
 * command.
 *
 * - A line that would start with `::` (after leading whitespace) gets a `\` before the `::`.
 * - Every `##[` (legacy command syntax, matched anywhere in a line) becomes `#\#[`.
 *
 * Both markers are visible ASCII (no zero-width characters that would survive a copy-paste), and
 * all other text is unchanged, so the log still reads naturally. Line breaks are preserved.
 */
export function neutraliseWorkflowCommands(s: string): string {
  const parts = s.split(/(\r\n|[\r\n\u0085\u2028\u2029])/)
  for (let i = 0; i < parts.length; i += 2) {
    const line = parts[i]!
    parts[i] = line.replace(COMMAND_AT_LINE_START, '$1\\::').replace(/##\[/g, '#\\#[')
  }
  return parts.join('')
}

/**
 * Show C0/C1 control characters (other than tab and line breaks) as visible escapes, so
 * untrusted text cannot emit ANSI sequences that recolour, hide or rewrite log output.
 */
export function escapeControlChars(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g, (c) => {
    const code = c.charCodeAt(0)
    return `\\x${code.toString(16).padStart(2, '0')}`
  })
}

/** Split text on every kind of line break (see {@link escapeHtmlInline}). */
export function splitLines(s: string): string[] {
  return s.split(LINE_BREAK)
}
