#!/usr/bin/env node
// Prints the README's mutation-score rows from Stryker JSON reports (.tmp/mutation/<scope>.json,
// written by `MUTATION_SCOPE=<scope> npm run test:mutation`). Score as Stryker computes it:
// (killed + timeout) / (killed + timeout + survived + no coverage); ignored (static) mutants apart.
import { readFileSync } from 'node:fs'

const rows = []
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, 'utf8'))
  const n = { Killed: 0, Survived: 0, Timeout: 0, NoCoverage: 0, Ignored: 0, other: 0 }
  const folders = new Set()
  for (const [path, f] of Object.entries(report.files)) {
    folders.add(path.split('/').slice(0, 2).join('/'))
    for (const m of f.mutants) {
      if (m.status in n) n[m.status]++
      else n.other++
    }
  }
  const detected = n.Killed + n.Timeout
  const valid = detected + n.Survived + n.NoCoverage
  const score = valid === 0 ? '-' : ((100 * detected) / valid).toFixed(1) + '%'
  rows.push(
    `| ${[...folders].join(', ')} | ${valid} | ${n.Killed} | ${n.Survived} | ${n.Timeout} | ${n.NoCoverage} | ${n.Ignored} | **${score}** | ${file} |` +
      (n.other ? ` (${n.other} other: errors)` : '')
  )
}
console.log(rows.join('\n'))
