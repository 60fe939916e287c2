import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../../src/core/diagnostic.js'
import { toStatedOf } from '../../helpers/tree.js'
import { WORKING_MODELS } from '../../../src/rules/model/pyod-names.js'
import { BATCH_PATH, diagnoseBatch } from './harness.js'

// What the model rules say: exact messages and hints, and the value they mark.

const said = (diags: readonly Diagnostic[], ruleId: string) => toStatedOf(ruleId, diags)

const configs = (...items: string[]): string =>
  `model_configs:\n${items.map((i) => `  - model_name: ${i}\n`).join('')}`

describe('model/unknown-name', () => {
  const unknown = (name: string): string =>
    `model_name \`${name}\` cannot be loaded: Anomstack imports pyod.models.${name.toLowerCase()}.${name}, which does not exist, so the train run fails.`

  it('each kind of hint', () => {
    const body = configs(
      'AutoEncoder\n    model_tag: a',
      'iforest\n    model_tag: b',
      'isolation-forest\n    model_tag: c',
      'Isolation Forest\n    model_tag: d',
      'KNNN\n    model_tag: e',
      'Zzzzzz\n    model_tag: f'
    )
    expect(said(diagnoseBatch(body), 'model/unknown-name')).toEqual([
      {
        severity: 'error',
        file: BATCH_PATH,
        at: [3, 17, 3, 28],
        message: unknown('AutoEncoder'),
        hint: 'PyOD defines AutoEncoder in pyod.models.auto_encoder, not pyod.models.autoencoder, so Anomstack cannot load it; pick a loadable detector such as IForest, PCA or KNN.'
      },
      {
        severity: 'error',
        file: BATCH_PATH,
        at: [5, 17, 5, 24],
        message: unknown('iforest'),
        hint: 'Model names are case-sensitive: use `IForest`.'
      },
      {
        severity: 'error',
        file: BATCH_PATH,
        at: [7, 17, 7, 33],
        message: unknown('isolation-forest'),
        hint: 'PyOD calls this detector `IForest`.'
      },
      {
        severity: 'error',
        file: BATCH_PATH,
        at: [9, 17, 9, 33],
        message: unknown('Isolation Forest'),
        hint: 'PyOD calls this detector `IForest`.'
      },
      {
        severity: 'error',
        file: BATCH_PATH,
        at: [11, 17, 11, 21],
        message: unknown('KNNN'),
        hint: 'Did you mean `KNN`?'
      },
      {
        severity: 'error',
        file: BATCH_PATH,
        at: [13, 17, 13, 23],
        message: unknown('Zzzzzz'),
        hint: `Use a PyOD class name Anomstack can load: ${WORKING_MODELS.join(', ')}.`
      }
    ])
    expect(WORKING_MODELS.slice(0, 3)).toEqual(['ABOD', 'CBLOF', 'CD'])
  })

  it('a long name is cut', () => {
    const name = 'x'.repeat(70)
    const cut = `${'x'.repeat(59)}…`
    expect(said(diagnoseBatch(configs(`"${name}"`)), 'model/unknown-name')[0]?.message).toBe(
      `model_name \`${cut}\` cannot be loaded: Anomstack imports pyod.models.${cut}.${cut}, which does not exist, so the train run fails.`
    )
  })
})

describe('model/unsupported-name', () => {
  it('says why each loadable-but-broken detector fails', () => {
    const body = configs(
      'MAD\n    model_tag: a',
      'LSCP\n    model_tag: b',
      'XGBOD\n    model_tag: c',
      'VAE\n    model_tag: d'
    )
    const hint = 'Use a detector that fits with plain fit(X), such as IForest, PCA, KNN or ECOD.'
    expect(said(diagnoseBatch(body), 'model/unsupported-name')).toEqual([
      {
        severity: 'warning',
        file: BATCH_PATH,
        at: [3, 17, 3, 20],
        message:
          'model_name `MAD` loads, but only fits univariate data, so it fails unless `preprocess_params.lags_n` is 0: the train run will fail.',
        hint
      },
      {
        severity: 'warning',
        file: BATCH_PATH,
        at: [5, 17, 5, 21],
        message:
          'model_name `LSCP` loads, but needs a `detector_list` of detector objects, which YAML cannot express: the train run will fail.',
        hint
      },
      {
        severity: 'warning',
        file: BATCH_PATH,
        at: [7, 17, 7, 22],
        message:
          'model_name `XGBOD` loads, but is supervised (`fit(X, y)`) and needs `xgboost`; Anomstack calls `fit(X)`: the train run will fail.',
        hint
      },
      {
        severity: 'warning',
        file: BATCH_PATH,
        at: [9, 17, 9, 20],
        message:
          'model_name `VAE` loads, but needs `torch`, which Anomstack does not install: the train run will fail.',
        hint
      }
    ])
  })

  it('MAD needs lags_n to be the int 0', () => {
    const mad = (params: string): number =>
      said(
        diagnoseBatch(`${configs('MAD')}preprocess_params:\n${params}`),
        'model/unsupported-name'
      ).length
    expect(mad('  lags_n: 0\n')).toBe(0)
    expect(mad('  lags_n: 1\n')).toBe(1)
    expect(mad('  lags_n: "0"\n')).toBe(1)
    expect(mad('  diff_n: 0\n')).toBe(1)
  })
})

describe('model/duplicate-tag', () => {
  const HINT = 'Give every item in model_configs its own model_tag.'
  const dup = (tag: string): string =>
    `model_tag ${tag} is used by an earlier model_configs item: both models save to the same pickle file and score column, so one overwrites the other.`

  it('an explicit tag at its value; the omitted tag at the item', () => {
    const body = configs(
      'PCA\n    model_tag: a',
      'KNN\n    model_tag: a',
      'IForest',
      'ECOD',
      "LOF\n    model_tag: ''",
      'HBOS\n    model_tag: 3'
    )
    expect(said(diagnoseBatch(body), 'model/duplicate-tag')).toEqual([
      { severity: 'error', file: BATCH_PATH, at: [6, 16, 6, 17], message: dup('`a`'), hint: HINT },
      {
        severity: 'error',
        file: BATCH_PATH,
        at: [8, 5, 8, 21],
        message: dup('"" (the default when model_tag is omitted)'),
        hint: HINT
      },
      {
        severity: 'error',
        file: BATCH_PATH,
        at: [10, 16, 10, 18],
        message: dup('"" (the default when model_tag is omitted)'),
        hint: HINT
      }
    ])
  })
})

describe('model/unknown-param', () => {
  it('a near miss, a non-string key, the wrong case, and nothing close', () => {
    const body =
      configs('KNN') +
      '    model_params:\n      n_neighbours: 3\n      1: 2\n      Contamination: 0.1\n      zzzz: 1\n'
    const all =
      'Accepted parameters: contamination, n_neighbors, method, radius, algorithm, leaf_size, metric, p, metric_params, n_jobs.'
    const unexpected = (key: string): string =>
      `\`${key}\` is not a parameter of PyOD's KNN (pyod 3.6.7): the train run fails with "TypeError: KNN.__init__() got an unexpected keyword argument".`
    expect(said(diagnoseBatch(body), 'model/unknown-param')).toEqual([
      {
        severity: 'error',
        file: BATCH_PATH,
        at: [5, 7, 5, 19],
        message: unexpected('n_neighbours'),
        hint: 'Did you mean `n_neighbors`?'
      },
      {
        severity: 'error',
        file: BATCH_PATH,
        at: [6, 7, 6, 8],
        message:
          'model_params key 1 is not a string: KNN(**model_params) raises "TypeError: keywords must be strings" and the train run fails.',
        hint: all
      },
      {
        severity: 'error',
        file: BATCH_PATH,
        at: [7, 7, 7, 20],
        message: unexpected('Contamination'),
        hint: 'Parameter names are case-sensitive: use `contamination`.'
      },
      {
        severity: 'error',
        file: BATCH_PATH,
        at: [8, 7, 8, 11],
        message: unexpected('zzzz'),
        hint: all
      }
    ])
  })
})

describe('train/min-above-max', () => {
  const HINT = 'train_min_n drops the newest n-1 points; keep it at or below train_max_n.'
  it('marks the value the batch changed', () => {
    expect(said(diagnoseBatch('train_min_n: 3000\n'), 'train/min-above-max')).toEqual([
      {
        severity: 'error',
        file: BATCH_PATH,
        at: [2, 14, 2, 18],
        message:
          'train_min_n (3000) is greater than train_max_n (2500): train.sql keeps ranks >= 3000 and <= 2500, which is empty, so no model is trained.',
        hint: HINT
      }
    ])
    expect(said(diagnoseBatch('train_max_n: 10\n'), 'train/min-above-max')).toEqual([
      {
        severity: 'error',
        file: BATCH_PATH,
        at: [2, 14, 2, 16],
        message:
          'train_min_n (14) is greater than train_max_n (10): train.sql keeps ranks >= 14 and <= 10, which is empty, so no model is trained.',
        hint: HINT
      }
    ])
  })

  it('equal bounds are fine; both set by the batch: at train_min_n', () => {
    expect(said(diagnoseBatch('train_max_n: 14\n'), 'train/min-above-max')).toEqual([])
    expect(
      said(diagnoseBatch('train_max_n: 5\ntrain_min_n: 6\n'), 'train/min-above-max').map(
        (d) => d.at
      )
    ).toEqual([[3, 14, 3, 15]])
  })
})
