import { ruleAnchor } from '../report/sarif.js'
import { EFFECTS, type Effect, type RuleMeta } from './types.js'

const EFFECT_MEANING: Readonly<Record<Effect, string>> = {
  'load-crash': 'importing `anomstack.main` raises: the whole code location fails to load',
  'job-fails': 'the location loads, but a job of the batch fails (or misbehaves) when it runs',
  latent: 'nothing breaks today, but the next batch that relies on the value will crash the load',
  ignored: 'Anomstack never reads it: it has no effect',
  suspicious: 'it works, but probably not as meant',
  'not-checked': 'we could not check the input, so the run fails closed without a claim'
}

const AREA_TITLES: Readonly<Record<string, string>> = {
  yaml: 'YAML as PyYAML reads it',
  file: 'Files under metrics/',
  batch: 'Batch identity',
  schema: 'Types, enums and ranges (JSON Schema)',
  schedule: 'Schedules',
  dagster: 'Generated Dagster names',
  flags: 'disable_* flags',
  keys: 'Key names',
  defaults: 'Keys defaults.yaml must provide',
  ingest: 'Ingest source',
  include: '{% include %} targets',
  model: 'Models',
  train: 'Training window',
  preprocess: 'Preprocessing',
  storage: 'Storage',
  alert: 'Alerts',
  'yaml-keys': 'Keys YAML 1.1 changes',
  internal: 'Internal'
}

/** docs/rules.md: one anchored entry per rule id (SARIF helpUri targets these anchors). */
export function renderRulesDoc(metas: readonly RuleMeta[]): string {
  const byArea = new Map<string, RuleMeta[]>()
  for (const m of [...metas].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const area = m.id.slice(0, m.id.indexOf('/'))
    byArea.set(area, [...(byArea.get(area) ?? []), m])
  }
  const out = [
    '# Rules',
    '',
    '<!-- Generated from the rule registry by __tests__/docs/rules-doc.test.ts (UPDATE_DOCS=1). Do not edit. -->',
    '',
    'Every diagnostic carries one of these stable ids. Severity is the default: an error inside a batch with a truthy `disable_batch` is reported as a warning (Anomstack skips that batch), except a missing `metric_batch`, which crashes the load anyway; a problem that already existed on the base commit in untouched lines is reported as a warning marked pre-existing.',
    '',
    '| severity | meaning |',
    '| --- | --- |',
    '| error | breaks the code location load, makes a job of an enabled batch fail, or is a value Anomstack does not accept |',
    '| warning | a key or file Anomstack ignores, or a valid but suspicious value |',
    '| notice | informational |',
    '',
    'Each rule also states its **effect**: what really happens in Anomstack and Dagster. The JSON report, SARIF results and the differential suite against the real code location read it, so only `load-crash` diagnostics claim that the code location fails to load.',
    '',
    '| effect | meaning |',
    '| --- | --- |',
    ...EFFECTS.map((e) => `| \`${e}\` | ${EFFECT_MEANING[e]} |`),
    ''
  ]
  for (const [area, rules] of byArea) {
    out.push(`## ${AREA_TITLES[area] ?? area}`, '')
    for (const r of rules) {
      out.push(
        `<a id="${ruleAnchor(r.id)}"></a>`,
        '',
        `### \`${r.id}\` (${r.severity})`,
        '',
        `Effect: \`${r.effect}\`. ${r.description}`,
        ''
      )
    }
  }
  return out.join('\n')
}
