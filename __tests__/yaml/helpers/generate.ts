/**
 * Seeded document generator for the PyYAML differential test. Three families:
 * - `mutant`: 1–3 edits of a real Anomstack metrics file (corpus and upstream trees);
 * - `scalar`: every YAML 1.1 scalar spelling PyYAML's resolvers and constructors care about,
 *   built from parts (signs, bases, underscores, sexagesimals, timestamps, case variants),
 *   placed in block, flow, key and tagged positions;
 * - `structure`: structural oddities (glued comments, continuation lines at column 0 or after
 *   tabs, flow collections across lines, lone `-`, verbatim tags, directives, BOMs, anchors with
 *   odd characters, long keys, emoji before errors, document markers...), combined at random.
 * Same seed, same documents.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { REPO_ROOT } from '../../helpers/paths.js'
import { corpusFiles, mutate, rng, SCALARS } from './snippets.js'

export type Family = 'mutant' | 'scalar' | 'structure'

export interface Generated {
  readonly family: Family
  readonly text: string
}

/** The two real metrics trees, or the reason they are absent. */
export function corpusTrees(): { dirs: string[]; missing?: string } {
  const env = process.env['ANOMSTACK_CORPUS_METRICS']
  const shared = path.resolve(REPO_ROOT, '../shared')
  const candidates = [
    env ?? path.join(shared, 'corpus/anomstack/metrics'),
    path.join(env ? path.resolve(env, '../../..') : shared, 'upstream/anomstack/metrics')
  ]
  const dirs = candidates.filter((d) => existsSync(d))
  if (dirs.length === 0) {
    return { dirs, missing: `no corpus at ${candidates[0]} (set ANOMSTACK_CORPUS_METRICS)` }
  }
  return { dirs }
}

type Random = () => number
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
const int = (r: Random, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1))

function caseVariants(word: string): string[] {
  return [
    word,
    word.toUpperCase(),
    word[0]!.toUpperCase() + word.slice(1),
    word.replace(/./g, (c, i: number) => (i % 2 ? c.toUpperCase() : c))
  ]
}

const WORDS = ['yes', 'no', 'true', 'false', 'on', 'off', 'y', 'n', 'null', '~']
const SPECIALS = ['.inf', '.nan', '.Inf', '.NaN', '.INF', '.NAN', '.iNf']

function digits(r: Random, n: number, alphabet = '0123456789'): string {
  let s = ''
  for (let i = 0; i < n; i++) {
    s += pick(r, alphabet.split(''))
    if (r() < 0.1) s += '_'
  }
  return s
}

/** One scalar spelling built from parts. */
function scalarSpelling(r: Random): string {
  const sign = pick(r, ['', '', '-', '+'])
  switch (int(r, 0, 9)) {
    case 0:
      return pick(r, caseVariants(pick(r, WORDS)))
    case 1:
      return sign + digits(r, int(r, 1, 6))
    case 2:
      return (
        sign +
        pick(r, ['0x', '0X', '0b', '0o', '0']) +
        digits(r, int(r, 1, 5), '0123456789abcdefABCDEF')
      )
    case 3:
      return `${sign}${digits(r, int(r, 1, 3))}:${digits(r, 2, '0123456')}${r() < 0.5 ? `:${digits(r, 2, '0123456')}` : ''}${r() < 0.3 ? '.' + digits(r, 2) : ''}`
    case 4:
      return `${sign}${r() < 0.2 ? '' : digits(r, int(r, 1, 3))}.${r() < 0.2 ? '' : digits(r, int(r, 0, 3))}${r() < 0.4 ? pick(r, ['e', 'E']) + pick(r, ['', '+', '-']) + digits(r, int(r, 1, 2)) : ''}`
    case 5:
      return sign + pick(r, SPECIALS)
    case 6: {
      const y = String(int(r, 0, 2100)).padStart(4, '0')
      const date = `${y}-${String(int(r, 0, 13))}${r() < 0.7 ? '' : ''}-${String(int(r, 0, 32)).padStart(r() < 0.8 ? 2 : 1, '0')}`
      if (r() < 0.5) return date
      const sep = pick(r, ['T', 't', ' ', '  '])
      const time = `${int(r, 0, 25)}:${String(int(r, 0, 61)).padStart(2, '0')}:${String(int(r, 0, 61)).padStart(2, '0')}`
      const frac = r() < 0.4 ? '.' + digits(r, int(r, 1, 8)) : ''
      const tz = pick(r, ['', 'Z', ' Z', '+05:00', '-5', ' -05:30', '+24:00', '+1'])
      return date + sep + time + frac + tz
    }
    case 7:
      return sign + digits(r, int(r, 1, 3)) + pick(r, ['e3', 'E+2', '.0e-1', '_0', '.5_0'])
    case 8:
      return pick(r, SCALARS)
    default:
      return pick(r, [
        '<<',
        '=',
        '',
        'a b',
        '0o17',
        '0b102',
        '1_',
        '_1',
        '0.',
        '-.',
        '+',
        '-',
        '.',
        'Infinity',
        'NaN'
      ])
  }
}

const TAGS = [
  '',
  '',
  '',
  '!!str ',
  '!!int ',
  '!!float ',
  '!!bool ',
  '!!null ',
  '!!timestamp ',
  '! '
]

function quoteScalar(r: Random, s: string): string {
  switch (int(r, 0, 3)) {
    case 0:
      return `"${s.replace(/["\\]/g, '\\$&')}"`
    case 1:
      return `'${s.replace(/'/g, "''")}'`
    default:
      return s
  }
}

function scalarDoc(r: Random): string {
  const v = quoteScalar(r, scalarSpelling(r))
  const tagged = pick(r, TAGS) + v
  switch (int(r, 0, 6)) {
    case 0:
      return `a: ${tagged}\n`
    case 1:
      return `- ${tagged}\n- ${scalarSpelling(r)}\n`
    case 2:
      return `[${tagged}, ${scalarSpelling(r)}]\n`
    case 3:
      return `{k: ${tagged}}\n`
    case 4:
      return `${v}: x\n${scalarSpelling(r)}: y\n`
    case 5:
      return `a:\n  - ${tagged}\n  - ${pick(r, TAGS)}${scalarSpelling(r)}\n`
    default:
      return `${tagged}\n`
  }
}

const EMOJI = ['😀', '🚀', 'é', '中文', '𝔘']

/** Lines that exercise one place where YAML 1.2 (`yaml`) and PyYAML's scanner disagree. */
const ODD: Array<(r: Random) => string> = [
  (r) => `k: ${pick(r, ['"v"', "'v'", '[a]', '{a: 1}', '[a, b]'])}#${pick(r, ['c', ' c', ''])}\n`,
  (r) =>
    `q: "${pick(r, ['select', 'a b'])}\n${pick(r, ['', '\t', ' ', '  '])}${pick(r, ['from t', '', 'x: y'])}"\n`,
  (r) =>
    `q: '${pick(r, ['select', 'a'])}\n${pick(r, ['', '\t', ' '])}${pick(r, ['from t', 'b'])}'\n`,
  (r) => `k: [a,\n${pick(r, ['', ' ', '  ', '\t'])}b]\n`,
  (r) => `k: {a: 1,\n${pick(r, ['', ' ', '  '])}b: 2}\n`,
  (r) =>
    `k: ${pick(r, ['[-]', '{k: -}', '[- a]', '[a, -]', '[-a]', '{-: a}', '[ - ]', '{a: - }'])}\n`,
  (r) =>
    `k: ${pick(r, ['!<!>', '!<tag:yaml.org,2002:str>', '!<>', '!<!foo>', '!<tag:yaml.org,2002:int>'])} ${pick(r, ['v', '12', ''])}\n`,
  (r) => pick(r, ['...\n', '... ...\n', '...\n...\n', '... # c\n', '---\n', '--- ...\n', '...x\n']),
  (r) => `${pick(r, ['', 'k: v', '- a'])}\ufeff${pick(r, ['m: 1', 'x', ''])}\n`,
  (r) =>
    `k: ${pick(r, ['[:a]', '[?a]', '{:a: 1}', '[? a]', '[a, :b]', '{? a: 1}', '[a: b]', '[?]', '[:]', '{: a}', '[a :b]', '[::]', '{a: :b}', '[a:b]'])}\n`,
  (r) =>
    pick(r, [
      '%TAG !e! tag:e.com,2000:\n',
      '%TAG !e! x\n%TAG !e! y\n',
      '%TAG e! x\n',
      '%TAG !e!\n',
      '%TAG ! !foo\n',
      '%FOO bar\n',
      '%YAML 1.1\n',
      '%YAML 1.2\n',
      '%YAML 1\n',
      '%TAG !! tag:x,2000:\n'
    ]),
  (r) =>
    `${pick(r, ['a', 'b'])}: &${pick(r, ['a', 'a-b', 'a.b', 'a/b', 'a:b', 'a[', 'é', 'a_1', 'a!', '😀', ''])} ${pick(r, ['v', '[1]', ''])}\n`,
  (r) => `${'k'.repeat(int(r, 1020, 1030))}: v\n`,
  (r) => `{${'k'.repeat(int(r, 1020, 1030))}: v}\n`,
  (r) => `${pick(r, EMOJI).repeat(int(r, 510, 1030))}: v\n`,
  (r) =>
    `${pick(r, EMOJI)}${pick(r, EMOJI)}: ${pick(r, ['a: b', '[a', '"x', '*', '&', '!x!y z', '@', 'v', '`'])}\n`,
  (r) => `k: ${pick(r, ['!foo!bar x', '!<x', '!! x', '!e!x y', '!!str\tv', '![x]', '!a,b c'])}\n`,
  (r) => `${pick(r, ['a', '"a', '[a'])}\n${pick(r, ['b: c', '  b: c', 'b'])}\n`,
  (r) =>
    `${pick(r, ['a: b: c', '- a: b\n c', 'a:\n  b\n c: d', '? a\n? b', 'a: |\n  x\n y', 'a: >-\n\tx'])}\n`,
  (r) => `top: !!set\n  ? ${pick(r, ['a', '1'])}\n  ? b\n`,
  (r) => pick(r, ['!!set {a, b}\n', '!!set\n? a\n? b\n', '--- !!set\n? x\n', '!!omap [a: 1]\n']),
  (r) =>
    `k: ${pick(r, ['*', '&', '!', '@x', '`x', '%x', '|x', '>x', '- -', ',a', 'a,b', '[a]]', '{a}}'])}\n`,
  (r) => `${pick(r, ['', ' ', '\t'])}- ${pick(r, ['a', '- b', 'k: v', '[a,\nb]'])}\n`,
  (r) => `k: "${pick(r, ['\\q', '\\x4', '\\u12', '\\U0001F600', '\\ ', '\\\t', '\\N'])}"\n`,
  (r) => `k: ${pick(r, ['a # c', 'a#c', 'a\t#c', '"a"\t#c', '"a" #c'])}\n`,
  (r) => `${pick(r, ['&a k', '*a', '!!str k', '? k'])}: ${pick(r, ['*a', 'v', '&b v'])}\n`,
  // NEL/LS/PS are line breaks for PyYAML (and for its marks), in every scalar style and between
  // tokens; the folding differs (a NEL folds like `\n`, LS/PS stay in the value).
  (r) => {
    const b = pick(r, LINE_BREAK_CHARS)
    const sp = pick(r, ['', ' ', '  ', '\n', '\n  ', b])
    return pick(r, [
      `k: x${b}${sp}y\n`,
      `k: 'x${b}${sp}y'\n`,
      `k: "x${b}${sp}y"\n`,
      `k: "x\\${b}y"\n`,
      `k: ${pick(r, ['|', '>', '|-', '>+'])}\n  x${b}${sp}y\n  z\n`,
      `k: [x${b}${sp}y]\n`,
      `k: {a: x${b}${sp}b: y}\n`,
      `k: v # c${b}${sp}m: 1\n`,
      `k: v${b}${sp}m: 1\n`,
      `${b}k: v\n`,
      `x${b}y: 1\n`,
      `- a${b}${sp}- b\n`
    ])
  }
]

const LINE_BREAK_CHARS = ['\u0085', '\u2028', '\u2029']

const KEYS = ['metric_batch', 'table_key', 'ingest_sql', 'metric_tags', 'alert_methods', 'x']

function plainLine(r: Random, indent: string): string {
  const k = pick(r, KEYS)
  switch (int(r, 0, 4)) {
    case 0:
      return `${indent}${k}: ${scalarSpelling(r)}\n`
    case 1:
      return `${indent}${k}:\n${indent}  - ${scalarSpelling(r)}\n`
    case 2:
      return `${indent}${k}: [${scalarSpelling(r)}, ${scalarSpelling(r)}]\n`
    case 3:
      return `${indent}${k}: |\n${indent}  select ${scalarSpelling(r)}\n`
    default:
      return `${indent}${k}: "${scalarSpelling(r)}"\n`
  }
}

function structureDoc(r: Random): string {
  let s = ''
  const n = int(r, 1, 5)
  for (let i = 0; i < n; i++) {
    if (r() < 0.45) s += pick(r, ODD)(r)
    else s += plainLine(r, r() < 0.15 ? pick(r, [' ', '  ', '\t']) : '')
  }
  return s
}

/** `count` documents per family, deterministic for `seed`; mutants skipped without a corpus. */
export function generate(seed: number, count: Record<Family, number>): Generated[] {
  const r = rng(seed)
  const out: Generated[] = []
  const { dirs } = corpusTrees()
  const files = dirs.flatMap((d) => corpusFiles(d).map(([, b]) => new TextDecoder().decode(b)))
  if (files.length > 0) {
    for (let i = 0; i < count.mutant; i++) {
      out.push({ family: 'mutant', text: mutate(pick(r, files), r) })
    }
  }
  for (let i = 0; i < count.scalar; i++) out.push({ family: 'scalar', text: scalarDoc(r) })
  for (let i = 0; i < count.structure; i++) {
    out.push({ family: 'structure', text: structureDoc(r) })
  }
  return out
}
