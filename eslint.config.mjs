import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.venv/**',
      '.venv-anomstack/**',
      '.corpus/**',
      '.cache/**',
      '.tmp/**',
      'src/schema/generated/**',
      'coverage/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error'
    }
  },
  {
    // The pure core: rules, YAML loading and reporters never do I/O themselves.
    files: [
      'src/rules/**/*.ts',
      'src/plan/**/*.ts',
      'src/yaml/**/*.ts',
      'src/report/**/*.ts',
      'src/cron/**/*.ts',
      'src/validate.ts'
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'node:fs',
            'fs',
            'node:child_process',
            'child_process',
            '@actions/core',
            '@actions/github'
          ],
          patterns: ['node:fs/*']
        }
      ]
    }
  },
  {
    files: ['**/*.mjs', '__tests__/**/*.ts', 'scripts/**'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'process',
          'console',
          'URL',
          'Buffer',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'setImmediate',
          'fetch',
          'AbortSignal',
          'AbortController',
          'performance',
          'TextDecoder',
          'TextEncoder',
          'structuredClone',
          'queueMicrotask'
        ].map((name) => [name, 'readonly'])
      )
    },
    rules: { 'no-console': 'off' }
  }
)
