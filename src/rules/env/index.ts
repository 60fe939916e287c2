import type { Span } from '../../core/diagnostic.js'
import type { EnvValue } from '../../config/env-file.js'
import { batchPrefix } from '../../config/env-overrides.js'
import { globalEnvSettings, type EnvSetting } from '../../config/env-settings.js'
import { pyInt } from '../../core/python-text.js'
import { validateCron } from '../../cron/parse-cron.js'
import type { Rule, RuleContext, RuleMeta, TreeRule } from '../types.js'

export const ENV_META = {
  parseError: {
    id: 'env/parse-error',
    severity: 'warning',
    effect: 'ignored',
    description:
      'A statement in the env file python-dotenv cannot parse (an unclosed quote, text after a quoted value): Dagster logs a warning and skips it, so its variable is not set.'
  },
  unknownBatch: {
    id: 'env/unknown-batch',
    severity: 'warning',
    effect: 'ignored',
    description:
      'An `ANOMSTACK__<BATCH>__<KEY>` variable whose batch part matches no enabled batch (`metric_batch.upper()`, `-` as `_`): get_specs applies it to nothing.'
  },
  noEffect: {
    id: 'env/no-effect',
    severity: 'warning',
    effect: 'ignored',
    description:
      'An override get_specs applies too late to matter: `ANOMSTACK__<BATCH>__DISABLE_BATCH` is set after the `disable_batch` test, so it neither disables nor enables the batch.'
  },
  cronInvalid: {
    id: 'env/cron-invalid',
    severity: 'error',
    effect: 'load-crash',
    description:
      '`ANOMSTACK_RETENTION_SCHEDULE` (always) or `ANOMSTACK_CONFIG_RELOAD_CRON` (when the reload job is on) is a cron Dagster rejects: ScheduleDefinition raises at import and the whole code location fails to load.'
  },
  cronLatent: {
    id: 'env/cron-latent',
    severity: 'warning',
    effect: 'latent',
    description:
      '`ANOMSTACK_CONFIG_RELOAD_CRON` is a cron Dagster rejects, but the config reload job is off, so it is not read yet: turning on ANOMSTACK_AUTO_CONFIG_RELOAD or DAGSTER_DEV will make the code location fail to load.'
  },
  intInvalid: {
    id: 'env/int-invalid',
    severity: 'error',
    effect: 'load-crash',
    description:
      '`ANOMSTACK_RETENTION_DAYS`, `ANOMSTACK_RETENTION_BATCH_SIZE` or `ANOMSTACK_CONFIG_WATCHER_INTERVAL` is not something Python `int()` accepts: the module raises ValueError at import and the whole code location fails to load.'
  },
  flagValue: {
    id: 'env/flag-value',
    severity: 'warning',
    effect: 'suspicious',
    description:
      'A switch set to a value Anomstack does not recognise: `ANOMSTACK_IGNORE_EXAMPLES` only acts on exactly `yes`, the `*_RELOAD`/`*_WATCHER`/`*_ENABLED`/`DAGSTER_DEV` switches only on `true` (any case), the reload status only on exactly `RUNNING`.'
  },
  examplesIgnored: {
    id: 'env/examples-ignored',
    severity: 'notice',
    effect: 'ignored',
    description:
      '`ANOMSTACK_IGNORE_EXAMPLES=yes` hides every batch file in a folder below `metrics/examples/`: Anomstack never reads them (see env/no-batches when none is left).'
  },
  noBatches: {
    id: 'env/no-batches',
    severity: 'error',
    effect: 'load-crash',
    description:
      '`ANOMSTACK_IGNORE_EXAMPLES=yes` hides every batch (they all live in folders below `metrics/examples/`): with no batches, building the summary job raises IndexError and the whole code location fails to load.'
  },
  externalReference: {
    id: 'env/external-reference',
    severity: 'notice',
    effect: 'not-checked',
    description:
      'A value interpolates `${VAR}` that the file does not set: the server\u2019s own environment decides it, so checks that depend on the value are skipped.'
  }
} as const satisfies Record<string, RuleMeta>

function nameSpan(v: EnvValue): Span {
  return { start: v.binding.nameStart, end: v.binding.nameEnd }
}
function valueSpan(v: EnvValue): Span {
  const b = v.binding
  return { start: b.valueStart, end: Math.max(b.valueEnd, b.valueStart) }
}

const INT_VARS = [
  'ANOMSTACK_RETENTION_DAYS',
  'ANOMSTACK_RETENTION_BATCH_SIZE',
  'ANOMSTACK_CONFIG_WATCHER_INTERVAL'
] as const

const TRUE_SWITCHES = [
  'ANOMSTACK_AUTO_CONFIG_RELOAD',
  'ANOMSTACK_CONFIG_WATCHER',
  'ANOMSTACK_RETENTION_ENABLED',
  'DAGSTER_DEV'
] as const

const YES_LIKE = /^(y|yes|true|on|1|enabled?)$/i
const NO_LIKE = /^(n|no|false|off|0|disabled?)$/i

const envRule: TreeRule = {
  kind: 'tree',
  meta: Object.values(ENV_META),
  check(ctx, report) {
    const env = ctx.env
    if (!env) return
    const doc = env.env.doc
    const at = (meta: RuleMeta, span: Span, message: string, hint?: string): void =>
      report({
        ruleId: meta.id,
        doc,
        span,
        message,
        ...(hint !== undefined ? { hint } : {}),
        severity: meta.severity
      })
    for (const e of env.env.parsed.errors) {
      const line = env.env.doc.load.text.slice(e.start, e.end)
      at(
        ENV_META.parseError,
        { start: e.start, end: e.start + Math.max(1, line.trimEnd().length) },
        'python-dotenv cannot parse this statement: Dagster logs "could not parse statement" and skips it, so the variable on it is not set.',
        'Write `NAME=value`; close every quote, and put nothing but a `# comment` after a quoted value.'
      )
    }
    for (const v of env.env.vars.values()) {
      if (v.external.length > 0) {
        at(
          ENV_META.externalReference,
          valueSpan(v),
          `${v.name} interpolates ${v.external.map((n) => '${' + n + '}').join(', ')}, which this file does not set: the server\u2019s environment decides the value, so checks that depend on it are skipped.`
        )
      }
    }
    checkOverrides(ctx, env, at)
    checkGlobals(ctx, at)
  }
}

type At = (meta: RuleMeta, span: Span, message: string, hint?: string) => void

function checkOverrides(ctx: RuleContext, env: NonNullable<RuleContext['env']>, at: At): void {
  // The batches get_specs applies overrides to: enabled, with a string metric_batch.
  const loaded = ctx.batches.filter((b) => !b.isDefaults && b.enabled && b.name !== undefined)
  const prefixes = new Map<string, string>()
  for (const b of loaded) if (b.name !== undefined) prefixes.set(batchPrefix(b.name), b.name)
  const disabledPrefixes = new Map<string, string>()
  for (const b of ctx.batches)
    if (!b.isDefaults && !b.enabled && b.name !== undefined)
      disabledPrefixes.set(batchPrefix(b.name), b.name)
  for (const v of env.unmatched) {
    const upper = v.name.toUpperCase()
    const disabled = [...disabledPrefixes].find(([p]) => v.name.startsWith(p))
    const caseOnly = [...prefixes].find(([p]) => upper.startsWith(p))
    const message = disabled
      ? `${v.name} names batch "${disabled[1]}", which is disabled: get_specs skips it before applying overrides, so this does nothing.`
      : caseOnly
        ? `${v.name} does not match batch "${caseOnly[1]}": get_specs compares the batch part with metric_batch.upper() (\`-\` as \`_\`), case-sensitively, so this override is ignored.`
        : `${v.name} matches no enabled batch: get_specs only applies ANOMSTACK__<METRIC_BATCH upper-cased, - as _>__<KEY>, so this override is ignored.`
    at(
      ENV_META.unknownBatch,
      nameSpan(v),
      message,
      caseOnly
        ? `Write the batch part in upper case: ${caseOnly[0]}${v.name.slice(caseOnly[0].length)}.`
        : 'Check the batch name, or delete the line.'
    )
  }
  for (const b of loaded) {
    const e = b.get('disable_batch')
    if (e?.doc !== env.env.doc) continue
    const key = e.entry.key
    at(
      ENV_META.noEffect,
      { start: key.start, end: key.end },
      `${key.kind === 'scalar' ? key.source : 'disable_batch'} has no effect: get_specs tests disable_batch before it applies environment overrides, so batch "${b.name}" stays enabled whatever the value.`,
      'Set `disable_batch: true` in the batch file instead, or delete the line.'
    )
  }
}

function checkGlobals(ctx: RuleContext, at: At): void {
  const env = ctx.env!
  const s = globalEnvSettings(env.env)
  const cron = (setting: EnvSetting<string>, crashes: boolean, what: string): void => {
    const v = setting.source
    if (!v || v.external.length > 0) return
    const r = validateCron(v.value)
    if (r.ok) return
    at(
      crashes ? ENV_META.cronInvalid : ENV_META.cronLatent,
      valueSpan(v),
      crashes
        ? `${v.name} "${v.value}" is not a cron Dagster accepts (${r.reason}): the ${what} ScheduleDefinition raises at import and the whole code location fails to load.`
        : `${v.name} "${v.value}" is not a cron Dagster accepts (${r.reason}); it is only read when the config reload job is on (ANOMSTACK_AUTO_CONFIG_RELOAD or DAGSTER_DEV = true), and then the whole code location fails to load.`,
      'Write five fields, `minute hour day-of-month month day-of-week`, e.g. ' +
        (what === 'retention_cleanup' ? '"0 */6 * * *".' : '"*/5 * * * *".')
    )
  }
  cron(s.retention.cron, true, 'retention_cleanup')
  cron(s.configReload.cron, s.configReload.enabled.value, 'config_reload')

  for (const name of INT_VARS) {
    const v = env.env.vars.get(name)
    if (!v || v.external.length > 0 || pyInt(v.value) !== undefined) continue
    at(
      ENV_META.intInvalid,
      valueSpan(v),
      `${name} "${v.value}" is not an integer Python's int() accepts: the module raises ValueError at import and the whole code location fails to load.`,
      'Write a whole number, e.g. `' + name + '=' + (name.endsWith('INTERVAL') ? '30' : '1') + '`.'
    )
  }

  for (const name of TRUE_SWITCHES) {
    const v = env.env.vars.get(name)
    if (!v || v.value.toLowerCase() === 'true' || v.value.toLowerCase() === 'false') continue
    if (!YES_LIKE.test(v.value.trim()) && !NO_LIKE.test(v.value.trim())) continue
    const on = YES_LIKE.test(v.value.trim())
    at(
      ENV_META.flagValue,
      valueSpan(v),
      `${name}="${v.value}" reads as off: Anomstack compares .lower() with "true" and nothing else${on ? ', so this does not turn it on' : ''}.`,
      `Write ${name}=${on ? 'true' : 'false'}.`
    )
  }
  const ignore = env.env.vars.get('ANOMSTACK_IGNORE_EXAMPLES')
  if (ignore && ignore.value !== 'yes' && YES_LIKE.test(ignore.value.trim())) {
    at(
      ENV_META.flagValue,
      valueSpan(ignore),
      `ANOMSTACK_IGNORE_EXAMPLES="${ignore.value}" does nothing: get_specs only skips the examples for exactly "yes".`,
      'Write ANOMSTACK_IGNORE_EXAMPLES=yes.'
    )
  }
  const status = s.configReload.status.source
  if (status && status.value !== 'RUNNING' && status.value.toUpperCase() === 'RUNNING') {
    at(
      ENV_META.flagValue,
      valueSpan(status),
      `ANOMSTACK_CONFIG_RELOAD_STATUS="${status.value}" reads as STOPPED: only exactly "RUNNING" starts the config_reload schedule.`,
      'Write ANOMSTACK_CONFIG_RELOAD_STATUS=RUNNING.'
    )
  }

  if (ignore && s.ignoreExamples.value && env.ignoredFiles.length > 0) {
    const none = ctx.batches.every((b) => b.isDefaults || !b.enabled)
    const meta = none ? ENV_META.noBatches : ENV_META.examplesIgnored
    const n = env.ignoredFiles.length
    at(
      meta,
      nameSpan(ignore),
      none
        ? `ANOMSTACK_IGNORE_EXAMPLES=yes hides all ${n} batch file${n === 1 ? '' : 's'} (they are in folders below metrics/examples/): with no batches, building the summary job raises IndexError and the whole code location fails to load.`
        : `ANOMSTACK_IGNORE_EXAMPLES=yes hides ${n} batch file${n === 1 ? '' : 's'} in folders below metrics/examples/: Anomstack never reads them.`,
      none
        ? 'Move your batches out of metrics/examples/, or remove ANOMSTACK_IGNORE_EXAMPLES.'
        : undefined
    )
  }
}

export const rules: Rule[] = [envRule]
