/**
 * Runs once per `vitest run`: names each upstream tree that is missing in one line (the suites
 * that need it skip through `describe.skipIf`), and fails the run when ANOMSTACK_REQUIRE_UPSTREAM
 * is set, as `.ci/run` does where `../shared` exists, so CI never passes by skipping them.
 */
import { CORPUS, UPSTREAM } from './paths.js'

export default function setup(): void {
  const missing = [CORPUS, UPSTREAM].filter((t) => t.dir === undefined).map((t) => t.missing)
  if (missing.length === 0) return
  if (process.env['ANOMSTACK_REQUIRE_UPSTREAM'] === '1')
    throw new Error(`ANOMSTACK_REQUIRE_UPSTREAM=1 but ${missing.join('; ')}`)
  for (const m of missing) process.stdout.write(`skipping the suites that need the ${m}\n`)
}
