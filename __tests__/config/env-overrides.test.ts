import { describe, expect, it } from 'vitest'
import { buildAnomstackEnv, REDACTED } from '../../src/config/env.js'
import { appliedOverrides } from '../../src/config/env-report.js'
import { globalEnvSettings, ignoredAsExample } from '../../src/config/env-settings.js'
import { validateTree, type ValidationResult } from '../../src/validate.js'
import { DEFAULTS, tree } from '../rules/schedule/harness.js'
import { memoryTree } from '../helpers/tree.js'

const BATCH = (name: string, extra = ''): string =>
  `metric_batch: "${name}"\ntable_key: t\ningest_sql: select 1\n${extra}`

function run(envText: string, files: Record<string, string> = { 'b/b.yaml': BATCH('my-batch') }) {
  const env = buildAnomstackEnv('.env', envText)
  return validateTree(tree(files), { env })
}

const at = (r: ValidationResult, ruleId: string) =>
  r.diagnostics
    .filter((d) => d.ruleId === ruleId)
    .map((d) => ({ severity: d.severity, file: d.file, line: d.line, column: d.column }))

describe('ANOMSTACK__<BATCH>__<KEY> overrides', () => {
  it('sets the raw string: DISABLE_TRAIN=False is truthy, and the finding points at .env', () => {
    const r = run('# header\nANOMSTACK__MY_BATCH__DISABLE_TRAIN=False\n')
    const view = r.views[0]!
    expect(view.get('disable_train')?.entry.value).toMatchObject({ pyType: 'str', value: 'False' })
    expect(view.get('disable_train')?.doc.path).toBe('.env')
    const d = r.diagnostics.find((x) => x.ruleId === 'flags/not-bool')!
    expect(d).toMatchObject({ file: '.env', line: 2, column: 36, batch: 'my-batch' })
    expect(d.message).toContain('True, so the train part is disabled')
    expect(d.message).toContain('Set by ANOMSTACK__MY_BATCH__DISABLE_TRAIN in .env')
    expect(d.hint).toContain('delete the line or leave it empty')
  })

  it('a bad __INGEST_CRON_SCHEDULE is a load crash at the value in .env', () => {
    const r = run('ANOMSTACK__MY_BATCH__INGEST_CRON_SCHEDULE="61 * * * *"\n')
    expect(at(r, 'schedule/cron-invalid')).toEqual([
      { severity: 'error', file: '.env', line: 1, column: 43 }
    ])
  })

  it('matches metric_batch.upper() with - as _, case-sensitively; the key part is lower-cased', () => {
    const r = run(
      'ANOMSTACK__MY_BATCH__Train_Cron_Schedule="0 1 * * *"\nANOMSTACK__my_batch__score_cron_schedule=bad\n'
    )
    expect(r.views[0]!.get('train_cron_schedule')?.entry.value).toMatchObject({
      value: '0 1 * * *'
    })
    expect(r.views[0]!.get('score_cron_schedule')?.doc.path).not.toBe('.env')
    expect(at(r, 'env/unknown-batch')).toEqual([
      { severity: 'warning', file: '.env', line: 2, column: 1 }
    ])
    expect(r.diagnostics.find((d) => d.ruleId === 'env/unknown-batch')!.hint).toContain(
      'ANOMSTACK__MY_BATCH__score_cron_schedule'
    )
  })

  it('a later line wins, an empty value is falsy, and DISABLE_BATCH does nothing', () => {
    const r = run(
      'ANOMSTACK__MY_BATCH__DISABLE_TRAIN=1\nANOMSTACK__MY_BATCH__DISABLE_TRAIN=\nANOMSTACK__MY_BATCH__DISABLE_BATCH=True\n'
    )
    expect(r.views[0]!.get('disable_train')?.entry.value).toMatchObject({ value: '' })
    expect(r.views[0]!.enabled).toBe(true)
    expect(at(r, 'env/no-effect')).toEqual([
      { severity: 'warning', file: '.env', line: 3, column: 1 }
    ])
  })

  it('overrides skip disabled batches, and say so', () => {
    const r = run('ANOMSTACK__MY_BATCH__DISABLE_TRAIN=1\n', {
      'b/b.yaml': BATCH('my-batch', 'disable_batch: true\n'),
      'c/c.yaml': BATCH('other')
    })
    expect(r.views[0]!.get('disable_train')?.doc.path).not.toBe('.env')
    expect(r.diagnostics.find((d) => d.ruleId === 'env/unknown-batch')!.message).toContain(
      'which is disabled'
    )
  })

  it('ANOMSTACK_TABLE_KEY replaces defaults.yaml but not the batch file; MODEL_PATH always', () => {
    const files = {
      'defaults/defaults.yaml': `${DEFAULTS}table_key: d\nmodel_path: local://./models\n`,
      'a/a.yaml': BATCH('a'),
      'b/b.yaml': 'metric_batch: b\ningest_sql: select 1\n'
    }
    const env = buildAnomstackEnv(
      '.env',
      'ANOMSTACK_TABLE_KEY=env_t\nANOMSTACK_MODEL_PATH=gs://m\n'
    )
    const r = validateTree(memoryTree(files), { env })
    const [a, b] = r.views
    expect(a!.get('table_key')?.entry.value).toMatchObject({ value: 't' })
    expect(b!.get('table_key')?.entry.value).toMatchObject({ value: 'env_t' })
    expect(a!.get('model_path')?.entry.value).toMatchObject({ value: 'gs://m' })
  })

  it('lists the applied overrides for the plan, with credential values redacted', () => {
    const r = run(
      'ANOMSTACK__MY_BATCH__INGEST_CRON_SCHEDULE="*/7 * * * *"\nANOMSTACK__MY_BATCH__SLACK_TOKEN=xoxb-1\n'
    )
    expect(appliedOverrides(r.views, r.env)).toEqual([
      {
        batch: 'my-batch',
        key: 'ingest_cron_schedule',
        variable: 'ANOMSTACK__MY_BATCH__INGEST_CRON_SCHEDULE',
        shown: '*/7 * * * *',
        line: 1
      },
      {
        batch: 'my-batch',
        key: 'slack_token',
        variable: 'ANOMSTACK__MY_BATCH__SLACK_TOKEN',
        shown: REDACTED,
        line: 2
      }
    ])
  })

  it('never prints the value of a credential-looking variable', () => {
    const r = run(
      'ANOMSTACK__MY_BATCH__INGEST_CRON_SCHEDULE=s3cr3t-pass\nANOMSTACK__MY_BATCH__API_KEY=s3cr3t-pass\n'
    )
    const text = JSON.stringify(r.diagnostics)
    expect(r.diagnostics.some((d) => d.ruleId === 'schedule/cron-invalid')).toBe(true)
    expect(text).not.toContain('s3cr3t-pass')
  })
})

describe('global environment variables', () => {
  it('reads the switches exactly as upstream does', () => {
    const s = globalEnvSettings(
      buildAnomstackEnv(
        '.env',
        'ANOMSTACK_AUTO_CONFIG_RELOAD=TRUE\nANOMSTACK_CONFIG_RELOAD_STATUS=running\nANOMSTACK_RETENTION_ENABLED=no\nANOMSTACK_CONFIG_WATCHER_INTERVAL= +1_0 \n'
      )
    )
    expect(s.configReload.enabled.value).toBe(true)
    expect(s.configReload.cron.value).toBe('*/5 * * * *')
    expect(s.configReload.status.value).toBe('STOPPED')
    expect(s.retention.enabled.value).toBe(false)
    expect(s.retention.cron.value).toBe('0 */6 * * *')
    expect(s.configWatcher.enabled.value).toBe(false)
    expect(s.configWatcher.intervalSeconds.value).toBe(10)
    expect(globalEnvSettings(undefined).retention.enabled.value).toBe(true)
  })

  it('a bad retention or (enabled) reload cron, or a non-int, crashes the load', () => {
    const r = run(
      'ANOMSTACK_RETENTION_SCHEDULE=nope\nANOMSTACK_CONFIG_RELOAD_CRON="* *"\nANOMSTACK_RETENTION_DAYS=1.5\nANOMSTACK_CONFIG_WATCHER_INTERVAL=abc\nANOMSTACK_RETENTION_BATCH_SIZE=" 7 "\n'
    )
    expect(at(r, 'env/cron-invalid')).toEqual([
      { severity: 'error', file: '.env', line: 1, column: 30 }
    ])
    expect(at(r, 'env/cron-latent')).toEqual([
      { severity: 'warning', file: '.env', line: 2, column: 30 }
    ])
    expect(at(r, 'env/int-invalid')).toEqual([
      { severity: 'error', file: '.env', line: 3, column: 26 },
      { severity: 'error', file: '.env', line: 4, column: 35 }
    ])
    const on = run('DAGSTER_DEV=true\nANOMSTACK_CONFIG_RELOAD_CRON="* *"\n')
    expect(at(on, 'env/cron-invalid')).toEqual([
      { severity: 'error', file: '.env', line: 2, column: 30 }
    ])
  })

  it('flags near-miss switch values', () => {
    const r = run('ANOMSTACK_IGNORE_EXAMPLES=true\nANOMSTACK_AUTO_CONFIG_RELOAD=1\n')
    expect(at(r, 'env/flag-value')).toEqual([
      { severity: 'warning', file: '.env', line: 1, column: 27 },
      { severity: 'warning', file: '.env', line: 2, column: 30 }
    ])
  })

  it('reports an unparsable statement by line without echoing it', () => {
    const r = run('A=1\nSECRET="hunter2 \n')
    expect(at(r, 'env/parse-error')).toEqual([
      { severity: 'warning', file: '.env', line: 2, column: 1 }
    ])
    expect(JSON.stringify(r.diagnostics)).not.toContain('hunter2')
  })
})

describe('ANOMSTACK_IGNORE_EXAMPLES=yes', () => {
  it('skips files in folders below metrics/examples/, not files directly in it', () => {
    expect(ignoredAsExample('examples/x/x.yaml')).toBe(true)
    expect(ignoredAsExample('examples/x/y/z.yaml')).toBe(true)
    expect(ignoredAsExample('examples/x.yaml')).toBe(false)
    expect(ignoredAsExample('Examples/x/x.yaml')).toBe(false)
    expect(ignoredAsExample('mine/examples/x/x.yaml')).toBe(false)
  })

  it('hides those batches (broken ones too) and keeps the rest', () => {
    const r = run('ANOMSTACK_IGNORE_EXAMPLES=yes\n', {
      'examples/a/a.yaml': BATCH('a'),
      'examples/broken/b.yaml': 'metric_batch: [unclosed\n',
      'examples/top.yaml': BATCH('top')
    })
    expect(r.batches.map((b) => b.name)).toEqual(['top'])
    expect(r.ignoredFiles).toEqual(['metrics/examples/a/a.yaml', 'metrics/examples/broken/b.yaml'])
    // The minimal defaults lack job keys (defaults/missing-key): only the env and file rules matter.
    const errors = r.diagnostics.filter(
      (d) => d.severity === 'error' && d.ruleId !== 'defaults/missing-key'
    )
    expect(errors).toEqual([])
    expect(at(r, 'env/examples-ignored')).toEqual([
      { severity: 'notice', file: '.env', line: 1, column: 1 }
    ])
  })

  it('zero batches left is a load crash, reported at the variable', () => {
    const r = run('X=1\nANOMSTACK_IGNORE_EXAMPLES=yes\n', { 'examples/a/a.yaml': BATCH('a') })
    expect(at(r, 'env/no-batches')).toEqual([
      { severity: 'error', file: '.env', line: 2, column: 1 }
    ])
    expect(at(r, 'batch/no-enabled')).toEqual([])
  })
})

describe('values taken from the server environment', () => {
  it('are not applied or checked, only noted', () => {
    const r = run(
      'ANOMSTACK__MY_BATCH__INGEST_CRON_SCHEDULE=${PROD_CRON}\nANOMSTACK_RETENTION_DAYS=${DAYS}\n'
    )
    expect(r.views[0]!.get('ingest_cron_schedule')?.doc.path).not.toBe('.env')
    expect(r.diagnostics.filter((d) => d.file === '.env').map((d) => d.ruleId)).toEqual([
      'env/external-reference',
      'env/external-reference'
    ])
  })
})

describe('ANOMSTACK__<BATCH>__METRIC_BATCH', () => {
  it('renames the batch for its jobs (matched by the file name, named by the override)', () => {
    const r = run('ANOMSTACK__SALES__METRIC_BATCH=renamed\n', {
      's/s.yaml': BATCH('sales'),
      'o/o.yaml': BATCH('other')
    })
    expect(r.batches.map((b) => b.name).sort()).toEqual(['other', 'renamed'])
    // The variable matched the file's own metric_batch, so it is not reported as unknown.
    expect(at(r, 'env/unknown-batch')).toEqual([])
  })
})
