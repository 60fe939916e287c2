import { keyInfo } from '../../config/keys.js'
import { pyTruthy } from '../../config/truthy.js'
import { describePyValue } from '../batch/name.js'
import type { BatchRule, RuleMeta } from '../types.js'

const META: readonly RuleMeta[] = [
  {
    id: 'flags/not-bool',
    severity: 'warning',
    effect: 'suspicious',
    description:
      'A `disable_*` flag that is not a YAML boolean: Anomstack tests Python truthiness, so the quoted string "false" disables.'
  }
]

/** What a truthy or falsy flag does, for messages. */
function effect(key: string, truthy: boolean): string {
  if (key === 'disable_batch') {
    return truthy
      ? 'so Anomstack skips this batch entirely: no jobs, no schedules'
      : 'so the batch stays enabled'
  }
  const part = key.slice('disable_'.length)
  return truthy ? `so the ${part} part is disabled` : `so the ${part} part stays enabled`
}

/** `disable_*` values are read with `if spec.get(key):` (contract §2.7), never type-checked. */
export const flagTypeRule: BatchRule = {
  kind: 'batch',
  meta: META,
  check(batch, _ctx, report) {
    // Own entries only: the merged list of every batch was this rule's cost on a large tree.
    for (const e of batch.ownEntries) {
      if (!e.name.startsWith('disable_')) continue
      // A key Anomstack never reads (`disable_alert`) has no effect whatever its type; keys/dead says so.
      if (keyInfo(e.name)?.status === 'dead') continue
      const node = e.entry.value
      if (node.kind === 'scalar' && node.pyType === 'bool') continue
      const truthy = pyTruthy(node)
      const shown =
        node.kind === 'scalar' && node.pyType === 'str'
          ? `the string "${String(node.value)}"`
          : describePyValue(node)
      const misleading =
        node.kind === 'scalar' &&
        node.pyType === 'str' &&
        /^(false|no|off|0|n)$/i.test(String(node.value).trim())
      report({
        ruleId: 'flags/not-bool',
        doc: e.doc,
        span: { start: node.start, end: node.end },
        message: `\`${e.name}\` is ${shown}, not a boolean: Anomstack only tests truthiness, which is ${truthy ? 'True' : 'False'}, ${effect(e.name, truthy)}${misleading ? ' (the opposite of what the text says)' : ''}.`,
        hint: misleading
          ? `Use an unquoted YAML boolean: \`${e.name}: false\` (or \`${e.name}: true\` to keep it disabled).`
          : `Use an unquoted YAML boolean: \`${e.name}: ${truthy ? 'true' : 'false'}\`.`
      })
    }
  }
}
