import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { rules as defaultsRules } from '../../../src/rules/defaults/index.js'
import { validateTree } from '../../../src/validate.js'
import { CORPUS, CORPUS_METRICS } from '../../helpers/paths.js'
import { memoryTree } from '../../helpers/tree.js'

/**
 * The real defaults.yaml Anomstack ships (the corpus copy beside the repository). Without the
 * corpus both suites are skipped, so it is read only when it exists.
 */
const REAL_DEFAULTS = CORPUS.dir
  ? readFileSync(path.join(CORPUS_METRICS, 'defaults/defaults.yaml'), 'utf8')
  : ''

/** The real defaults without the top-level `keys` (and their blocks, if they span lines). */
function without(...keys: string[]): string {
  const lines = REAL_DEFAULTS.split('\n')
  const out: string[] = []
  let skipping = false
  for (const line of lines) {
    if (keys.some((key) => line.startsWith(`${key}:`))) {
      skipping = true
      continue
    }
    if (skipping && (line.startsWith(' ') || line.startsWith('\t') || line === '')) continue
    skipping = false
    out.push(line)
  }
  return out.join('\n')
}

function run(defaults: string | null, batches: Record<string, string>) {
  const tree = memoryTree({ 'defaults/defaults.yaml': defaults, ...batches })
  return validateTree(tree, { rules: defaultsRules }).diagnostics.map((d) => ({
    ruleId: d.ruleId,
    severity: d.severity,
    effect: d.effect,
    file: d.file,
    line: d.line,
    column: d.column,
    message: d.message,
    hint: d.hint
  }))
}

const A = { 'a/a.yaml': 'metric_batch: a\ningest_sql: select 1\n' }

describe.skipIf(!CORPUS.dir)('defaults/missing-key', () => {
  it('accepts the real defaults.yaml', () => {
    expect(REAL_DEFAULTS).toContain('model_configs:')
    expect(run(REAL_DEFAULTS, A)).toEqual([])
  })

  it.each([
    'db',
    'table_key',
    'model_path',
    'model_configs',
    'preprocess_params',
    'alert_threshold',
    'alert_methods',
    'train_cron_schedule',
    'score_default_schedule_status',
    'summary_cron_schedule'
  ])('a missing %s crashes the load: error at defaults.yaml 1:1 naming the batch', (key) => {
    const d = run(without(key), A)
    expect(d).toHaveLength(1)
    expect(d[0]).toMatchObject({
      ruleId: 'defaults/missing-key',
      severity: 'error',
      effect: 'load-crash',
      file: 'metrics/defaults/defaults.yaml',
      line: 1,
      column: 1
    })
    expect(d[0]!.message).toContain(`spec["${key}"]`)
    expect(d[0]!.message).toContain('`a`')
    expect(d[0]!.message).toContain('fails to load')
  })

  it('llmalert keys are only needed while llmalert is enabled (disabled by default)', () => {
    const defaults = without('llmalert_recent_n')
    expect(run(defaults, A)).toEqual([])
    const d = run(defaults, { 'a/a.yaml': 'metric_batch: a\ndisable_llmalert: false\n' })
    expect(d.map((x) => [x.ruleId, x.effect])).toEqual([['defaults/missing-key', 'load-crash']])
    expect(d[0]!.message).toContain('llmalert_recent_n')
  })

  it('a missing summary_sql fails the summary job at run time, not the load', () => {
    const d = run(without('summary_sql'), A)
    expect(d).toHaveLength(1)
    expect(d[0]).toMatchObject({ severity: 'error', effect: 'job-fails', line: 1, column: 1 })
    expect(d[0]!.message).toContain('any batch can be first')
  })

  it('a batch that sets the key itself needs nothing from defaults; the others are named', () => {
    const batches = {
      'a/a.yaml': 'metric_batch: a\ndb: duckdb\n',
      'b/b.yaml': 'metric_batch: b\n',
      'c/c.yaml': 'metric_batch: c\n'
    }
    const d = run(without('db'), batches)
    expect(d).toHaveLength(1)
    expect(d[0]!.message).toContain('`b`, `c`')
    expect(d[0]!.message).not.toContain('`a`')
  })

  it('a key defaults.yaml sets, even to null, is in every batch; one it lacks is looked up per batch', () => {
    const batches = { 'a/a.yaml': 'metric_batch: a\n', 'b/b.yaml': 'metric_batch: b\n' }
    expect(run(`${without('db')}\ndb:\n`, batches)).toEqual([])
    // The same batches against another defaults.yaml in the same process: nothing carried over.
    const d = run(without('db'), batches)
    expect(d.map((x) => [x.ruleId, x.line, x.column])).toEqual([['defaults/missing-key', 1, 1]])
    expect(d[0]!.message).toContain('`db`')
  })

  it('disabled parts and disabled batches read nothing', () => {
    const batches = {
      'a/a.yaml': 'metric_batch: a\ndisable_train: true\n',
      'b/b.yaml': 'metric_batch: b\ndisable_batch: true\n'
    }
    // train is disabled in a, but score still reads model_path.
    expect(run(without('model_path'), batches)).toHaveLength(1)
    const onlyTrain = { 'a/a.yaml': 'metric_batch: a\ndisable_train: true\ndisable_score: true\n' }
    expect(run(without('model_path'), onlyTrain)).toEqual([])
  })

  it('names a few batches and counts the rest (the message stays short)', () => {
    const many: Record<string, string> = {}
    for (let i = 0; i < 500; i++) many[`b${i}/b.yaml`] = `metric_batch: b${i}\n`
    const d = run(without('alert_methods'), many)
    expect(d).toHaveLength(1)
    expect(d[0]!.message).toContain('and 495 more')
    expect(d[0]!.message.length).toBeLessThan(600)
  })
})

describe.skipIf(!CORPUS.dir)('defaults/missing-key messages', () => {
  const hint = (key: string): string =>
    `Add \`${key}\` to defaults.yaml (or to each of those batches).`
  const loadCrash = (key: string, who: string, jobs: string, whose = ''): string =>
    `defaults.yaml does not set \`${key}\` and ${who} not set it either: building ${jobs} reads spec["${key}"]${whose}, raises KeyError and the whole code location fails to load.`
  const FIRST =
    ' (the summary job is built from whichever batch Anomstack reads first, and any batch can be first)'

  it('one batch, one job, at defaults.yaml 1:1', () => {
    expect(run(without('table_key'), A)).toEqual([
      {
        ruleId: 'defaults/missing-key',
        severity: 'error',
        effect: 'load-crash',
        file: 'metrics/defaults/defaults.yaml',
        line: 1,
        column: 1,
        message: loadCrash('table_key', 'batch `a` does', 'the ingest job'),
        hint: hint('table_key')
      }
    ])
  })

  it('several batches: "batches ... do"; five named, then a count', () => {
    const two = { ...A, 'b/b.yaml': 'metric_batch: b\n' }
    expect(run(without('db'), two).map((d) => d.message)).toEqual([
      loadCrash('db', 'batches `a`, `b` do', 'the ingest job')
    ])
    const six: Record<string, string> = {}
    for (let i = 0; i < 6; i++) six[`b${i}/b.yaml`] = `metric_batch: b${i}\n`
    expect(run(without('alert_methods'), six).map((d) => d.message)).toEqual([
      loadCrash(
        'alert_methods',
        'batches `b0`, `b1`, `b2`, `b3`, `b4` and 1 more do',
        'the alert job'
      )
    ])
    const five = Object.fromEntries(Object.entries(six).slice(0, 5))
    expect(run(without('alert_methods'), five).map((d) => d.message)).toEqual([
      loadCrash('alert_methods', 'batches `b0`, `b1`, `b2`, `b3`, `b4` do', 'the alert job')
    ])
  })

  it('batches that need the key in different jobs name them all', () => {
    const mixed = { ...A, 'b/b.yaml': 'metric_batch: b\ndisable_train: true\n' }
    expect(run(without('model_path'), mixed).map((d) => d.message)).toEqual([
      loadCrash('model_path', 'batches `a`, `b` do', 'the score and train jobs')
    ])
    expect(run(without('preprocess_fn'), mixed)).toEqual([
      expect.objectContaining({
        effect: 'job-fails',
        message:
          'defaults.yaml does not set `preprocess_fn` and batches `a`, `b` do not set it either: the score and train jobs render spec["preprocess_fn"], so every run of them fails with KeyError.',
        hint: hint('preprocess_fn')
      })
    ])
  })

  it('a key read when a job runs: every run of it fails', () => {
    expect(run(without('alert_sql'), A)).toEqual([
      {
        ruleId: 'defaults/missing-key',
        severity: 'error',
        effect: 'job-fails',
        file: 'metrics/defaults/defaults.yaml',
        line: 1,
        column: 1,
        message:
          'defaults.yaml does not set `alert_sql` and batch `a` does not set it either: the alert job renders spec["alert_sql"], so every run of it fails with KeyError.',
        hint: hint('alert_sql')
      }
    ])
  })

  it('the summary keys say that any batch may build the summary job', () => {
    expect(run(without('summary_cron_schedule', 'summary_sql'), A).map((d) => d.message)).toEqual([
      loadCrash('summary_cron_schedule', 'batch `a` does', 'the summary job', FIRST),
      `defaults.yaml does not set \`summary_sql\` and batch \`a\` does not set it either: the summary job renders spec["summary_sql"]${FIRST}, so every run of it fails with KeyError.`
    ])
  })

  it('a key needed at load by one batch and at run time by another is one load crash', () => {
    const d = run(without('db'), {
      'a/a.yaml': 'metric_batch: a\n',
      'b/b.yaml': 'metric_batch: b\ndb: duckdb\n'
    })
    expect(d.map((x) => [x.effect, x.message])).toEqual([
      ['load-crash', loadCrash('db', 'batch `a` does', 'the ingest job')]
    ])
  })

  it('a batch without a usable name is not counted', () => {
    expect(run(without('table_key'), { 'a/a.yaml': 'metric_batch: [x]\n' })).toEqual([])
  })
})

// These need no corpus, so they run on every clone.
describe('defaults/missing-key without a defaults.yaml mapping', () => {
  it('no defaults.yaml mapping: nothing (other rules fail the load)', () => {
    expect(run('[1]\n', A).filter((d) => d.ruleId === 'defaults/missing-key')).toEqual([])
  })

  it('without a defaults.yaml mapping the rule reports nothing, and does not crash', () => {
    // null = no defaults.yaml at all; every key is then missing from every batch.
    expect(run(null, A)).toEqual([])
    expect(run('[1]\n', A).map((d) => d.ruleId)).toEqual(['yaml/not-a-mapping'])
  })
})
