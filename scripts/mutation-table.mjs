#!/usr/bin/env node
// Prints the README's mutation-score rows from Stryker JSON reports (.tmp/mutation/<scope>.json,
// written by `MUTATION_SCOPE=<scope> npm run test:mutation`). Score as Stryker computes it:
// (killed + timeout) / (killed + timeout + survived + no coverage); ignored (static) mutants apart.
//
//   node scripts/mutation-table.mjs a.json [b.json ...]        one row per report
//   node scripts/mutation-table.mjs --merge base.json rerun.json  one row: the base run, with the
//     status of every mutant the later report(s) tested again (same file, place, mutator and
//     replacement) taken from them. For re-testing only the survivors after adding tests
//     (`--mutate file:line-line,...`) while the mutated source is unchanged.
import { readFileSync } from 'node:fs'

const args = process.argv.slice(2)
const merge = args[0] === '--merge'
const files = merge ? args.slice(1) : args

const keyOf = (path, m) =>
  `${path}:${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column}:${m.mutatorName}:${m.replacement ?? ''}`

/** [path, mutants] of one report, or of several merged (later reports win). */
function mutantsOf(reports) {
  const byKey = new Map()
  const [base, ...later] = reports
  for (const [path, f] of Object.entries(base.files))
    for (const m of f.mutants) byKey.set(keyOf(path, m), { path, m })
  for (const r of later)
    for (const [path, f] of Object.entries(r.files))
      for (const m of f.mutants) {
        const k = keyOf(path, m)
        if (byKey.has(k)) byKey.set(k, { path, m })
      }
  return [...byKey.values()]
}

function row(reports, label) {
  const n = { Killed: 0, Survived: 0, Timeout: 0, NoCoverage: 0, Ignored: 0, other: 0 }
  const folders = new Set()
  for (const { path, m } of mutantsOf(reports)) {
    folders.add(path.split('/').slice(0, 2).join('/'))
    if (m.status in n) n[m.status]++
    else n.other++
  }
  const detected = n.Killed + n.Timeout
  const valid = detected + n.Survived + n.NoCoverage
  const score = valid === 0 ? '-' : ((100 * detected) / valid).toFixed(1) + '%'
  return (
    `| ${[...folders].join(', ')} | ${valid} | ${n.Killed} | ${n.Survived} | ${n.Timeout} | ${n.NoCoverage} | ${n.Ignored} | **${score}** | ${label} |` +
    (n.other ? ` (${n.other} other: errors)` : '')
  )
}

const read = (file) => JSON.parse(readFileSync(file, 'utf8'))
console.log(
  merge
    ? row(files.map(read), files.join(' + '))
    : files.map((file) => row([read(file)], file)).join('\n')
)
