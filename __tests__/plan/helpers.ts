import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { FileTree } from '../../src/core/tree.js'
import { REPO_ROOT } from '../helpers/paths.js'

/** The plan fixture (a small metrics tree) as repository-relative path → text. */
export const FIXTURE_ROOT = path.join(REPO_ROOT, '__tests__/fixtures/plan')

export type Files = Record<string, string>

export function fixtureFiles(): Files {
  const out: Files = {}
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const abs = path.join(dir, name)
      if (statSync(abs).isDirectory()) walk(abs)
      else
        out[path.relative(FIXTURE_ROOT, abs).split(path.sep).join('/')] = readFileSync(abs, 'utf8')
    }
  }
  walk(path.join(FIXTURE_ROOT, 'metrics'))
  return out
}

const enc = new TextEncoder()

/** An in-memory tree of the `metrics` folder. */
export function treeOf(files: Files, order: 'sorted' | 'reversed' = 'sorted'): FileTree {
  const paths = Object.keys(files).sort()
  if (order === 'reversed') paths.reverse()
  return {
    metricsDir: 'metrics',
    entries: paths.map((p) => ({ kind: 'file' as const, path: p, bytes: enc.encode(files[p]!) }))
  }
}

/** Replaces `from` with `to` in one file, failing loudly when `from` is absent (a stale test). */
export function edit(files: Files, file: string, from: string | RegExp, to: string): Files {
  const text = files[file]
  if (text === undefined) throw new Error(`no file ${file}`)
  const next = text.replace(from, to)
  if (next === text) throw new Error(`${String(from)} not found in ${file}`)
  return { ...files, [file]: next }
}

export function without(files: Files, ...paths: string[]): Files {
  const out = { ...files }
  for (const p of paths) {
    if (!(p in out)) throw new Error(`no file ${p}`)
    delete out[p]
  }
  return out
}
