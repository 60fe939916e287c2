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
import { rules as envRules } from './env/index.js'
import { YAML_RULE_META } from '../yaml/rule-meta.js'
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
  ...yamlKeyRules,
  ...envRules
]

export const PIPELINE_META: readonly RuleMeta[] = [
  ...YAML_RULE_META,
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
    id: 'file/untracked-link-target',
    severity: 'error',
    effect: 'not-checked',
    description:
      'A symlink to a file git does not track (a `.env`, say): not read and its content never shown, so it fails closed.'
  },
  {
    id: 'file/too-large',
    severity: 'error',
    effect: 'not-checked',
    description: 'A file over the size cap: not parsed, so it fails closed.'
  },
  {
    id: 'env/unreadable',
    severity: 'error',
    effect: 'not-checked',
    description:
      'The env file cannot be used: missing when named explicitly, too large, a symlink out of the repository, or not UTF-8 (Dagster reads it as UTF-8 and fails to start). It fails closed.'
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
