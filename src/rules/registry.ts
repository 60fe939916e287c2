import type { Rule, RuleMeta } from './types.js'
import { rules as schemaRules } from './schema/index.js'
import { rules as scheduleRules } from './schedule/index.js'
import { rules as dagsterRules } from './dagster/index.js'
import { rules as batchRules } from './batch/index.js'
import { rules as flagRules } from './flags/index.js'
import { rules as keyRules } from './keys/index.js'
import { rules as ingestRules } from './ingest/index.js'
import { rules as includeRules } from './include/index.js'
import { rules as modelRules } from './model/index.js'
import { rules as preprocessRules } from './preprocess/index.js'
import { rules as storageRules } from './storage/index.js'
import { rules as alertRules } from './alert/index.js'
import { rules as yamlKeyRules } from './yaml-keys/index.js'
import { rules as defaultsRules } from './defaults/index.js'

/**
 * Every rule, in the order they run. Each folder under src/rules exports `rules`.
 * File-level ids emitted by the pipeline itself (yaml/*, file/*) are described in
 * PIPELINE_META so that docs and SARIF know them too.
 */
export const ALL_RULES: readonly Rule[] = [
  ...batchRules,
  ...schemaRules,
  ...scheduleRules,
  ...dagsterRules,
  ...flagRules,
  ...keyRules,
  ...defaultsRules,
  ...ingestRules,
  ...includeRules,
  ...modelRules,
  ...preprocessRules,
  ...storageRules,
  ...alertRules,
  ...yamlKeyRules
]

export const PIPELINE_META: readonly RuleMeta[] = [
  {
    id: 'yaml/syntax',
    severity: 'error',
    effect: 'load-crash',
    description:
      'A YAML syntax error as PyYAML reports it: yaml.safe_load raises inside get_specs and the whole code location fails to load.'
  },
  {
    id: 'yaml/unquoted-cron',
    severity: 'error',
    effect: 'load-crash',
    description:
      'A syntax error caused by an unquoted cron such as `*/5 * * * *` (a plain scalar cannot start with `*`): the whole code location fails to load; quote it.'
  },
  {
    id: 'yaml/unquoted-jinja',
    severity: 'error',
    effect: 'load-crash',
    description:
      'A syntax error caused by an unquoted Jinja value such as `{{ x }}` (read as a flow mapping): the whole code location fails to load; quote it or use a block scalar.'
  },
  {
    id: 'yaml/non-printable',
    severity: 'error',
    effect: 'load-crash',
    description:
      'A character PyYAML refuses in a stream (control characters, and U+0085/U+2028/U+2029 where they break a line): yaml.safe_load raises and the whole code location fails to load.'
  },
  {
    id: 'yaml/encoding',
    severity: 'error',
    effect: 'load-crash',
    description:
      'A file that is not valid UTF-8: get_specs opens it with encoding="utf-8", the read raises UnicodeDecodeError and the whole code location fails to load.'
  },
  {
    id: 'yaml/multi-document',
    severity: 'error',
    effect: 'load-crash',
    description:
      'A file with more than one YAML document (`---`): yaml.safe_load expects a single document, raises and the whole code location fails to load.'
  },
  {
    id: 'yaml/undefined-alias',
    severity: 'error',
    effect: 'load-crash',
    description:
      'An alias `*name` without an anchor before it: PyYAML raises ComposerError and the whole code location fails to load.'
  },
  {
    id: 'yaml/duplicate-anchor',
    severity: 'error',
    effect: 'load-crash',
    description:
      'The same anchor `&name` defined twice: PyYAML raises ComposerError and the whole code location fails to load.'
  },
  {
    id: 'yaml/unsafe-tag',
    severity: 'error',
    effect: 'load-crash',
    description:
      'A tag safe_load has no constructor for (`!!python/object`, a custom `!tag`): ConstructorError, and the whole code location fails to load.'
  },
  {
    id: 'yaml/bad-value',
    severity: 'error',
    effect: 'load-crash',
    description:
      'A value PyYAML cannot construct (a bad `!!int`, `!!binary`, `!!timestamp`, an unhashable key): safe_load raises and the whole code location fails to load.'
  },
  {
    id: 'yaml/duplicate-key',
    severity: 'warning',
    effect: 'suspicious',
    description:
      'A key written twice in one mapping: PyYAML keeps the last value silently, so the first one is ignored.'
  },
  {
    id: 'yaml/int-precision',
    severity: 'warning',
    effect: 'suspicious',
    description:
      'An integer too large for a JavaScript number: checked with reduced precision (PyYAML keeps it exact).'
  },
  {
    id: 'yaml/too-deep',
    severity: 'error',
    effect: 'not-checked',
    description:
      'Nesting deeper than the checker accepts (PyYAML itself dies near 490 levels): not checked, so it fails closed.'
  },
  {
    id: 'yaml/alias-bomb',
    severity: 'error',
    effect: 'not-checked',
    description:
      'Aliases that expand past the node limit (a "billion laughs" file): not expanded or checked, so it fails closed.'
  },
  {
    id: 'yaml/too-large',
    severity: 'error',
    effect: 'not-checked',
    description: 'A YAML file over the size cap: not parsed, so it fails closed.'
  },
  {
    id: 'yaml/internal',
    severity: 'error',
    effect: 'not-checked',
    description:
      'The YAML reader crashed on this file (a bug): it is not checked, so it fails closed.'
  },
  {
    id: 'yaml/empty-document',
    severity: 'error',
    effect: 'load-crash',
    description:
      'An empty or comment-only YAML file: PyYAML returns None, get_specs indexes it and the whole code location fails to load.'
  },
  {
    id: 'yaml/not-a-mapping',
    severity: 'error',
    effect: 'load-crash',
    description:
      'A top-level list or scalar: get_specs indexes it like a dict and the whole code location fails to load.'
  },
  {
    id: 'file/ignored-extension',
    severity: 'warning',
    effect: 'ignored',
    description: 'A .yml/.YAML file under metrics/: Anomstack only reads names ending in .yaml.'
  },
  {
    id: 'file/ignored-defaults',
    severity: 'warning',
    effect: 'ignored',
    description:
      'A defaults.yaml outside metrics/defaults/: Anomstack skips every file with that name.'
  },
  {
    id: 'file/dir-symlink',
    severity: 'warning',
    effect: 'ignored',
    description: 'A symlinked folder: Anomstack does not follow it, so its files are not loaded.'
  },
  {
    id: 'file/unreadable',
    severity: 'error',
    effect: 'not-checked',
    description: 'A config file that could not be read: it cannot be checked, so it fails closed.'
  },
  {
    id: 'file/outside-repository',
    severity: 'error',
    effect: 'not-checked',
    description: 'A symlink that resolves outside the repository: never followed, never read.'
  },
  {
    id: 'file/too-large',
    severity: 'error',
    effect: 'not-checked',
    description: 'A file over the size cap: not parsed, so it fails closed.'
  },
  {
    id: 'internal/rule-crashed',
    severity: 'error',
    effect: 'not-checked',
    description: 'A rule crashed on this input (a bug): the run is incomplete, so it fails closed.'
  }
]

export function ruleMetaById(): Map<string, RuleMeta> {
  const m = new Map<string, RuleMeta>()
  for (const meta of PIPELINE_META) m.set(meta.id, meta)
  for (const r of ALL_RULES) for (const meta of r.meta) m.set(meta.id, meta)
  return m
}
