import { describe, expect, it } from 'vitest'
import {
  DAGSTER_PARTS,
  expectedDagsterObjects,
  generatedNames,
  partFlagsOf,
  type PartFlags
} from '../../../src/dagster/names.js'
import { buildBatchView } from '../../../src/config/batch-view.js'
import type { SourceDoc } from '../../../src/config/model.js'
import { loadYaml } from '../../../src/yaml/load.js'

const NONE: PartFlags = Object.fromEntries(DAGSTER_PARTS.map((p) => [p, false])) as PartFlags

function doc(path: string, text: string): SourceDoc {
  const load = loadYaml(Buffer.from(text))
  if (!load.root || load.root.kind !== 'map') throw new Error(`not a mapping: ${path}`)
  return { path, load, root: load.root }
}

describe('generatedNames', () => {
  it('names every job, op, graph, asset and schedule of an enabled batch', () => {
    const names = generatedNames('b', NONE, false)
    const byKind = (k: string): string[] => names.filter((n) => n.kind === k).map((n) => n.name)
    expect(byKind('job')).toEqual([
      'b_ingest',
      'b_train',
      'b_score',
      'b_alerts',
      'b_change',
      'b_llmalert_job',
      'b_plot_job',
      'b_delete'
    ])
    expect(byKind('graph')).toEqual(byKind('job'))
    expect(byKind('schedule')).toEqual(byKind('job').map((j) => `${j}_schedule`))
    expect(byKind('asset')).toEqual(['b_plot'])
    expect(byKind('op')).toContain('b_change_alerts_op')
    expect(byKind('op')).toContain('b_tholdalert_op')
    expect(byKind('op')).not.toContain('get_summary')
  })

  it('adds the summary job for the first batch only', () => {
    const first = generatedNames('b', NONE, true).map((n) => n.name)
    expect(first).toEqual(
      expect.arrayContaining(['summary', 'get_summary', 'send_summary', 'summary_schedule'])
    )
  })

  it('builds disabled variants with their noop ops', () => {
    const flags: PartFlags = { ...NONE, train: true, change: true, delete: true, summary: true }
    const names = generatedNames('b', flags, true)
    const ops = names.filter((n) => n.kind === 'op').map((n) => `${n.part}:${n.name}`)
    expect(ops).toEqual(
      expect.arrayContaining([
        'train:b_noop',
        'change:b_change_noop',
        'delete:b_delete_noop',
        'summary:b_noop'
      ])
    )
    const jobs = names.filter((n) => n.kind === 'job').map((n) => n.name)
    expect(jobs).toEqual(
      expect.arrayContaining([
        'b_train_disabled',
        'b_change_disabled',
        'b_delete_disabled',
        'b_summary_disabled'
      ])
    )
    expect(names.map((n) => n.name)).toContain('b_train_disabled_schedule')
    expect(jobs).not.toContain('b_train')
  })
})

describe('partFlagsOf', () => {
  it('uses Python truthiness and ignores the dead disable_alert', () => {
    const d = doc(
      'x.yaml',
      'disable_alert: true\ndisable_train: "false"\ndisable_score: 0\ndisable_llmalert: yes\n'
    )
    const flags = partFlagsOf(
      (k) => d.root.entries.find((e) => e.key.kind === 'scalar' && e.key.value === k)?.value
    )
    expect(flags).toEqual({ ...NONE, train: true, llmalert: true })
  })
})

describe('expectedDagsterObjects', () => {
  const defaults = doc(
    'metrics/defaults/defaults.yaml',
    [
      'ingest_cron_schedule: "*/3 * * * *"',
      'ingest_default_schedule_status: RUNNING',
      'train_cron_schedule: "*/5 * * * *"',
      'train_default_schedule_status: running',
      'summary_cron_schedule: "0 9 * * *"',
      'disable_llmalert: true',
      ''
    ].join('\n')
  )
  const views = [
    buildBatchView(
      doc('metrics/a/a.yaml', 'metric_batch: a\ntrain_cron_schedule: ["0 1 * * *", "0 2 * * *"]\n'),
      defaults
    ),
    buildBatchView(doc('metrics/b/b.yaml', 'metric_batch: b\ndisable_batch: true\n'), defaults),
    buildBatchView(doc('metrics/c/c.yaml', 'metric_batch: c\ndisable_train: true\n'), defaults)
  ]
  const out = expectedDagsterObjects(views)

  it('skips disabled batches and leaves the summary job to the global jobs (any batch may be first)', () => {
    expect(out.map((b) => b.batch)).toEqual(['a', 'c'])
    expect(out[0]?.jobs).not.toContain('summary')
    expect(out[0]?.schedules.map((s) => s.name)).not.toContain('summary_schedule')
    expect(out[1]?.jobs).not.toContain('summary')
    expect(out[1]?.jobs).toEqual(
      expect.arrayContaining(['c_train_disabled', 'c_llmalert_disabled'])
    )
  })

  it('carries crons and the exact-RUNNING status rule', () => {
    const a = out[0]?.schedules ?? []
    expect(a.find((s) => s.job === 'a_ingest')).toEqual({
      name: 'a_ingest_schedule',
      job: 'a_ingest',
      part: 'ingest',
      cron: '*/3 * * * *',
      defaultStatus: 'RUNNING'
    })
    expect(a.find((s) => s.job === 'a_train')).toMatchObject({
      cron: ['0 1 * * *', '0 2 * * *'],
      defaultStatus: 'STOPPED'
    })
  })

  it('keeps the first position but the last config for a repeated metric_batch', () => {
    const again = buildBatchView(
      doc('metrics/z/a.yaml', 'metric_batch: a\ndisable_ingest: true\n'),
      defaults
    )
    const r = expectedDagsterObjects([...views, again])
    expect(r.map((b) => b.batch)).toEqual(['a', 'c'])
    expect(r[0]?.file).toBe('metrics/z/a.yaml')
    expect(r[0]?.jobs).toContain('a_ingest_disabled')
  })
})
