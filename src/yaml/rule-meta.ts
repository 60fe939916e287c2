/**
 * The `yaml/*` rule ids the loader emits, described for the rule registry (docs/rules.md, SARIF).
 * Plain data, so src/rules can list them without src/yaml depending on it.
 */
export interface YamlRuleMeta {
  readonly id: string
  readonly severity: 'error' | 'warning'
  /** What happens in Anomstack (see `Effect` in src/core/diagnostic.ts). */
  readonly effect: 'load-crash' | 'suspicious' | 'not-checked'
  readonly description: string
}

const ON_PURPOSE = 'Stricter than PyYAML, on purpose:'

export const YAML_RULE_META: readonly YamlRuleMeta[] = [
  {
    id: 'yaml/syntax',
    severity: 'error',
    effect: 'load-crash',
    description:
      "A YAML syntax error, at PyYAML's problem mark with PyYAML's message (and its context mark, when it gives one): yaml.safe_load raises and the code location fails to load."
  },
  {
    id: 'yaml/encoding',
    severity: 'error',
    effect: 'load-crash',
    description:
      "The file is not valid UTF-8: Anomstack's open(..., encoding='utf-8') raises UnicodeDecodeError. The whole code location fails to load."
  },
  {
    id: 'yaml/non-printable',
    severity: 'error',
    effect: 'load-crash',
    description:
      "A control character PyYAML's reader refuses (special characters are not allowed). The whole code location fails to load."
  },
  {
    id: 'yaml/multi-document',
    severity: 'error',
    effect: 'load-crash',
    description:
      'A second document after `---`: safe_load expects a single document in the stream. The whole code location fails to load.'
  },
  {
    id: 'yaml/unquoted-cron',
    severity: 'error',
    effect: 'load-crash',
    description:
      'An unquoted cron expression: its leading `*` starts a YAML alias, so the file does not load. The whole code location fails to load.'
  },
  {
    id: 'yaml/unquoted-jinja',
    severity: 'error',
    effect: 'load-crash',
    description:
      'An unquoted Jinja `{{ }}`/`{% %}` value: `{` starts a flow mapping, so the file does not load. The whole code location fails to load.'
  },
  {
    id: 'yaml/bad-value',
    severity: 'error',
    effect: 'load-crash',
    description:
      'A value SafeLoader cannot construct (impossible date, bad !!binary, unhashable key, `=` or `<<` as a value, a bad merge). The whole code location fails to load.'
  },
  {
    id: 'yaml/unsafe-tag',
    severity: 'error',
    effect: 'load-crash',
    description:
      'A tag SafeLoader has no constructor for (`!!python/*`, local `!tags`): the load fails. The whole code location fails to load.'
  },
  {
    id: 'yaml/duplicate-key',
    severity: 'warning',
    effect: 'suspicious',
    description: 'A key written twice in one mapping: PyYAML silently keeps the later value.'
  },
  {
    id: 'yaml/duplicate-anchor',
    severity: 'error',
    effect: 'load-crash',
    description:
      'An anchor defined twice: PyYAML refuses the second occurrence. The whole code location fails to load.'
  },
  {
    id: 'yaml/undefined-alias',
    severity: 'error',
    effect: 'load-crash',
    description:
      'An alias (`*name`) with no anchor before it: PyYAML refuses it. The whole code location fails to load.'
  },
  {
    id: 'yaml/int-precision',
    severity: 'warning',
    effect: 'suspicious',
    description: 'An integer beyond 2^53: Python keeps it exactly, this checker only approximately.'
  },
  {
    id: 'yaml/internal',
    severity: 'error',
    effect: 'not-checked',
    description:
      'The reader crashed on this file (a bug): it cannot be checked, so it fails closed.'
  },
  {
    id: 'yaml/too-large',
    severity: 'error',
    effect: 'not-checked',
    description: `${ON_PURPOSE} a file over the size cap is not parsed (fails closed).`
  },
  {
    id: 'yaml/too-deep',
    severity: 'error',
    effect: 'not-checked',
    description: `${ON_PURPOSE} nesting deeper than 400 levels (PyYAML itself dies near 490 with RecursionError).`
  },
  {
    id: 'yaml/alias-bomb',
    severity: 'error',
    effect: 'not-checked',
    description: `${ON_PURPOSE} aliases that expand the document by more than 100,000 nodes (billion laughs), which PyYAML would build.`
  },
  {
    id: 'yaml/recursive-alias',
    severity: 'error',
    effect: 'not-checked',
    description: `${ON_PURPOSE} an alias inside its own anchor, or a mapping merging itself; PyYAML builds a cyclic value.`
  },
  {
    id: 'yaml/line-break-char',
    severity: 'warning',
    effect: 'suspicious',
    description:
      "NEL, LS or PS (U+0085, U+2028, U+2029): PyYAML reads them as line breaks and the file loads as PyYAML reads it, but editors, GitHub and this report count lines at `\\n` only, so PyYAML's messages name other lines for the rest of the file; inside a value a NEL silently becomes a space or a newline. A syntax error PyYAML reports because of one is reported as PyYAML's."
  }
]
