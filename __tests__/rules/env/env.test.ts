import { describe, expect, it } from 'vitest'
import { buildAnomstackEnv } from '../../../src/config/env.js'
import { rules } from '../../../src/rules/env/index.js'
import { validateTree } from '../../../src/validate.js'
import { memoryTree } from '../../helpers/tree.js'

// The env-file rules on their own (the other rules' findings would only add noise), with every
// field a reader sees: position, span end, severity, message and hint.

const BATCH = (name: string, extra = ''): string =>
  `metric_batch: "${name}"\ntable_key: t\ningest_sql: select 1\n${extra}`

interface EnvHit {
  readonly ruleId: string
  readonly severity: string
  readonly at: readonly [line: number, column: number, endLine: number, endColumn: number]
  readonly message: string
  readonly hint?: string
}

function run(
  envText: string,
  files: Record<string, string> = { 'b/b.yaml': BATCH('my-batch') }
): EnvHit[] {
  const env = buildAnomstackEnv('.env', envText)
  const tree = memoryTree({ 'defaults/defaults.yaml': 'db: duckdb\n', ...files })
  return validateTree(tree, { env, rules })
    .diagnostics.filter((d) => d.file === '.env')
    .map((d) => ({
      ruleId: d.ruleId,
      severity: d.severity,
      at: [d.line, d.column, d.endLine, d.endColumn] as const,
      message: d.message,
      ...(d.hint !== undefined ? { hint: d.hint } : {})
    }))
}

const CRASH = 'the whole code location fails to load.'
const FIVE_FIELDS = 'Write five fields, `minute hour day-of-month month day-of-week`, e.g. '
const NOT_INT =
  "is not an integer Python's int() accepts: the module raises ValueError at import and"

describe('env/parse-error', () => {
  const PARSE = {
    ruleId: 'env/parse-error',
    severity: 'warning',
    message:
      'python-dotenv cannot parse this statement: Dagster logs "could not parse statement" and skips it, so the variable on it is not set.',
    hint: 'Write `NAME=value`; close every quote, and put nothing but a `# comment` after a quoted value.'
  }

  it('points at the statement up to its trimmed end, not at blank lines', () => {
    expect(run('A=1\nSECRET="hunter2 \n')).toEqual([{ ...PARSE, at: [2, 1, 2, 16] }])
    expect(run('   \nX="a" b\n')).toEqual([{ ...PARSE, at: [2, 1, 2, 8] }])
  })

  it('an unclosed quote runs on to the next line, as python-dotenv reads it', () => {
    expect(run('S="x\nY="a" b\n')).toEqual([{ ...PARSE, at: [1, 1, 2, 8] }])
  })
})

describe('env/external-reference', () => {
  it('names every ${VAR} the file does not set, at the value, without a hint', () => {
    expect(run('A=${X}\nB=${Y}-${Z}\nC=1\nD=${C}\n')).toEqual([
      {
        ruleId: 'env/external-reference',
        severity: 'notice',
        at: [1, 3, 1, 7],
        message:
          'A interpolates ${X}, which this file does not set: the server\u2019s environment decides the value, so checks that depend on it are skipped.'
      },
      {
        ruleId: 'env/external-reference',
        severity: 'notice',
        at: [2, 3, 2, 12],
        message:
          'B interpolates ${Y}, ${Z}, which this file does not set: the server\u2019s environment decides the value, so checks that depend on it are skipped.'
      }
    ])
  })

  it('an external value is not checked as a cron or an int', () => {
    expect(
      run('ANOMSTACK_RETENTION_SCHEDULE=${C}\nANOMSTACK_RETENTION_BATCH_SIZE=${N}\n').map((h) => [
        h.ruleId,
        h.at[0]
      ])
    ).toEqual([
      ['env/external-reference', 1],
      ['env/external-reference', 2]
    ])
  })
})

describe('env/unknown-batch', () => {
  it('a batch part in the wrong case, and one matching nothing', () => {
    expect(run('ANOMSTACK__my_batch__score_cron_schedule=bad\nANOMSTACK__NOPE__X=1\n')).toEqual([
      {
        ruleId: 'env/unknown-batch',
        severity: 'warning',
        at: [1, 1, 1, 41],
        message:
          'ANOMSTACK__my_batch__score_cron_schedule does not match batch "my-batch": get_specs compares the batch part with metric_batch.upper() (`-` as `_`), case-sensitively, so this override is ignored.',
        hint: 'Write the batch part in upper case: ANOMSTACK__MY_BATCH__score_cron_schedule.'
      },
      {
        ruleId: 'env/unknown-batch',
        severity: 'warning',
        at: [2, 1, 2, 19],
        message:
          'ANOMSTACK__NOPE__X matches no enabled batch: get_specs only applies ANOMSTACK__<METRIC_BATCH upper-cased, - as _>__<KEY>, so this override is ignored.',
        hint: 'Check the batch name, or delete the line.'
      }
    ])
  })

  it('a disabled batch is named as such', () => {
    expect(
      run('ANOMSTACK__OTHER__DISABLE_TRAIN=1\n', {
        'b/b.yaml': BATCH('my-batch'),
        'c/c.yaml': BATCH('other', 'disable_batch: true\n')
      })
    ).toEqual([
      {
        ruleId: 'env/unknown-batch',
        severity: 'warning',
        at: [1, 1, 1, 32],
        message:
          'ANOMSTACK__OTHER__DISABLE_TRAIN names batch "other", which is disabled: get_specs skips it before applying overrides, so this does nothing.',
        hint: 'Check the batch name, or delete the line.'
      }
    ])
  })

  it('a disabled batch and an enabled one with the same prefix: the enabled one takes it', () => {
    expect(
      run('ANOMSTACK__MY_BATCH__X=1\n', {
        'b/b.yaml': BATCH('my-batch', 'disable_batch: true\n'),
        'c/c.yaml': BATCH('My-Batch')
      })
    ).toEqual([])
  })
})

describe('env/no-effect', () => {
  it('DISABLE_BATCH is reported at the line that wins', () => {
    expect(
      run('ANOMSTACK__MY_BATCH__DISABLE_BATCH=1\nANOMSTACK__MY_BATCH__DISABLE_BATCH=True\n')
    ).toEqual([
      {
        ruleId: 'env/no-effect',
        severity: 'warning',
        at: [2, 1, 2, 35],
        message:
          'ANOMSTACK__MY_BATCH__DISABLE_BATCH has no effect: get_specs tests disable_batch before it applies environment overrides, so batch "my-batch" stays enabled whatever the value.',
        hint: 'Set `disable_batch: true` in the batch file instead, or delete the line.'
      }
    ])
  })

  it('a disable_batch from the batch file is not the env file\u2019s doing', () => {
    expect(run('A=1\n', { 'b/b.yaml': BATCH('my-batch', 'disable_batch: false\n') })).toEqual([])
  })
})

describe('env/cron-invalid and env/cron-latent', () => {
  it('a bad retention cron crashes; a bad reload cron with the reload job off is latent', () => {
    expect(run('ANOMSTACK_RETENTION_SCHEDULE=nope\nANOMSTACK_CONFIG_RELOAD_CRON="* *"\n')).toEqual([
      {
        ruleId: 'env/cron-invalid',
        severity: 'error',
        at: [1, 30, 1, 34],
        message: `ANOMSTACK_RETENTION_SCHEDULE "nope" is not a cron Dagster accepts (expected 5 fields (minute hour day-of-month month day-of-week), found 1): the retention_cleanup ScheduleDefinition raises at import and ${CRASH}`,
        hint: FIVE_FIELDS + '"0 */6 * * *".'
      },
      {
        ruleId: 'env/cron-latent',
        severity: 'warning',
        at: [2, 30, 2, 35],
        message:
          'ANOMSTACK_CONFIG_RELOAD_CRON "* *" is not a cron Dagster accepts (expected 5 fields (minute hour day-of-month month day-of-week), found 2); it is only read when the config reload job is on (ANOMSTACK_AUTO_CONFIG_RELOAD or DAGSTER_DEV = true), and then the whole code location fails to load.',
        hint: FIVE_FIELDS + '"*/5 * * * *".'
      }
    ])
  })

  it('with DAGSTER_DEV=true the reload cron crashes too; an empty retention cron is bad', () => {
    expect(
      run('DAGSTER_DEV=true\nANOMSTACK_CONFIG_RELOAD_CRON="* *"\nANOMSTACK_RETENTION_SCHEDULE=\n')
    ).toEqual([
      {
        ruleId: 'env/cron-invalid',
        severity: 'error',
        at: [2, 30, 2, 35],
        message: `ANOMSTACK_CONFIG_RELOAD_CRON "* *" is not a cron Dagster accepts (expected 5 fields (minute hour day-of-month month day-of-week), found 2): the config_reload ScheduleDefinition raises at import and ${CRASH}`,
        hint: FIVE_FIELDS + '"*/5 * * * *".'
      },
      {
        ruleId: 'env/cron-invalid',
        severity: 'error',
        at: [3, 30, 3, 30],
        message: `ANOMSTACK_RETENTION_SCHEDULE "" is not a cron Dagster accepts (expected 5 fields (minute hour day-of-month month day-of-week), found 0): the retention_cleanup ScheduleDefinition raises at import and ${CRASH}`,
        hint: FIVE_FIELDS + '"0 */6 * * *".'
      }
    ])
  })

  it('valid crons are quiet', () => {
    expect(
      run(
        'DAGSTER_DEV=true\nANOMSTACK_CONFIG_RELOAD_CRON=0 * * * *\nANOMSTACK_RETENTION_SCHEDULE=0 1 * * *\n'
      )
    ).toEqual([])
  })
})

describe('env/int-invalid', () => {
  it('what int() rejects, with a per-variable example; int() strips spaces', () => {
    expect(
      run(
        'ANOMSTACK_RETENTION_DAYS=1.5\nANOMSTACK_CONFIG_WATCHER_INTERVAL=abc\nANOMSTACK_RETENTION_BATCH_SIZE=" 7 "\nANOMSTACK_RETENTION_BATCH_SIZE_X=no\n'
      )
    ).toEqual([
      {
        ruleId: 'env/int-invalid',
        severity: 'error',
        at: [1, 26, 1, 29],
        message: `ANOMSTACK_RETENTION_DAYS "1.5" ${NOT_INT} ${CRASH}`,
        hint: 'Write a whole number, e.g. `ANOMSTACK_RETENTION_DAYS=1`.'
      },
      {
        ruleId: 'env/int-invalid',
        severity: 'error',
        at: [2, 35, 2, 38],
        message: `ANOMSTACK_CONFIG_WATCHER_INTERVAL "abc" ${NOT_INT} ${CRASH}`,
        hint: 'Write a whole number, e.g. `ANOMSTACK_CONFIG_WATCHER_INTERVAL=30`.'
      }
    ])
  })

  it('ANOMSTACK_RETENTION_BATCH_SIZE and an empty value', () => {
    expect(run('ANOMSTACK_RETENTION_BATCH_SIZE=x\nANOMSTACK_RETENTION_DAYS=\n')).toEqual([
      {
        ruleId: 'env/int-invalid',
        severity: 'error',
        at: [1, 32, 1, 33],
        message: `ANOMSTACK_RETENTION_BATCH_SIZE "x" ${NOT_INT} ${CRASH}`,
        hint: 'Write a whole number, e.g. `ANOMSTACK_RETENTION_BATCH_SIZE=1`.'
      },
      {
        ruleId: 'env/int-invalid',
        severity: 'error',
        at: [2, 26, 2, 26],
        message: `ANOMSTACK_RETENTION_DAYS "" ${NOT_INT} ${CRASH}`,
        hint: 'Write a whole number, e.g. `ANOMSTACK_RETENTION_DAYS=1`.'
      }
    ])
  })
})

describe('env/flag-value', () => {
  const flag = (at: EnvHit['at'], message: string, hint: string): EnvHit => ({
    ruleId: 'env/flag-value',
    severity: 'warning',
    at,
    message,
    hint
  })

  it('yes-like and no-like switch values, trimmed, any case; true/false and others are quiet', () => {
    expect(
      run(
        'ANOMSTACK_AUTO_CONFIG_RELOAD=1\nANOMSTACK_CONFIG_WATCHER= yes \nDAGSTER_DEV=Enable\nANOMSTACK_RETENTION_ENABLED=disabled\n'
      )
    ).toEqual([
      flag(
        [1, 30, 1, 31],
        'ANOMSTACK_AUTO_CONFIG_RELOAD="1" reads as off: Anomstack compares .lower() with "true" and nothing else, so this does not turn it on.',
        'Write ANOMSTACK_AUTO_CONFIG_RELOAD=true.'
      ),
      flag(
        [2, 27, 2, 30],
        'ANOMSTACK_CONFIG_WATCHER="yes" reads as off: Anomstack compares .lower() with "true" and nothing else, so this does not turn it on.',
        'Write ANOMSTACK_CONFIG_WATCHER=true.'
      ),
      flag(
        [3, 13, 3, 19],
        'DAGSTER_DEV="Enable" reads as off: Anomstack compares .lower() with "true" and nothing else, so this does not turn it on.',
        'Write DAGSTER_DEV=true.'
      ),
      flag(
        [4, 29, 4, 37],
        'ANOMSTACK_RETENTION_ENABLED="disabled" reads as off: Anomstack compares .lower() with "true" and nothing else.',
        'Write ANOMSTACK_RETENTION_ENABLED=false.'
      )
    ])
    expect(
      run(
        'ANOMSTACK_AUTO_CONFIG_RELOAD=False\nANOMSTACK_CONFIG_WATCHER=TRUE\nDAGSTER_DEV=yesx\nANOMSTACK_RETENTION_ENABLED=maybe\nANOMSTACK_AUTO_CONFIG_RELOAD_X=1\n'
      )
    ).toEqual([])
  })

  it('every no-like word reads as off, every yes-like word as a failed "on"', () => {
    const words = (list: string[]): string[] =>
      list.map((w) => run(`DAGSTER_DEV=${w}\n`)[0]?.hint ?? `no finding for ${w}`)
    expect(words(['y', 'YES', 'on', 'enable', 'enabled'])).toEqual(
      Array(5).fill('Write DAGSTER_DEV=true.')
    )
    expect(words(['n', 'No', 'OFF', '0', 'disable', 'disabled'])).toEqual(
      Array(6).fill('Write DAGSTER_DEV=false.')
    )
    expect(words(['xon', 'onx', 'xoff', 'offx', 'enabledd'])).toEqual([
      'no finding for xon',
      'no finding for onx',
      'no finding for xoff',
      'no finding for offx',
      'no finding for enabledd'
    ])
  })

  it('ANOMSTACK_IGNORE_EXAMPLES acts only on exactly yes; other yes-like values are flagged', () => {
    expect(run('ANOMSTACK_IGNORE_EXAMPLES=true\n')).toEqual([
      flag(
        [1, 27, 1, 31],
        'ANOMSTACK_IGNORE_EXAMPLES="true" does nothing: get_specs only skips the examples for exactly "yes".',
        'Write ANOMSTACK_IGNORE_EXAMPLES=yes.'
      )
    ])
    expect(run('ANOMSTACK_IGNORE_EXAMPLES= Y \n').map((h) => h.at)).toEqual([[1, 28, 1, 29]])
    expect(run('ANOMSTACK_IGNORE_EXAMPLES=no\n')).toEqual([])
    expect(run('ANOMSTACK_IGNORE_EXAMPLES=yes\n')).toEqual([])
  })

  it('the reload status only starts on exactly RUNNING', () => {
    expect(run('ANOMSTACK_CONFIG_RELOAD_STATUS=running\n')).toEqual([
      flag(
        [1, 32, 1, 39],
        'ANOMSTACK_CONFIG_RELOAD_STATUS="running" reads as STOPPED: only exactly "RUNNING" starts the config_reload schedule.',
        'Write ANOMSTACK_CONFIG_RELOAD_STATUS=RUNNING.'
      )
    ])
    expect(run('ANOMSTACK_CONFIG_RELOAD_STATUS=RUNNING\n')).toEqual([])
    expect(run('ANOMSTACK_CONFIG_RELOAD_STATUS=STOPPED\n')).toEqual([])
  })
})

describe('env/examples-ignored and env/no-batches', () => {
  it('counts the hidden files when other batches remain (a notice, no hint)', () => {
    const one = run('ANOMSTACK_IGNORE_EXAMPLES=yes\n', {
      'examples/a/a.yaml': BATCH('a'),
      'b/b.yaml': BATCH('b')
    })
    expect(one).toEqual([
      {
        ruleId: 'env/examples-ignored',
        severity: 'notice',
        at: [1, 1, 1, 26],
        message:
          'ANOMSTACK_IGNORE_EXAMPLES=yes hides 1 batch file in folders below metrics/examples/: Anomstack never reads them.'
      }
    ])
    const two = run('ANOMSTACK_IGNORE_EXAMPLES=yes\n', {
      'examples/a/a.yaml': BATCH('a'),
      'examples/c/c.yaml': BATCH('c'),
      'b/b.yaml': BATCH('b')
    })
    expect(two.map((h) => h.message)).toEqual([
      'ANOMSTACK_IGNORE_EXAMPLES=yes hides 2 batch files in folders below metrics/examples/: Anomstack never reads them.'
    ])
  })

  it('no enabled batch left is a load crash (disabled ones do not count)', () => {
    expect(
      run('X=1\nANOMSTACK_IGNORE_EXAMPLES=yes\n', {
        'examples/a/a.yaml': BATCH('a'),
        'd/d.yaml': BATCH('d', 'disable_batch: true\n')
      })
    ).toEqual([
      {
        ruleId: 'env/no-batches',
        severity: 'error',
        at: [2, 1, 2, 26],
        message: `ANOMSTACK_IGNORE_EXAMPLES=yes hides all 1 batch file (they are in folders below metrics/examples/): with no batches, building the summary job raises IndexError and ${CRASH}`,
        hint: 'Move your batches out of metrics/examples/, or remove ANOMSTACK_IGNORE_EXAMPLES.'
      }
    ])
    expect(
      run('ANOMSTACK_IGNORE_EXAMPLES=yes\n', {
        'examples/a/a.yaml': BATCH('a'),
        'examples/b/b.yaml': BATCH('b')
      }).map((h) => h.message.slice(0, 57))
    ).toEqual(['ANOMSTACK_IGNORE_EXAMPLES=yes hides all 2 batch files (th'])
  })

  it('nothing hidden, or the switch off, is quiet', () => {
    expect(run('ANOMSTACK_IGNORE_EXAMPLES=yes\n', { 'b/b.yaml': BATCH('b') })).toEqual([])
    expect(run('ANOMSTACK_IGNORE_EXAMPLES=no\n', { 'examples/a/a.yaml': BATCH('a') })).toEqual([])
  })
})

describe('without an env file', () => {
  it('the rule reports nothing', () => {
    const tree = memoryTree({ 'defaults/defaults.yaml': 'db: duckdb\n', 'b/b.yaml': BATCH('b') })
    expect(
      validateTree(tree, { rules }).diagnostics.filter((d) => d.ruleId.startsWith('env/'))
    ).toEqual([])
  })
})
