// Summarises a V8 CPU profile (`node --cpu-prof`) by self time, per source module and per
// function. Frames inside an ncc bundle are mapped back to their original file through the
// bundle's source map (node:module SourceMap), so "module" means src/yaml/load.ts or
// node_modules/yaml/dist/..., not the bundle.
import { readFileSync, existsSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { fileURLToPath } from 'node:url'

const mapCache = new Map()

function sourceMapFor(url) {
  if (mapCache.has(url)) return mapCache.get(url)
  let map = null
  try {
    const file = url.startsWith('file://') ? fileURLToPath(url) : url
    if (file && existsSync(`${file}.map`))
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')))
  } catch {
    map = null
  }
  mapCache.set(url, map)
  return map
}

/** Shortens a webpack/ncc source path to something readable: src/..., yaml/dist/..., node:... */
function moduleName(source) {
  let s = source.replace(/^webpack:\/\/[^/]*\//, '').replace(/^\.\//, '')
  const nm = s.lastIndexOf('node_modules/')
  if (nm !== -1) s = s.slice(nm + 'node_modules/'.length)
  const src = s.indexOf('src/')
  if (nm === -1 && src > 0) s = s.slice(src)
  return s
}

function frameOrigin(cf) {
  const name = cf.functionName || '(anonymous)'
  if (!cf.url) return { module: name.startsWith('(') ? name : '(native)', fn: name }
  if (cf.url.startsWith('node:')) return { module: cf.url, fn: name }
  const map = sourceMapFor(cf.url)
  if (map) {
    const e = map.findEntry(cf.lineNumber, cf.columnNumber)
    if (e && e.originalSource) {
      const mod = moduleName(e.originalSource)
      return { module: mod, fn: `${e.name || name} (${mod}:${e.originalLine + 1})` }
    }
  }
  const mod = moduleName(cf.url.replace(/^file:\/\//, ''))
  return { module: mod, fn: `${name} (${mod}:${cf.lineNumber + 1})` }
}

/**
 * @param {string} file a .cpuprofile
 * @param {number} top how many rows per table
 * @returns {{ totalMs: number, byModule: [string, number][], byFunction: [string, number][] }}
 */
export function summariseProfile(file, top = 12) {
  const prof = JSON.parse(readFileSync(file, 'utf8'))
  const selfUs = new Map()
  for (let i = 0; i < prof.samples.length; i++) {
    const id = prof.samples[i]
    selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0))
  }
  const byModule = new Map()
  const byFunction = new Map()
  let total = 0
  for (const node of prof.nodes) {
    const us = selfUs.get(node.id) ?? 0
    // The inspector session that takes the profile is the measurement, not the workload.
    if (us === 0 || node.callFrame.url === 'node:inspector') continue
    total += us
    const o = frameOrigin(node.callFrame)
    byModule.set(o.module, (byModule.get(o.module) ?? 0) + us)
    byFunction.set(o.fn, (byFunction.get(o.fn) ?? 0) + us)
  }
  const rank = (m) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => [k, us / 1000])
  return { totalMs: total / 1000, byModule: rank(byModule), byFunction: rank(byFunction) }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const s = summariseProfile(process.argv[2], Number(process.argv[3] ?? 15))
  console.log(`total sampled: ${s.totalMs.toFixed(0)} ms`)
  console.log('\nby module (self):')
  for (const [k, ms] of s.byModule)
    console.log(
      `  ${ms.toFixed(0).padStart(7)} ms  ${((100 * ms) / s.totalMs).toFixed(1).padStart(5)}%  ${k}`
    )
  console.log('\nby function (self):')
  for (const [k, ms] of s.byFunction)
    console.log(
      `  ${ms.toFixed(0).padStart(7)} ms  ${((100 * ms) / s.totalMs).toFixed(1).padStart(5)}%  ${k}`
    )
}
