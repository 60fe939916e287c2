import { describe, expect, it } from 'vitest'
import { hits, validate } from '../schedule/harness.js'
import {
  DAGSTER_PARTS,
  FIXED_NAMES,
  generatedNames,
  type PartFlags
} from '../../../src/dagster/names.js'
import { mayCollide } from '../../../src/rules/dagster/name-collision.js'

describe('dagster/name-collision', () => {
  it.each([
    ['foo + foo_change (op foo_change_alerts_op)', 'foo_change'],
    ['foo + foo_get (op foo_get_alerts vs graph foo_get_alerts)', 'foo_get'],
    ['foo + foo_save (op foo_save_alerts vs graph foo_save_alerts)', 'foo_save']
  ])('reports %s at the later batch', (_name, other) => {
    const files = {
      'a/foo.yaml': 'metric_batch: foo\n',
      'b/other.yaml': `# second\nmetric_batch: ${other}\n`
    }
    expect(hits(files, 'dagster/')).toEqual([
      {
        ruleId: 'dagster/name-collision',
        severity: 'error',
        file: 'b/other.yaml',
        line: 2,
        column: 15
      }
    ])
  })

  it('names the other batch and the colliding name', () => {
    const d = validate({
      'a/foo.yaml': 'metric_batch: foo\n',
      'b/x.yaml': 'metric_batch: foo_change\n'
    }).diagnostics.find((x) => x.ruleId === 'dagster/name-collision')
    expect(d?.message).toMatch(/`foo`/)
    expect(d?.message).toMatch(/foo_change_alerts_op/)
  })

  it.each([
    ['unrelated names', 'weather', 'weather_forecast'],
    ['a shared prefix without an underscore', 'netdata', 'netdatax']
  ])('accepts %s', (_name, a, b) => {
    const files = { 'a/a.yaml': `metric_batch: ${a}\n`, 'b/b.yaml': `metric_batch: ${b}\n` }
    expect(hits(files, 'dagster/')).toEqual([])
  })

  it('ignores a disabled batch', () => {
    const files = {
      'a/foo.yaml': 'metric_batch: foo\n',
      'b/x.yaml': 'metric_batch: foo_change\ndisable_batch: true\n'
    }
    expect(hits(files, 'dagster/')).toEqual([])
  })

  it.each([
    ['change', 'foo_change'],
    ['delete', 'foo_delete']
  ])(
    'sees a noop clash: foo disables %s, next to batch %s (whose llmalert noop is the same op)',
    (part, other) => {
      const files = {
        'a/foo.yaml': `metric_batch: foo\ndisable_${part}: true\n`,
        'b/x.yaml': `metric_batch: ${other}\n`
      }
      expect(hits(files, 'dagster/')).toEqual([
        {
          ruleId: 'dagster/name-collision',
          severity: 'error',
          file: 'b/x.yaml',
          line: 1,
          column: 15
        }
      ])
    }
  )

  it('takes every batch as possibly first: a disabled summary names its noop after its batch', () => {
    // foo's disabled change builds op foo_change_noop; so does foo_change's disabled summary,
    // whenever Anomstack reads foo_change first (os.walk order), though foo sorts first here.
    const files = {
      'a/foo.yaml': 'metric_batch: foo\ndisable_change: true\n',
      'b/x.yaml': 'metric_batch: foo_change\ndisable_llmalert: false\ndisable_summary: true\n'
    }
    const found = validate(files).diagnostics.filter((d) => d.ruleId.startsWith('dagster/'))
    expect(found.map((d) => [d.ruleId, d.file, d.line, d.column])).toEqual([
      ['dagster/name-collision', 'metrics/b/x.yaml', 1, 15]
    ])
    expect(found[0]?.message).toContain('op `foo_change_noop`, an op there')
    expect(found[0]?.message).toContain('whenever Anomstack reads that batch first')
    // Without the disabled summary nothing collides, whichever batch comes first.
    const enabled = { ...files, 'b/x.yaml': 'metric_batch: foo_change\ndisable_llmalert: false\n' }
    expect(hits(enabled, 'dagster/')).toEqual([])
  })

  it('does not count the enabled summary job as a claim of the first batch', () => {
    const files = { 'a/a.yaml': 'metric_batch: a\n', 'b/b.yaml': 'metric_batch: b\n' }
    expect(hits(files, 'dagster/')).toEqual([])
  })

  it('reports a batch colliding with several earlier batches once per batch', () => {
    const files = {
      'a/foo.yaml': 'metric_batch: foo\n',
      'b/bar.yaml': 'metric_batch: foo_get\n',
      'c/baz.yaml': 'metric_batch: foo_change\n'
    }
    expect(hits(files, 'dagster/').map((h) => `${h.file}:${h.line}`)).toEqual([
      'b/bar.yaml:1',
      'c/baz.yaml:1'
    ])
  })
})

describe('dagster/noop-collision', () => {
  it('reports disable_train alone (llmalert is disabled by default) at disable_train', () => {
    const files = { 'a/a.yaml': 'metric_batch: a\ndisable_train: true\n' }
    expect(hits(files, 'dagster/')).toEqual([
      { ruleId: 'dagster/noop-collision', severity: 'error', file: 'a/a.yaml', line: 2, column: 1 }
    ])
  })

  it('reports the second of two flags the batch sets', () => {
    const files = {
      'a/a.yaml':
        'metric_batch: a\ndisable_llmalert: false\ndisable_score: true\ndisable_plot: yes\n'
    }
    expect(hits(files, 'dagster/')).toEqual([
      { ruleId: 'dagster/noop-collision', severity: 'error', file: 'a/a.yaml', line: 4, column: 1 }
    ])
  })

  it.each([
    [
      'a single disabled part with llmalert enabled',
      'disable_llmalert: false\ndisable_train: true'
    ],
    ['change and delete (own noop names)', 'disable_change: true\ndisable_delete: true'],
    ['the dead disable_alert', 'disable_alert: true'],
    ['a falsy quoted-empty flag', 'disable_plot: ""']
  ])('accepts %s', (_name, lines) => {
    expect(hits({ 'a/a.yaml': `metric_batch: a\n${lines}\n` }, 'dagster/')).toEqual([])
  })

  it('counts disable_summary in every batch: any batch may be the one Anomstack reads first', () => {
    const files = {
      'a/a.yaml': 'metric_batch: a\ndisable_summary: true\n',
      'b/b.yaml': 'metric_batch: b\ndisable_summary: true\n',
      'c/c.yaml': 'metric_batch: c\ndisable_summary: true\ndisable_llmalert: false\n'
    }
    expect(hits(files, 'dagster/')).toEqual([
      { ruleId: 'dagster/noop-collision', severity: 'error', file: 'a/a.yaml', line: 2, column: 1 },
      { ruleId: 'dagster/noop-collision', severity: 'error', file: 'b/b.yaml', line: 2, column: 1 }
    ])
    const d = validate(files).diagnostics.find((x) => x.file === 'metrics/b/b.yaml')
    expect(d?.effect).toBe('load-crash')
    expect(d?.message).toContain('reads this batch first')
  })

  it('reports at metric_batch when every flag comes from defaults.yaml', () => {
    const files = {
      'defaults/defaults.yaml':
        'disable_llmalert: true\ndisable_plot: true\n' +
        'ingest_cron_schedule: "0 * * * *"\ntrain_cron_schedule: "0 * * * *"\n',
      'a/a.yaml': '# batch\nmetric_batch: a\n'
    }
    expect(hits(files, 'dagster/')).toEqual([
      { ruleId: 'dagster/noop-collision', severity: 'error', file: 'a/a.yaml', line: 2, column: 15 }
    ])
  })

  it('does not check a disabled batch', () => {
    const files = { 'a/a.yaml': 'metric_batch: a\ndisable_batch: true\ndisable_train: true\n' }
    expect(hits(files, 'dagster/')).toEqual([])
  })
})

describe('dagster/name-collision: the batches that may clash', () => {
  /** Every batch sharing a job or node name with another batch or a fixed name, by brute force. */
  function clashing(names: readonly string[], flags: readonly PartFlags[]): Set<string> {
    const owners = new Map<string, Set<string>>()
    const add = (key: string, owner: string): void => {
      const set = owners.get(key) ?? new Set<string>()
      set.add(owner)
      owners.set(key, set)
    }
    for (const def of FIXED_NAMES)
      if (def.kind !== 'schedule')
        add(`${def.kind === 'job' ? 'job' : 'node'}:${def.name}`, '\0fixed')
    names.forEach((name, i) => {
      for (const def of generatedNames(name, flags[i]!, true)) {
        if (def.kind === 'schedule' || (def.part === 'summary' && !flags[i]!.summary)) continue
        add(`${def.kind === 'job' ? 'job' : 'node'}:${def.name}`, name)
      }
    })
    const out = new Set<string>()
    for (const set of owners.values()) if (set.size > 1) for (const o of set) out.add(o)
    out.delete('\0fixed')
    return out
  }

  it('keeps every batch that really clashes, on 1,000 seeded name sets', () => {
    let seed = 7
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
      return (seed >>> 8) % n
    }
    const words = [
      'a',
      'b',
      'foo',
      'change',
      'get',
      'save',
      'alerts',
      'train',
      'cleanup',
      'report',
      'disk',
      'noop',
      ''
    ]
    let kept = 0
    for (let round = 0; round < 1000; round++) {
      const names = new Set<string>()
      const n = 2 + rand(6)
      while (names.size < n) {
        const parts = Array.from({ length: 1 + rand(3) }, () => words[rand(words.length)]!)
        names.add(parts.join('_'))
      }
      const list = [...names]
      const flags = list.map(
        () => Object.fromEntries(DAGSTER_PARTS.map((p) => [p, rand(3) === 0])) as PartFlags
      )
      const want = clashing(list, flags)
      const got = new Set(mayCollide(list.map((name) => ({ name }))).map((b) => b.name))
      for (const name of want) expect(got, `${list.join(', ')}: ${name}`).toContain(name)
      kept += want.size
    }
    // The sample has clashes to find, and leaves out the batches that cannot clash.
    expect(kept).toBeGreaterThan(40)
    expect(mayCollide([{ name: 'sales' }, { name: 'weather' }, { name: 'sales2' }])).toEqual([])
  })

  it('marks every batch of a nested prefix chain (a, a_a, a_a_a, …), whose ranges overlap', () => {
    const names = Array.from({ length: 2000 }, (_, i) => ({
      name: Array(i + 1)
        .fill('a')
        .join('_')
    }))
    expect(mayCollide(names)).toHaveLength(2000)
  })
})
