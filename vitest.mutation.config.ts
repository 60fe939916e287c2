import { defineConfig } from 'vitest/config'

// The unit tests of the mutated folders (stryker.config.mjs): pure, no Dagster, no PyYAML venv,
// no bundled dist/, so that each mutant is judged in seconds. The recorded-oracle tests
// (parse-cron.dagster, yaml/recorded) read verdicts recorded from the real
// Dagster / PyYAML, because the Stryker sandbox has no venv. MUTATION_SCOPE picks one folder.
const TESTS: Record<string, readonly string[]> = {
  cron: [
    '__tests__/cron/parse-cron.test.ts',
    '__tests__/cron/parse-cron.reasons.test.ts',
    '__tests__/cron/parse-cron.dagster.test.ts',
    '__tests__/cron/describe-cron.test.ts'
  ],
  changes: ['__tests__/changes/*.test.ts'],
  rules: ['__tests__/rules/**/*.test.ts'],
  yaml: [
    '__tests__/yaml/load.test.ts',
    '__tests__/yaml/hostile.test.ts',
    '__tests__/yaml/recorded.test.ts',
    '__tests__/yaml/shape.test.ts',
    '__tests__/yaml/property.test.ts',
    '__tests__/yaml/rule-meta.test.ts',
    '__tests__/yaml/decode.test.ts',
    '__tests__/yaml/construct.test.ts',
    '__tests__/yaml/node-columns.test.ts',
    '__tests__/yaml/load-problems.test.ts',
    '__tests__/yaml/directives-anchors.test.ts'
  ]
}
const scope = process.env['MUTATION_SCOPE']

export default defineConfig({
  test: {
    include: [...(scope === undefined ? Object.values(TESTS).flat() : (TESTS[scope] ?? []))],
    setupFiles: ['__tests__/helpers/reset-caches.ts'],
    testTimeout: 60_000
  }
})
