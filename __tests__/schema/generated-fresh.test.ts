import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const committed = join(root, 'src', 'schema', 'generated')
const fresh = mkdtempSync(join(tmpdir(), 'schema-gen-'))

afterAll(() => rmSync(fresh, { recursive: true, force: true }))

describe('src/schema/generated', () => {
  it('matches a fresh `npm run build:schema` (run it and commit the result if this fails)', () => {
    const run = spawnSync(
      process.execPath,
      [join(root, 'scripts', 'build-schema.mjs'), fresh, fresh],
      {
        cwd: root,
        encoding: 'utf8'
      }
    )
    expect(run.status, run.stderr).toBe(0)
    const names = readdirSync(fresh).sort()
    expect(names).toEqual([
      'metric-batch.schema.json',
      'validate-batch.d.ts',
      'validate-batch.js',
      'validate-defaults.d.ts',
      'validate-defaults.js'
    ])
    expect(readdirSync(committed).sort()).toEqual(names.filter((n) => n.startsWith('validate-')))
    for (const name of names) {
      const at = name.endsWith('.schema.json') ? join(root, 'schema', name) : join(committed, name)
      expect(readFileSync(at, 'utf8'), name).toBe(readFileSync(join(fresh, name), 'utf8'))
    }
  })
})
