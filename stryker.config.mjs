// Mutation testing of the pure core (`npm run test:mutation`). Concurrency 1: the shared CI
// machine has two cores. Narrow a run with `npm run test:mutation -- --mutate 'src/cron/**/*.ts'`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/cron/**/*.ts',
    'src/rules/**/*.ts',
    'src/yaml/**/*.ts',
    'src/changes/**/*.ts',
    '!src/**/*.d.ts'
  ],
  // The sandbox copies the project: leave out the venv symlink, caches and built output.
  ignorePatterns: ['.venv', '.venv-*', '.cache', '.tmp', 'dist', 'coverage', 'python'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: '.tmp/mutation/mutation.json' },
  tempDirName: '.tmp/stryker',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 85, break: null }
}
