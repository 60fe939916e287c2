import { describe, expect, it } from 'vitest'
import { at, DEFAULTS, DEFAULTS_PATH, diagnose, diagnoseBatch, hits } from './harness.js'

const configs = (...items: string[]): string => `model_configs:\n${items.join('')}`
const item = (name: string, tag?: string): string =>
  `  - model_name: ${name}\n${tag === undefined ? '' : `    model_tag: ${tag}\n`}    model_params: {contamination: 0.01}\n`

describe('model/unknown-name', () => {
  it.each([['PCA'], ['IForest'], ['ECOD'], ['HDBSCAN'], ['Sampling'], ['RGraph'], ["'KNN'"]])(
    'accepts loadable %s',
    (name) => {
      expect(hits(diagnoseBatch(configs(item(name, 'a'))))).toEqual([])
    }
  )

  it.each([
    ['pca', 'PCA'],
    ['IsolationForest', 'IForest'],
    ['AutoEncoder', 'auto_encoder'],
    ['DeepSVDD', 'deep_svdd'],
    ['FeatureBagging', 'feature_bagging'],
    ['iforest', 'IForest'],
    ['ECODD', 'ECOD'],
    ['Prophet', 'IForest']
  ])('rejects %s with a hint mentioning %s', (name, hintPart) => {
    const d = diagnoseBatch(configs(item(name, 'a')))
    // line 3 = `  - model_name: <name>`, value at column 17
    expect(hits(d)).toEqual([at('model/unknown-name', 3, 17)])
    expect(d[0]?.hint).toContain(hintPart)
  })

  it('reports a bad name inherited from defaults at defaults.yaml', () => {
    const defaults = DEFAULTS.replace("model_name: 'KNN'", "model_name: 'knn'")
    expect(hits(diagnoseBatch('', defaults))).toEqual([
      at('model/unknown-name', 9, 17, 'error', DEFAULTS_PATH)
    ])
  })

  it('skips a model_name of the wrong type (the schema reports it)', () => {
    expect(hits(diagnoseBatch(configs(item('123', 'a'))))).toEqual([])
  })
})

describe('model/unsupported-name', () => {
  it.each([['LSCP'], ['XGBOD'], ['DevNet'], ['SUOD'], ['VAE'], ['SO_GAAL'], ['MAD']])(
    'warns on %s',
    (name) => {
      expect(hits(diagnoseBatch(configs(item(name, 'a'))))).toEqual([
        at('model/unsupported-name', 3, 17, 'warning')
      ])
    }
  )

  it('accepts MAD when lags_n is 0', () => {
    const body = `${configs(item('MAD', 'a'))}preprocess_params:\n  diff_n: 0\n  smooth_n: 0\n  lags_n: 0\n`
    expect(hits(diagnoseBatch(body))).toEqual([])
  })

  // MAD needs a one-column feature vector: only an int `lags_n: 0` under a preprocess_params
  // mapping gives one, so every other shape keeps the warning (and the rule never crashes).
  it.each([
    ['lags_n is the float 0.0', 'preprocess_params:\n  lags_n: 0.0\n'],
    ['lags_n is the string "0"', "preprocess_params:\n  lags_n: '0'\n"],
    ['preprocess_params is null', 'preprocess_params: null\n'],
    ['preprocess_params is a list', 'preprocess_params: [0]\n']
  ])('warns on MAD when %s', (_what, params) => {
    const body = `${configs(item('MAD', 'a'))}${params}`
    expect(hits(diagnoseBatch(body), 'model/unsupported-name')).toEqual([
      at('model/unsupported-name', 3, 17, 'warning')
    ])
  })

  it('warns on MAD when neither defaults.yaml nor the batch sets preprocess_params', () => {
    const defaults = DEFAULTS.replace(/^preprocess_params:\n(?: {2}.*\n)+/m, '')
    expect(defaults).not.toContain('preprocess_params')
    expect(hits(diagnoseBatch(configs(item('MAD', 'a')), defaults))).toEqual([
      at('model/unsupported-name', 3, 17, 'warning')
    ])
  })
})

describe('model/duplicate-tag', () => {
  it('accepts distinct tags', () => {
    expect(hits(diagnoseBatch(configs(item('PCA', 'a'), item('KNN', 'b'))))).toEqual([])
  })

  it('reports the second of two equal tags at its model_tag value', () => {
    // item 2 starts at line 6; its model_tag is on line 7, value at column 16
    expect(hits(diagnoseBatch(configs(item('PCA', 'x'), item('KNN', 'x'))))).toEqual([
      at('model/duplicate-tag', 7, 16)
    ])
  })

  it('treats two omitted tags as the same default "" tag, reported at the second item', () => {
    // item 1 spans lines 3-4, item 2 starts on line 5 at column 5
    expect(hits(diagnoseBatch(configs(item('PCA'), item('KNN'))))).toEqual([
      at('model/duplicate-tag', 5, 5)
    ])
  })

  it('collides an explicit empty tag with an omitted one', () => {
    expect(hits(diagnoseBatch(configs(item('PCA'), item('KNN', "''"))))).toEqual([
      at('model/duplicate-tag', 6, 16)
    ])
  })

  it('allows a single model without a tag', () => {
    expect(hits(diagnoseBatch(configs(item('PCA'))))).toEqual([])
  })
})

describe('train/min-above-max', () => {
  it('accepts min <= max', () => {
    expect(hits(diagnoseBatch('train_min_n: 2500\n'))).toEqual([])
  })

  it('reports train_min_n set above the inherited train_max_n', () => {
    expect(hits(diagnoseBatch('train_min_n: 3000\n'))).toEqual([at('train/min-above-max', 2, 14)])
  })

  it('points at train_max_n when only the maximum is set by the batch', () => {
    expect(hits(diagnoseBatch('train_max_n: 10\n'))).toEqual([at('train/min-above-max', 2, 14)])
  })

  it('skips values of the wrong type', () => {
    expect(hits(diagnoseBatch("train_min_n: '3000'\n"))).toEqual([])
  })
})

describe('anchors, merge keys and several batches', () => {
  it('reports a name shared through an alias once, at the anchor', () => {
    const body =
      'model_configs:\n  - &m\n    model_name: pca\n    model_tag: a\n    model_params: {}\n  - <<: *m\n    model_tag: b\n'
    expect(hits(diagnoseBatch(body))).toEqual([at('model/unknown-name', 4, 17)])
  })

  it('reports a defaults problem once however many batches inherit it', () => {
    const defaults = DEFAULTS.replace("model_name: 'KNN'", "model_name: 'knn'")
    const d = diagnose({
      [DEFAULTS_PATH]: defaults,
      'metrics/a/a.yaml': 'metric_batch: a\n',
      'metrics/b/b.yaml': 'metric_batch: b\n',
      'metrics/c/c.yaml': 'metric_batch: c\ndisable_batch: true\n'
    })
    expect(hits(d)).toEqual([at('model/unknown-name', 9, 17, 'error', DEFAULTS_PATH)])
  })
})

describe('model/unknown-name on hostile input', () => {
  it('handles a very long name quickly', () => {
    const started = Date.now()
    expect(hits(diagnoseBatch(configs(item('X'.repeat(200_000), 'a'))))).toEqual([
      at('model/unknown-name', 3, 17)
    ])
    expect(Date.now() - started).toBeLessThan(3000)
  })
})
