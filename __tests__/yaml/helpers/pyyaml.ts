/**
 * Runs real PyYAML (scripts/pyyaml-dump.py, one process per batch) and compares its typed output
 * with `loadYaml`'s YNodes.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { YNode } from '../../../src/yaml/node.js'
import type { LoadResult, YamlProblem } from '../../../src/yaml/types.js'

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..')
const SCRIPT = resolve(ROOT, 'scripts/pyyaml-dump.py')

export type PyTyped =
  | null
  | boolean
  | string
  | { int: string }
  | { float: string }
  | { date: string }
  | { datetime: string }
  | { binary: string }
  | { seq: PyTyped[] }
  | { map: Array<[PyTyped, PyTyped]> }
  | { set: PyTyped[] }
  | { recursive: true }
  | { huge: true }

export type PyResult =
  | { ok: PyTyped }
  | {
      error: string
      message: string
      line?: number
      column?: number
      contextLine?: number
      contextColumn?: number
      problem?: string
      context?: string
      /** CSafeLoader's result, present only where it differs (`--csafe`). */
      c?: unknown
    }

/** The interpreter that has PyYAML: the project venv, else `python3` with `import yaml`. */
export function findPython(): string {
  const venv = resolve(ROOT, '.venv/bin/python')
  const candidates = existsSync(venv) ? [venv, 'python3'] : ['python3']
  for (const py of candidates) {
    const r = spawnSync(py, ['-c', 'import yaml'], { encoding: 'utf8' })
    if (r.status === 0) return py
  }
  throw new Error(
    'PyYAML not found: neither .venv/bin/python nor python3 can `import yaml`. ' +
      'Run scripts/setup-python.sh (CI: .ci/run creates the venv) or `pip install pyyaml`.'
  )
}

/** Loads every input with `yaml.load(open(..., encoding='utf-8'), Loader=yaml.SafeLoader)`. */
export function pyyamlLoadAll(
  inputs: readonly Uint8Array[],
  options: { csafe?: boolean } = {}
): PyResult[] {
  const python = findPython()
  const payload = JSON.stringify(inputs.map((b) => Buffer.from(b).toString('base64')))
  const r = spawnSync(python, options.csafe ? [SCRIPT, '--csafe'] : [SCRIPT], {
    input: payload,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024
  })
  if (r.status !== 0) throw new Error(`pyyaml-dump.py failed: ${r.stderr}`)
  return JSON.parse(r.stdout) as PyResult[]
}

function pyFloat(repr: string): number {
  if (repr === 'inf') return Infinity
  if (repr === '-inf') return -Infinity
  if (repr === 'nan') return NaN
  return Number(repr)
}

/** Why two results differ, or undefined when they agree. */
export function difference(py: PyResult, js: LoadResult): string | undefined {
  if ('error' in py) {
    if (js.failed) return undefined
    return `PyYAML raises ${py.error} (${py.message.split('\n')[0]}), loadYaml accepts`
  }
  if (js.failed) {
    const first = js.problems.find((p) => p.severity === 'error')
    return `PyYAML accepts, loadYaml fails: ${first?.ruleId} ${first?.message}`
  }
  return compareNode(py.ok, js.root ?? null, '')
}

function compareNode(py: PyTyped, js: YNode | null, path: string): string | undefined {
  const here = path || '/'
  if (js === null)
    return py === null ? undefined : `${here}: expected ${JSON.stringify(py)}, got None`
  if (py === null || typeof py === 'boolean' || typeof py === 'string') {
    if (js.kind !== 'scalar')
      return `${here}: expected scalar ${JSON.stringify(py)}, got ${js.kind}`
    const type = py === null ? 'null' : typeof py === 'boolean' ? 'bool' : 'str'
    if (js.pyType !== type || js.value !== py) {
      return `${here}: expected ${type} ${JSON.stringify(py)}, got ${js.pyType} ${JSON.stringify(js.value)}`
    }
    return undefined
  }
  if ('int' in py) {
    if (js.kind !== 'scalar' || js.pyType !== 'int' || typeof js.value !== 'number') {
      return `${here}: expected int ${py.int}, got ${describe(js)}`
    }
    return BigInt(js.value).toString() === py.int
      ? undefined
      : `${here}: expected int ${py.int}, got ${js.value}`
  }
  if ('float' in py) {
    if (js.kind !== 'scalar' || js.pyType !== 'float' || typeof js.value !== 'number') {
      return `${here}: expected float ${py.float}, got ${describe(js)}`
    }
    const want = pyFloat(py.float)
    return Object.is(want, js.value)
      ? undefined
      : `${here}: expected float ${py.float}, got ${js.value}`
  }
  for (const t of ['date', 'datetime', 'binary'] as const) {
    if (t in py) {
      const want = (py as Record<string, string>)[t]
      if (js.kind !== 'scalar' || js.pyType !== t || js.value !== want) {
        return `${here}: expected ${t} ${want}, got ${describe(js)}`
      }
      return undefined
    }
  }
  if ('seq' in py) {
    if (js.kind !== 'seq') return `${here}: expected sequence, got ${describe(js)}`
    if (js.items.length !== py.seq.length) {
      return `${here}: expected ${py.seq.length} items, got ${js.items.length}`
    }
    for (let i = 0; i < py.seq.length; i++) {
      const d = compareNode(py.seq[i]!, js.items[i]!, `${path}/${i}`)
      if (d) return d
    }
    return undefined
  }
  if ('map' in py) {
    if (js.kind !== 'map' || js.isSet) return `${here}: expected mapping, got ${describe(js)}`
    if (js.entries.length !== py.map.length) {
      return `${here}: expected ${py.map.length} keys, got ${js.entries.length}`
    }
    for (let i = 0; i < py.map.length; i++) {
      const [k, v] = py.map[i]!
      const e = js.entries[i]!
      const d = compareNode(k, e.key, `${path}/key#${i}`) ?? compareNode(v, e.value, `${path}/${i}`)
      if (d) return d
    }
    return undefined
  }
  if ('set' in py) {
    if (js.kind !== 'map' || !js.isSet) return `${here}: expected set, got ${describe(js)}`
    if (js.entries.length !== py.set.length) return `${here}: set size differs`
    for (const e of js.entries) {
      if (!py.set.some((k) => compareNode(k, e.key, path) === undefined)) {
        return `${here}: set member ${describe(e.key)} not in PyYAML's set`
      }
    }
    return undefined
  }
  return `${here}: PyYAML value not comparable (${JSON.stringify(py).slice(0, 80)})`
}

function describe(js: YNode): string {
  return js.kind === 'scalar' ? `${js.pyType} ${JSON.stringify(js.value)}` : js.kind
}

/**
 * The documented, deliberate residual differences (yaml-parity.md §6). Returns the class name
 * when a mismatch is one of them.
 */
export function expectedDifference(py: PyResult, js: LoadResult): string | undefined {
  if ('error' in py) return undefined // never accept what PyYAML rejects
  const err = js.problems.find((p) => p.severity === 'error')
  if (err?.ruleId === 'yaml/recursive-alias') return 'recursive alias'
  if (!js.failed && js.problems.some((p) => p.ruleId === 'yaml/int-precision')) {
    return 'int beyond 2^53'
  }
  return undefined
}

/**
 * PyYAML's problem mark in our problem: where the message names positions (PyYAML's context
 * mark, then its problem mark), the last one; otherwise the start of the range.
 */
export function problemMark(p: YamlProblem): { line: number; column: number } {
  const named = [...p.message.matchAll(/\(line (\d+), column (\d+)\)/g)].at(-1)
  return named
    ? { line: Number(named[1]), column: Number(named[2]) }
    : { line: p.line, column: p.column }
}
