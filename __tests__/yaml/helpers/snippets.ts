/**
 * Inputs for the PyYAML differential test: the snippet categories of yaml-parity.md §1.1, scalar
 * values in several contexts, and seeded mutants of the real Anomstack corpus.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { CORPUS_METRICS } from '../../helpers/paths.js'

export const CORPUS_DIR = CORPUS_METRICS

/** Every `*.yaml` under a directory, sorted, as [relative path, bytes]. */
export function corpusFiles(dir = CORPUS_DIR): Array<[string, Uint8Array]> {
  const out: Array<[string, Uint8Array]> = []
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (name.endsWith('.yaml') || name.endsWith('.yml')) {
        out.push([p.slice(dir.length + 1), new Uint8Array(readFileSync(p))])
      }
    }
  }
  walk(dir)
  return out
}

const enc = new TextEncoder()

/** Scalars whose PyYAML type is the point (YAML 1.1 resolvers and constructors). */
export const SCALARS = [
  'yes',
  'Yes',
  'YES',
  'yEs',
  'no',
  'NO',
  'on',
  'On',
  'off',
  'OFF',
  'true',
  'False',
  'tRUE',
  'y',
  'Y',
  'n',
  'N',
  '~',
  'null',
  'Null',
  'NULL',
  'nULL',
  '',
  '0',
  '010',
  '0o10',
  '0o17',
  '08',
  '09',
  '0x1F',
  '0x1f',
  '0b101',
  '0b12',
  '1_000',
  '-1_0',
  '+12',
  '-0',
  '00',
  '0_7',
  '12345678901234567890',
  '9007199254740993',
  '1:30',
  '1:20',
  '190:20:30',
  '0:20',
  '08:30',
  '-1:20',
  '1:60',
  '190:20:30.15',
  '1:30.5',
  '.inf',
  '-.inf',
  '+.INF',
  '.Inf',
  '.NaN',
  '.nan',
  '-.nan',
  '.NAN',
  '1e3',
  '1.0e3',
  '1E3',
  '1.0e+3',
  '1.0E-3',
  '.5',
  '-.5',
  '+.5',
  '.',
  '1.',
  '-1.5',
  '1_0.5',
  '1._5',
  '0.1_2',
  '3.14',
  '2001-12-14',
  '2001-1-1',
  '2001-12-14t21:59:43.10-05:00',
  '2001-12-14 21:59:43.10 -5',
  '2001-12-14T21:59:43Z',
  '2001-12-14 21:59:43.1234567',
  '2001-13-45',
  '2001-02-30',
  '2000-02-29',
  '1900-02-29',
  '2001-01-01 24:00:00',
  '2001-01-01 23:60:00',
  '2001-01-01 23:00:60',
  '2001-01-01T00:00:00+24:00',
  '2001-01-01T00:00:00+23:59',
  '0000-01-01',
  '2001-12-14 1:02:03',
  '<<',
  '=',
  '@foo',
  '`x',
  'a b',
  'foo: bar',
  '- x',
  '%x',
  'x #c',
  'x#c',
  "it's",
  'a:b',
  '*/10 * * * *',
  '0 */2 * * *',
  '"quoted"',
  "'single'",
  '"yes"',
  "'010'",
  '"\\x41\\u00e9"',
  '"\\/\\N\\_\\e"',
  '"\\U0001F600"',
  '"\\q"',
  "'a''b'",
  '"a\\"',
  "'a''",
  '!!str 010',
  '!!int "0x10"',
  '!!int " 12"',
  '!!int "09"',
  '!!int "abc"',
  '!!int "0o17"',
  '!!float "1"',
  '!!float "inf"',
  '!!float "1e3"',
  '!!bool "y"',
  '!!bool "ON"',
  '!!null "abc"',
  '!!str',
  '!!int',
  '!!timestamp "2001-01-01"',
  '!!timestamp "abc"',
  '!!binary aGVsbG8=',
  '!!binary "not base64!"',
  '!!binary "aGVsbG8"',
  '!!binary "a"',
  '! yes',
  '! "12"',
  '! 010',
  '!custom 1',
  '!!python/name:os.system',
  '!!python/object/apply:os.system ["ls"]',
  '!!set {a, b}',
  '!!omap [x: 1, y: 2, x: 3]',
  '!!pairs [a: 1, a: 2]',
  '!!omap [a, b]',
  '!!omap [{a: 1, b: 2}]',
  '!!map [1]',
  '!!seq {a: 1}',
  '!!str [1]',
  '!!int {}',
  '{{ var }}',
  '{% if x %}',
  '[1, , 2]',
  '[1, 2,]',
  '{a: 1,}',
  '@',
  '|',
  '>',
  '|-',
  '|+'
]

/** Hand-written structures: merges, duplicates, anchors, tabs, block scalars, streams, ... */
export const STRUCTURES = [
  'a: 1\nb: 2\na: 3\n',
  'yes: 1\ntrue: 2\n1: a\n0x1: b\n',
  '1: a\ntrue: b\n',
  '1.0: a\n1: b\n',
  'null: a\n~: b\n',
  'y: 1\nn: 2\n',
  'on: 1\noff: 0\n',
  'base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n',
  'a: &a {x: 1}\nb: &b {x: 2, z: 3}\nc:\n  <<: [*a, *b]\n  w: 4\n',
  'a: &a {x: 1}\nc: {<<: *a, x: 2}\n',
  'a: &a [1]\nc:\n  <<: *a\n',
  'c:\n  <<: 1\n',
  'c:\n  "<<": {a: 1}\n',
  'a: <<\n',
  'a: =\n',
  '=: a\n',
  'a: !!merge x\n',
  'a: &a {x: 1}\nb: &b\n  <<: *a\n  y: 2\nc:\n  <<: *b\n  z: 3\n',
  'a: &x 1\nb: &x 2\n',
  'a: *nope\n',
  'a: &a [*a]\n',
  'a: &a\n  b: *a\n',
  '*a : 1\n',
  'a: &k key\n*k : v\n',
  '? [a, b]\n: 1\n',
  '? {a: 1}\n: 1\n',
  '? !!set {a}\n: 1\n',
  'ingest_sql: {{ var }}\n',
  'ingest_sql: {% if x %}select 1{% endif %}\n',
  'ingest_cron_schedule: */10 * * * *\n',
  'ingest_cron_schedule: * * * * *\n',
  'ingest_cron_schedule: 0 */2 * * *\n',
  'ingest_cron_schedule: "*/10 * * * *"\n',
  'a:\tb\n',
  'a: b\tc\n',
  'a: b\t# c\n',
  'a: "x"\t\n',
  '[1,\t2]\n',
  '{a: 1,\tb: 2}\n',
  'a:\n\tb: 1\n',
  'a: |\n  x\n\t\n  y\n',
  'a: |\n  x\n  \ty\n',
  'a: "x\n\ty"\n',
  'a: "x\n  y"\n',
  'a:\t\n  b: 1\n',
  '# c\t\na: 1\n',
  'a: 1 #\tc\n',
  'a: |\n  line1\n  line2\n',
  'a: >\n  folded\n  text\n\n  para\n',
  'a: |-\n  x\n\n',
  'a: |+\n  x\n\n',
  'a: >+\n  x\n',
  'a: |2\n   x\n  y\n',
  'a: |\n  x',
  'a: >',
  'a: |+\n  x',
  'a: |-\n  x',
  'a: |\n',
  'a: |',
  'a:\n  b: 1\n c: 2\n',
  'a: "abc\nb: 1\n',
  "a: 'abc\nb: 1\n",
  'a: [1, 2\nb: 1\n',
  'a: {x: 1\nb: 1\n',
  'a: b: c\n',
  ': v\n',
  '{: v}\n',
  '[: v]\n',
  '!!str : v\n',
  '? \n: v\n',
  'a: 1\n---\nb: 2\n',
  'a: 1\n---\n',
  '---\na: 1\n',
  '--- a\n',
  'a: 1\n...\n',
  'a: 1\n...\n# c\n',
  'a: 1\n...\nb: 2\n',
  '%YAML 1.1\n---\na: yes\n',
  '%YAML 1.2\n---\na: yes\nb: 010\n',
  '%YAML 1.3\n---\na: 1\n',
  '%YAML 2.0\n---\na: 1\n',
  '%YAML 1.1\n%YAML 1.1\n---\na: 1\n',
  '%TAG !e! tag:example.com,2000:\n---\na: !e!foo 1\n',
  'a: !<tag:yaml.org,2002:str> 1\n',
  'a: !!python/object:os.system {}\n',
  'a: !foo {x: 1}\n',
  'a: !foo [1]\n',
  'a: ! [1]\n',
  'a: ! {b: 1}\n',
  'a: 1\r\nb: 2\r\n',
  'a: 1\rb: 2\r',
  '\ufeffa: 1\n',
  'a: x\u00a0y\n',
  `${'k'.repeat(1100)}: v\n`,
  `${'k'.repeat(1000)}: v\n`,
  '- a\n- b\n',
  'plain scalar\n',
  '42\n',
  '',
  '# only a comment\n',
  '---\n',
  '\n\n',
  'a:\n',
  'a: ~\nb:\nc: null\n',
  'a: [1, [2, [3]]]\nb: {c: {d: e}}\n',
  '- - a\n  - b\n- c: d\n  e: f\n',
  'a:\n- 1\n- 2\n',
  '[a: 1, b: 2]\n',
  '{a, b: c}\n',
  'a: "multi\n  line"\n',
  "a: 'multi\n\n  line'\n",
  'a: plain\n  continued\n',
  'a: "\\t tab"\n',
  'a: @x\n',
  'a: `x\n',
  'a: %x\n',
  'a: x # comment\n',
  'a: "x" # comment\n',
  'a:    \n  - x\n',
  '- &a x\n- *a\n',
  'a: &a !!int 3\nb: *a\n',
  'a: !!set\n  ? x\n  ? y\n',
  'a: !!omap\n  - x: 1\n  - y: 2\n',
  'a: !!pairs\n  - x: 1\n  - x: 2\n',
  '2001-12-14: a\n',
  '2001-12-14 21:59:43Z: a\n2001-12-14 16:59:43-05:00: b\n',
  '.nan: a\n.nan: b\n',
  '0: a\nfalse: b\n0.0: c\n',
  '"1": a\n1: b\n',
  'a: 1\n  b: 2\n',
  '- a\nb: 1\n',
  'a:\n  - b\n  c: 1\n',
  'metric_batch: x\ntable_key: "metri\ncs_github"\n',
  'a: "\\\n  x"\n',
  'a: "x\\\n"\n',
  '? a\n? b\n',
  '? a\n: 1\n? b\n: 2\n',
  'a: {b: [c, {d: e}]}\n',
  '- [a, b]: c\n',
  'a: *\n',
  'a: &\n',
  'a: !\n',
  'a: "\\x4"\n',
  "a: 'x'y'\n",
  'a: "x"y\n',
  'a: -\n',
  'a: - b\n',
  '- - - x\n',
  'a: b\n c\n',
  '\ta: 1\n',
  ' a: 1\nb: 2\n',
  'a: 1\n b: 2\n'
]

/** Byte-exact inputs: control characters, NEL/LS/PS, invalid UTF-8. */
export const BYTE_SNIPPETS: Uint8Array[] = [
  enc.encode('a: 1\u0000\nb: 2\n'),
  enc.encode('a: x\u0007y\n'),
  enc.encode('# esc \u001b\na: 1\n'),
  enc.encode('a: x\u007fy\n'),
  enc.encode('a: x\u0080y\n'),
  enc.encode('a: x\u0085y\n'),
  enc.encode('a: "x\u2028y"\n'),
  enc.encode('a: x\u2029y\n'),
  Uint8Array.from([
    0x61, 0x3a, 0x20, 0x6f, 0x6b, 0x0a, 0x62, 0x3a, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a
  ]),
  Uint8Array.from([0x61, 0x3a, 0x20, 0x31, 0x0a, 0x00, 0x01, 0x02, 0xff, 0xfe]),
  Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0x3a, 0x20, 0x31, 0x0a]),
  Uint8Array.from([0x61, 0x3a, 0x20, 0xed, 0xa0, 0x80, 0x0a]),
  Uint8Array.from([0x61, 0x3a, 0x20, 0xf0, 0x9f, 0x98, 0x80, 0x0a])
]

const CONTEXTS: Array<(v: string) => string> = [
  (v) => `a: ${v}\n`,
  (v) => `- ${v}\n`,
  (v) => `[${v}]\n`,
  (v) => `{k: ${v}}\n`,
  (v) => `${v}: x\n`
]

/** All snippets of this file as bytes. */
export function snippets(): Uint8Array[] {
  const out: Uint8Array[] = []
  for (const v of SCALARS) for (const c of CONTEXTS) out.push(enc.encode(c(v)))
  for (const s of STRUCTURES) out.push(enc.encode(s))
  out.push(...BYTE_SNIPPETS)
  return out
}

/** Small deterministic PRNG (mulberry32), so mutants are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const MUTATION_TOKENS = [
  '\t',
  ':',
  '-',
  '"',
  "'",
  '*',
  '&a',
  '!',
  '!!str',
  '#',
  '{',
  '}',
  '[',
  ']',
  ',',
  '\n',
  '?',
  '|',
  '>',
  '<<: ',
  '~',
  'yes',
  'y',
  '08',
  '1:30',
  '1e3',
  '.5',
  '2001-01-01',
  '%',
  '@',
  '=',
  '\\',
  '\u0085',
  '\u2028',
  'null',
  ' ',
  '  ',
  '*a',
  '---\n',
  '...\n'
]

/** 1–3 random edits of `text`: insert a token, delete 1–4 characters, or duplicate a slice. */
export function mutate(text: string, random: () => number): string {
  let s = text
  const edits = 1 + Math.floor(random() * 3)
  for (let k = 0; k < edits; k++) {
    const pos = Math.floor(random() * (s.length + 1))
    const op = random()
    if (op < 0.6) {
      const tok = MUTATION_TOKENS[Math.floor(random() * MUTATION_TOKENS.length)]!
      s = s.slice(0, pos) + tok + s.slice(pos)
    } else if (op < 0.85) {
      s = s.slice(0, pos) + s.slice(pos + 1 + Math.floor(random() * 4))
    } else {
      const from = Math.floor(random() * Math.max(1, s.length - 20))
      s = s.slice(0, pos) + s.slice(from, from + 20) + s.slice(pos)
    }
  }
  return s
}

/** `count` mutants of the corpus files, deterministic for a seed. */
export function corpusMutants(count: number, seed: number): Uint8Array[] {
  const files = corpusFiles().map(([, b]) => new TextDecoder().decode(b))
  const random = rng(seed)
  const out: Uint8Array[] = []
  for (let i = 0; i < count; i++) {
    const base = files[Math.floor(random() * files.length)]!
    out.push(enc.encode(mutate(base, random)))
  }
  return out
}
