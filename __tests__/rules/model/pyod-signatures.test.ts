import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ANOMSTACK_PYTHON, REPO_ROOT } from '../../helpers/paths.js'
import { BROKEN_MODELS, WORKING_MODELS } from '../../../src/rules/model/pyod-names.js'
import {
  PYOD_SIGNATURES,
  PYOD_VERSION
} from '../../../src/rules/model/pyod-signatures.generated.js'

const GENERATOR = path.join(REPO_ROOT, 'scripts/gen-pyod-signatures.py')

describe('pyod-signatures.generated.ts', () => {
  it('knows the same model names as pyod-names.ts', () => {
    expect([...PYOD_SIGNATURES.keys()].sort()).toEqual(
      [...WORKING_MODELS, ...BROKEN_MODELS.keys()].sort()
    )
    // every working model imports with Anomstack's requirements, so its parameters are known
    const unknown = WORKING_MODELS.filter((n) => PYOD_SIGNATURES.get(n)?.params == null)
    expect(unknown).toEqual([])
  })

  const missing = existsSync(ANOMSTACK_PYTHON) ? undefined : `no ${ANOMSTACK_PYTHON}`
  it.skipIf(missing !== undefined)(
    `matches the pyod of .venv-anomstack${missing === undefined ? '' : ` (skipped: ${missing})`}`,
    () => {
      const out = execFileSync(ANOMSTACK_PYTHON, [GENERATOR, '--json'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 1 << 20
      })
      const fresh = JSON.parse(out) as { pyodVersion: string; models: Record<string, unknown> }
      expect({ pyodVersion: PYOD_VERSION, models: Object.fromEntries(PYOD_SIGNATURES) }).toEqual(
        fresh
      )
    },
    60_000
  )
})
