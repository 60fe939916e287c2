import type { BatchView } from '../../config/model.js'
import {
  batchPartFlags,
  FIXED_NAMES,
  generatedNames,
  type GeneratedKind,
  type GeneratedName
} from '../../dagster/names.js'
import { compareText } from '../../core/compare-text.js'
import { nameFew } from '../../core/few.js'
import type { RuleMeta, TreeRule } from '../types.js'
import { loadedBatches, metricBatchSpan } from './batches.js'

export const NAME_COLLISION: RuleMeta = {
  id: 'dagster/name-collision',
  severity: 'error',
  effect: 'load-crash',
  description:
    'Two enabled batches generate the same Dagster job or op/graph name (e.g. `foo` + `foo_change`): Dagster rejects the repository and the whole code location fails to load.'
}

/**
 * Dagster keeps job names unique, and op/graph/asset-op names unique across all jobs (a job's
 * graph is named like the job). Schedules are `<job>_schedule`, so they collide only with jobs.
 */
function namespace(kind: GeneratedKind): 'job' | 'node' | undefined {
  if (kind === 'job') return 'job'
  if (kind === 'op' || kind === 'graph' || kind === 'asset') return 'node'
  return undefined
}

type Owner = BatchView | 'fixed'

const KIND_WORD: Readonly<Record<GeneratedKind, string>> = {
  job: 'job',
  op: 'op',
  graph: 'graph',
  asset: 'asset',
  schedule: 'schedule',
  sensor: 'sensor'
}

/**
 * The batches that can share a name with another batch or a fixed name, in their order. Every
 * name a batch generates starts with `<batch>_` (the enabled summary's names are nobody's), so
 * `A_x` equals `B_y` only when `A_` is a prefix of `B` or `B_` of `A`; a fixed name `F` only when
 * `F` starts with `<batch>_`. Finding those prefixes on the sorted names is n log n, and the
 * about 60 claims per batch are then made for the few batches that can clash (on 10,000 batches
 * the claims were the rule's whole cost). Claims of the others could never meet, so leaving them
 * out changes no report.
 */
export function mayCollide<T extends { readonly name?: string | undefined }>(
  batches: readonly T[]
): readonly T[] {
  const names = batches.map((b) => b.name ?? '').sort(compareText)
  const risky = new Set<string>()
  // The names starting with `X_` are the sorted range [lowerBound(X_), lowerBound(X`)), as '`'
  // follows '_': each range is marked in a difference array, so nested prefixes
  // (`a`, `a_a`, `a_a_a`, …) stay n log n instead of n².
  const cover = new Int32Array(names.length + 1)
  for (const name of names) {
    const from = lowerBound(names, `${name}_`)
    const to = lowerBound(names, `${name}\``)
    if (from >= to) continue
    risky.add(name)
    cover[from]!++
    cover[to]!--
  }
  let depth = 0
  names.forEach((name, i) => {
    depth += cover[i]!
    if (depth > 0) risky.add(name)
  })
  const known = new Set(names)
  for (const def of FIXED_NAMES) {
    for (let i = def.name.indexOf('_'); i >= 0; i = def.name.indexOf('_', i + 1)) {
      const prefix = def.name.slice(0, i)
      if (known.has(prefix)) risky.add(prefix)
    }
  }
  if (risky.size === 0) return []
  return batches.filter((b) => risky.has(b.name ?? ''))
}

/** The first index of sorted `names` whose name is not below `key`. */
function lowerBound(names: readonly string[], key: string): number {
  let lo = 0
  let hi = names.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (names[mid]! < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Cross-batch uniqueness of every generated Dagster name (contract §2.9). */
export const nameCollisionRule: TreeRule = {
  kind: 'tree',
  meta: [NAME_COLLISION],
  check(ctx, report) {
    // One map per namespace, keyed by the name itself: about 60 claims per batch, so no key
    // strings or wrapper objects are built per claim.
    const owners = { job: new Map<string, Owner>(), node: new Map<string, Owner>() }
    const defs = { job: new Map<string, GeneratedName>(), node: new Map<string, GeneratedName>() }
    const claim = (
      owner: Owner,
      def: GeneratedName
    ): { owner: Owner; def: GeneratedName } | undefined => {
      const ns = namespace(def.kind)
      if (!ns) return undefined
      const prior = owners[ns].get(def.name)
      if (prior === undefined) {
        owners[ns].set(def.name, owner)
        defs[ns].set(def.name, def)
        return undefined
      }
      return prior !== owner ? { owner: prior, def: defs[ns].get(def.name)! } : undefined
    }
    for (const def of FIXED_NAMES) claim('fixed', def)

    for (const batch of mayCollide(loadedBatches(ctx.batches))) {
      const name = batch.name ?? ''
      const flags = batchPartFlags(batch)
      const clashes = new Map<Owner, string[]>()
      let whenFirst = false
      // The summary job comes from whichever batch get_specs returns first (os.walk order on the
      // server), so every batch is taken as possibly first: its disabled summary's
      // `<batch>_summary_disabled`/`<batch>_noop` count. The enabled summary's names (`summary`,
      // `get_summary`, …) are one job whoever builds it, so they are nobody's claim.
      for (const def of generatedNames(name, flags, true)) {
        if (def.part === 'summary' && !flags.summary) continue
        const prior = claim(batch, def)
        if (!prior) continue
        if (def.part === 'summary' || prior.def.part === 'summary') whenFirst = true
        const list = clashes.get(prior.owner) ?? []
        const there = KIND_WORD[prior.def.kind]
        const text = `${KIND_WORD[def.kind]} \`${def.name}\`, ${/^[aeiou]/.test(there) ? 'an' : 'a'} ${there} there`
        if (!list.includes(text)) list.push(text)
        clashes.set(prior.owner, list)
      }
      if (clashes.size === 0) continue
      // One diagnostic per batch, naming a few of the batches it clashes with plus a count, so
      // the report grows with the number of files, not with the number of clashing pairs.
      const owners = [...clashes.keys()]
      const described = owners.slice(0, 3).map((owner) => {
        const names = clashes.get(owner) ?? []
        const other =
          owner === 'fixed'
            ? "Anomstack's built-in cleanup/retention jobs"
            : `batch \`${owner.name ?? ''}\` in ${owner.doc.path}`
        return `${other} (${nameFew(names)})`
      })
      report({
        ruleId: NAME_COLLISION.id,
        doc: batch.doc,
        span: metricBatchSpan(batch),
        message: `Batch \`${name}\` defines the same names as ${nameFew(described, 3, owners.length)}${whenFirst ? ' (with a disabled summary: whenever Anomstack reads that batch first, which depends on os.walk order and can happen on any server)' : ''}: Dagster requires unique job and op/graph names, so the whole code location fails to load.`,
        hint: 'Rename one of the batches so that neither name is the other followed by `_` and a job/op suffix (e.g. avoid `foo` next to `foo_change`, `foo_get`, `foo_save`).'
      })
    }
  }
}
