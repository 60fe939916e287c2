import type { AnomstackEnv } from './env.js'
import type { EnvValue } from './env-file.js'
import { pyInt } from '../core/python-text.js'

/**
 * The global definitions the environment changes, read the way upstream's job and sensor modules
 * read them at import time (anomstack/jobs/reload.py, retention.py, sensors/config_reload.py,
 * config.py). `source` is the variable that set a value, when the env file set it.
 */
export interface EnvSetting<T> {
  readonly value: T
  readonly source?: EnvValue
}

export interface GlobalEnvSettings {
  /** `ANOMSTACK_IGNORE_EXAMPLES == "yes"` (exactly). */
  readonly ignoreExamples: EnvSetting<boolean>
  /** The `config_reload` job and its schedule exist. */
  readonly configReload: {
    /** `ANOMSTACK_AUTO_CONFIG_RELOAD.lower() == "true"` or `DAGSTER_DEV.lower() == "true"`. */
    readonly enabled: EnvSetting<boolean>
    readonly cron: EnvSetting<string>
    /** RUNNING only for exactly `ANOMSTACK_CONFIG_RELOAD_STATUS=RUNNING`. */
    readonly status: EnvSetting<'RUNNING' | 'STOPPED'>
  }
  /** `config_file_watcher` (enabled) or `config_file_watcher_disabled`. */
  readonly configWatcher: {
    readonly enabled: EnvSetting<boolean>
    /** `int(ANOMSTACK_CONFIG_WATCHER_INTERVAL)`, undefined when int() would raise. */
    readonly intervalSeconds: EnvSetting<number | undefined>
  }
  /** `retention_cleanup` is always defined; these set its schedule. */
  readonly retention: {
    readonly cron: EnvSetting<string>
    /** `ANOMSTACK_RETENTION_ENABLED.lower() == "true"`: the schedule's default status. */
    readonly enabled: EnvSetting<boolean>
  }
}

export const CONFIG_RELOAD_DEFAULT_CRON = '*/5 * * * *'
export const RETENTION_DEFAULT_CRON = '0 */6 * * *'

function get(env: AnomstackEnv | undefined, name: string): EnvValue | undefined {
  return env?.vars.get(name)
}

function setting<T>(value: T, source: EnvValue | undefined): EnvSetting<T> {
  return source ? { value, source } : { value }
}

/** `os.getenv(name, "false").lower() == "true"`. */
function flag(env: AnomstackEnv | undefined, name: string, dflt: string): EnvSetting<boolean> {
  const v = get(env, name)
  return setting((v?.value ?? dflt).toLowerCase() === 'true', v)
}

/** Either of two flags; the source is the one that turned it on (or the first one set). */
function either(a: EnvSetting<boolean>, b: EnvSetting<boolean>): EnvSetting<boolean> {
  if (a.value) return a
  if (b.value) return b
  return a.source ? a : b
}

export function globalEnvSettings(env: AnomstackEnv | undefined): GlobalEnvSettings {
  const dev = flag(env, 'DAGSTER_DEV', 'false')
  const ignore = get(env, 'ANOMSTACK_IGNORE_EXAMPLES')
  const reloadCron = get(env, 'ANOMSTACK_CONFIG_RELOAD_CRON')
  const reloadStatus = get(env, 'ANOMSTACK_CONFIG_RELOAD_STATUS')
  const interval = get(env, 'ANOMSTACK_CONFIG_WATCHER_INTERVAL')
  const retentionCron = get(env, 'ANOMSTACK_RETENTION_SCHEDULE')
  return {
    ignoreExamples: setting(ignore?.value === 'yes', ignore),
    configReload: {
      enabled: either(flag(env, 'ANOMSTACK_AUTO_CONFIG_RELOAD', 'false'), dev),
      cron: setting(reloadCron?.value ?? CONFIG_RELOAD_DEFAULT_CRON, reloadCron),
      status: setting(reloadStatus?.value === 'RUNNING' ? 'RUNNING' : 'STOPPED', reloadStatus)
    },
    configWatcher: {
      enabled: either(flag(env, 'ANOMSTACK_CONFIG_WATCHER', 'false'), dev),
      intervalSeconds: setting(interval ? pyInt(interval.value) : 30, interval)
    },
    retention: {
      cron: setting(retentionCron?.value ?? RETENTION_DEFAULT_CRON, retentionCron),
      enabled: flag(env, 'ANOMSTACK_RETENTION_ENABLED', 'true')
    }
  }
}

/**
 * Whether Anomstack never reads a batch file at this path (relative to the metrics folder):
 * `examples_dir in Path(root).parents` skips files in any folder *below* `metrics/examples/`,
 * not files directly in it. The test is case-sensitive.
 */
export function ignoredAsExample(relPath: string): boolean {
  if (!relPath.startsWith('examples/')) return false
  return relPath.indexOf('/', 'examples/'.length) !== -1
}
