import { describe, expect, it } from 'vitest'
import { countBySeverity, type Diagnostic } from '../../src/core/diagnostic.js'
import { renderSummary, type SummaryModel } from '../../src/report/summary.js'
import { diag, HOSTILE } from './fixtures.js'

function model(diagnostics: Diagnostic[], over: Partial<SummaryModel> = {}): SummaryModel {
  const counts = countBySeverity(diagnostics)
  return {
    verdict: counts.error > 0 ? 'failed' : counts.warning > 0 ? 'passed-with-warnings' : 'passed',
    counts,
    event: 'push',
    range: 'abc1234..def5678',
    changedFiles: [],
    affectedBatches: [],
    restartNeeded: [],
    diagnostics,
    ...over
  }
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')

/** Text outside of HTML tags, as a reader would see it (entities decoded). */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
}

describe('renderSummary', () => {
  it('starts with the verdict', () => {
    expect(renderSummary(model([])).split('\n')[0]).toMatch(/^## ✅ Valid/)
    const failed = renderSummary(model([diag(), diag(), diag({ severity: 'warning' })]))
    expect(failed.split('\n')[0]).toMatch(/^## ❌ 2 errors, 1 warning/)
    const warned = renderSummary(model([diag({ severity: 'warning' })]))
    expect(warned.split('\n')[0]).toMatch(/^## ⚠️ Valid, 1 warning/)
  })

  it('escapes every untrusted string', () => {
    const diagnostics = HOSTILE.map((s, i) =>
      diag({ file: `metrics/${s}`, message: s, hint: s, batch: s, line: i + 1 })
    )
    const out = renderSummary(
      model(diagnostics, {
        event: HOSTILE.join(''),
        range: '<b>x</b>',
        changedFiles: HOSTILE.map((s) => ({ path: s, status: s, previousPath: s })),
        affectedBatches: HOSTILE.map((s) => ({ name: s, file: s, change: s })),
        restartNeeded: HOSTILE.map((s) => ({ file: s, reason: s })),
        timings: [{ label: '<i>t</i>', ms: 12 }]
      })
    )
    expect(out).not.toMatch(/<script|<img|<b>|<i>/i)
    expect(out).not.toContain('](')
    expect(out).not.toContain('![')
    expect(out).not.toContain('`')
    expect(out).not.toContain('\u001b')
    // Untrusted text never adds a blank line (which would end an HTML block) or a heading.
    expect(out).not.toMatch(/\n# Heading/)
    // ...but it is all still there for the reader.
    expect(visibleText(out)).toContain('<script>alert(1)</script>')
    expect(visibleText(out)).toContain('](javascript:alert(1))')
  })

  it('renders the reload section verbatim', () => {
    const reloadHtml = '<table><tr><td>anomstack_code</td><td>✅ loaded</td></tr></table>'
    expect(renderSummary(model([], { reloadHtml }))).toContain(reloadHtml)
  })

  it('groups problems by file, errors and changed lines first', () => {
    const out = renderSummary(
      model(
        [
          diag({ file: 'metrics/b.yaml', severity: 'warning', line: 1, ruleId: 'w/one' }),
          diag({ file: 'metrics/a.yaml', line: 3, ruleId: 'e/old' }),
          diag({ file: 'metrics/a.yaml', line: 9, ruleId: 'e/changed' }),
          diag({ file: 'metrics/c.yaml', line: 2, ruleId: 'e/c' })
        ],
        { changedLines: new Map([['metrics/a.yaml', new Set([9])]]) }
      )
    )
    expect(out.indexOf('metrics/a.yaml')).toBeLessThan(out.indexOf('metrics/c.yaml'))
    expect(out.indexOf('metrics/c.yaml')).toBeLessThan(out.indexOf('metrics/b.yaml'))
    expect(out.indexOf('e/changed')).toBeLessThan(out.indexOf('e/old'))
    expect(out.indexOf('### Problems')).toBeLessThan(out.indexOf('metrics/a.yaml'))
  })

  it('explains pre-existing problems when there are any', () => {
    const note = /pre-existing<\/strong>/
    expect(renderSummary(model([diag({ severity: 'warning', preExisting: true })]))).toMatch(note)
    expect(renderSummary(model([diag()]))).not.toMatch(note)
    expect(renderSummary(model([], { preExistingNote: true }))).toMatch(note)
  })

  it('links line numbers when given a link base, with the path encoded', () => {
    const out = renderSummary(
      model([diag({ file: 'metrics/a b/"x".yaml', line: 12 })], {
        linkBase: 'https://github.com/o/r/blob/abc/'
      })
    )
    expect(out).toContain('href="https://github.com/o/r/blob/abc/metrics/a%20b/%22x%22.yaml#L12"')
  })

  it('stays under 1 MiB with 50,000 problems and keeps the verdict and counts', () => {
    const diagnostics: Diagnostic[] = []
    for (let i = 0; i < 50_000; i++) {
      diagnostics.push(
        diag({
          file: `metrics/batch_${i % 500}/batch_${i % 500}.yaml`,
          line: i + 1,
          message: `value ${'x'.repeat(i % 200)} is not valid <${i}>`,
          hint: 'fix it',
          severity: i % 3 === 0 ? 'warning' : 'error'
        })
      )
    }
    const counts = countBySeverity(diagnostics)
    const out = renderSummary(
      model(diagnostics, {
        changedFiles: Array.from({ length: 20_000 }, (_, i) => ({
          path: `metrics/f${i}.yaml`,
          status: 'modified'
        })),
        affectedBatches: Array.from({ length: 20_000 }, (_, i) => ({ name: `batch_${i}` }))
      })
    )
    expect(bytes(out)).toBeLessThan(1024 * 1024)
    expect(bytes(out)).toBeLessThanOrEqual(900 * 1024)
    expect(out.split('\n')[0]).toMatch(/^## ❌ /)
    expect(out).toContain(`${counts.error} errors`)
    expect(out).toMatch(/more files? with problems/)
    expect(out).toMatch(/and \d+ more problems? in this file/)
    expect(out).toMatch(/and \d+ more files?<\/li>/)
    expect(out).toMatch(/and \d+ more batch(es)?<\/li>/)
    // Every <details> that was opened is closed.
    expect(out.match(/<details/g)?.length).toBe(out.match(/<\/details>/g)?.length)
  })

  it('respects a small budget and one huge file', () => {
    const diagnostics = Array.from({ length: 5000 }, (_, i) =>
      diag({ line: i + 1, message: 'm'.repeat(500) })
    )
    const out = renderSummary(model(diagnostics), { budgetBytes: 64 * 1024 })
    expect(bytes(out)).toBeLessThanOrEqual(64 * 1024)
    expect(out).toMatch(/more problems in this file/)
  })

  it('replaces an oversized reload report instead of overflowing', () => {
    const out = renderSummary(model([], { reloadHtml: `<p>${'x'.repeat(2 * 1024 * 1024)}</p>` }))
    expect(bytes(out)).toBeLessThan(1024 * 1024)
    expect(out).toMatch(/### Reload/)
  })
})
