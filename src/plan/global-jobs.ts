/**
 * The definitions Anomstack creates once per code location rather than per batch
 * (anomstack/jobs/summary.py, cleanup.py, retention.py, reload.py, anomstack/sensors/*), and
 * the environment variables that change them. Pure: the environment is a parameter.
 */
import type { BatchView } from '../config/model.js'
import { compareText } from '../core/compare-text.js'
import { batchPartFlags, cronValue, type ScheduleStatus } from '../dagster/names.js'

/** Environment variables as the Dagster server's process sees them (default: none set). */
export type PlanEnv = Readonly<Record<string, string | undefined>>

/** One way a global job can be defined. */
export interface GlobalJobVariant {
  /** The job name (for the summary job of a batch with `disable_summary`: `<batch>_summary_disabled`). */
  readonly job: string
  readonly schedule: string
  /** As written: a string, a list of strings, or undefined when it is neither. */
  readonly cron: string | readonly string[] | undefined
  readonly defaultStatus: ScheduleStatus
  /** For the summary job: the batches that would give this variant if read first (sorted). */
  readonly batches: readonly string[]
}

export interface PlannedGlobalJob {
  /** `summary`, `cleanup_disk_space`, `retention_cleanup` or `config_reload`. */
  readonly name: string
  /**
   * `first-batch`: built from whichever batch get_specs returns first, which is os.walk order on
   * the server (unknowable here), so every variant is possible. `fixed`: always the same.
   * `environment`: set (or only created) by environment variables.
   */
  readonly origin: 'first-batch' | 'fixed' | 'environment'
  /** Exactly one, except for a summary job whose candidate batches disagree. */
  readonly variants: readonly GlobalJobVariant[]
  /** Environment variables that change this job or its schedule. */
  readonly envVars: readonly string[]
}

const truthyFlag = (env: PlanEnv, name: string): boolean =>
  (env[name] ?? 'false').toLowerCase() === 'true'

/** The summary job as each candidate first batch would build it, grouped by outcome. */
function summaryJob(loaded: readonly BatchView[]): PlannedGlobalJob | undefined {
  const groups = new Map<
    string,
    { variant: Omit<GlobalJobVariant, 'batches'>; batches: string[] }
  >()
  for (const view of loaded) {
    if (view.name === undefined) continue
    const disabled = batchPartFlags(view).summary
    const job = disabled ? `${view.name}_summary_disabled` : 'summary'
    const cron = cronValue(view.get('summary_cron_schedule')?.entry.value)
    // Disabled summaries differ only by the batch name in the job name: one variant for all.
    const key = `${disabled ? 'disabled' : 'summary'}\0${JSON.stringify(cron ?? null)}`
    let g = groups.get(key)
    if (!g) {
      g = {
        variant: { job, schedule: `${job}_schedule`, cron, defaultStatus: 'RUNNING' },
        batches: []
      }
      groups.set(key, g)
    }
    g.batches.push(view.name)
  }
  if (groups.size === 0) return undefined
  const variants = [...groups.values()]
    .map((g) => ({ ...g.variant, batches: [...g.batches].sort(compareText) }))
    .sort(
      (a, b) =>
        compareText(a.job, b.job) || compareText(JSON.stringify(a.cron), JSON.stringify(b.cron))
    )
  return { name: 'summary', origin: 'first-batch', variants, envVars: [] }
}

function single(
  name: string,
  origin: PlannedGlobalJob['origin'],
  cron: string,
  defaultStatus: ScheduleStatus,
  envVars: readonly string[]
): PlannedGlobalJob {
  return {
    name,
    origin,
    variants: [{ job: name, schedule: `${name}_schedule`, cron, defaultStatus, batches: [] }],
    envVars
  }
}

/**
 * Every job the code location defines outside the per-batch families, given the batches
 * get_specs stores (`loaded`, any order) and the server's environment.
 */
export function globalJobsOf(loaded: readonly BatchView[], env: PlanEnv = {}): PlannedGlobalJob[] {
  const out: PlannedGlobalJob[] = []
  const summary = summaryJob(loaded)
  if (summary) out.push(summary)
  out.push(single('cleanup_disk_space', 'fixed', '0 */2 * * *', 'RUNNING', []))
  const retentionOn = (env['ANOMSTACK_RETENTION_ENABLED'] ?? 'true').toLowerCase() === 'true'
  out.push(
    single(
      'retention_cleanup',
      'fixed',
      env['ANOMSTACK_RETENTION_SCHEDULE'] ?? '0 */6 * * *',
      retentionOn ? 'RUNNING' : 'STOPPED',
      ['ANOMSTACK_RETENTION_SCHEDULE', 'ANOMSTACK_RETENTION_ENABLED']
    )
  )
  if (truthyFlag(env, 'ANOMSTACK_AUTO_CONFIG_RELOAD') || truthyFlag(env, 'DAGSTER_DEV')) {
    out.push(
      single(
        'config_reload',
        'environment',
        env['ANOMSTACK_CONFIG_RELOAD_CRON'] ?? '*/5 * * * *',
        env['ANOMSTACK_CONFIG_RELOAD_STATUS'] === 'RUNNING' ? 'RUNNING' : 'STOPPED',
        [
          'ANOMSTACK_AUTO_CONFIG_RELOAD',
          'DAGSTER_DEV',
          'ANOMSTACK_CONFIG_RELOAD_CRON',
          'ANOMSTACK_CONFIG_RELOAD_STATUS'
        ]
      )
    )
  }
  return out
}

/** The sensors the code location defines (anomstack/main.py's `sensors`). */
export function sensorsOf(env: PlanEnv = {}): string[] {
  const watcher = truthyFlag(env, 'ANOMSTACK_CONFIG_WATCHER') || truthyFlag(env, 'DAGSTER_DEV')
  return [
    'email_on_run_failure',
    'kill_long_running_runs',
    watcher ? 'config_file_watcher' : 'config_file_watcher_disabled'
  ].sort(compareText)
}
