/**
 * Our hint after PyYAML's message, for the syntax errors Anomstack users meet. Keyed by the
 * start of PyYAML's problem text, so the message itself stays PyYAML's.
 */
const HINTS: ReadonlyArray<readonly [string, string]> = [
  [
    "could not find expected ':'",
    'a key must be followed by `: ` on the same line; quote text that contains `:` or starts with a special character'
  ],
  [
    'mapping values are not allowed here',
    'quote a value that contains `: ` (for example `"a: b"`), or put the nested mapping on its own indented lines'
  ],
  [
    'found character',
    'indent with spaces only, and quote values that start with a special character (`@`, `` ` ``, `%`)'
  ],
  ['found unexpected end of stream', 'close the quoted string'],
  [
    'expected <block end>',
    'check the indentation: every key of one mapping must start in the same column'
  ],
  [
    "expected ',' or",
    'separate flow entries with `,` and close the bracket; quote text containing `[`, `]`, `{`, `}`, `,`'
  ],
  [
    'expected the node content',
    'a value is missing or starts with a character YAML reserves; quote it'
  ],
  [
    'expected alphabetic or numeric character',
    'anchor and alias names may contain only letters, digits, `-` and `_`; quote a value starting with `*`, `&` or `!`'
  ],
  [
    'sequence entries are not allowed here',
    'a `- ` list item must start its own line, indented under its key'
  ],
  ['found undefined tag handle', 'declare the handle with `%TAG` or quote the value'],
  [
    'found unknown escape character',
    'in double quotes only YAML escapes are allowed: write `\\\\` for a backslash, or use single quotes'
  ],
  ['found duplicate YAML directive', 'keep one `%YAML` directive'],
  ['duplicate tag handle', 'keep one `%TAG` directive per handle']
]

export function syntaxHint(problem: string): string | undefined {
  for (const [prefix, hint] of HINTS) if (problem.startsWith(prefix)) return hint
  return undefined
}
