import { describe, expect, it } from 'vitest'
import path from 'node:path'
import { readMetricsTree } from '../../src/config/read-tree.js'
import { validateTree } from '../../src/validate.js'
import { CORPUS, CORPUS_METRICS } from '../helpers/paths.js'

const where = (d: {
  severity: string
  ruleId: string
  file: string
  line: number
  column: number
}): string => `${d.severity} ${d.ruleId} ${d.file}:${d.line}:${d.column}`

describe.skipIf(!CORPUS.dir)('the upstream Anomstack corpus', () => {
  it('has zero errors, and only the warnings the contract explains', async () => {
    const tree = await readMetricsTree(path.dirname(CORPUS_METRICS), 'metrics')
    const result = validateTree(tree)
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const ex = 'metrics/examples'
    expect(result.diagnostics.map(where).sort()).toEqual(
      [
        // Dead defaults keys (contract §0.5, §0.6).
        'warning keys/dead metrics/defaults/defaults.yaml:174:1',
        'warning keys/dead metrics/defaults/defaults.yaml:191:1',
        // Steps larger than the minute field collapse to hourly at :00 (§4.2).
        `warning schedule/cron-step-overflow ${ex}/coindesk/coindesk.yaml:4:22`,
        `warning schedule/cron-step-overflow ${ex}/coindesk/coindesk.yaml:8:25`,
        `warning schedule/cron-step-overflow ${ex}/github/github.yaml:4:22`,
        `warning schedule/cron-step-overflow ${ex}/github/github.yaml:8:25`,
        `warning schedule/cron-step-overflow ${ex}/netdata/netdata.yaml:4:22`,
        `warning schedule/cron-step-overflow ${ex}/netdata_httpcheck/netdata_httpcheck.yaml:4:22`,
        `warning schedule/cron-step-overflow ${ex}/prometheus/prometheus.yaml:4:22`,
        `warning schedule/cron-step-overflow ${ex}/prometheus/prometheus.yaml:8:25`,
        `warning schedule/cron-step-overflow ${ex}/snowflake/snowflake_example_simple/snowflake_example_simple.yaml:8:23`,
        `warning schedule/cron-step-overflow ${ex}/snowflake/snowflake_example_simple/snowflake_example_simple.yaml:10:22`,
        `warning schedule/cron-step-overflow ${ex}/snowflake/snowflake_example_simple/snowflake_example_simple.yaml:11:21`,
        `warning schedule/cron-step-overflow ${ex}/snowflake/snowflake_example_simple/snowflake_example_simple.yaml:12:22`,
        `warning schedule/cron-step-overflow ${ex}/snowflake/snowflake_example_simple/snowflake_example_simple.yaml:13:23`,
        // BigQuery/Snowflake cannot run the delete job; its schedule is STOPPED (§2.1).
        `warning storage/delete-unsupported ${ex}/bigquery/bigquery_example_simple/bigquery_example_simple.yaml:2:5`,
        `warning storage/delete-unsupported ${ex}/freq/freq.yaml:2:5`,
        `warning storage/delete-unsupported ${ex}/gsod/gsod.yaml:2:5`,
        `warning storage/delete-unsupported ${ex}/gtrends/gtrends.yaml:1:5`,
        `warning storage/delete-unsupported ${ex}/snowflake/snowflake_example_simple/snowflake_example_simple.yaml:2:5`,
        `warning storage/delete-unsupported ${ex}/weather_forecast/weather_forecast.yaml:2:5`
      ].sort()
    )
  })

  it('knows every batch, which are enabled, and what each depends on', async () => {
    const tree = await readMetricsTree(path.dirname(CORPUS_METRICS), 'metrics')
    const result = validateTree(tree)
    expect(result.batches).toHaveLength(27)
    const disabled = result.batches.filter((b) => !b.enabled).map((b) => b.name)
    expect(disabled.sort()).toEqual(['example_jinja', 'example_sql_file'])
    const users = result.batches.find((b) => b.name === 'users')
    expect(users?.dependsOn).toContain('metrics/examples/users/users.sql')
    expect(users?.dependsOn).toContain('metrics/defaults/defaults.yaml')
    expect(users?.dependsOn).toContain('metrics/defaults/sql/train.sql')
    // prompt_fn is dead, so its dangling include is not a dependency.
    expect(users?.dependsOn).not.toContain('metrics/defaults/python/prompt.py')
  })
})
