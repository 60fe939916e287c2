// Regenerates fixtures/dagster-cron-verdicts.json from the real Dagster in the project venv (.venv):
//   node __tests__/cron/make-cron-fixture.mjs
// The differential test compares parse-cron.ts against these recorded verdicts (and against the
// live oracle when the venv exists).
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')

const HANDPICKED = [
  // accepted forms
  '* * * * *',
  '*/5 * * * *',
  '0 6 * * *',
  '45 6 * * *',
  '15 */4 * * *',
  '15 */1 * * *',
  '0-30/10 * * * *',
  '5/15 * * * *',
  '1,2,3 * * * *',
  '0 0-5,10 * * mon-fri',
  '0  6\t*  * *',
  '\t0 6 * * *  ',
  '0 9 * * MON-FRI',
  '0 9 * jan-mar *',
  '0 9 * * sun,sat',
  '0 9 * * SAT-SUN',
  '0 9 * JAN *',
  '0 9 * * 7',
  '0 9 * * 7-1',
  '0 9 * * fri-mon',
  '0 9 ? * *',
  '0 9 * * ?',
  '0 9 L * *',
  '0 9 l * *',
  '0 9 * * 1#2',
  '0 9 * * MON#2',
  '0 9 * * mon-fri/2',
  '0 9 * * mon-wed#2',
  '0 9 * * L5',
  '0 9 * * l0',
  '0 9 * * mon#2,mon',
  '0 9 15-L * *',
  '0 9 5-l/2 * *',
  '@hourly',
  '@daily',
  '@DAILY',
  '@weekly',
  '@monthly',
  '@yearly',
  '@annually',
  '@midnight',
  '@Hourly',
  'R * * * *',
  '0 R * * *',
  'r/15 * * * *',
  'r(0-29) * * * *',
  '0 0 30,31 2 *',
  '0 0 30 1-2 *',
  '0 0 29 2 *',
  '0 0 30 2-2 *',
  '0 0 0-0 * *',
  '0 0 * 0-0 *',
  '0 0 5-0 * *',
  '0 0 * * 0-7',
  '0 0 * * 1-7',
  '00 06 * * *',
  '0 0 * * *,1',
  '0 0 1-31 * 1',
  '0 0 * * 0-6',
  '0 0 1-31 * *',
  '0 0 * feb/12 *',
  '0 0 30 feb/12 *',
  '59 23 31 12 6',
  '0 0 1 1 0',
  '0 0 * * 0#5',
  '0 0 * * 6#1',
  // collapsing steps (valid, Dagster warns)
  '*/60 * * * *',
  '*/70 * * * *',
  '*/75 * * * *',
  '*/90 * * * *',
  '*/180 * * * *',
  '*/59 * * * *',
  '*/7 * * * *',
  '0 */24 * * *',
  '0 */25 * * *',
  '0 0 */32 * *',
  '0 0 * */13 *',
  '0 0 * * */8',
  '0-30/40 * * * *',
  '10/70 * * * *',
  '0 0 * * */7',
  '0 0 */31 * *',
  // rejected forms
  '* * * *',
  '* * * * * *',
  '* * * * * * *',
  '0 0 * * * 2024',
  '',
  '   ',
  '@reboot',
  '@every 5m',
  ' @daily',
  '@daily ',
  '@fortnightly',
  '*/0 * * * *',
  '60 * * * *',
  '0 24 * * *',
  '0 0 0 * *',
  '0 0 * 0 *',
  '0 0 * * 8',
  '-1 * * * *',
  '0 0 30 2 *',
  '0 0 31 2 *',
  '0 0 31 feb *',
  '0 0 30,30 2 *',
  '0 0 30 2,2 *',
  'H * * * *',
  '0 0 * * 5L',
  '** * * * *',
  '0 0 L-5 * *',
  '0 0 * * L',
  '0 0 * * 1#6',
  '0 0 * * 1#0',
  '0 0 * * 1#2,3',
  '0 0 * * jan',
  '0 0 * mon *',
  '0 0 * * monday',
  '0 ? * * *',
  '0 0 ?? * *',
  '0 0 ?,1 * *',
  '1-2-3 * * * *',
  '*/5/2 * * * *',
  '1,,2 * * * *',
  '5-1/0 * * * *',
  '0 0 * * 1-5#2',
  '+5 * * * *',
  '5- * * * *',
  '0x1 * * * *',
  '0 0 * * l8',
  'r(5-5) * * * *',
  'r/0 * * * *',
  '* * * * 7#1',
  '0 0 1 13 *',
  '0 0 32 * *',
  '100 * * * *',
  '0 0 * * sun#1,mon',
  '1/ * * * *',
  '/5 * * * *',
  '*/ * * * *',
  '0 0 l#2 * *',
  '0 0 * * l#2',
  '0 0 * l *',
  '0 0 1-l * *'
]

// Seeded generator (mulberry32) for broader coverage of combinations.
function mulberry32(seed) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rnd = mulberry32(20240601)
const pick = (xs) => xs[Math.floor(rnd() * xs.length)]
const int = (n) => Math.floor(rnd() * n)
const TOPS = [62, 26, 34, 14, 9]
const NAMES = [[], [], ['l', 'L'], ['jan', 'FEB', 'dec', 'xyz'], ['mon', 'SUN', 'fri', 'sat', 'l']]
function atom(i) {
  const k = int(10)
  if (k === 0) return '*'
  if (k === 1 && NAMES[i].length) return pick(NAMES[i])
  if (k === 2) return `*/${int(TOPS[i] + 70)}`
  if (k === 3) return `${int(TOPS[i])}-${int(TOPS[i])}`
  if (k === 4) return `${int(TOPS[i])}-${int(TOPS[i])}/${int(12)}`
  if (k === 5) return `${int(TOPS[i])}/${int(40)}`
  if (k === 6 && i === 4) return `${pick(['1', 'mon', 'fri', '7'])}#${int(7)}`
  if (k === 7 && (i === 2 || i === 4)) return '?'
  return String(int(TOPS[i]))
}
function field(i) {
  const n = 1 + (rnd() < 0.25 ? int(3) : 0)
  return Array.from({ length: n }, () => atom(i)).join(',')
}
const generated = []
while (generated.length < 120) {
  const s = [0, 1, 2, 3, 4].map(field).join(' ')
  if (!generated.includes(s) && !HANDPICKED.includes(s)) generated.push(s)
}

const strings = [...HANDPICKED, ...generated]
const py = join(root, '.venv', 'bin', 'python')
const r = spawnSync(py, [join(here, 'dagster_cron_oracle.py')], {
  input: JSON.stringify(strings),
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024
})
if (r.status !== 0) {
  process.stderr.write(r.stderr)
  process.exit(1)
}
const versionRun = spawnSync(py, ['-c', 'import dagster; print(dagster.__version__)'], {
  encoding: 'utf8'
})
const verdicts = JSON.parse(r.stdout)
writeFileSync(
  join(here, 'fixtures', 'dagster-cron-verdicts.json'),
  JSON.stringify({ dagster: versionRun.stdout.trim(), verdicts }, null, 1) + '\n'
)
console.log(`recorded ${verdicts.length} verdicts`)
