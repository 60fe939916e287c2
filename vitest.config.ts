import { defineConfig } from 'vitest/config'

// Two projects: fast unit/integration tests, and end-to-end tests that start a real Dagster
// webserver (slower, serial). `npm test` runs both; `npm run test:e2e` only the latter.
export default defineConfig({
  test: {
    globalSetup: ['__tests__/helpers/global-setup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['__tests__/**/*.test.ts'],
          exclude: ['__tests__/e2e/**'],
          setupFiles: ['__tests__/helpers/reset-caches.ts'],
          testTimeout: 60_000
        }
      },
      {
        test: {
          name: 'e2e',
          include: ['__tests__/e2e/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false
        }
      }
    ]
  }
})
