import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { schemaFindings } from '../../src/schema/schema-findings.js'
import { docOf, where } from './helpers.js'
import { CORPUS_METRICS } from '../helpers/paths.js'

const CORPUS = CORPUS_METRICS

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? yamlFiles(join(dir, e.name))
      : e.name.endsWith('.yaml')
        ? [join(dir, e.name)]
        : []
  )
}

describe('upstream Anomstack corpus', () => {
  const files = yamlFiles(CORPUS)

  it('has the expected files', () => {
    expect(files.length).toBeGreaterThanOrEqual(28)
  })

  it.each(files.map((f) => [relative(CORPUS, f), f]))('%s has no schema findings', (rel, file) => {
    const doc = docOf(readFileSync(file, 'utf8'), `metrics/${rel}`)
    const kind = rel === 'defaults/defaults.yaml' ? 'defaults' : 'batch'
    const found = schemaFindings(doc, kind).map((f) => `${where(doc, f)} ${f.message}`)
    expect(found).toEqual([])
  })
})
