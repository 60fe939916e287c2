/**
 * Cron strings exactly as Dagster 1.13 accepts them in `ScheduleDefinition`.
 *
 * Dagster's `is_valid_cron_string` (dagster/_utils/schedules.py) runs the vendored croniter's
 * `expand` (dagster/_vendored/croniter) and adds two rules: exactly 5 fields after expansion, and
 * no lone 30/31 of a lone February. This module is a faithful port of that expansion, quirks
 * included (`0-0` in the day field means "every day", `L5` is accepted in the weekday field but
 * `5L` is not, ...), because a cron Dagster rejects crashes the whole code location.
 */

/** One expanded value, as croniter represents it: a number, `'*'` (every value) or `'l'` (last day). */
export type CronValue = number | '*' | 'l'

export type CronFieldName = 'minute' | 'hour' | 'day-of-month' | 'month' | 'day-of-week'

export const CRON_FIELD_NAMES: readonly CronFieldName[] = [
  'minute',
  'hour',
  'day-of-month',
  'month',
  'day-of-week'
]

/** The five fields after expansion, in croniter's normal form (sorted, `['*']` for "every"). */
export interface ExpandedFields {
  readonly minute: readonly CronValue[]
  readonly hour: readonly CronValue[]
  readonly dayOfMonth: readonly CronValue[]
  readonly month: readonly CronValue[]
  readonly dayOfWeek: readonly CronValue[]
  /** `MON#2` / `L5`: weekday (0 = Sunday) → which occurrences in the month (1..5 or `'l'`). */
  readonly nthWeekday: ReadonlyMap<number, readonly (number | 'l')[]>
  /** True when a field uses `R`: Dagster picks a new random value each time the code loads. */
  readonly random: boolean
}

/** A step Dagster warns about: larger than the top of its range, so it fires once per cycle. */
export interface StepOverflow {
  readonly field: CronFieldName
  readonly step: number
  /** The top of the stepped range (59 for `*∕70` minutes). */
  readonly max: number
}

export type CronCheck =
  | {
      readonly ok: true
      readonly fields: ExpandedFields
      readonly stepOverflow: readonly StepOverflow[]
    }
  | {
      readonly ok: false
      readonly reason: string
      /** 1-based column within the text where the offending field starts. */
      readonly column?: number
    }

// croniter's RANGES for the five unix fields; the weekday range is 0-6 (7 is folded onto 0).
const RANGES: readonly (readonly [number, number])[] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6]
]
const LEN_MEANS_ALL = [60, 24, 31, 12, 7]
const DOM = 2
const DOW = 4

const MONTH_NAMES = new Map<string, number>([
  ['jan', 1],
  ['feb', 2],
  ['mar', 3],
  ['apr', 4],
  ['may', 5],
  ['jun', 6],
  ['jul', 7],
  ['aug', 8],
  ['sep', 9],
  ['oct', 10],
  ['nov', 11],
  ['dec', 12]
])
const DOW_NAMES = new Map<string, number>([
  ['sun', 0],
  ['mon', 1],
  ['tue', 2],
  ['wed', 3],
  ['thu', 4],
  ['fri', 5],
  ['sat', 6]
])
const ALPHACONV: readonly ReadonlyMap<string, number | 'l'>[] = [
  new Map(),
  new Map(),
  new Map([['l', 'l']]),
  MONTH_NAMES,
  DOW_NAMES
]

const ALIASES = new Map<string, string>([
  ['@midnight', '0 0 * * *'],
  ['@hourly', '0 * * * *'],
  ['@daily', '0 0 * * *'],
  ['@weekly', '0 0 * * 0'],
  ['@monthly', '0 0 1 * *'],
  ['@yearly', '0 0 1 1 *'],
  ['@annually', '0 0 1 1 *']
])

const STEP_RE = /^([^-]+)-([^-/]+)(\/(\d+))?$/
const INT_RE = /^\d+$/
const WEEKDAYS = [...DOW_NAMES.keys()].join('|')
const MONTHS = [...MONTH_NAMES.keys()].join('|')
const SPECIAL_DOW_RE = new RegExp(
  `^(?<pre>((?<he>((${WEEKDAYS})(-(${WEEKDAYS}))?)|((${MONTHS})(-(${MONTHS}))?)|\\w+)#)|l)(?<last>\\d+)$`
)
const HASH_RE = /^(h|r)(\((\d+)-(\d+)\))?(\/(\d+))?$/
/** Python's `str.split()` separators (str.isspace), which differ from JavaScript's `\s`. */
const PY_SPACE =
  '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
const PY_TOKEN_RE = new RegExp(`[^${PY_SPACE}]+`, 'g')

class CronError extends Error {}

interface FieldResult {
  readonly values: CronValue[]
  readonly nth: Map<number, Set<number | 'l'>>
}

interface Token {
  readonly text: string
  readonly column: number
}

function pyTokens(text: string): Token[] {
  const out: Token[] = []
  for (const m of text.matchAll(PY_TOKEN_RE)) out.push({ text: m[0], column: m.index + 1 })
  return out
}

function alphaconv(field: number, key: string): number | 'l' {
  // Stryker disable next-line OptionalChaining: field is always 0..4, so ALPHACONV[field] exists
  const v = ALPHACONV[field]?.get(key)
  if (v === undefined) {
    throw new CronError(`\`${key}\` is not a valid ${CRON_FIELD_NAMES[field]} value`)
  }
  return v
}

/** croniter's `value_alias` for 5-field crons: only weekday 7 folds onto 0 (Sunday). */
function valueAlias(v: number, field: number): number {
  return field === DOW && v === 7 ? 0 : v
}

function pyRange(start: number, stop: number, step: number): number[] {
  if (step === 0) throw new CronError('a step of 0 is not allowed')
  const out: number[] = []
  for (let v = start; v < stop; v += step) out.push(v)
  return out
}

function sortKey(v: CronValue): string {
  return typeof v === 'number' ? String(v).padStart(2, '0') : v
}

/** croniter `_expand` for one (already hash-expanded) field. `raw` holds all 5 lowercased fields. */
function expandConcreteField(field: number, input: string, raw: readonly string[]): FieldResult {
  const name = CRON_FIELD_NAMES[field]
  // Stryker disable next-line ArrayDeclaration: field is always 0..4, the fallback is for the type
  const [lo, hi] = RANGES[field] ?? [0, 0]
  // croniter accepts 7 for Sunday (folded onto 0), so messages give 7 as the weekday top.
  const top = field === DOW ? 7 : hi
  let expr = input
  if (expr.includes('?')) {
    if (expr !== '?') throw new CronError('`?` cannot be combined with other characters')
    if (field !== DOM && field !== DOW) {
      throw new CronError('`?` is only allowed in the day-of-month and day-of-week fields')
    }
    expr = '*'
  }
  const work: (string | number)[] = expr.split(',')
  // croniter only queues a range's item when it is not already queued. Every queued item is a
  // value the field already accepts, so processing it once is enough: a set of what was ever
  // queued keeps a long list of ranges linear instead of rescanning the queue for each item.
  const queued = new Set<string | number>()
  const res: CronValue[] = []
  const nthMap = new Map<number, Set<number | 'l'>>()
  while (work.length > 0) {
    let e = String(work.pop())
    let nth: number | 'l' | undefined
    if (field === DOW) {
      const g = SPECIAL_DOW_RE.exec(e)?.groups
      if (g) {
        if (g['he']) {
          e = g['he']
          nth = Number(g['last'])
          if (!(nth >= 1 && nth <= 5)) {
            throw new CronError(`\`#${g['last']}\`: the nth weekday must be 1 to 5`)
          }
        } else {
          // Without `he` the match is `l<digits>`, so `last` is set.
          e = g['last'] ?? e
          nth = 'l'
        }
      }
    }
    // No `$` needed: the greedy `.+` takes the rest (tokens hold no line breaks).
    let t = e.replace(/^\*(\/.+)/, `${lo}-${hi}$1`)
    let m = STEP_RE.exec(t)
    if (!m) {
      // No anchors needed: the greedy `(.+)`s start at 0 and end at the end whenever they match.
      t = e.replace(/(.+)\/(.+)/, `$1-${hi}/$2`)
      m = STEP_RE.exec(t)
    }
    if (m) {
      // Stryker disable next-line StringLiteral: STEP_RE's groups 1 and 2 always take part in a match
      let low: string = m[1] ?? ''
      // Stryker disable next-line StringLiteral: as above
      let high: string = m[2] ?? ''
      if (field === DOM && high === 'l') high = '31'
      if (!INT_RE.test(low)) low = String(alphaconv(field, low))
      if (!INT_RE.test(high)) high = String(alphaconv(field, high))
      const step = Number(m[4] ?? '1')
      if (!INT_RE.test(low) || !INT_RE.test(high)) {
        throw new CronError(`\`${e}\`: a range needs numbers or names on both sides`)
      }
      const a = valueAlias(Number(low), field)
      const b = valueAlias(Number(high), field)
      if (Math.max(a, b) > hi) {
        throw new CronError(`\`${e}\` goes past ${top}, the largest ${name} value`)
      }
      let rng: number[]
      if (a > b) {
        // Wraparound (`fri-mon`, `7-1`): croniter continues past the end, keeping the step.
        const whole = pyRange(lo, hi + 1, 1)
        rng = pyRange(a, hi + 1, step)
        let toSkip = 0
        const lastV = rng[rng.length - 1]
        if (lastV !== undefined) {
          // croniter also requires alreadySkipped < step, which always holds: lastV is the last
          // a + k*step <= hi, so hi - lastV < step.
          const alreadySkipped = whole.length - 1 - whole.indexOf(lastV)
          const curpos = whole.indexOf(lastV)
          if (curpos + step > whole.length) toSkip = step - alreadySkipped
        }
        rng = rng.concat(pyRange(lo + toSkip, b + 1, step))
      } else if (a === b) {
        // `jan-jan` means the whole cycle in croniter, and so does `5-5` or `0-0`.
        rng = pyRange(lo, hi + 1, step)
      } else {
        rng = pyRange(a, b + 1, step)
      }
      for (const v of rng) {
        // nth is only ever set in the day-of-week field: `v#n` is queued apart from plain `v`.
        const item = typeof nth === 'number' ? `${v}#${nth}` : v
        if (queued.has(item)) continue
        queued.add(item)
        work.push(item)
      }
      continue
    }
    if (t.startsWith('-')) throw new CronError(`\`${e}\`: negative numbers are not allowed`)
    let v: CronValue
    if (t === '*') v = '*'
    else if (INT_RE.test(t)) {
      v = valueAlias(Number(t), field)
      if (v < lo || v > hi)
        throw new CronError(`${name} value \`${e}\` is out of range ${lo}-${top}`)
    } else v = alphaconv(field, t) // names are in range by construction
    res.push(v)
    // nth is only set in the day-of-week field, always with a weekday number or name.
    if (nth !== undefined && typeof v === 'number') {
      const set = nthMap.get(v) ?? new Set<number | 'l'>()
      set.add(nth)
      nthMap.set(v, set)
    }
  }
  // The values are distinct and sortKey is one-to-one, so no two keys are equal.
  // Stryker disable next-line EqualityOperator: `<=` is the same on distinct keys
  let values = [...new Set(res)].sort((x, y) => (sortKey(x) < sortKey(y) ? -1 : 1))
  // Stryker disable next-line StringLiteral: raw always has 5 fields
  const rawDom = raw[DOM] ?? ''
  // Stryker disable next-line StringLiteral: raw always has 5 fields
  const rawDow = raw[DOW] ?? ''
  if (values.length === LEN_MEANS_ALL[field]) {
    // croniter keeps the explicit list when only one of the two day fields is restricted.
    const keep =
      (field === DOM && !rawDow.includes('*')) || (field === DOW && !rawDom.includes('*'))
    if (!keep) values = ['*']
  }
  // nthMap is only filled in the day-of-week field, whose values are numbers or '*'.
  if (nthMap.size > 0) {
    const plain = values.filter((x) => x !== '*' && !nthMap.has(Number(x)))
    if (plain.length > 0 && values.length !== LEN_MEANS_ALL[DOW]) {
      throw new CronError('plain weekdays cannot be mixed with `#`/`L` weekdays')
    }
  }
  return { values, nth: nthMap }
}

/** Values above this behave alike (out of every field's range), so random candidates stop here. */
const CANDIDATE_CAP = 100

/** from..to, with every value above the cap folded onto one (CANDIDATE_CAP itself, or `from`). */
function spread(from: number, to: number): number[] {
  const out: number[] = []
  const last = Math.min(to, Math.max(from, CANDIDATE_CAP))
  for (let v = from; v <= last; v++) out.push(v)
  return out
}

/**
 * croniter's HashExpander. `H` needs a hash id that Dagster never passes, so it always fails;
 * `R` draws a random value at each expansion, so we return every possible concrete form.
 */
function hashCandidates(field: number, expr: string): string[] | undefined {
  const m = HASH_RE.exec(expr)
  if (!m) return undefined
  if (m[1] === 'h') throw new CronError('`H` (hashed value) is not supported by Dagster')
  // Stryker disable next-line ArrayDeclaration: field is always 0..4, the fallback is for the type
  let [from, to] = RANGES[field] ?? [0, 0]
  // `R(a-b)` draws in a..b (both present or both absent in HASH_RE), and a step runs up to b.
  if (m[2] !== undefined) {
    from = Number(m[3])
    to = Number(m[4])
    if (from >= to) throw new CronError('in `R(a-b)`, b must be greater than a')
  }
  const div = m[6] === undefined ? undefined : Number(m[6])
  if (div === 0) throw new CronError('a step of 0 is not allowed')
  // `R/s` and `R(a-b)/s` draw the start among the first s values: `x-b/s`.
  if (div !== undefined) return spread(from, from + div - 1).map((x) => `${x}-${to}/${div}`)
  return spread(from, to).map(String)
}

interface FieldOutcome {
  readonly results: FieldResult[]
  readonly random: boolean
}

function expandField(field: number, expr: string, raw: readonly string[]): FieldOutcome {
  const candidates = hashCandidates(field, expr)
  if (!candidates) return { results: [expandConcreteField(field, expr, raw)], random: false }
  const results: FieldResult[] = []
  let failure: CronError | undefined
  for (const c of candidates) {
    try {
      results.push(expandConcreteField(field, c, raw))
    } catch (e: unknown) {
      if (!(e instanceof CronError)) throw e
      failure ??= e
    }
  }
  if (failure) {
    throw new CronError(
      results.length > 0
        ? `\`${expr}\` picks a random value that is sometimes invalid (${failure.message}), so the code location would fail to load at random`
        : failure.message
    )
  }
  return { results, random: true }
}

function isFebruary30or31(dom: readonly CronValue[], month: readonly CronValue[]): boolean {
  return (
    month.length === 1 && month[0] === 2 && dom.length === 1 && (dom[0] === 30 || dom[0] === 31)
  )
}

/** Steps Dagster's `has_out_of_range_cron_interval` warns about (step larger than the range top). */
function findStepOverflow(text: string): StepOverflow[] {
  // Dagster scans the text as written (aliases have no steps), with weekday top 7.
  const tops = [59, 23, 31, 12, 7]
  const lows = [0, 0, 1, 1, 0]
  const out: StepOverflow[] = []
  pyTokens(text.toLowerCase()).forEach((tok, i) => {
    const field = CRON_FIELD_NAMES[i]
    if (!field) return
    for (const expr of tok.text.split(',')) {
      let t = expr.replace(/^\*(\/.+)/, `${lows[i]}-${tops[i]}$1`)
      let m = STEP_RE.exec(t)
      if (!m) {
        t = expr.replace(/(.+)\/(.+)/, `$1-${tops[i]}/$2`)
        m = STEP_RE.exec(t)
      }
      if (!m) continue
      // Stryker disable next-line StringLiteral: STEP_RE's groups 1 and 2 always take part in a match
      const low = m[1] ?? ''
      // Stryker disable next-line StringLiteral: as above
      const rawHigh = m[2] ?? ''
      // Dagster reads `l` as 31 in the day-of-month field, the only one where `l` is valid.
      const high = rawHigh === 'l' ? '31' : rawHigh
      if (!INT_RE.test(low) || !INT_RE.test(high)) continue
      const step = Number(m[4] ?? '1')
      if (step > Number(high)) out.push({ field, step, max: Number(high) })
    }
  })
  return out
}

/**
 * Checks one cron string the way Dagster 1.13's `ScheduleDefinition` does. Invalid strings make
 * the whole code location fail to load; `stepOverflow` lists the steps Dagster only warns about.
 */
export function validateCron(text: string): CronCheck {
  // Configs repeat the same few crons across every batch (and defaults): check each text once.
  const known = memo.get(text)
  if (known) return known
  const result = checkCron(text)
  if (memo.size >= MEMO_LIMIT) memo.clear()
  if (text.length <= 256) memo.set(text, result)
  return result
}

const MEMO_LIMIT = 4096
const memo = new Map<string, CronCheck>()

/** Forgets the memo, so that tests (and mutation testing) never see another test's results. */
export function clearCronMemo(): void {
  memo.clear()
}

function checkCron(text: string): CronCheck {
  const lowered = text.toLowerCase()
  const alias = ALIASES.get(lowered)
  const first = pyTokens(text)[0]
  if (alias === undefined && first?.text.startsWith('@')) {
    // Only an exact alias (no surrounding spaces) is expanded; anything else starting with `@` fails.
    return {
      ok: false,
      reason: `\`${first.text}\` is not a cron alias Dagster knows (use @hourly, @daily, @weekly, @monthly, @yearly, @annually or @midnight, with nothing around it)`,
      column: first.column
    }
  }
  const tokens = alias === undefined ? pyTokens(text) : pyTokens(alias)
  if (tokens.length !== 5) {
    const extra =
      tokens.length === 6 || tokens.length === 7 ? ' (Dagster has no seconds or year field)' : ''
    return {
      ok: false,
      reason: `expected 5 fields (minute hour day-of-month month day-of-week), found ${tokens.length}${extra}`
    }
  }
  const raw = tokens.map((t) => t.text.toLowerCase())
  const outcomes: FieldOutcome[] = []
  for (let i = 0; i < 5; i++) {
    try {
      // Stryker disable next-line StringLiteral: raw has 5 fields
      outcomes.push(expandField(i, raw[i] ?? '', raw))
    } catch (e: unknown) {
      if (!(e instanceof CronError)) throw e
      return {
        ok: false,
        reason: `${CRON_FIELD_NAMES[i]} field: ${e.message}`,
        // Only a written field gets here (aliases expand to valid fields); tokens has 5 entries.
        // Stryker disable next-line OptionalChaining: see above
        column: tokens[i]?.column
      }
    }
  }
  const [minute, hour, dom, month, dow] = outcomes.map((o) => o.results) as [
    FieldResult[],
    FieldResult[],
    FieldResult[],
    FieldResult[],
    FieldResult[]
  ]
  let feb = 0
  let combos = 0
  for (const d of dom) {
    for (const mo of month) {
      combos++
      if (isFebruary30or31(d.values, mo.values)) feb++
    }
  }
  if (feb > 0) {
    return {
      ok: false,
      reason:
        feb === combos
          ? 'February never has a 30th or 31st day, so Dagster rejects this schedule'
          : 'the random (`R`) value can land on 30 or 31 February, which Dagster rejects',
      // Stryker disable next-line OptionalChaining: tokens has 5 entries
      column: tokens[DOM]?.column
    }
  }
  // Every field has at least one result (an `R` field at least one candidate).
  // Stryker disable next-line ObjectLiteral,ArrayDeclaration: see above
  const firstOf = (rs: FieldResult[]): FieldResult => rs[0] ?? { values: [], nth: new Map() }
  const nthWeekday = new Map<number, (number | 'l')[]>()
  for (const [k, v] of firstOf(dow).nth) nthWeekday.set(k, [...v])
  const fields: ExpandedFields = {
    minute: firstOf(minute).values,
    hour: firstOf(hour).values,
    dayOfMonth: firstOf(dom).values,
    month: firstOf(month).values,
    dayOfWeek: firstOf(dow).values,
    nthWeekday,
    random: outcomes.some((o) => o.random)
  }
  // An alias (`@daily`) has no step, so scanning its text finds none.
  return { ok: true, fields, stepOverflow: findStepOverflow(text) }
}
