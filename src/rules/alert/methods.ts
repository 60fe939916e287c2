import type { SourceDoc } from '../../config/model.js'
import type { Span } from '../../core/diagnostic.js'
import type { YSeq } from '../../yaml/node.js'
import type { BatchRule, Report } from '../types.js'
import { excerpt, strValue } from '../yaml-keys/scalars.js'

const KEYS = ['alert_methods', 'tholdalert_methods'] as const
const METHODS = ['email', 'slack'] as const

/**
 * `send_alert` tests `"slack" in alert_methods` and `"email" in alert_methods`: substring,
 * case-sensitive, anything else ignored.
 */
export const alertMethodsRule: BatchRule = {
  kind: 'batch',
  meta: [
    {
      id: 'alert/methods',
      severity: 'warning',
      effect: 'suspicious',
      description:
        'alert_methods/tholdalert_methods that send nothing (no lower-case `email` or `slack`, or empty) or contain tokens Anomstack ignores.'
    }
  ],
  check(batch, _ctx, report) {
    for (const key of KEYS) {
      const entry = batch.get(key)
      if (!entry) continue
      const at = { doc: entry.doc, span: entry.entry.value }
      if (entry.entry.value.kind === 'seq') {
        checkList(key, entry.entry.value, at, report)
        continue
      }
      const value = strValue(entry.entry.value)
      if (value === undefined) continue
      const sends = METHODS.filter((m) => value.includes(m))
      if (sends.length === 0) {
        const wrongCase = METHODS.filter((m) => value.toLowerCase().includes(m))
        report({
          ruleId: 'alert/methods',
          ...at,
          message:
            value.trim() === ''
              ? `${key} is empty: no alert is sent (alerts are still saved).`
              : wrongCase.length > 0
                ? `${key} \`${excerpt(value)}\` does not contain lower-case ${wrongCase.map((m) => `\`${m}\``).join(' or ')}: Anomstack matches case-sensitively, so no alert is sent.`
                : `${key} \`${excerpt(value)}\` names neither email nor slack: Anomstack ignores other methods, so no alert is sent.`,
          hint:
            wrongCase.length > 0
              ? `Write \`${wrongCase.join(',')}\` in lower case.`
              : 'Use a comma list of `email` and/or `slack`, e.g. "email,slack".'
        })
        continue
      }
      const ignored = value
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '' && !METHODS.some((m) => t.includes(m)))
      if (ignored.length === 0) continue
      report({
        ruleId: 'alert/methods',
        ...at,
        message: `${key} lists ${ignored.map((t) => `\`${excerpt(t)}\``).join(', ')}, which Anomstack ignores: only email and slack are sent.`,
        hint: 'Remove the unsupported methods (Anomstack only sends email and slack).'
      })
    }
  }
}

/** A YAML list also works: `"email" in [...]` is then an exact item match. */
function checkList(
  key: string,
  list: YSeq,
  at: { doc: SourceDoc; span: Span },
  report: Report
): void {
  const items = list.items.map((n) => strValue(n)).filter((s) => s !== undefined)
  if (METHODS.some((m) => items.includes(m))) return
  report({
    ruleId: 'alert/methods',
    ...at,
    message: `${key} lists neither \`email\` nor \`slack\` exactly (a list is matched item by item, case-sensitively), so no alert is sent.`,
    hint: 'Use the string "email,slack", or list the items `email` and/or `slack` in lower case.'
  })
}
