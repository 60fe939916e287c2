import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { interpolate, parseEnvFile, resolveEnvFile } from '../../src/config/env-file.js'
import { VENV_PYTHON } from '../helpers/paths.js'

const values = (text: string): Record<string, string> =>
  Object.fromEntries([...resolveEnvFile(parseEnvFile(text))].map(([k, v]) => [k, v.value]))

describe('parseEnvFile (python-dotenv 1.2 semantics)', () => {
  it.each([
    ['A=1', { A: '1' }],
    ['export A=1', { A: '1' }],
    ['export=1', { export: '1' }],
    ['A = 1 ', { A: '1' }],
    ['A=1 # comment', { A: '1' }],
    ['A=1# not a comment', { A: '1# not a comment' }],
    ['A=#novalue', { A: '#novalue' }],
    ['A= # comment', { A: '' }],
    ['A=', { A: '' }],
    ["A='x y' # c", { A: 'x y' }],
    ['A="a\\nb"', { A: 'a\nb' }],
    ["A='a\\nb'", { A: 'a\\nb' }],
    ["A='it\\'s'", { A: "it's" }],
    ['A="multi\nline"', { A: 'multi\nline' }],
    ['A=1\r\nB=2\rC=3', { A: '1', B: '2', C: '3' }],
    ['\ufeffA=1', { A: '1' }],
    ["'A B'=1", { 'A B': '1' }],
    ['A=1\nA=2', { A: '2' }],
    // A bare name has value None; Dagster drops it, which also forgets an earlier value.
    ['A=1\nA', {}],
    ['A="unclosed\nB=2', { B: '2' }],
    ['A="x" y\nB=2', { B: '2' }],
    ['A=1\nB=${A}2', { A: '1', B: '12' }],
    ['B=${A:-dflt}', { B: 'dflt' }],
    ['A=\nB=${A:-dflt}', { A: '', B: '' }],
    ["A=1\nB='${A}'", { A: '1', B: '1' }],
    ['B=${A', { B: '${A' }],
    ['A=x\u0085y', { A: 'x\u0085y' }],
    ['A=x\u00a0#c', { A: 'x' }]
  ])('%j', (text, expected) => {
    expect(values(text)).toEqual(expected)
  })

  it('records unparsable statements with their offsets, and the bindings around them', () => {
    const p = parseEnvFile('A=1\n  B="open\nC=3\n')
    expect(p.errors).toEqual([{ start: 6, end: 14 }])
    expect(p.bindings.map((b) => b.name)).toEqual(['A', 'C'])
  })

  it('gives each value the span it was written with', () => {
    const p = parseEnvFile('X=1\nANOMSTACK__B__K = "v w" # c\n')
    const b = p.bindings[1]!
    expect(p.text.slice(b.nameStart, b.nameEnd)).toBe('ANOMSTACK__B__K')
    expect(p.text.slice(b.valueStart, b.valueEnd)).toBe('"v w"')
    expect(b.quote).toBe('"')
  })

  it('names the variables a value takes from the server environment', () => {
    const v = resolveEnvFile(parseEnvFile('A=${HOME}/x${B:-y}')).get('A')!
    expect(v.value).toBe('/xy')
    expect(v.external).toEqual(['HOME', 'B'])
  })

  it('stays linear on an unclosed quote before many lines, and on many unclosed ${', () => {
    const n = 100_000
    const t0 = performance.now()
    const p = parseEnvFile(`A="\n${'B=x\n'.repeat(n)}`)
    expect(p.errors.length).toBe(1)
    expect(p.bindings.length).toBe(n)
    expect(interpolate('${'.repeat(100_000), () => undefined)).toBe('${'.repeat(100_000))
    expect(performance.now() - t0).toBeLessThan(5000)
  })
})

// The same files through the real python-dotenv (the version Dagster 1.13 installs), when the
// project venv exists (it does in CI: scripts/setup-python.sh).
const CASES = [
  'A=1\nexport B = two words # c\nC="q\\"uote\\t"\nD=\'sq\\\\\'\nE',
  "A='un\nclosed\nB=2\nC=${B}${Z:-z}\n'K K'=v\n=bad\nD=\"x\" trailing\nF=ok",
  'A=\u00a0x\u0085 #c\nB=\u2028y\n\u001cC=3\n#D=4\n  # E=5\nG=#h\nH= #i',
  'A="a\\\\"b"\nB="\\\\\\"\nC=3\nD=${A}${C}\nA=again\nE=${A}',
  "A=1\nB='${A}'\nC='\\n${A:-x}'\nD=\"${A}\\t\"\nA\nE=${A:-gone}"
]

describe.skipIf(!existsSync(VENV_PYTHON))('parseEnvFile against python-dotenv', () => {
  it('matches dotenv_values on every case', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'envdiff-'))
    try {
      const files = CASES.map((c, i) => {
        const f = path.join(dir, `${i}.env`)
        writeFileSync(f, c)
        return f
      })
      const script =
        'import json,sys,os\nfrom dotenv import dotenv_values\n' +
        'os.environ.pop("Z", None); os.environ.pop("B", None)\n' +
        'print(json.dumps([{k: v for k, v in dotenv_values(f).items() if v is not None} for f in sys.argv[1:]]))'
      const r = spawnSync(VENV_PYTHON, ['-c', script, ...files], { encoding: 'utf8' })
      expect(r.status, r.stderr).toBe(0)
      const expected = JSON.parse(r.stdout) as Record<string, string>[]
      expect(CASES.map(values)).toEqual(expected)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
