/**
 * Module-level caches must not leak between tests: a result memoised by one test (or, under
 * mutation testing, by the unmutated code) would hide what another computes.
 */
import { beforeEach } from 'vitest'
import { clearCronMemo } from '../../src/cron/parse-cron.js'

beforeEach(() => {
  clearCronMemo()
})
