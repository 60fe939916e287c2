/**
 * Seeded variants of the real upstream metrics tree, one or more per mistake class: the classes
 * of the contract's §1.3 and §9 and every finding of issue 10's real run. The generator does not
 * predict what happens: the real Anomstack load is the oracle, the suite compares us with it.
 * Same seed, same variants (ORACLE_SEED picks another sample of batches and values).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { SCHEDULED_PARTS } from '../../src/config/keys.js'
import { rng } from '../yaml/helpers/snippets.js'

/** Metrics-relative POSIX path → file text (the upstream tree is all UTF-8 text). */
export type Tree = Map<string, string>

export interface Variant {
  /** Unique, stable for a seed: `<class>/<detail>`. */
  readonly id: string
  /** The mistake class (one per contract/issue entry). */
  readonly klass: string
  readonly tree: Tree
  readonly env: Readonly<Record<string, string>>
}

export function readTree(metricsDir: string): Tree {
  const out: Tree = new Map()
  const walk = (rel: string): void => {
    for (const e of readdirSync(path.join(metricsDir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory()) walk(p)
      else if (e.isFile()) out.set(p, readFileSync(path.join(metricsDir, p), 'utf8'))
    }
  }
  walk('')
  return out
}

const TOP_KEY = /^([^\s#-][^:]*?)\s*:(?:\s|$)/

/** Line ranges [start, end) of each top-level entry of a block-mapping YAML text. */
function entries(text: string): { key: string; start: number; end: number }[] {
  const lines = text.split('\n')
  const out: { key: string; start: number; end: number }[] = []
  lines.forEach((line, i) => {
    const m = TOP_KEY.exec(line)
    if (m?.[1] !== undefined) {
      const prev = out[out.length - 1]
      if (prev) prev.end = i
      out.push({ key: m[1].replace(/^["']|["']$/g, ''), start: i, end: lines.length })
    }
  })
  return out
}

/** Sets (replacing every occurrence) or appends a top-level `key: <value>` (value as YAML text). */
export function setKey(text: string, key: string, value: string): string {
  const lines = text.split('\n')
  const hits = entries(text).filter((e) => e.key === key)
  const entry = `${key}: ${value}`.split('\n')
  if (hits.length === 0) {
    const body = text.endsWith('\n') || text === '' ? text : `${text}\n`
    return `${body}${entry.join('\n')}\n`
  }
  for (const h of [...hits].reverse()) lines.splice(h.start, h.end - h.start, ...entry)
  return lines.join('\n')
}

export function removeKey(text: string, key: string): string {
  const lines = text.split('\n')
  for (const h of entries(text).reverse()) if (h.key === key) lines.splice(h.start, h.end - h.start)
  return lines.join('\n')
}

/** Top-level keys a text sets (block style, as the upstream files are written). */
export function topKeys(text: string): string[] {
  return entries(text).map((e) => e.key)
}

const DEFAULTS = 'defaults/defaults.yaml'

interface Base {
  readonly tree: Tree
  /** Batch files that are enabled upstream. */
  readonly enabled: readonly string[]
  /** Batch files with `disable_llmalert: False` (one disabled part more does not collide). */
  readonly llmOn: readonly string[]
  readonly all: readonly string[]
  readonly nameOf: (file: string) => string
}

function baseOf(tree: Tree): Base {
  const all = [...tree.keys()].filter((p) => p.endsWith('.yaml') && p !== DEFAULTS).sort()
  const text = (f: string): string => tree.get(f) ?? ''
  const enabled = all.filter((f) => !/^disable_batch:\s*True/im.test(text(f)))
  const llmOn = enabled.filter((f) => /^disable_llmalert:\s*False/m.test(text(f)))
  const nameOf = (f: string): string => /^metric_batch:\s*"?([^"\n]*)"?/m.exec(text(f))?.[1] ?? ''
  return { tree, enabled, llmOn, all, nameOf }
}

type Edit = (t: Tree) => void

/** Collects variants; each `add` clones the base tree and applies the edits. */
class Builder {
  readonly out: Variant[] = []
  private readonly ids = new Set<string>()
  constructor(private readonly base: Tree) {}
  add(klass: string, detail: string, edit: Edit, env: Record<string, string> = {}): void {
    const id = `${klass}/${detail}`
    if (this.ids.has(id)) return
    this.ids.add(id)
    const tree: Tree = new Map(this.base)
    edit(tree)
    this.out.push({ id, klass, tree, env })
  }
}

const edit =
  (file: string, f: (text: string) => string): Edit =>
  (t) =>
    t.set(file, f(t.get(file) ?? ''))

const slug = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'x'

export interface GenerateOptions {
  /** Config keys the upstream job modules read as `spec["key"]` (see {@link strictSpecKeys}). */
  readonly strictKeys: ReadonlySet<string>
  /** Remove every defaults.yaml key in turn, not only the strict ones and a sample. */
  readonly allDefaultsKeys?: boolean
}

/** Keys the upstream job modules index as `spec["key"]` (a KeyError when absent). */
export function strictSpecKeys(anomstackPackageDir: string): Set<string> {
  const jobs = path.join(anomstackPackageDir, 'jobs')
  const keys = new Set<string>()
  for (const f of readdirSync(jobs)) {
    if (!f.endsWith('.py')) continue
    for (const m of readFileSync(path.join(jobs, f), 'utf8').matchAll(/\bspec\["([a-z0-9_]+)"\]/g))
      if (m[1] !== undefined) keys.add(m[1])
  }
  return keys
}

/** Every variant for `seed`. */
export function generateVariants(
  upstream: Tree,
  seed: number,
  options: GenerateOptions
): Variant[] {
  const base = baseOf(upstream)
  const random = rng(seed)
  const pick = <T>(xs: readonly T[]): T => {
    const x = xs[Math.floor(random() * xs.length)]
    if (x === undefined) throw new Error('pick from an empty list')
    return x
  }
  const sample = <T>(xs: readonly T[], n: number): T[] => {
    const pool = [...xs]
    const got: T[] = []
    while (pool.length > 0 && got.length < n)
      got.push(...pool.splice(Math.floor(random() * pool.length), 1))
    return got
  }
  const b = new Builder(upstream)
  const batch = (f: string): string => slug(base.nameOf(f))
  const enabledOff = base.enabled.filter((f) => !base.llmOn.includes(f))

  b.add('baseline', 'upstream', () => undefined)

  // §1.3 A: the whole code location fails to load (or, per the real run, does not).
  b.add('defaults-missing', 'deleted', (t) => t.delete(DEFAULTS))
  b.add('defaults-empty', 'comment-only', (t) => t.set(DEFAULTS, '# nothing here\n'))
  for (const f of sample(base.enabled, 2)) {
    b.add(
      'yaml-syntax',
      `unclosed-flow-${batch(f)}`,
      edit(f, (s) => `${s}\nbroken: [unclosed\n`)
    )
    b.add(
      'yaml-syntax',
      `tab-indent-${batch(f)}`,
      edit(f, (s) => `${s}\nnested:\n\tkey: 1\n`)
    )
  }
  b.add('yaml-syntax', 'non-batch-yaml-in-defaults', (t) =>
    t.set('defaults/extra.yaml', 'a: [1, 2\n')
  )
  b.add('yaml-syntax', 'disabled-batch', (t) => {
    const f = base.all.find((x) => !base.enabled.includes(x))
    if (f) t.set(f, `${t.get(f) ?? ''}\nbroken: {unclosed\n`)
  })
  for (const f of sample(base.enabled, 2)) {
    b.add('empty-file', `empty-${batch(f)}`, (t) => t.set(f, ''))
    b.add('empty-file', `comments-${batch(f)}`, (t) => t.set(f, '# just a comment\n'))
  }
  const f0 = pick(base.enabled)
  b.add('not-a-mapping', 'list', (t) => t.set(f0, '- a\n- b\n'))
  b.add('not-a-mapping', 'scalar', (t) => t.set(f0, 'just text\n'))
  b.add(
    'multi-document',
    'two-docs',
    edit(f0, (s) => `${s}\n---\nmetric_batch: "other"\n`)
  )
  b.add(
    'unsafe-tag',
    'python-tag',
    edit(f0, (s) => setKey(s, 'x', '!!python/name:os.system'))
  )
  b.add(
    'duplicate-key',
    'cron-bad-then-good',
    edit(f0, (s) => `${s}\ningest_cron_schedule: "bad"\ningest_cron_schedule: "0 * * * *"\n`)
  )
  b.add(
    'duplicate-key',
    'cron-good-then-bad',
    edit(f0, (s) => `${s}\ningest_cron_schedule: "0 * * * *"\ningest_cron_schedule: "bad"\n`)
  )
  b.add(
    'anchors',
    'alias-merge',
    edit(f0, (s) =>
      setKey(
        setKey(
          s,
          'x_base',
          '&base\n  diff_n: 1\n  smooth_n: 3\n  lags_n: 5\n  freq: null\n  freq_agg: "mean"'
        ),
        'preprocess_params',
        '\n  <<: *base\n  lags_n: 2'
      )
    )
  )
  b.add(
    'anchors',
    'undefined-alias',
    edit(f0, (s) => setKey(s, 'alert_threshold', '*nothing'))
  )

  for (const f of sample(base.enabled, 2)) {
    b.add(
      'metric-batch-missing',
      batch(f),
      edit(f, (s) => removeKey(s, 'metric_batch'))
    )
  }
  const disabled = base.all.filter((x) => !base.enabled.includes(x))
  for (const f of disabled) {
    b.add(
      'metric-batch-missing',
      `disabled-${batch(f)}`,
      edit(f, (s) => removeKey(s, 'metric_batch'))
    )
    b.add(
      'metric-batch-type',
      `int-disabled-${batch(f)}`,
      edit(f, (s) => setKey(s, 'metric_batch', '2024'))
    )
    b.add(
      'metric-batch-chars',
      `hyphen-disabled-${batch(f)}`,
      edit(f, (s) => setKey(s, 'metric_batch', '"my-batch"'))
    )
  }
  for (const [detail, value] of [
    ['int', '2024'],
    ['bool-yes', 'yes'],
    ['null', '~'],
    ['list', '[a]'],
    ['float', '1.5']
  ] as const) {
    b.add(
      'metric-batch-type',
      detail,
      edit(pick(base.enabled), (s) => setKey(s, 'metric_batch', value))
    )
  }
  for (const [detail, value] of [
    ['hyphen', '"my-batch"'],
    ['dot', '"my.batch"'],
    ['space', '"my batch"'],
    ['unicode', '"café"'],
    ['empty', '""'],
    ['digits', '"2024"'],
    ['underscore-leading', '"_x"']
  ] as const) {
    b.add(
      'metric-batch-chars',
      detail,
      edit(pick(base.enabled), (s) => setKey(s, 'metric_batch', value))
    )
  }

  const cronKeys = SCHEDULED_PARTS.map((p) => `${p}_cron_schedule`)
  const badCrons: readonly (readonly [string, string])[] = [
    ['six-fields', '"0 0 * * * *"'],
    ['reboot', '"@reboot"'],
    ['step-zero', '"*/0 * * * *"'],
    ['minute-61', '"61 * * * *"'],
    ['feb-30', '"0 0 30 2 *"'],
    ['null', 'null'],
    ['int', '5'],
    ['mapping', '{a: 1}'],
    ['empty', '""'],
    ['list-with-bad', '["0 * * * *", "bad"]'],
    ['list-with-int', '["0 * * * *", 5]'],
    ['word', '"daily"'],
    ['hash-H', '"H * * * *"']
  ]
  for (const [detail, value] of badCrons) {
    const key = pick(cronKeys)
    const f = pick(base.enabled)
    b.add(
      'cron-invalid',
      `${detail}-${key}`,
      edit(f, (s) => setKey(s, key, value))
    )
  }
  const goodCrons: readonly (readonly [string, string])[] = [
    ['step-overflow', '"*/70 * * * *"'],
    ['at-daily', '"@daily"'],
    ['names', '"0 0 * JAN MON"'],
    ['list', '["0 * * * *", "30 * * * *"]'],
    ['range-step', '"0-30/10 * * * *"'],
    ['question', '"0 0 ? * *"'],
    ['unquoted-plain', '0 6 * * *']
  ]
  for (const [detail, value] of goodCrons) {
    const key = pick(cronKeys)
    b.add(
      'cron-valid',
      `${detail}-${key}`,
      edit(pick(base.enabled), (s) => setKey(s, key, value))
    )
  }
  b.add(
    'cron-unquoted-star',
    'alias-scanner',
    edit(f0, (s) => `${s}\ningest_cron_schedule: */5 * * * *\n`)
  )
  b.add(
    'cron-invalid',
    'disabled-part',
    edit(pick(base.llmOn), (s) =>
      setKey(setKey(s, 'disable_plot', 'True'), 'plot_cron_schedule', '"bad"')
    )
  )
  b.add(
    'cron-invalid',
    'llmalert-disabled-by-default',
    edit(pick(enabledOff), (s) => setKey(s, 'llmalert_cron_schedule', '"61 * * * *"'))
  )
  b.add(
    'cron-invalid',
    'disabled-batch',
    edit(disabled[0] ?? f0, (s) => setKey(s, 'ingest_cron_schedule', '"bad"'))
  )
  b.add('cron-invalid', 'summary-in-every-batch', (t) => {
    for (const f of base.all) t.set(f, setKey(t.get(f) ?? '', 'summary_cron_schedule', '"bad"'))
  })
  b.add(
    'cron-invalid',
    'summary-in-defaults',
    edit(DEFAULTS, (s) => setKey(s, 'summary_cron_schedule', '"bad"'))
  )
  b.add(
    'cron-invalid',
    'in-defaults',
    edit(DEFAULTS, (s) => setKey(s, 'delete_cron_schedule', '"bad"'))
  )
  // Issue 10: a cron only in defaults.yaml, overridden by every batch, never reaches Dagster.
  for (const key of ['ingest_cron_schedule', 'score_cron_schedule']) {
    b.add('cron-defaults-overridden', key, (t) => {
      t.set(DEFAULTS, setKey(t.get(DEFAULTS) ?? '', key, '"not a cron"'))
      for (const f of base.all) t.set(f, setKey(t.get(f) ?? '', key, '"0 * * * *"'))
    })
  }
  for (const key of ['summary_cron_schedule', 'delete_cron_schedule']) {
    b.add(
      'cron-missing',
      `defaults-${key}`,
      edit(DEFAULTS, (s) => removeKey(s, key))
    )
  }

  for (const [detail, value] of [
    ['lowercase', '"running"'],
    ['running', '"RUNNING"'],
    ['bool', 'true'],
    ['typo', '"RUNING"']
  ] as const) {
    const prefix = pick(['ingest', 'train', 'score', 'alert', 'plot'])
    b.add(
      'schedule-status',
      `${detail}-${prefix}`,
      edit(pick(base.enabled), (s) => setKey(s, `${prefix}_default_schedule_status`, value))
    )
  }

  for (const [detail, value] of [
    ['null', 'null'],
    ['list', '[1, 2]'],
    ['string', '"diff_n=1"']
  ] as const) {
    b.add(
      'preprocess-not-mapping',
      `${detail}-plot-on`,
      edit(pick(base.llmOn), (s) => setKey(s, 'preprocess_params', value))
    )
  }
  b.add(
    'preprocess-not-mapping',
    'plot-disabled',
    edit(pick(base.llmOn), (s) =>
      setKey(setKey(s, 'disable_plot', 'True'), 'preprocess_params', 'null')
    )
  )
  b.add(
    'preprocess-params',
    'unknown-key',
    edit(f0, (s) =>
      setKey(s, 'preprocess_params', '\n  diff_n: 1\n  smooth_n: 3\n  lags_n: 5\n  shuffle: true')
    )
  )

  b.add('zero-batches', 'all-disabled', (t) => {
    for (const f of base.all) t.set(f, setKey(t.get(f) ?? '', 'disable_batch', 'True'))
  })
  b.add('zero-batches', 'no-batch-files', (t) => {
    for (const f of base.all) t.delete(f)
  })
  for (const [detail, value] of [
    ['quoted-false', '"false"'],
    ['yes', 'yes'],
    ['zero', '0'],
    ['no', 'no'],
    ['empty-string', '""'],
    ['list', '[0]']
  ] as const) {
    b.add(
      'disable-batch',
      detail,
      edit(pick(base.enabled), (s) => setKey(s, 'disable_batch', value))
    )
  }

  // Disabled parts: each builds `<batch>_noop` (change and delete their own), disable_llmalert defaults to True.
  // (disable_summary only matters in the first batch: see the first-batch class.)
  for (const part of ['ingest', 'train', 'score', 'alerts', 'plot', 'change', 'delete']) {
    b.add(
      'disabled-part',
      `${part}-llmalert-off`,
      edit(pick(enabledOff), (s) => setKey(s, `disable_${part}`, 'True'))
    )
    b.add(
      'disabled-part',
      `${part}-llmalert-on`,
      edit(pick(base.llmOn), (s) => setKey(s, `disable_${part}`, 'True'))
    )
  }
  b.add(
    'disabled-part',
    'alert-singular-dead',
    edit(pick(enabledOff), (s) => setKey(s, 'disable_alert', 'True'))
  )
  b.add(
    'disabled-part',
    'yes-bool',
    edit(pick(enabledOff), (s) => setKey(s, 'disable_train', 'yes'))
  )
  b.add(
    'disabled-part',
    'quoted-no',
    edit(pick(enabledOff), (s) => setKey(s, 'disable_train', '"no"'))
  )
  b.add(
    'disabled-part',
    'two-parts-llm-on',
    edit(pick(base.llmOn), (s) =>
      setKey(setKey(s, 'disable_train', 'True'), 'disable_score', 'True')
    )
  )
  b.add(
    'disabled-part',
    'change-and-delete',
    edit(pick(base.llmOn), (s) =>
      setKey(setKey(s, 'disable_change', 'True'), 'disable_delete', 'True')
    )
  )

  // Issue 10: the first batch is unknowable; disable_summary + default disable_llmalert there crashes.
  const only = pick(enabledOff)
  const onlyOneBatch: Edit = (t) => {
    for (const f of base.all) if (f !== only) t.delete(f)
  }
  b.add('first-batch', 'single-batch-disable-summary', (t) => {
    onlyOneBatch(t)
    t.set(only, setKey(t.get(only) ?? '', 'disable_summary', 'True'))
  })
  b.add('first-batch', 'single-batch-disable-summary-llm-on', (t) => {
    onlyOneBatch(t)
    t.set(
      only,
      setKey(setKey(t.get(only) ?? '', 'disable_summary', 'True'), 'disable_llmalert', 'False')
    )
  })
  // Whichever batch os.walk yields first, the outcome is the same (the first batch is unknowable).
  for (const [detail, llmalert] of [
    ['every-batch-disable-summary-llm-off', 'True'],
    ['every-batch-disable-summary-llm-on', 'False']
  ] as const) {
    b.add('first-batch', detail, (t) => {
      for (const f of base.all) {
        const text = setKey(t.get(f) ?? '', 'disable_summary', 'True')
        t.set(f, setKey(text, 'disable_llmalert', llmalert))
      }
    })
  }
  b.add('first-batch', 'single-batch-summary-cron', (t) => {
    onlyOneBatch(t)
    t.set(only, setKey(t.get(only) ?? '', 'summary_cron_schedule', '"15 3 * * *"'))
  })
  b.add('first-batch', 'single-batch-bad-summary-cron', (t) => {
    onlyOneBatch(t)
    t.set(only, setKey(t.get(only) ?? '', 'summary_cron_schedule', '"61 * * * *"'))
  })
  b.add('first-batch', 'single-batch', onlyOneBatch)
  // The summary job differs per batch: whichever one os.walk yields first, the plan and the
  // post-reload verification must accept what loaded (not assume the first file in path order).
  b.add('first-batch', 'every-batch-own-summary-cron', (t) => {
    base.enabled.forEach((f, i) => {
      const cron = `"${i % 60} ${Math.floor(i / 60) % 24} * * *"`
      t.set(f, setKey(t.get(f) ?? '', 'summary_cron_schedule', cron))
    })
  })
  const pathFirst = [...base.enabled].sort()[0] ?? only
  b.add('first-batch', 'path-first-disables-summary', (t) => {
    const text = setKey(t.get(pathFirst) ?? '', 'disable_summary', 'True')
    t.set(pathFirst, setKey(text, 'disable_llmalert', 'False'))
  })

  // Dagster name collisions across batches.
  const copy = pick(base.enabled)
  const copyName = base.nameOf(copy)
  for (const suffix of ['change', 'train', 'plot', 'delete', 'alerts', 'ingest']) {
    b.add('name-collision', `${suffix}-suffix`, (t) => {
      t.set(
        `collide/${copyName}_${suffix}.yaml`,
        setKey(t.get(copy) ?? '', 'metric_batch', `"${copyName}_${suffix}"`)
      )
    })
  }
  b.add('name-collision', 'change-suffix-disabled-ingest', (t) => {
    t.set(copy, setKey(t.get(copy) ?? '', 'disable_change', 'True'))
    t.set(
      `collide/${copyName}_change.yaml`,
      setKey(
        setKey(
          setKey(t.get(copy) ?? '', 'metric_batch', `"${copyName}_change"`),
          'disable_ingest',
          'True'
        ),
        'disable_llmalert',
        'False'
      )
    )
  })
  b.add('name-collision', 'batch-named-summary', (t) => {
    t.set('collide/s.yaml', setKey(t.get(copy) ?? '', 'metric_batch', '"summary"'))
  })

  // §1.3 B: ignored or shadowed files.
  b.add('duplicate-batch', 'identical-copy', (t) =>
    t.set(`copy/${path.posix.basename(copy)}`, t.get(copy) ?? '')
  )
  b.add('duplicate-batch', 'checkpoint-copy', (t) =>
    t.set(
      `examples/.ipynb_checkpoints/${path.posix.basename(copy, '.yaml')}-checkpoint.yaml`,
      t.get(copy) ?? ''
    )
  )
  b.add('ignored-file', 'yml', (t) => t.set('extra/extra.yml', 'not: [valid\n'))
  b.add('ignored-file', 'upper-YAML', (t) => t.set('extra/extra.YAML', 'not: [valid\n'))
  b.add('ignored-file', 'tilde', (t) => t.set('extra/extra.yaml~', 'not: [valid\n'))
  b.add('ignored-file', 'defaults-yaml-in-batch-dir', (t) =>
    t.set('extra/defaults.yaml', 'not: [valid\n')
  )
  b.add('added-batch', 'new-batch', (t) =>
    t.set('new_batch/new_batch.yaml', setKey(t.get(copy) ?? '', 'metric_batch', '"new_batch"'))
  )
  b.add('added-batch', 'in-defaults-dir', (t) =>
    t.set('defaults/extra_batch.yaml', setKey(t.get(copy) ?? '', 'metric_batch', '"extra_batch"'))
  )
  b.add('removed-batch', 'deleted', (t) => t.delete(copy))

  // Issue 10: keys defaults.yaml must provide. Remove, in turn, every defaults key the upstream
  // job modules index strictly (`spec["key"]`: a KeyError while building definitions where no
  // batch sets it), plus a seeded sample of the others (`options.allDefaultsKeys`: every key).
  const defaultsKeys = topKeys(upstream.get(DEFAULTS) ?? '')
  const strict = defaultsKeys.filter((k) => options.strictKeys.has(k))
  const others = defaultsKeys.filter((k) => !options.strictKeys.has(k))
  for (const key of [...strict, ...(options.allDefaultsKeys ? others : sample(others, 10))]) {
    b.add(
      'defaults-key-removed',
      key,
      edit(DEFAULTS, (s) => removeKey(s, key))
    )
  }

  // Issue 10: values that load (false load-crash claims and false run-time claims).
  b.add(
    'non-printable',
    'u0085-quoted',
    edit(f0, (s) => setKey(s, 'description', '"line\u0085break"'))
  )
  b.add(
    'non-printable',
    'u0085-quoted-in-sql-comment',
    edit(f0, (s) => setKey(s, 'x_note', "'a\u0085b'"))
  )
  // NEL/LS/PS are line breaks for PyYAML in every scalar style and between tokens.
  for (const [detail, key, value] of [
    ['u0085-plain-continued', 'description', 'line\u0085  break'],
    ['u0085-plain-at-column-0', 'description', 'line\u0085break'],
    ['u0085-literal-block', 'description', '|\n  line\u0085  break'],
    ['u0085-folded-block', 'description', '>\n  line\u0085  break'],
    ['u2028-quoted', 'description', '"line\u2028break"'],
    ['u2029-single-quoted', 'x_note', "'a\u2029b'"],
    ['u2029-plain-continued', 'x_note', 'a\u2029  b'],
    ['u0085-ends-comment', 'x_note', '1 # note\u0085x_hidden: 2']
  ] as const) {
    b.add(
      'non-printable',
      detail,
      edit(f0, (s) => setKey(s, key, value))
    )
  }
  for (const [detail, key] of [
    ['yes', 'yes'],
    ['int', '123'],
    ['null', '~'],
    ['float', '1.5'],
    ['bool-true', 'true']
  ] as const) {
    b.add(
      'non-string-key',
      detail,
      edit(pick(base.enabled), (s) => `${s}\n${key}: x\n`)
    )
  }
  b.add('include-jinja', 'syntax-error-in-included-file', (t) => {
    const sql = [...t.keys()].find(
      (p) => p.endsWith('.sql') && [...t.values()].some((v) => v.includes(p))
    )
    if (sql) t.set(sql, `${t.get(sql) ?? ''}\n{% if %}\n`)
  })
  b.add(
    'include-jinja',
    'missing-include',
    edit(f0, (s) => setKey(s, 'ingest_sql', '>\n  {% include "./examples/nope/nope.sql" %}'))
  )
  b.add(
    'include-jinja',
    'syntax-error-inline',
    edit(f0, (s) => setKey(s, 'ingest_sql', '"select {{ 1 "'))
  )
  // Parser-level errors (template/syntax): Jinja parses when the job runs, so the location loads.
  b.add(
    'include-jinja',
    'unclosed-if-inline',
    edit(f0, (s) => setKey(s, 'ingest_sql', '>\n  select 1 {% if x %} where y'))
  )
  b.add(
    'include-jinja',
    'unknown-tag-in-defaults',
    edit(DEFAULTS, (s) => setKey(s, 'alert_sql', '"select {% break %}"'))
  )
  b.add('include-jinja', 'unclosed-for-in-included-file', (t) => {
    const sql = [...t.keys()].find(
      (p) => p.endsWith('.sql') && [...t.values()].some((v) => v.includes(p))
    )
    if (sql) t.set(sql, `${t.get(sql) ?? ''}\n{% for r in rows %}\n`)
  })
  b.add(
    'unquoted-jinja',
    'flow-mapping',
    edit(f0, (s) => `${removeKey(s, 'ingest_sql')}\ningest_sql: {% include "./x.sql" %}\n`)
  )
  for (const [detail, params] of [
    [
      'knn-n_neighbours',
      "model_name: 'KNN'\n    model_tag: 'k'\n    model_params:\n      n_neighbours: 5"
    ],
    ['pca-typo', "model_name: 'PCA'\n    model_tag: 'p'\n    model_params:\n      n_component: 2"],
    [
      'unknown-model',
      "model_name: 'NOPE'\n    model_tag: 'n'\n    model_params:\n      contamination: 0.01"
    ],
    [
      'contamination-high',
      "model_name: 'KNN'\n    model_tag: 'k'\n    model_params:\n      contamination: 0.9"
    ]
  ] as const) {
    b.add(
      'model-params',
      detail,
      edit(pick(base.enabled), (s) => setKey(s, 'model_configs', `\n  - ${params}`))
    )
  }
  b.add(
    'model-params',
    'not-a-list',
    edit(f0, (s) => setKey(s, 'model_configs', '"KNN"'))
  )
  for (const [detail, key, value] of [
    ['alert-threshold-string', 'alert_threshold', '"0.8"'],
    ['train-max-n-string', 'train_max_n', '"2500"'],
    ['train-max-n-1e3', 'train_max_n', '1e3'],
    ['llmalert-smooth-string', 'llmalert_smooth_n', '"3"'],
    ['thold-list-off', 'tholdalert_thresholds', '[1, 2]'],
    ['thold-string-off', 'tholdalert_thresholds', '"x"'],
    ['db-unknown', 'db', '"postgres"'],
    ['db-case', 'db', '"DuckDB"'],
    ['model-path-scheme', 'model_path', '"ftp://x"'],
    ['alert-methods-list', 'alert_methods', '["email"]'],
    ['combination', 'model_combination_method', '"median"'],
    ['metric-tags-list', 'metric_tags', '[a, b]'],
    ['train-min-gt-max', 'train_min_n', '100000']
  ] as const) {
    b.add(
      'value-type',
      detail,
      edit(pick(base.enabled), (s) => setKey(s, key, value))
    )
  }
  b.add(
    'value-type',
    'thold-list-on',
    edit(pick(base.enabled), (s) =>
      setKey(setKey(s, 'disable_tholdalert', 'False'), 'tholdalert_thresholds', '[1, 2]')
    )
  )
  b.add(
    'ingest-source',
    'none',
    edit(f0, (s) => removeKey(removeKey(s, 'ingest_sql'), 'ingest_fn'))
  )

  // Issue 10: the environment.
  const envBatch = pick(enabledOff)
  const envName = base.nameOf(envBatch).toUpperCase().replace(/-/g, '_')
  const envCases: readonly (readonly [string, Record<string, string>])[] = [
    ['batch-disable-train-False', { [`ANOMSTACK__${envName}__DISABLE_TRAIN`]: 'False' }],
    ['batch-disable-llmalert-False', { [`ANOMSTACK__${envName}__DISABLE_LLMALERT`]: 'False' }],
    ['batch-disable-batch-True', { [`ANOMSTACK__${envName}__DISABLE_BATCH`]: 'True' }],
    ['batch-bad-ingest-cron', { [`ANOMSTACK__${envName}__INGEST_CRON_SCHEDULE`]: 'bad' }],
    ['batch-good-ingest-cron', { [`ANOMSTACK__${envName}__INGEST_CRON_SCHEDULE`]: '7 * * * *' }],
    [
      'batch-status-running',
      { [`ANOMSTACK__${envName}__INGEST_DEFAULT_SCHEDULE_STATUS`]: 'RUNNING' }
    ],
    ['batch-preprocess-string', { [`ANOMSTACK__${envName}__PREPROCESS_PARAMS`]: 'x' }],
    ['batch-metric-batch', { [`ANOMSTACK__${envName}__METRIC_BATCH`]: 'renamed' }],
    ['batch-unknown-batch', { ANOMSTACK__NO_SUCH_BATCH__DISABLE_TRAIN: 'True' }],
    ['ignore-examples-yes', { ANOMSTACK_IGNORE_EXAMPLES: 'yes' }],
    ['ignore-examples-true', { ANOMSTACK_IGNORE_EXAMPLES: 'true' }],
    ['auto-config-reload', { ANOMSTACK_AUTO_CONFIG_RELOAD: 'true' }],
    [
      'auto-config-reload-cron',
      { ANOMSTACK_AUTO_CONFIG_RELOAD: 'true', ANOMSTACK_CONFIG_RELOAD_CRON: '*/9 * * * *' }
    ],
    [
      'auto-config-reload-bad-cron',
      { ANOMSTACK_AUTO_CONFIG_RELOAD: 'true', ANOMSTACK_CONFIG_RELOAD_CRON: 'bad' }
    ],
    ['config-reload-bad-cron-disabled', { ANOMSTACK_CONFIG_RELOAD_CRON: 'bad' }],
    [
      'config-reload-status',
      { ANOMSTACK_AUTO_CONFIG_RELOAD: 'true', ANOMSTACK_CONFIG_RELOAD_STATUS: 'RUNNING' }
    ],
    ['dagster-dev', { DAGSTER_DEV: 'true' }],
    ['config-watcher', { ANOMSTACK_CONFIG_WATCHER: 'true' }],
    ['config-watcher-bad-interval', { ANOMSTACK_CONFIG_WATCHER_INTERVAL: 'abc' }],
    ['retention-days-bad', { ANOMSTACK_RETENTION_DAYS: 'x' }],
    ['retention-batch-size-bad', { ANOMSTACK_RETENTION_BATCH_SIZE: '1.5' }],
    ['retention-schedule', { ANOMSTACK_RETENTION_SCHEDULE: '0 1 * * *' }],
    ['retention-schedule-bad', { ANOMSTACK_RETENTION_SCHEDULE: 'bad' }],
    ['retention-disabled', { ANOMSTACK_RETENTION_ENABLED: 'false' }],
    ['model-path', { ANOMSTACK_MODEL_PATH: 'ftp://nowhere' }],
    ['table-key', { ANOMSTACK_TABLE_KEY: 'other' }],
    ['kill-after-bad', { ANOMSTACK_KILL_RUN_AFTER_MINUTES: 'x' }],
    ['max-runtime-tag', { ANOMSTACK_MAX_RUNTIME_SECONDS_TAG: 'abc' }]
  ]
  for (const [detail, env] of envCases) b.add('env', detail, () => undefined, env)
  b.add(
    'env',
    'ignore-examples-yes-with-top-level-batch',
    (t) => t.set('examples/top.yaml', setKey(t.get(copy) ?? '', 'metric_batch', '"top"')),
    { ANOMSTACK_IGNORE_EXAMPLES: 'yes' }
  )
  b.add(
    'env',
    'ignore-examples-yes-with-outside-batch',
    (t) => t.set('mine/mine.yaml', setKey(t.get(copy) ?? '', 'metric_batch', '"mine"')),
    { ANOMSTACK_IGNORE_EXAMPLES: 'yes' }
  )

  return b.out
}
