import type { ConfigEntry } from './model.js'
import type { AnomstackEnv } from './env.js'
import type { EnvValue } from './env-file.js'
import { envScalar } from './env.js'

/**
 * The environment overrides `get_specs` applies to a batch after `{**defaults, **batch}` and
 * after the `disable_batch` test (so an override of `disable_batch` changes nothing):
 *
 * 1. `ANOMSTACK_GCP_PROJECT_ID`, `ANOMSTACK_MODEL_PATH`, `ANOMSTACK_TABLE_KEY` replace
 *    `gcp_project_id`, `model_path`, `table_key`; `table_key` only when the batch's own file
 *    does not set it (defaults.yaml's value is replaced).
 * 2. Every variable starting with `ANOMSTACK__<NAME>__`, where NAME is
 *    `metric_batch.upper().replace("-", "_")` (the variable's batch part must be upper case), sets
 *    `var.replace(prefix, "").lower()` (every occurrence of the prefix is removed, the key part is
 *    lower-cased) to the raw string, in os.environ order (a later one wins).
 *
 * Values are raw strings: `ANOMSTACK__B__DISABLE_TRAIN=False` is the non-empty string "False",
 * which is truthy, so it disables training.
 */
export const GLOBAL_OVERRIDES: readonly (readonly [string, string])[] = [
  ['ANOMSTACK_GCP_PROJECT_ID', 'gcp_project_id'],
  ['ANOMSTACK_MODEL_PATH', 'model_path'],
  ['ANOMSTACK_TABLE_KEY', 'table_key']
]
const YAML_PRECEDENCE = new Set(['table_key'])

/** One key the environment sets on one batch. */
export interface EnvOverride {
  readonly key: string
  readonly variable: EnvValue
}

/** `metric_batch.upper().replace("-", "_")` wrapped as the variable prefix. */
export function batchPrefix(metricBatch: string): string {
  return `ANOMSTACK__${metricBatch.toUpperCase().replaceAll('-', '_')}__`
}

/**
 * Indexes the `ANOMSTACK__…` variables once so that matching many batches stays linear: a trie
 * over variable names, walked with each batch prefix.
 */
export class OverrideIndex {
  private readonly root = new TrieNode()
  private readonly used = new Set<string>()
  /** os.environ order: the order of first appearance in the file. */
  private readonly order = new Map<EnvValue, number>()
  constructor(private readonly env: AnomstackEnv) {
    for (const v of env.vars.values()) {
      this.order.set(v, this.order.size)
      if (!v.name.startsWith('ANOMSTACK__')) continue
      let node = this.root
      for (let i = 'ANOMSTACK__'.length; i < v.name.length; i++) {
        const c = v.name[i]!
        let next = node.children.get(c)
        if (!next) node.children.set(c, (next = new TrieNode()))
        node = next
      }
      node.vars.push(v)
    }
  }

  /** The overrides for one batch, in application order (globals first, a later one wins). */
  overridesFor(metricBatch: string, ownKeys: ReadonlySet<string>): EnvOverride[] {
    const out: EnvOverride[] = []
    for (const [name, key] of GLOBAL_OVERRIDES) {
      const v = this.env.vars.get(name)
      if (!v || v.external.length > 0) continue
      if (YAML_PRECEDENCE.has(key) && ownKeys.has(key)) continue
      out.push({ key, variable: v })
    }
    const prefix = batchPrefix(metricBatch)
    let node: TrieNode | undefined = this.root
    for (let i = 'ANOMSTACK__'.length; i < prefix.length && node; i++)
      node = node.children.get(prefix[i]!)
    if (!node) return out
    const matched: EnvValue[] = []
    collect(node, matched)
    matched.sort((a, b) => this.order.get(a)! - this.order.get(b)!)
    for (const v of matched) {
      this.used.add(v.name)
      // Its value comes partly from the server's own environment, which we cannot see: checking
      // a guess could claim a crash that does not happen (env/external-reference says so).
      if (v.external.length > 0) continue
      out.push({ key: v.name.replaceAll(prefix, '').toLowerCase(), variable: v })
    }
    return out
  }

  /** `ANOMSTACK__…` variables no loaded batch's prefix matched (call after every overridesFor). */
  unmatched(): EnvValue[] {
    const out: EnvValue[] = []
    for (const v of this.env.vars.values())
      if (v.name.startsWith('ANOMSTACK__') && !this.used.has(v.name)) out.push(v)
    return out
  }
}

class TrieNode {
  readonly children = new Map<string, TrieNode>()
  readonly vars: EnvValue[] = []
}

function collect(node: TrieNode, out: EnvValue[]): void {
  const stack = [node]
  while (stack.length) {
    const n = stack.pop()!
    out.push(...n.vars)
    for (const c of n.children.values()) stack.push(c)
  }
}

/** The override as a config entry whose positions point into the env file. */
export function overrideEntry(o: EnvOverride, env: AnomstackEnv): ConfigEntry {
  const b = o.variable.binding
  return {
    name: o.key,
    entry: {
      key: {
        kind: 'scalar',
        pyType: 'str',
        value: o.key,
        plain: true,
        source: o.variable.name,
        start: b.nameStart,
        end: b.nameEnd
      },
      value: envScalar(o.variable, env.parsed.text),
      merged: false
    },
    doc: env.doc,
    fromDefaults: false
  }
}
