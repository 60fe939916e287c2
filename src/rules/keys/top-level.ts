import { keyInfo, type KeyInfo } from '../../config/keys.js'
import type { BatchView } from '../../config/model.js'
import type { YEntry } from '../../yaml/node.js'
import type { BatchRule, Finding, RuleContext, RuleMeta } from '../types.js'
import { namesUsedByTemplates } from './jinja-refs.js'
import { suggestKey } from './suggest.js'

const META: readonly RuleMeta[] = [
  {
    id: 'keys/unknown',
    severity: 'warning',
    effect: 'ignored',
    description:
      'A top-level key Anomstack never reads (a notice when the batch uses it as a Jinja variable in its templates).'
  },
  {
    id: 'keys/deprecated',
    severity: 'warning',
    effect: 'ignored',
    description: 'A key Anomstack has replaced; the hint names the replacement.'
  },
  {
    id: 'keys/dead',
    severity: 'warning',
    effect: 'ignored',
    description:
      'A key Anomstack accepts but never reads (`disable_alert`, `prompt_fn`, `gcp_project_id`, `metrics_dir`): setting it has no effect.'
  },
  {
    id: 'keys/doc-only',
    severity: 'warning',
    effect: 'ignored',
    description:
      "A key that exists only in Anomstack's documentation or prototypes (`ingest_sql_file`, `schedule`...): it is ignored."
  }
]

/** Messages for dead keys, where the catalogue's one-liner is not enough. */
const DEAD_MESSAGES: Readonly<Record<string, string>> = {
  disable_alert:
    '`disable_alert` has no effect: the alert job reads `disable_alerts` (plural), so this flag never disables anything.',
  prompt_fn:
    '`prompt_fn` is ignored: Anomstack stopped rendering it on 2025-05-25 (its include target prompt.py was deleted too).',
  gcp_project_id:
    '`gcp_project_id` is never read from YAML: BigQuery only uses the ANOMSTACK_GCP_PROJECT_ID environment variable.',
  metrics_dir:
    '`metrics_dir` is always overwritten by get_specs with the real metrics folder, so a YAML value has no effect.'
}

function keyFinding(
  ruleId: string,
  batch: BatchView,
  e: YEntry,
  message: string,
  hint: string | undefined,
  severity?: Finding['severity']
): Finding {
  return {
    ruleId,
    doc: batch.doc,
    span: { start: e.key.start, end: e.key.end },
    message,
    ...(hint !== undefined ? { hint } : {}),
    ...(severity !== undefined ? { severity } : {})
  }
}

/**
 * Whether a template can see the key: for a batch, its own rendered templates; for
 * defaults.yaml, any batch's (they all inherit the key).
 */
function usedByTemplates(name: string, batch: BatchView, ctx: RuleContext): boolean {
  if (namesUsedByTemplates(batch, ctx).has(name)) return true
  return batch.isDefaults && ctx.batches.some((b) => namesUsedByTemplates(b, ctx).has(name))
}

function unknownKey(name: string, batch: BatchView, e: YEntry, ctx: RuleContext): Finding {
  if (usedByTemplates(name, batch, ctx)) {
    return keyFinding(
      'keys/unknown',
      batch,
      e,
      `\`${name}\` is not an Anomstack key, but this batch's templates use it as a Jinja variable (templates see the whole spec), so it is a custom parameter.`,
      undefined,
      'notice'
    )
  }
  const guess = suggestKey(name)
  return keyFinding(
    'keys/unknown',
    batch,
    e,
    `\`${name}\` is not a key Anomstack reads, and no template of this batch uses it: it is ignored.`,
    guess !== undefined
      ? `Did you mean \`${guess}\`?`
      : 'Remove it, or reference it from `ingest_sql`/`ingest_fn` as {{ ' +
          name +
          ' }} if it is a custom parameter.'
  )
}

function catalogued(
  info: KeyInfo,
  batch: BatchView,
  e: YEntry,
  ctx: RuleContext
): Finding | undefined {
  const name = info.name
  switch (info.status) {
    case 'live':
      return undefined
    case 'dead':
    case 'internal':
      return keyFinding(
        'keys/dead',
        batch,
        e,
        DEAD_MESSAGES[name] ?? `\`${name}\` has no effect: ${info.description}`,
        info.hint
      )
    case 'deprecated': {
      // The legacy prompt name still works as a fallback, so it is only worth a notice.
      const stillRead = name === 'llmalert_anomaly_agent_system_prompt'
      return keyFinding(
        'keys/deprecated',
        batch,
        e,
        `\`${name}\` is deprecated${info.replacement !== undefined ? ` (replaced by \`${info.replacement}\`)` : ''}. ${info.description}`,
        info.hint,
        stillRead ? 'notice' : undefined
      )
    }
    case 'doc-only': {
      const used = usedByTemplates(name, batch, ctx)
      return keyFinding(
        'keys/doc-only',
        batch,
        e,
        used
          ? `\`${name}\` appears in Anomstack's documentation but Anomstack never reads it; this batch's templates use it as a Jinja variable, so it works only as a custom parameter.`
          : `\`${name}\` appears only in Anomstack's documentation or prototypes; Anomstack never reads it, so it is ignored.`,
        info.hint,
        used ? 'notice' : undefined
      )
    }
  }
}

/** Every top-level key the file itself writes, checked against the key catalogue. */
export const topLevelKeysRule: BatchRule = {
  kind: 'batch',
  meta: META,
  check(batch, ctx, report) {
    for (const e of batch.doc.root.entries) {
      const key = e.key
      // Non-string keys (`on:`, `123:`) are yaml-keys/non-string-key's to report.
      if (key.kind !== 'scalar' || key.pyType !== 'str' || typeof key.value !== 'string') continue
      const info = keyInfo(key.value)
      const finding = info ? catalogued(info, batch, e, ctx) : unknownKey(key.value, batch, e, ctx)
      if (finding) report(finding)
    }
  }
}
