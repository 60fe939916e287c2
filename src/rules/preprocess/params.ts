import { pyTruthy } from '../../config/truthy.js'
import type { SourceDoc } from '../../config/model.js'
import type { Span } from '../../core/diagnostic.js'
import { getEntry, keyString, type YEntry, type YMap } from '../../yaml/node.js'
import type { BatchRule, Report } from '../types.js'
import { excerpt, isNull, strValue } from '../yaml-keys/scalars.js'
import { editDistance } from '../model/edit-distance.js'
import { preprocessSignature, type PreprocessSignature } from './signature.js'

/**
 * `preprocess_params` is passed as `**kwargs` to `preprocess()` (train adds `shuffle=True`),
 * and the plot job reads `.get("freq")` / `.get("freq_agg")` while the code location loads.
 */
export const preprocessParamsRule: BatchRule = {
  kind: 'batch',
  meta: [
    {
      id: 'preprocess/not-mapping',
      severity: 'error',
      effect: 'load-crash',
      description:
        'preprocess_params is not a mapping: building the plot job calls .get on it and the whole code location fails to load (with plot disabled, train and score fail instead).'
    },
    {
      id: 'preprocess/unknown-param',
      severity: 'error',
      effect: 'job-fails',
      description:
        'A preprocess_params key preprocess() does not accept (or `shuffle`, which train already passes): TypeError in train and score.'
    },
    {
      id: 'preprocess/freq-without-agg',
      severity: 'error',
      effect: 'job-fails',
      description:
        'preprocess_params sets freq without freq_agg (or with null): the shallow merge drops the default, so the plot job gets None and fails (warning while plot is disabled).'
    },
    {
      id: 'preprocess/deprecated-freq',
      severity: 'warning',
      effect: 'job-fails',
      description:
        'A pandas offset alias pandas 3 rejects (H, T, S, L, U, N, M, Q, Y, A, BH...): use h, min, s, ms, us, ns, ME, QE, YE, bh.'
    }
  ],
  check(batch, ctx, report) {
    const entry = batch.get('preprocess_params')
    if (!entry) return
    const value = entry.entry.value
    const plotEnabled = !pyTruthy(batch.get('disable_plot')?.entry.value)
    if (value.kind !== 'map') {
      const at = value.end > value.start ? value : entry.entry.key
      report({
        ruleId: 'preprocess/not-mapping',
        doc: entry.doc,
        span: at,
        effect: plotEnabled ? 'load-crash' : 'job-fails',
        message: plotEnabled
          ? 'preprocess_params is not a mapping: the plot job calls preprocess_params.get("freq") while building, so the whole code location fails to load (AttributeError).'
          : 'preprocess_params is not a mapping: train and score pass it as **kwargs to preprocess(), so those runs fail (and enabling plot would crash the code location).',
        hint: 'Write it as a mapping, e.g. `preprocess_params: {diff_n: 1, smooth_n: 3, lags_n: 5, freq: null, freq_agg: mean}`.'
      })
      return
    }
    const signature = preprocessSignature(batch, ctx)
    const fnEntry = batch.get('preprocess_fn')
    if (entry.fromDefaults && fnEntry && !fnEntry.fromDefaults) {
      // The batch swapped the function but kept the defaults' params: blame its preprocess_fn.
      checkInheritedKeys(value, fnEntry.doc, fnEntry.entry.key, signature, report)
    } else {
      checkKeys(value, entry.doc, signature, report)
    }
    checkFreq(value, entry.doc, plotEnabled, report)
  }
}

function checkKeys(
  map: YMap,
  doc: SourceDoc,
  signature: PreprocessSignature | undefined,
  report: Report
): void {
  for (const e of map.entries) {
    const name = strValue(e.key)
    if (name === 'shuffle') {
      report({
        ruleId: 'preprocess/unknown-param',
        doc,
        span: e.key,
        message:
          'preprocess_params must not set `shuffle`: the train job already calls preprocess(df, shuffle=True, **preprocess_params), so it fails with "got multiple values for keyword argument \'shuffle\'".',
        hint: 'Remove `shuffle`; training always shuffles and scoring never does.'
      })
      continue
    }
    if (name === undefined) {
      if (e.key.kind === 'scalar' && e.key.pyType !== 'str') reportNonStringKey(e, doc, report)
      continue
    }
    if (signature?.kind !== 'known' || signature.params.has(name)) continue
    const accepted = [...signature.params].filter((p) => p !== 'shuffle')
    const near = accepted.find((p) => editDistance(p, name) <= 2)
    report({
      ruleId: 'preprocess/unknown-param',
      doc,
      span: e.key,
      message: `preprocess_params key \`${excerpt(name)}\` is not a parameter of ${signature.isDefault ? 'the default preprocess()' : 'this preprocess()'}: train and score fail with "unexpected keyword argument '${excerpt(name)}'".`,
      hint:
        near !== undefined ? `Did you mean \`${near}\`?` : `Accepted keys: ${accepted.join(', ')}.`
    })
  }
}

function checkInheritedKeys(
  map: YMap,
  doc: SourceDoc,
  span: Span,
  signature: PreprocessSignature | undefined,
  report: Report
): void {
  if (signature?.kind !== 'known') return
  const rejected = map.entries
    .map((e) => strValue(e.key))
    .filter((k): k is string => k !== undefined && k !== 'shuffle' && !signature.params.has(k))
  if (rejected.length === 0) return
  report({
    ruleId: 'preprocess/unknown-param',
    doc,
    span,
    message: `This preprocess_fn does not accept ${rejected.map((k) => `\`${excerpt(k)}\``).join(', ')}, which the preprocess_params inherited from defaults.yaml pass to it: train and score fail with "unexpected keyword argument".`,
    hint: 'Set preprocess_params in this batch to the keys your preprocess() accepts, or give it **kwargs.'
  })
}

function reportNonStringKey(e: YEntry, doc: SourceDoc, report: Report): void {
  report({
    ruleId: 'preprocess/unknown-param',
    doc,
    span: e.key,
    message: `preprocess_params key ${e.key.kind === 'scalar' ? excerpt(e.key.source) : keyString(e.key)} is read by YAML as ${e.key.kind === 'scalar' ? e.key.pyType : e.key.kind}, not a string: **preprocess_params then fails with "keywords must be strings".`,
    hint: 'Use one of the parameter names of preprocess(), quoted if YAML would read it as another type.'
  })
}

/**
 * Offset aliases pandas 2.2 deprecated and pandas 3 rejects ("Invalid frequency"), checked with
 * pandas 3.1.1 `Series.resample`.
 */
const REMOVED_ALIASES: ReadonlyMap<string, string> = new Map([
  ['H', 'h'],
  ['T', 'min'],
  ['S', 's'],
  ['L', 'ms'],
  ['U', 'us'],
  ['N', 'ns'],
  ['BH', 'bh'],
  ['CBH', 'cbh'],
  ['M', 'ME'],
  ['BM', 'BME'],
  ['SM', 'SME'],
  ['Q', 'QE'],
  ['BQ', 'BQE'],
  ['Y', 'YE'],
  ['A', 'YE'],
  ['BY', 'BYE'],
  ['BA', 'BYE'],
  ['AS', 'YS'],
  ['BAS', 'BYS']
])

function checkFreq(map: YMap, doc: SourceDoc, plotEnabled: boolean, report: Report): void {
  const freqEntry = getEntry(map, 'freq')
  if (!freqEntry || isNull(freqEntry.value)) return
  const aggEntry = getEntry(map, 'freq_agg')
  if (!aggEntry || isNull(aggEntry.value)) {
    // A missing freq_agg falls back to preprocess()'s default in train/score; an explicit null
    // reaches preprocess() too and fails there.
    const explicitNull = aggEntry !== undefined
    report({
      ruleId: 'preprocess/freq-without-agg',
      ...(explicitNull || plotEnabled ? {} : { severity: 'warning' as const }),
      doc,
      span: freqEntry.key,
      message: explicitNull
        ? 'preprocess_params sets freq with freq_agg null: preprocess() raises "Unsupported aggregation method: None", so train, score and plot fail.'
        : `preprocess_params sets freq but not freq_agg: the merge with defaults.yaml is shallow, so the default freq_agg is lost and the plot job resamples with freq_agg None (ValueError)${plotEnabled ? '' : ' once plot is enabled'}.`,
      hint: "Add `freq_agg: 'mean'` (or 'sum') next to freq."
    })
  }
  const freq = strValue(freqEntry.value)
  if (freq === undefined) return
  const fixed = fixRemovedAliases(freq)
  if (fixed !== undefined) {
    report({
      ruleId: 'preprocess/deprecated-freq',
      doc,
      span: freqEntry.value,
      message: `freq '${excerpt(freq)}' uses a pandas offset alias that pandas 2.2 deprecates and pandas 3 rejects ("Invalid frequency"): resampling fails once pandas is upgraded.`,
      hint: `Use '${fixed}'.`
    })
  }
}

/** The freq string with removed aliases replaced, or undefined when it uses none. */
function fixRemovedAliases(freq: string): string | undefined {
  const text = freq.trim()
  if (text.length > 64) return undefined
  // A linear scan (no nested quantifiers over untrusted text): `[n]alias[-anchor]` tokens. An
  // anchor is a month or weekday (`Q-JAN`, `W-MON`) or a day of the month (`SM-15`).
  const token = /([+-]?\d*(?:\.\d+)?)([A-Za-z]+)(-[A-Za-z0-9]+)?/y
  let out = ''
  let changed = false
  while (token.lastIndex < text.length) {
    const m = token.exec(text)
    if (!m) return undefined
    const alias = m[2] ?? ''
    const repl = REMOVED_ALIASES.get(alias)
    if (repl !== undefined) changed = true
    out += (m[1] ?? '') + (repl ?? alias) + (m[3] ?? '')
  }
  return changed ? out : undefined
}
