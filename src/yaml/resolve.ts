/**
 * PyYAML 6.0 `SafeLoader` scalar semantics: the implicit resolvers of `resolver.py` and the
 * `construct_yaml_*` functions of `constructor.py`, ported so that every scalar gets the same
 * Python type and value as `yaml.safe_load` gives it.
 */
import type { PyType } from './node.js'

export const TAG = 'tag:yaml.org,2002:'

const TAG_NAMES = [
  'null',
  'bool',
  'int',
  'float',
  'binary',
  'timestamp',
  'str',
  'merge',
  'value',
  'map',
  'set',
  'seq',
  'omap',
  'pairs'
] as const

/**
 * Every full tag the loader compares with, built once: `TAG + 'str'` in a hot path is a fresh
 * string to build and hash for every scalar of every file.
 */
export const TAGS = Object.freeze(
  Object.fromEntries(TAG_NAMES.map((name) => [name, TAG + name]))
) as Readonly<Record<(typeof TAG_NAMES)[number], string>>

/** The value of a constructed scalar (date/datetime as Python `isoformat()`, binary as base64). */
export interface ScalarValue {
  readonly pyType: PyType
  readonly value: null | boolean | number | string
}

/** A Python exception raised by a constructor (`ValueError`, `KeyError`, `binascii.Error`, ...). */
export class ConstructError extends Error {}

// Python's `$` also matches just before a final newline; `\n?$` reproduces that (no `m` flag).
const BOOL_RE =
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)\n?$/
const FLOAT_RE =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\n?$/
const INT_RE =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)\n?$/
const MERGE_RE = /^(?:<<)\n?$/
const NULL_RE = /^(?:~|null|Null|NULL|)\n?$/
const TIMESTAMP_RE =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)\n?$/
const VALUE_RE = /^(?:=)\n?$/

/**
 * PyYAML `Resolver.resolve` for an implicitly typed scalar: resolvers are picked by the first
 * character and tried in registration order (bool, float, int, merge, null, timestamp, value).
 */
export function resolveImplicit(value: string): string {
  const first = value === '' ? '' : value[0]!
  if ('yYnNtTfFoO'.includes(first) && first !== '' && BOOL_RE.test(value)) return TAGS.bool
  if (first !== '' && '-+0123456789.'.includes(first) && FLOAT_RE.test(value)) return TAGS.float
  if (first !== '' && '-+0123456789'.includes(first) && INT_RE.test(value)) return TAGS.int
  if (first === '<' && MERGE_RE.test(value)) return TAGS.merge
  if ((first === '' || '~nN'.includes(first)) && NULL_RE.test(value)) return TAGS.null
  if (first !== '' && '0123456789'.includes(first) && TIMESTAMP_RE.test(value))
    return TAGS.timestamp
  if (first === '=' && VALUE_RE.test(value)) return TAGS.value
  return TAGS.str
}

/** Scalar tags SafeConstructor knows; anything else is "could not determine a constructor". */
export const SCALAR_TAGS: ReadonlySet<string> = new Set(
  (['null', 'bool', 'int', 'float', 'binary', 'timestamp', 'str'] as const).map((t) => TAGS[t])
)

/** Runs the SafeConstructor scalar constructor for `tag` (one of SCALAR_TAGS). */
export function constructScalar(tag: string, value: string): ScalarValue {
  switch (tag) {
    case TAGS.null:
      return { pyType: 'null', value: null }
    case TAGS.bool:
      return { pyType: 'bool', value: constructBool(value) }
    case TAGS.int:
      return { pyType: 'int', value: constructInt(value) }
    case TAGS.float:
      return { pyType: 'float', value: constructFloat(value) }
    case TAGS.binary:
      return { pyType: 'binary', value: constructBinary(value) }
    case TAGS.timestamp:
      return constructTimestamp(value)
    default:
      return { pyType: 'str', value }
  }
}

const BOOL_VALUES: Readonly<Record<string, boolean>> = {
  yes: true,
  no: false,
  true: true,
  false: false,
  on: true,
  off: false
}

function constructBool(value: string): boolean {
  const b = BOOL_VALUES[value.toLowerCase()]
  if (b === undefined) throw new ConstructError(`KeyError: '${value.toLowerCase()}'`)
  return b
}

// str.strip() without arguments strips Unicode whitespace; \s is close enough for ASCII and
// the common Unicode spaces.
function pyStrip(s: string): string {
  return s.replace(/^\s+|\s+$/g, '')
}

/** `[-+]?<prefix>?<digits>+`, per base: compiled once (int values are a large share of scalars). */
const INT_LITERAL: Readonly<Record<2 | 8 | 10 | 16, RegExp>> = {
  2: /^([-+]?)(?:0[bB])?([01]+)$/,
  8: /^([-+]?)(?:0[oO])?([0-7]+)$/,
  10: /^([-+]?)([0-9]+)$/,
  16: /^([-+]?)(?:0[xX])?([0-9a-fA-F]+)$/
}
const INT_PREFIX: Readonly<Record<2 | 8 | 10 | 16, string>> = { 2: '0b', 8: '0o', 10: '', 16: '0x' }

/** Python `int(s, base)` for the bases PyYAML uses (prefix allowed, as CPython does). */
function pyInt(s: string, base: 2 | 8 | 10 | 16): number {
  const m = INT_LITERAL[base].exec(pyStrip(s))
  if (!m) {
    throw new ConstructError(`ValueError: invalid literal for int() with base ${base}: '${s}'`)
  }
  const lit = INT_PREFIX[base] + m[2]!
  // Via BigInt so that big values round like Python's exact int would when turned into a double.
  const n = base === 10 ? Number(lit) : Number(BigInt(lit))
  return m[1] === '-' ? -n : n
}

function constructInt(raw: string): number {
  let value = raw.replace(/_/g, '')
  if (value === '') throw new ConstructError('IndexError: string index out of range')
  let sign = 1
  if (value[0] === '-') sign = -1
  if ('+-'.includes(value[0]!)) value = value.slice(1)
  if (value === '0') return 0
  if (value.startsWith('0b')) return sign * pyInt(value.slice(2), 2)
  if (value.startsWith('0x')) return sign * pyInt(value.slice(2), 16)
  if (value[0] === '0') return sign * pyInt(value, 8)
  if (value.includes(':')) {
    const digits = value.split(':').map((p) => pyInt(p, 10))
    let n = 0
    for (const d of digits) n = n * 60 + d
    return sign * n
  }
  return sign * pyInt(value, 10)
}

/** Python `float(s)`. */
function pyFloat(s: string): number {
  const t = pyStrip(s).toLowerCase()
  const m = /^([-+]?)(?:(\d+\.?\d*(?:e[-+]?\d+)?|\.\d+(?:e[-+]?\d+)?)|(inf|infinity)|(nan))$/.exec(
    t
  )
  if (!m) throw new ConstructError(`ValueError: could not convert string to float: '${s}'`)
  const neg = m[1] === '-'
  if (m[3] !== undefined) return neg ? -Infinity : Infinity
  if (m[4] !== undefined) return NaN
  const n = Number(m[2])
  return neg ? -n : n
}

function constructFloat(raw: string): number {
  let value = raw.replace(/_/g, '').toLowerCase()
  if (value === '') throw new ConstructError('IndexError: string index out of range')
  let sign = 1
  if (value[0] === '-') sign = -1
  if ('+-'.includes(value[0]!)) value = value.slice(1)
  if (value === '.inf') return sign * Infinity
  if (value === '.nan') return NaN
  if (value.includes(':')) {
    // PyYAML sums from the last part up (digit * base, base *= 60); the float rounding follows.
    const digits = value.split(':').map(pyFloat).reverse()
    let n = 0
    let base = 1
    for (const d of digits) {
      n += d * base
      base *= 60
    }
    return sign * n
  }
  return sign * pyFloat(value)
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** `base64.decodebytes` (CPython `binascii.a2b_base64`, non-strict); returns canonical base64. */
function constructBinary(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(value)) {
    throw new ConstructError('failed to convert base64 data into ascii')
  }
  const out: number[] = []
  let quad = 0
  let left = 0
  let pads = 0
  let done = false
  for (let i = 0; i < value.length && !done; i++) {
    const c = value[i]!
    if (c === '=') {
      if (quad >= 2 && quad + ++pads >= 4) done = true
      continue
    }
    const v = B64.indexOf(c)
    if (v < 0) continue
    pads = 0
    if (quad === 0) {
      quad = 1
      left = v
    } else if (quad === 1) {
      quad = 2
      out.push(((left << 2) | (v >> 4)) & 0xff)
      left = v & 0x0f
    } else if (quad === 2) {
      quad = 3
      out.push(((left << 4) | (v >> 2)) & 0xff)
      left = v & 0x03
    } else {
      quad = 0
      out.push(((left << 6) | v) & 0xff)
      left = 0
    }
  }
  if (!done && quad !== 0) {
    if (quad === 1) {
      const n = Math.floor(out.length / 3) * 4 + 1
      throw new ConstructError(
        `failed to decode base64 data: Invalid base64-encoded string: number of data characters (${n}) cannot be 1 more than a multiple of 4`
      )
    }
    throw new ConstructError('failed to decode base64 data: Incorrect padding')
  }
  return Buffer.from(out).toString('base64')
}

const TIMESTAMP_CTOR_RE =
  /^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?)?\n?$/

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0')
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** `construct_yaml_timestamp`, with `datetime`'s range checks; the value is `isoformat()`. */
function constructTimestamp(value: string): ScalarValue {
  const m = TIMESTAMP_CTOR_RE.exec(value)
  if (!m) throw new ConstructError("AttributeError: 'NoneType' object has no attribute 'groupdict'")
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  if (year < 1) throw new ConstructError(`ValueError: year ${year} is out of range`)
  if (month < 1 || month > 12) throw new ConstructError('ValueError: month must be in 1..12')
  if (day < 1 || day > daysInMonth(year, month)) {
    throw new ConstructError('ValueError: day is out of range for month')
  }
  const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
  if (m[4] === undefined || m[4] === '') return { pyType: 'date', value: date }
  const hour = Number(m[4])
  const minute = Number(m[5])
  const second = Number(m[6])
  let tz = ''
  if (m[9] !== undefined) {
    const tzHour = Number(m[10])
    const tzMinute = Number(m[11] ?? 0)
    const total = tzHour * 60 + tzMinute
    if (total >= 24 * 60) {
      throw new ConstructError(
        'ValueError: offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24)'
      )
    }
    const sign = m[9] === '-' && total !== 0 ? '-' : '+'
    tz = `${sign}${pad(Math.floor(total / 60), 2)}:${pad(total % 60, 2)}`
  } else if (m[8] !== undefined) {
    tz = '+00:00'
  }
  if (hour > 23) throw new ConstructError('ValueError: hour must be in 0..23')
  if (minute > 59) throw new ConstructError('ValueError: minute must be in 0..59')
  if (second > 59) throw new ConstructError('ValueError: second must be in 0..59')
  let frac = ''
  if (m[7]) {
    const micro = Number(m[7].slice(0, 6).padEnd(6, '0'))
    if (micro !== 0) frac = '.' + pad(micro, 6)
  }
  const time = `${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${frac}`
  return { pyType: 'datetime', value: `${date}T${time}${tz}` }
}
