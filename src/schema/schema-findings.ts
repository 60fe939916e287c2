import type { ErrorObject } from 'ajv'
import type { Span } from '../core/diagnostic.js'
import type { SourceDoc } from '../config/model.js'
import type { Finding } from '../rules/types.js'
import { editDistance } from '../rules/model/edit-distance.js'
import { keyString, type YMap, type YNode, type YScalar } from '../yaml/node.js'
import validateBatch from './generated/validate-batch.js'
import validateDefaults from './generated/validate-defaults.js'
import type { StandaloneValidator } from './generated/validate-batch.js'
import { toSchemaInstance } from './instance.js'

/** Which published schema a document is checked against. */
export type SchemaKind = 'batch' | 'defaults'

/** Every rule id this module emits. */
export const SCHEMA_RULE_IDS = {
  type: 'schema/type',
  enum: 'schema/enum',
  range: 'schema/range',
  required: 'schema/required',
  unknownProperty: 'schema/unknown-property',
  format: 'schema/format'
} as const

const VALIDATORS: Readonly<Record<SchemaKind, StandaloneValidator>> = {
  batch: validateBatch,
  defaults: validateDefaults
}

const RANGE_KEYWORDS = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'])

/**
 * Validates one file's own mapping against the published schema and returns findings positioned
 * on its YAML nodes. Run it per file, not on the merged batch view: the merge is shallow, so each
 * problem is reported once, where it is written.
 *
 * Not reported here (semantic rules own them, with their own severities): anything under
 * `metric_batch`, every top-level `disable_*` key, the missing `metric_batch`, and the
 * `*_cron_schedule` / `*_default_schedule_status` keys (the schedule rules report their types,
 * grammar and spelling, so one mistake is not reported twice).
 */
export function schemaFindings(doc: SourceDoc, schema: SchemaKind): Finding[] {
  const validate = VALIDATORS[schema]
  if (validate(toSchemaInstance(doc.root))) return []
  const errors = dropShadowed(mergeAlternatives((validate.errors ?? []).filter(isOurs)))
  const findings: Finding[] = []
  const seen = new Set<string>()
  for (const error of errors) {
    const finding = toFinding(doc, error)
    if (finding === undefined) continue
    const id = `${finding.ruleId}:${finding.span.start}:${finding.span.end}:${finding.message}`
    if (seen.has(id)) continue
    seen.add(id)
    findings.push(finding)
  }
  return findings.sort((a, b) => a.span.start - b.span.start)
}

/** SQL metric lists: `alert/exclude-unquoted` explains an empty one (it renders `in ()`). */
const SQL_METRIC_LISTS = /^(?:train|score|alert|change)_exclude_metrics$|^change_include_metrics$/

function isOurs(error: ErrorObject): boolean {
  const path = decodePointer(error.instancePath)
  const top = path[0]
  if (top === undefined) return error.keyword !== 'required'
  if (path.length === 1 && error.keyword === 'minItems' && SQL_METRIC_LISTS.test(top)) return false
  // `preprocess/not-mapping` says whether it crashes the load or fails runs.
  if (path.length === 1 && top === 'preprocess_params' && error.keyword === 'type') return false
  return (
    top !== 'metric_batch' &&
    !top.startsWith('disable_') &&
    !top.endsWith('_cron_schedule') &&
    !top.endsWith('_default_schedule_status')
  )
}

/**
 * ajv reports every failed branch of an `anyOf`/`oneOf` plus the combinator itself. Keep one
 * story per node: if a branch's `type` matched, that branch's own errors explain the problem
 * (an empty cron list, a non-string list item); otherwise one merged type error remains.
 */
function mergeAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  const drop = new Set<ErrorObject>()
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
  for (const combo of combinators) {
    const prefix = `${combo.schemaPath}/`
    const branches = new Map<string, ErrorObject[]>()
    for (const e of errors) {
      if (e === combo || !e.schemaPath.startsWith(prefix)) continue
      const branch = e.schemaPath.slice(prefix.length).split('/')[0] ?? ''
      branches.set(branch, [...(branches.get(branch) ?? []), e])
    }
    const typeMatched = [...branches.entries()].find(
      ([branch, errs]) =>
        !errs.some(
          (e) =>
            e.keyword === 'type' &&
            e.instancePath === combo.instancePath &&
            e.schemaPath === `${prefix}${branch}/type`
        )
    )
    for (const [branch, errs] of branches) {
      if (typeMatched === undefined || branch !== typeMatched[0]) errs.forEach((e) => drop.add(e))
    }
    if (typeMatched !== undefined) drop.add(combo)
  }
  return errors.filter((e) => !drop.has(e))
}

/**
 * Once a value has the wrong type, its enum/range/shape errors only repeat the story (`db: yes`
 * is a boolean; saying it is also not `duckdb` adds nothing). Keep the type error alone.
 */
function dropShadowed(errors: readonly ErrorObject[]): ErrorObject[] {
  const typed = new Set(
    errors
      .filter((e) => e.keyword === 'type' || e.keyword === 'anyOf' || e.keyword === 'oneOf')
      .map((e) => e.instancePath)
  )
  return errors.filter(
    (e) =>
      e.keyword === 'type' ||
      e.keyword === 'anyOf' ||
      e.keyword === 'oneOf' ||
      e.keyword === 'required' ||
      e.keyword === 'additionalProperties' ||
      !typed.has(e.instancePath)
  )
}

/** JSON Pointer segments, with `~1` and `~0` unescaped (in that order, per RFC 6901). */
export function decodePointer(pointer: string): string[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** Walks pointer segments through the YAML tree: mapping entries by `keyString`, items by index. */
function nodeAt(root: YNode, segments: readonly string[]): YNode | undefined {
  let node: YNode | undefined = root
  for (const segment of segments) {
    if (node === undefined) return undefined
    if (node.kind === 'map') node = findEntry(node, segment)?.value
    else if (node.kind === 'seq') node = node.items[Number(segment)]
    else return undefined
  }
  return node
}

function findEntry(map: YMap, key: string): YMap['entries'][number] | undefined {
  let found: YMap['entries'][number] | undefined
  for (const entry of map.entries) if (keyString(entry.key) === key) found = entry
  return found
}

const spanOf = (node: Span): Span => ({ start: node.start, end: node.end })

/** `model_configs[1].model_name` style path for messages. */
export function displayPath(segments: readonly string[], root: YNode): string {
  let out = ''
  let node: YNode | undefined = root
  for (const segment of segments) {
    if (node?.kind === 'seq') {
      out += `[${segment}]`
      node = node.items[Number(segment)]
    } else {
      out += /^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)
        ? `${out === '' ? '' : '.'}${segment}`
        : `[${JSON.stringify(segment)}]`
      node = node?.kind === 'map' ? findEntry(node, segment)?.value : undefined
    }
  }
  return out
}

/**
 * Numeric keys Anomstack never reads in Python: they only reach the SQL templates
 * (`{{ train_max_n }}`), so a numeric string renders identically (verified against the real code
 * location: `alert_threshold: "0.8"`, `train_max_n: "2500"`, `train_max_n: 1e3` all run). Keys
 * Python compares or computes with (`*_metric_rounding`, `llmalert_*_n`, `tholdalert_*_n`,
 * `change_threshold`, `change_detect_last_n`, `contamination`...) stay errors.
 */
const SQL_ONLY_NUMBERS: ReadonlySet<string> = new Set([
  'train_max_n',
  'train_min_n',
  'train_metric_timestamp_max_days_ago',
  'score_max_n',
  'score_metric_timestamp_max_days_ago',
  'alert_threshold',
  'alert_recent_n',
  'alert_max_n',
  'alert_smooth_n',
  'alert_snooze_n',
  'alert_metric_timestamp_max_days_ago',
  'change_metric_timestamp_max_days_ago',
  'change_max_n',
  'change_smooth_n',
  'change_snooze_n',
  'llmalert_metric_timestamp_max_days_ago',
  'dashboard_stale_metric_max_days_ago',
  'delete_after_n_days',
  'summary_metric_timestamp_max_days_ago'
])

/** A string Python's float() accepts (what SQL reads as a number once rendered). */
function isNumericString(node: YNode): boolean {
  return (
    node.kind === 'scalar' &&
    node.pyType === 'str' &&
    /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/.test(String(node.value))
  )
}

function toFinding(doc: SourceDoc, error: ErrorObject): Finding | undefined {
  const segments = decodePointer(error.instancePath)
  const node = nodeAt(doc.root, segments)
  if (node === undefined) return undefined
  const path = displayPath(segments, doc.root)
  const base = { doc }

  if (error.keyword === 'additionalProperties') {
    const name = String(error.params['additionalProperty'])
    const entry = node.kind === 'map' ? findEntry(node, name) : undefined
    const allowed = allowedKeys(error)
    const guess = closest(name, allowed)
    return {
      ...base,
      ruleId: SCHEMA_RULE_IDS.unknownProperty,
      span: spanOf(entry?.key ?? node),
      message: `\`${path}\` has an unknown key \`${name}\`; Anomstack ignores it.`,
      hint:
        guess !== undefined
          ? `Did you mean \`${guess}\`?`
          : `Known keys: ${allowed.map((k) => `\`${k}\``).join(', ')}.`
    }
  }

  if (error.keyword === 'required') {
    const missing = String(error.params['missingProperty'])
    const anchor = node.kind === 'map' && node.entries[0] !== undefined ? node.entries[0].key : node
    return {
      ...base,
      ruleId: SCHEMA_RULE_IDS.required,
      span: spanOf(anchor),
      message: `\`${path}\` is missing the required key \`${missing}\`.`,
      hint:
        missing === 'model_params'
          ? 'Add `model_params: {}` if the model takes no parameters.'
          : `Add \`${missing}\`.`
    }
  }

  const span = spanOf(node)
  if (error.keyword === 'type' || error.keyword === 'anyOf' || error.keyword === 'oneOf') {
    const expected =
      error.keyword === 'type'
        ? describeTypes(error.params['type'])
        : describeBranches(error.schema)
    const top = segments.length === 1 ? segments[0] : undefined
    if (top !== undefined && SQL_ONLY_NUMBERS.has(top) && isNumericString(node)) {
      // Anomstack only renders it into SQL text ({{ train_max_n }}), where "2500" reads as 2500.
      return {
        ...base,
        ruleId: SCHEMA_RULE_IDS.type,
        severity: 'warning',
        effect: 'suspicious',
        span,
        message: `\`${path}\` is the string \`${node.kind === 'scalar' ? node.source : ''}\`, not a number: Anomstack only renders it into the SQL templates, where it reads the same, so the jobs run; but a template or Python code that computes with it would fail.`,
        hint: `Remove the quotes and write it as a number, for example \`${path}: ${String(node.kind === 'scalar' ? node.value : '').trim()}\`${/[eE]/.test(node.kind === 'scalar' ? node.source : '') && !/\./.test(node.kind === 'scalar' ? node.source : '') ? ' (PyYAML floats need a dot: `1.0e+3`)' : ''}.`
      }
    }
    return {
      ...base,
      ruleId: SCHEMA_RULE_IDS.type,
      span,
      ...typeMessage(doc, segments, node, expected)
    }
  }

  if (error.keyword === 'enum') {
    const allowed = Array.isArray(error.params['allowedValues'])
      ? (error.params['allowedValues'] as unknown[]).map(String)
      : []
    const isStatus = /_default_schedule_status$/.test(path)
    const shown = node.kind === 'scalar' ? node.source : describeNode(node)
    const caseFix =
      node.kind === 'scalar' ? sameIgnoringCase(String(node.value), allowed) : undefined
    return {
      ...base,
      ruleId: SCHEMA_RULE_IDS.enum,
      // A wrong status only means STOPPED, silently; every other enum fails a job run.
      ...(isStatus ? { severity: 'warning' as const } : {}),
      span,
      message:
        `\`${path}\` must be one of ${allowed.map((v) => `\`${v}\``).join(', ')}, not \`${shown}\`` +
        (isStatus ? '; Dagster treats anything else as STOPPED.' : '.') +
        yaml11Note(node),
      hint:
        caseFix !== undefined
          ? `Write \`${caseFix}\`: values are case-sensitive.`
          : `Use one of ${allowed.map((v) => `\`${v}\``).join(', ')}.`
    }
  }

  if (RANGE_KEYWORDS.has(error.keyword)) {
    const comparison = String(error.params['comparison'])
    const limit = String(error.params['limit'])
    const shown = node.kind === 'scalar' ? node.source : describeNode(node)
    return {
      ...base,
      ruleId: SCHEMA_RULE_IDS.range,
      span,
      message: `\`${path}\` must be ${comparison} ${limit}, not ${shown}.`,
      hint: `Use a value ${comparison} ${limit}.`
    }
  }

  if (error.keyword === 'minItems') {
    const limit = Number(error.params['limit'])
    return {
      ...base,
      ruleId: SCHEMA_RULE_IDS.format,
      span,
      message:
        limit === 1
          ? `\`${path}\` must not be an empty list.`
          : `\`${path}\` must have at least ${limit} items.`,
      hint:
        limit === 1
          ? 'Add at least one item, or remove the key to use the default.'
          : `Add items until there are ${limit}.`
    }
  }

  return {
    ...base,
    ruleId: SCHEMA_RULE_IDS.format,
    span,
    message: `\`${path}\` ${error.message ?? 'is not valid'}.`
  }
}

/** Property names the failing `additionalProperties: false` schema declares (verbose mode). */
function allowedKeys(error: ErrorObject): string[] {
  const parent: unknown = error.parentSchema
  if (typeof parent !== 'object' || parent === null) return []
  const props: unknown = (parent as { properties?: unknown }).properties
  return typeof props === 'object' && props !== null ? Object.keys(props) : []
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'null'
}

function describeTypes(type: unknown): string {
  const types = Array.isArray(type) ? type.map(String) : String(type).split(',')
  return types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')
}

/** Words for the branches of an `anyOf` (verbose mode gives the branch schemas). */
function describeBranches(branches: unknown): string {
  if (!Array.isArray(branches)) return 'a different type'
  const words = branches.map((branch: unknown) => {
    if (typeof branch !== 'object' || branch === null) return 'a different type'
    const b = branch as { type?: unknown; items?: unknown; minItems?: unknown }
    const word = TYPE_WORDS[String(b.type)] ?? 'a different type'
    if (b.type !== 'array' || typeof b.items !== 'object' || b.items === null) return word
    const itemType = (b.items as { type?: unknown }).type
    const list = b.minItems === 1 ? 'a non-empty list' : 'a list'
    return typeof itemType === 'string' ? `${list} of ${itemType}s` : list
  })
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`
}

function describeNode(node: YNode): string {
  if (node.kind === 'map') return 'a mapping'
  if (node.kind === 'seq') return 'a list'
  switch (node.pyType) {
    case 'str':
      return 'a string'
    case 'int':
      return 'an integer'
    case 'float':
      return Number.isFinite(node.value) ? 'a float' : `the float ${String(node.value)}`
    case 'bool':
      return `the boolean ${node.value === true ? 'true' : 'false'}`
    case 'null':
      return 'null (empty)'
    case 'date':
      return 'a date'
    case 'datetime':
      return 'a timestamp'
    case 'binary':
      return 'binary data'
  }
}

/**
 * A plain scalar that YAML 1.1 types differently from what it looks like: `on`/`no` booleans,
 * `010` octal, `1:30` sexagesimal, `1_000`, dates. A plain `5` or `2.5` is no surprise.
 */
function isYaml11Surprise(node: YNode): node is YScalar {
  if (node.kind !== 'scalar' || !node.plain) return false
  const src = node.source.trim()
  switch (node.pyType) {
    case 'bool':
    case 'date':
    case 'datetime':
      return true
    case 'int':
      return !/^[-+]?(0|[1-9][0-9]*)$/.test(src)
    case 'float':
      return (
        !/^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+][0-9]+)?$/.test(src) &&
        Number.isFinite(node.value)
      )
    default:
      return false
  }
}

/** How to write the quoted form: `key: "value"` for a mapping value, `"value"` for an item. */
function quotedForm(segments: readonly string[], node: YScalar, root: YNode): string {
  const quoted = JSON.stringify(node.source.trim())
  const parent = nodeAt(root, segments.slice(0, -1))
  const last = segments.at(-1)
  return parent?.kind === 'map' && last !== undefined ? `${last}: ${quoted}` : quoted
}

function pythonView(node: YScalar): string {
  switch (node.pyType) {
    case 'bool':
      return `the boolean ${node.value === true ? 'true' : 'false'}`
    case 'int':
      return `the integer ${String(node.value)}`
    case 'float':
      return `the float ${String(node.value)}`
    case 'date':
      return `a date (datetime.date ${String(node.value)})`
    case 'datetime':
      return `a timestamp (datetime.datetime ${String(node.value)})`
    default:
      return describeNode(node)
  }
}

function yaml11Note(node: YNode): string {
  return isYaml11Surprise(node) ? ` PyYAML reads \`${node.source}\` as ${pythonView(node)}.` : ''
}

function typeMessage(
  doc: SourceDoc,
  segments: readonly string[],
  node: YNode,
  expected: string
): { message: string; hint: string } {
  const path = displayPath(segments, doc.root)
  if (isYaml11Surprise(node) && expected.includes('a string')) {
    return {
      message: `\`${path}: ${node.source}\` is read by PyYAML as ${pythonView(node)}, not a string; quote it.`,
      hint: `Write \`${quotedForm(segments, node, doc.root)}\`.`
    }
  }
  if (
    node.kind === 'scalar' &&
    node.pyType === 'str' &&
    node.plain &&
    expected.includes('number')
  ) {
    const exp = /^[-+]?[0-9]+(\.[0-9]*)?[eE][-+]?[0-9]+$/.test(node.source)
    return {
      message: `\`${path}\` must be ${expected}, but PyYAML reads \`${node.source}\` as a string.`,
      hint: exp
        ? 'PyYAML floats need a dot and a signed exponent: write it like `1.0e+3`, or as a plain number.'
        : `Write a number, for example \`${path}: 1\`.`
    }
  }
  if (node.kind === 'scalar' && node.pyType === 'float' && !Number.isFinite(node.value)) {
    return {
      message: `\`${path}\` must be a finite number, not \`${node.source}\`.`,
      hint: 'Use a finite number.'
    }
  }
  if (node.kind === 'scalar' && node.pyType === 'null') {
    return {
      message: `\`${path}\` is empty (null) but must be ${expected}.`,
      hint: 'Give it a value, or remove the key to use the default.'
    }
  }
  return {
    message: `\`${path}\` must be ${expected}, not ${describeNode(node)}.${yaml11Note(node)}`,
    hint: typeHint(node, expected)
  }
}

function sameIgnoringCase(value: string, allowed: readonly string[]): string | undefined {
  const lower = value.trim().toLowerCase()
  return allowed.find((a) => a.toLowerCase() === lower && a !== value)
}

/** The allowed key nearest to `name` (edit distance ≤ 2), for "did you mean" hints. */
function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = 3
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase())
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  return best
}

function typeHint(node: YNode, expected: string): string {
  if (node.kind === 'scalar' && node.pyType === 'str' && !node.plain) {
    const inner = String(node.value).trim()
    if (/number|integer/.test(expected) && inner !== '' && Number.isFinite(Number(inner))) {
      return 'Remove the quotes: a quoted number is a string.'
    }
    if (expected === 'true or false' && /^(true|false)$/i.test(inner)) {
      return `Write \`${inner.toLowerCase()}\` without quotes: any non-empty string is truthy.`
    }
  }
  if (node.kind === 'map' && expected.startsWith('a list')) {
    return 'Write it as a list: put `- ` before the mapping.'
  }
  return expected.includes('a string') ? 'Quote the value.' : `Write ${expected}.`
}
