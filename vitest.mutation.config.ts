import { defineConfig } from 'vitest/config'

// The unit tests of the mutated folders (stryker.config.mjs): pure, no Dagster, no PyYAML venv,
// no bundled dist/, so that each mutant is judged in seconds.
export default defineConfig({
  test: {
    include: [
      '__tests__/cron/parse-cron.test.ts',
      '__tests__/cron/describe-cron.test.ts',
      '__tests__/rules/**/*.test.ts',
      '__tests__/yaml/load.test.ts',
      '__tests__/yaml/hostile.test.ts',
      '__tests__/changes/*.test.ts'
    ],
    setupFiles: ['__tests__/helpers/reset-caches.ts'],
    testTimeout: 60_000
  }
})
