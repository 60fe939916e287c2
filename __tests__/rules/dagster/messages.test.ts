import { describe, expect, it } from 'vitest'
import { validate } from '../schedule/harness.js'
import { toSaid } from '../../helpers/tree.js'

// What the Dagster name rules say: exact messages and hints, and the span they mark.

function said(files: Record<string, string>) {
  return validate(files)
    .diagnostics.filter((d) => d.ruleId.startsWith('dagster/'))
    .map(toSaid)
}

const COLLISION_TAIL =
  ': Dagster requires unique job and op/graph names, so the whole code location fails to load.'
const COLLISION_HINT =
  'Rename one of the batches so that neither name is the other followed by `_` and a job/op suffix (e.g. avoid `foo` next to `foo_change`, `foo_get`, `foo_save`).'

describe('dagster/name-collision', () => {
  it('names the other batch, its file and the shared name with both kinds', () => {
    expect(
      said({ 'a/foo.yaml': 'metric_batch: foo\n', 'b/x.yaml': 'metric_batch: foo_change\n' })
    ).toEqual([
      {
        ruleId: 'dagster/name-collision',
        severity: 'error',
        file: 'b/x.yaml',
        line: 1,
        column: 15,
        end: [1, 25],
        message:
          'Batch `foo_change` defines the same names as batch `foo` in metrics/a/foo.yaml (op `foo_change_alerts_op`, an op there)' +
          COLLISION_TAIL,
        hint: COLLISION_HINT
      }
    ])
  })

  it('a graph against an op, and an op against a graph', () => {
    expect(
      said({ 'a/foo.yaml': 'metric_batch: foo\n', 'b/x.yaml': 'metric_batch: foo_get\n' }).map(
        (d) => d.message
      )
    ).toEqual([
      'Batch `foo_get` defines the same names as batch `foo` in metrics/a/foo.yaml (graph `foo_get_alerts`, an op there)' +
        COLLISION_TAIL
    ])
    expect(
      said({
        'a/a.yaml': 'metric_batch: x_change\n',
        'b/b.yaml': 'metric_batch: x_get\n',
        'c/c.yaml': 'metric_batch: x_save\n',
        'z/z.yaml': 'metric_batch: x\n'
      })
    ).toEqual([
      {
        ruleId: 'dagster/name-collision',
        severity: 'error',
        file: 'z/z.yaml',
        line: 1,
        column: 15,
        end: [1, 16],
        message:
          'Batch `x` defines the same names as batch `x_get` in metrics/b/b.yaml (op `x_get_alerts`, a graph there), batch `x_save` in metrics/c/c.yaml (op `x_save_alerts`, a graph there), batch `x_change` in metrics/a/a.yaml (op `x_change_alerts_op`, an op there)' +
          COLLISION_TAIL,
        hint: COLLISION_HINT
      }
    ])
  })

  it('a clash through a disabled summary says when it happens', () => {
    const files = {
      'a/foo.yaml': 'metric_batch: foo\ndisable_change: true\n',
      'b/x.yaml': 'metric_batch: foo_change\ndisable_llmalert: false\ndisable_summary: true\n'
    }
    expect(said(files).map((d) => d.message)).toEqual([
      'Batch `foo_change` defines the same names as batch `foo` in metrics/a/foo.yaml (op `foo_change_noop`, an op there) (with a disabled summary: whenever Anomstack reads that batch first, which depends on os.walk order and can happen on any server)' +
        COLLISION_TAIL
    ])
  })

  it('says when it happens too when the disabled summary is the other batch\u2019s', () => {
    // foo_change's `foo_change_noop` comes from its summary alone (llmalert enabled); foo's
    // disabled change builds the same op.
    const files = {
      'a/a.yaml': 'metric_batch: foo_change\ndisable_llmalert: false\ndisable_summary: true\n',
      'b/b.yaml': 'metric_batch: foo\ndisable_change: true\n'
    }
    expect(said(files).map((d) => d.message)).toEqual([
      'Batch `foo` defines the same names as batch `foo_change` in metrics/a/a.yaml (op `foo_change_noop`, an op there) (with a disabled summary: whenever Anomstack reads that batch first, which depends on os.walk order and can happen on any server)' +
        COLLISION_TAIL
    ])
  })

  it('names a shared op once although several disabled parts build it', () => {
    // foo_change disables train and (by default) llmalert: both build `foo_change_noop`.
    const files = {
      'a/a.yaml': 'metric_batch: foo\ndisable_change: true\n',
      'b/b.yaml': 'metric_batch: foo_change\ndisable_train: true\n'
    }
    expect(
      said(files)
        .filter((d) => d.ruleId === 'dagster/name-collision')
        .map((d) => d.message)
    ).toEqual([
      'Batch `foo_change` defines the same names as batch `foo` in metrics/a/a.yaml (op `foo_change_noop`, an op there)' +
        COLLISION_TAIL
    ])
  })
})

describe('dagster/noop-collision', () => {
  const TAIL = ', Dagster rejects the duplicate op name and the whole code location fails to load.'
  const hint = (llmalert: boolean): string =>
    `Keep at most one of ingest/train/score/alerts/llmalert/plot/summary disabled per batch${llmalert ? ', e.g. set `disable_llmalert: false`' : ''}; to keep a part from running, leave it enabled with its \`*_default_schedule_status: STOPPED\`.`

  it('one flag plus the default disable_llmalert: marks the batch\u2019s flag', () => {
    expect(said({ 'a/a.yaml': 'metric_batch: a\ndisable_train: true\n' })).toEqual([
      {
        ruleId: 'dagster/noop-collision',
        severity: 'error',
        file: 'a/a.yaml',
        line: 2,
        column: 1,
        end: [2, 14],
        message:
          'Batch `a` disables train, llmalert (disable_llmalert comes from defaults.yaml): each disabled part builds a dummy op named `a_noop`' +
          TAIL,
        hint: hint(true)
      }
    ])
  })

  it('two flags of the batch: marks the second, no llmalert advice', () => {
    expect(
      said({
        'a/a.yaml':
          'metric_batch: a\ndisable_llmalert: false\ndisable_score: true\ndisable_plot: yes\n'
      })
    ).toEqual([
      {
        ruleId: 'dagster/noop-collision',
        severity: 'error',
        file: 'a/a.yaml',
        line: 4,
        column: 1,
        end: [4, 13],
        message:
          'Batch `a` disables score, plot: each disabled part builds a dummy op named `a_noop`' +
          TAIL,
        hint: hint(false)
      }
    ])
  })

  it('the batch\u2019s flags in file order, whatever the part order', () => {
    const found = said({
      'a/a.yaml':
        'metric_batch: a\ndisable_llmalert: false\ndisable_plot: true\ndisable_ingest: true\n'
    })
    expect(found.map((d) => [d.line, d.message.slice(0, 34)])).toEqual([
      [4, 'Batch `a` disables ingest, plot: e']
    ])
  })

  it('with a disabled summary: when this batch is read first', () => {
    expect(said({ 'a/a.yaml': 'metric_batch: a\ndisable_summary: true\n' })).toEqual([
      {
        ruleId: 'dagster/noop-collision',
        severity: 'error',
        file: 'a/a.yaml',
        line: 2,
        column: 1,
        end: [2, 16],
        message:
          'Batch `a` disables llmalert, summary (disable_llmalert comes from defaults.yaml): each disabled part builds a dummy op named `a_noop` (the summary one whenever Anomstack reads this batch first, which depends on os.walk order and can happen on any server)' +
          TAIL,
        hint: hint(true)
      }
    ])
  })

  it('three parts with the summary: the summary is not the condition any more', () => {
    const found = said({
      'a/a.yaml': 'metric_batch: a\ndisable_summary: true\ndisable_train: true\n'
    })
    expect(found.map((d) => d.message)).toEqual([
      'Batch `a` disables train, llmalert, summary (disable_llmalert comes from defaults.yaml): each disabled part builds a dummy op named `a_noop`' +
        TAIL
    ])
  })

  it('every flag from defaults.yaml: marks metric_batch and names them all', () => {
    const files = {
      'defaults/defaults.yaml':
        'disable_llmalert: true\ndisable_plot: true\n' +
        'ingest_cron_schedule: "0 * * * *"\ntrain_cron_schedule: "0 * * * *"\n',
      'a/a.yaml': '# batch\nmetric_batch: a\n'
    }
    expect(said(files)).toEqual([
      {
        ruleId: 'dagster/noop-collision',
        severity: 'error',
        file: 'a/a.yaml',
        line: 2,
        column: 15,
        end: [2, 16],
        message:
          'Batch `a` disables llmalert, plot (disable_llmalert, disable_plot come from defaults.yaml): each disabled part builds a dummy op named `a_noop`' +
          TAIL,
        hint: hint(true)
      }
    ])
  })

  it('a batch whose name another file took over is not checked', () => {
    const files = {
      'a/a.yaml': 'metric_batch: a\ndisable_train: true\n',
      'b/b.yaml': 'metric_batch: a\ndisable_llmalert: false\n'
    }
    expect(said(files).filter((d) => d.ruleId === 'dagster/noop-collision')).toEqual([])
  })
})
