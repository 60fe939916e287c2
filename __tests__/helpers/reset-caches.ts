/**
 * Module-level caches must not leak between tests: a result memoised by one test (or, under
 * mutation testing, by the unmutated code) would hide what another computes. The text-keyed
 * memos are cleared here; the other caches of src/cron, src/rules, src/yaml and src/changes are
 * WeakMaps keyed by a run's own objects (batch views, rule contexts, YAML nodes), which no two
 * tests share, or per-instance fields.
 */
import { beforeEach } from 'vitest'
import { clearTextMemos } from '../../src/config/jinja-scan.js'
import { clearCronMemo } from '../../src/cron/parse-cron.js'

beforeEach(() => {
  clearCronMemo()
  clearTextMemos()
})
