/**
 * The published batch schema rejects unknown top-level keys (so editors flag typos), allows the
 * declared custom keys (`x_<name>`, `x-<name>`), and accepts every real upstream batch file.
 * The CLI's compiled validator stays lenient: keys/unknown reports unknown keys itself.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import validateBatch from '../../src/schema/generated/validate-batch.js'
import { CORPUS, CORPUS_METRICS, REPO_ROOT } from '../helpers/paths.js'

const schema = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'schema/metric-batch.schema.json'), 'utf8')
) as Record<string, unknown>
const ajv = new Ajv2020({ allErrors: true, strict: false })
const published = ajv.compile(schema)
const base = { metric_batch: 'sales', ingest_sql: 'select 1' }

describe('published batch schema', () => {
  it('rejects a typo of a known key, naming it', () => {
    expect(published({ ...base, ingest_cron_schedul: '*/5 * * * *' })).toBe(false)
    expect(published.errors?.map((e) => e.params)).toEqual([
      { additionalProperty: 'ingest_cron_schedul' }
    ])
  })

  it('accepts x_ template parameters and x- anchor holders, not other unknown keys', () => {
    expect(published({ ...base, x_region: 'eu', 'x-common': { a: 1 } })).toBe(true)
    expect(published({ ...base, region: 'eu' })).toBe(false)
    expect(published({ ...base, xregion: 'eu' })).toBe(false)
  })

  it("the CLI's compiled validator stays lenient (keys/unknown owns unknown keys)", () => {
    expect(validateBatch({ ...base, ingest_cron_schedul: '*/5 * * * *' })).toBe(true)
  })

  it.skipIf(!CORPUS.dir)('accepts every upstream batch file', () => {
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((n) => {
        const p = path.join(d, n)
        if (statSync(p).isDirectory()) return walk(p)
        return p.endsWith('.yaml') && !p.includes(`${path.sep}defaults${path.sep}`) ? [p] : []
      })
    const files = walk(CORPUS_METRICS)
    expect(files.length).toBeGreaterThan(20)
    const rejected = files.flatMap((f) =>
      published(parse(readFileSync(f, 'utf8'), { version: '1.1' }))
        ? []
        : [`${path.relative(CORPUS_METRICS, f)} ${JSON.stringify(published.errors)}`]
    )
    expect(rejected).toEqual([])
  })
})
