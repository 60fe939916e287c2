import { describe, expect, it } from 'vitest'
import {
  at,
  BATCH_PATH,
  DEFAULTS,
  DEFAULTS_PATH,
  diagnose,
  diagnoseBatch,
  hits
} from './harness.js'

const RULE = 'model/unknown-param'

/** A batch with one model_configs item; its model_params lines start on line 6, column 7. */
const batch = (name: string, ...params: string[]): string =>
  `model_configs:\n  - model_name: ${name}\n    model_tag: a\n    model_params:\n${params.map((p) => `      ${p}\n`).join('')}`

describe('model/unknown-param', () => {
  it('reports a misspelt keyword at the key, with a did-you-mean', () => {
    const d = diagnoseBatch(batch('KNN', 'contamination: 0.01', 'n_neighbours: 5'))
    expect(hits(d, RULE)).toEqual([at(RULE, 7, 7)])
    expect(d[0]?.message).toContain("`n_neighbours` is not a parameter of PyOD's KNN (pyod 3.6.7)")
    expect(d[0]?.hint).toBe('Did you mean `n_neighbors`?')
  })

  it.each([
    ['IForest', 'n_estimators: 50'],
    ['LOF', 'novelty: true'],
    ['PCA', 'n_components: 2'],
    ['HDBSCAN', 'min_cluster_size: 5'],
    ["'ECOD'", 'n_jobs: 1']
  ])('accepts %s with %s', (name, param) => {
    expect(hits(diagnoseBatch(batch(name, 'contamination: 0.01', param)))).toEqual([])
  })

  it('reports every unknown key of an item, and says names are case-sensitive', () => {
    const d = diagnoseBatch(
      batch('IForest', 'Contamination: 0.01', 'n_trees: 10', 'random_state: 1')
    )
    expect(hits(d, RULE)).toEqual([at(RULE, 6, 7), at(RULE, 7, 7)])
    expect(d[0]?.hint).toBe('Parameter names are case-sensitive: use `contamination`.')
    // nothing within two edits: the whole list
    expect(d[1]?.hint).toMatch(/^Accepted parameters: n_estimators, max_samples, contamination,/)
  })

  it('suggests the nearest name for a near miss', () => {
    const d = diagnoseBatch(batch('ABOD', 'methd: fast'))
    expect(hits(d, RULE)).toEqual([at(RULE, 6, 7)])
    expect(d[0]?.hint).toBe('Did you mean `method`?')
  })

  it('offers every equally close name', () => {
    // two edits from both `method` and `metric`
    const d = diagnoseBatch(batch('KNN', 'metrxd: minkowski'))
    expect(hits(d, RULE)).toEqual([at(RULE, 6, 7)])
    expect(d[0]?.hint).toBe('Did you mean `method` or `metric`?')
  })

  it('reports a non-string key (Python: "keywords must be strings")', () => {
    const d = diagnoseBatch(batch('PCA', '1: 2'))
    expect(hits(d, RULE)).toEqual([at(RULE, 6, 7)])
    expect(d[0]?.message).toContain('keywords must be strings')
  })

  it('skips names another rule reports, unimportable models, and non-map model_params', () => {
    expect(hits(diagnoseBatch(batch('knn', 'n_neighbours: 5')), RULE)).toEqual([])
    expect(hits(diagnoseBatch(batch('VAE', 'anything: 1')), RULE)).toEqual([])
    expect(
      hits(diagnoseBatch('model_configs:\n  - model_name: KNN\n    model_params: [1]\n'), RULE)
    ).toEqual([])
  })

  it('checks the mapping items of a list that also holds other values', () => {
    const body =
      'model_configs:\n  - KNN\n  - [1]\n  - model_params: {n_neighbours: 5}\n  - model_name: KNN\n    model_params: {n_neighbours: 5}\n'
    // line 7 = the last item's `model_params: {n_neighbours: 5}`, key at column 20
    expect(hits(diagnoseBatch(body), RULE)).toEqual([at(RULE, 7, 20)])
  })

  it.each([
    ['a mapping', 'model_configs: {model_name: KNN, model_params: {n_neighbours: 5}}\n'],
    ['a string', 'model_configs: KNN\n']
  ])('skips model_configs written as %s (the schema reports it)', (_what, body) => {
    expect(hits(diagnoseBatch(body), RULE)).toEqual([])
  })

  it('has nothing to check when neither defaults.yaml nor the batch sets model_configs', () => {
    const defaults = DEFAULTS.replace(/^model_configs:\n(?: {2}.*\n)+/m, '')
    expect(defaults).not.toContain('model_configs')
    expect(hits(diagnoseBatch('', defaults), RULE)).toEqual([])
  })

  it('is a warning in a disabled batch', () => {
    const d = diagnoseBatch(`disable_batch: true\n${batch('KNN', 'n_neighbours: 5')}`)
    expect(hits(d, RULE)).toEqual([at(RULE, 7, 7, 'warning')])
  })

  it('reports a bad key inherited from defaults.yaml once, at the defaults line', () => {
    const defaults = DEFAULTS.replace(
      "model_tag: 'knn_default'\n    model_params:\n",
      "model_tag: 'knn_default'\n    model_params:\n      n_neighbours: 5\n"
    )
    const d = diagnose({
      [DEFAULTS_PATH]: defaults,
      [BATCH_PATH]: 'metric_batch: b\n',
      'metrics/c/c.yaml': 'metric_batch: c\n'
    })
    // line 12 = `      n_neighbours: 5`, under the KNN item's model_params (line 11) of DEFAULTS
    expect(hits(d, RULE)).toEqual([at(RULE, 12, 7, 'error', DEFAULTS_PATH)])
  })
})
