/**
 * The job summary as GitHub shows it: rendered with a GitHub-flavoured Markdown renderer
 * (micromark with its GFM extensions, tag filter included, raw HTML allowed as GitHub allows it),
 * then checked for structure, not for bytes.
 */
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'
import { describe, expect, it } from 'vitest'
import { buildSummary, fixtureFiles, type Files } from './summary-scenario.js'

function render(markdown: string): string {
  return micromark(markdown, {
    allowDangerousHtml: true,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()]
  })
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' }
/** What a reader sees of an HTML fragment: tags dropped, entities decoded. */
function visible(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|[a-z]+);/g, (m, e: string) =>
      e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITY[e] ?? m)
    )
}

/** Every element of these kinds is closed, in order (a stack check, not a count). */
function unbalanced(html: string, tags: readonly string[]): string[] {
  const stack: string[] = []
  const problems: string[] = []
  const re = new RegExp(`<(/?)(${tags.join('|')})\\b[^>]*>`, 'gi')
  for (const m of html.matchAll(re)) {
    const tag = m[2]!.toLowerCase()
    if (m[1] === '') stack.push(tag)
    else if (stack.pop() !== tag) problems.push(`unexpected </${tag}> at ${m.index}`)
  }
  return [...problems, ...stack.map((t) => `unclosed <${t}>`)]
}

/** Outer cells only: a problem cell holds a <pre>, never a nested table. */
function cells(html: string): string[] {
  return [...html.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!)
}

const BROKEN_BATCH =
  'metric_batch: "orders"\n' +
  'table_key: "metrics_orders"\n' +
  'ingest_cron_schedule: "0 25 * * *"\n' +
  'ingest_sql: select 1 as metric_value\n' +
  'alert_methods: "email"\n' +
  'disable_llmalert: "yes"\n'

const NEW_BATCH =
  'metric_batch: "orders"\n' +
  'table_key: "metrics_orders"\n' +
  'ingest_cron_schedule: "0 * * * *"\n' +
  'ingest_sql: select 1 as metric_value\n'

function structure(html: string) {
  const first = /^\s*<(\w+)[^>]*>([^<]*)/.exec(html)
  return {
    firstTag: first?.[1],
    firstText: first?.[2] ?? '',
    problems: html.indexOf('<h3>Problems</h3>'),
    plan: html.indexOf('<h3>🗺️ Dagster plan</h3>'),
    when: html.indexOf('<h3>🕒 When things run</h3>')
  }
}

describe('the job summary rendered as GitHub renders it', () => {
  const base: Files = fixtureFiles()

  it('a failing run: headline first, then the problems with excerpts, then the plan', () => {
    const head = { ...base, 'metrics/orders/orders.yaml': BROKEN_BATCH }
    const { markdown } = buildSummary({
      base,
      head,
      reload: { state: 'not-reloaded', blocked: true }
    })
    const html = render(markdown)
    const s = structure(html)
    expect(s.firstTag).toBe('h2')
    expect(s.firstText).toMatch(/^❌ \d+ errors? · not reloaded$/)
    expect(s.problems).toBeGreaterThan(0)
    expect(s.plan).toBeGreaterThan(s.problems)
    expect(s.when).toBeGreaterThan(s.plan)
    // The excerpt is there, in a cell, with the offending span marked.
    expect(html).toMatch(/<pre>[^<]*&gt; 3 \| ingest_cron_schedule: &quot;0 25 \* \* \*&quot;/)
    expect(html).toMatch(/<pre>[^<]*&#10; *\| +\^+/)
    expect(html).toContain(
      'href="https://github.com/o/r/blob/2222222/metrics/orders/orders.yaml#L3"'
    )
    checkWellFormed(html, markdown)
  })

  it('a valid run: headline with the reload result, then the plan and when things run', () => {
    const head = { ...base, 'metrics/orders/orders.yaml': NEW_BATCH }
    const { markdown } = buildSummary({
      base,
      head,
      reload: { state: 'reloaded', text: 'anomstack reloaded in 2.2 s, 8 jobs added' }
    })
    const html = render(markdown)
    const s = structure(html)
    expect(s.firstTag).toBe('h2')
    expect(s.firstText).toMatch(
      /^(✅|⚠️) Valid( · \d+ warnings?)? · anomstack reloaded in 2\.2 s, 8 jobs added$/
    )
    expect(s.plan).toBeGreaterThan(0)
    expect(s.when).toBeGreaterThan(s.plan)
    if (s.problems !== -1) expect(s.problems).toBeGreaterThan(s.plan)
    checkWellFormed(html, markdown)
  })

  it('hostile names stay text: no tag, no link, no broken layout', () => {
    const evil = '<script>alert(1)</script>`x`|![i](https://t.example/p.png)\n\n# h'
    const head = {
      ...base,
      'metrics/orders/orders.yaml': BROKEN_BATCH.replace('"orders"\n', `${JSON.stringify(evil)}\n`)
    }
    const { markdown } = buildSummary({ base, head })
    const html = render(markdown)
    expect(html).not.toMatch(/<script|<img|<h1/i)
    checkWellFormed(html, markdown)
  })
})

function checkWellFormed(html: string, markdown: string): void {
  // Every <details> (and table, pre) is closed, in order.
  expect(unbalanced(html, ['details', 'table', 'pre', 'ul'])).toEqual([])
  // No literal backticks in cells: code spans were turned into <code>. (A source excerpt in a
  // <pre> shows the file as it is, backticks included.)
  const withBackticks = cells(html).filter((c) =>
    visible(c.replace(/<(code|pre)>[\s\S]*?<\/\1>/g, '')).includes('`')
  )
  expect(withBackticks).toEqual([])
  // Every Markdown heading we wrote became a heading (none was swallowed by an HTML block).
  const headings = markdown.split('\n').filter((l) => /^#{2,4} /.test(l)).length
  expect(html.match(/<h[2-4]>/g)?.length).toBe(headings)
  expect(visible(html)).not.toMatch(/^#{2,4} /m)
  // No HTML block was cut short: no table part ended up wrapped in a paragraph.
  expect(html).not.toMatch(/<p>\s*<\/?(tr|td|th|tbody|table|details|summary)\b/)
}
