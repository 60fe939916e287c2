import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../src/core/diagnostic.js'
import { decideVerdict, type FailOn } from '../../src/core/verdict.js'
import { renderSummary, type SummaryModel } from '../../src/report/summary.js'
import { diag, HOSTILE } from './fixtures.js'

function model(
  diagnostics: Diagnostic[],
  over: Partial<SummaryModel> = {},
  failOn: FailOn = 'error'
): SummaryModel {
  return {
    verdict: decideVerdict(diagnostics, failOn),
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
    expect(failed.split('\n')[0]).toBe('## ❌ 2 errors')
    const warned = renderSummary(model([diag({ severity: 'warning' })]))
    expect(warned.split('\n')[0]).toBe('## ⚠️ Valid · 1 warning')
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

  it('lists new problems most important first, each with its file:line', () => {
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
    const at = (s: string): number => out.indexOf(s)
    expect(at('metrics/a.yaml:9')).toBeLessThan(at('metrics/a.yaml:3'))
    expect(at('metrics/a.yaml:3')).toBeLessThan(at('metrics/c.yaml:2'))
    expect(at('metrics/c.yaml:2')).toBeLessThan(at('metrics/b.yaml:1'))
    expect(at('### Problems')).toBeLessThan(at('metrics/a.yaml:9'))
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
    const errors = diagnostics.filter((d) => d.severity === 'error').length
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
    expect(out).toContain(`${errors} errors`)
    expect(out).toMatch(/and \d+ more problems? \(see the JSON report\)/)
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
    expect(out).toMatch(/more problems \(see the JSON report\)/)
  })

  it('replaces an oversized reload report instead of overflowing', () => {
    const out = renderSummary(model([], { reloadHtml: `<p>${'x'.repeat(2 * 1024 * 1024)}</p>` }))
    expect(bytes(out)).toBeLessThan(1024 * 1024)
    expect(out).toMatch(/### Reload/)
  })
})

describe('the headline: verdict and reload result first', () => {
  const first = (m: SummaryModel): string => renderSummary(m).split('\n')[0]!

  it('carries the reload result', () => {
    expect(
      first(
        model([], {
          reload: { state: 'reloaded', text: 'anomstack reloaded in 2.2 s, 8 jobs added' }
        })
      )
    ).toBe('## ✅ Valid · anomstack reloaded in 2.2 s, 8 jobs added')
    expect(
      first(model([diag(), diag()], { reload: { state: 'not-reloaded', blocked: true } }))
    ).toBe('## ❌ 2 errors · not reloaded')
    expect(
      first(model([], { reload: { state: 'failed', text: 'reload failed: connection refused' } }))
    ).toBe('## ⚠️ Valid · reload failed: connection refused')
    expect(
      first(
        model([], {
          reload: { state: 'not-reloaded', blocked: false, reason: 'pull_request never reloads' }
        })
      )
    ).toBe('## ✅ Valid · not reloaded: pull_request never reloads')
    // Validate only (no Dagster URL): nothing about a reload.
    expect(first(model([]))).toBe('## ✅ Valid')
  })

  it('says when fail-on, not validity, decided the step', () => {
    const never = model([diag()], { reload: { state: 'not-reloaded', blocked: true } }, 'never')
    expect(first(never)).toBe('## ❌ 1 error · step passes (fail-on: never) · not reloaded')
    const strict = model([diag({ severity: 'warning' })], {}, 'warning')
    expect(first(strict)).toBe('## ❌ Valid · 1 warning · fails the step (fail-on: warning)')
  })

  it('escapes a hostile reload reason and keeps it on one line', () => {
    const out = renderSummary(
      model([], { reload: { state: 'failed', text: 'reload failed: <img src=x>\n\n# x' } })
    )
    expect(out.split('\n')[0]).toMatch(
      /^## ⚠️ Valid · reload failed: &lt;img src=x&gt;<br><br># x$/
    )
  })

  it('puts the change in one line right under the headline', () => {
    const out = renderSummary(
      model([diag({ severity: 'warning' })], {
        filesChecked: 12,
        changedFiles: [{ path: 'metrics/a.yaml', status: 'modified' }]
      })
    )
    expect(out.split('\n')[2]).toBe(
      '<p><code>push</code> <code>abc1234..def5678</code> · 12 files checked · 1 changed file · 0 errors, 1 warning, 0 notices</p>'
    )
  })
})

describe('the body: what to fix first when failing, what happened first when valid', () => {
  const planHtml = '### 🗺️ Dagster plan\n\n<p>1 batch added</p>'
  const whenHtml = '### 🕒 When things run\n\n<p>runs</p>'

  it('a failing run lists the problems before the plan', () => {
    const out = renderSummary(model([diag()], { planHtml, whenHtml }))
    expect(out.indexOf('### Problems')).toBeGreaterThan(0)
    expect(out.indexOf('### Problems')).toBeLessThan(out.indexOf('Dagster plan'))
    expect(out.indexOf('Dagster plan')).toBeLessThan(out.indexOf('When things run'))
  })

  it('a valid run shows the plan before its warnings', () => {
    const out = renderSummary(model([diag({ severity: 'warning' })], { planHtml, whenHtml }))
    expect(out.indexOf('Dagster plan')).toBeLessThan(out.indexOf('### Problems'))
  })

  it('shows a few source lines under each new problem with the span marked', () => {
    const text = 'metric_batch: a\ningest_cron_schedule: "0 25 * * *"\ntable_key: t\n'
    const d = diag({ line: 2, column: 23, endColumn: 33, message: 'hour `25` is out of range' })
    const out = renderSummary(model([d], { sources: new Map([[d.file, text]]) }))
    const pre = /<pre>(.*?)<\/pre>/.exec(out)![1]!.split('&#10;')
    expect(pre).toEqual([
      '  1 | metric_batch: a',
      '&gt; 2 | ingest_cron_schedule: &quot;0 25 * * *&quot;',
      '    |                       ^^^^^^^^^^',
      '  3 | table_key: t'
    ])
    // Backticks in messages become code elements, not literal backticks.
    expect(out).toContain('hour <code>25</code> is out of range')
  })

  it('collapses pre-existing problems after the new ones, and warns about pre-existing errors', () => {
    const out = renderSummary(
      model([
        diag({ severity: 'warning', preExisting: true, downgradedFrom: 'error', ruleId: 'e/old' }),
        diag({ ruleId: 'e/new' })
      ])
    )
    const details = out.indexOf('<details><summary>1 pre-existing problem')
    expect(details).toBeGreaterThan(out.indexOf('e/new'))
    expect(out.indexOf('e/old')).toBeGreaterThan(details)
    expect(out).toContain('(pre-existing error)')
    expect(out).toMatch(
      /1 pre-existing problem is an error on the base commit.*may already be broken/
    )
  })
})
