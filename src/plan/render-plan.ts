/**
 * Renders a {@link Plan} for people: HTML/Markdown for the job summary and the PR comment, plain
 * (optionally coloured) text for a terminal. Pure. Every name, path and cron comes from YAML or
 * the file system, so all of it is escaped.
 */
import {
  escapeControlChars,
  escapeHtmlInline,
  neutraliseWorkflowCommands
} from '../report/escape.js'
import {
  isEmpty,
  planCounts,
  type GlobalJobView,
  type GlobalJobVariantView,
  type BatchPlan,
  type InventoryBatch,
  type Plan,
  type ScheduleView,
  type SharedFileChange
} from './compute-plan.js'
import { painter, type Tint } from '../report/paint.js'

/** How many candidate batches a global-job line names before it counts the rest. */
const NAMED_BATCHES = 5

function namedBatches(batches: readonly string[], quote: (s: string) => string): string {
  const shown = batches.slice(0, NAMED_BATCHES).map(quote).join(', ')
  const more = batches.length - NAMED_BATCHES
  return more > 0 ? `${shown} and ${more} more` : shown
}

/**
 * One global job in words, with `quote` escaping every name and cron for the output format. The
 * summary job is built from whichever batch Anomstack reads first (os.walk order on the server),
 * so it is never attributed to one batch.
 */
function describeGlobal(j: GlobalJobView, quote: (s: string) => string): string {
  const v = (x: GlobalJobVariantView): string =>
    `${quote(x.job)} ${quote(x.cronText.expression)} (${quote(x.cronText.human)}), ${x.defaultStatus}`
  const env = j.envVars.length > 0 ? `; set by ${j.envVars.map(quote).join(', ')}` : ''
  if (j.origin === 'first-batch') {
    if (j.variants.length === 1) {
      return `${v(j.variants[0]!)}: every batch gives the same, so it does not matter which one Anomstack reads first`
    }
    const options = j.variants
      .map((x) => `${v(x)} from ${namedBatches(x.batches, quote)}`)
      .join('; ')
    return `from the first batch Anomstack reads (os.walk order, not knowable here), one of: ${options}`
  }
  const origin = j.origin === 'environment' ? 'enabled by the environment' : 'always defined'
  return `${j.variants.map(v).join('; ')} (${origin}${env})`
}

/** Hidden marker that identifies our sticky PR comment. */
export const PLAN_MARKER = '<!-- anomstack-hot-reload:plan -->'

export interface MarkdownOptions {
  /** Size budget in UTF-8 bytes. Default 60,000: a PR comment holds at most 65,536 characters. */
  readonly budgetBytes?: number
  /** Heading level of the section title (default 3: `###`). */
  readonly headingLevel?: 2 | 3
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')
const MAX_SHORT = 300

function clip(s: string, max = MAX_SHORT): string {
  return s.length > max ? `${s.slice(0, max)}…` : s
}
/** Untrusted text inside `<code>`. */
const code = (s: string): string => `<code>${escapeHtmlInline(clip(s))}</code>`
const esc = (s: string): string => escapeHtmlInline(clip(s))

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

function headline(plan: Plan): string {
  const c = planCounts(plan)
  const parts = [
    c.added ? `${plural(c.added, 'batch', 'batches')} added` : '',
    c.removed ? `${c.removed} removed` : '',
    c.renamed ? `${c.renamed} renamed` : '',
    c.enabled ? `${c.enabled} enabled` : '',
    c.disabled ? `${c.disabled} disabled` : '',
    c.changed ? `${c.changed} changed` : '',
    c.jobsCreated ? `${plural(c.jobsCreated, 'job')} created` : '',
    c.jobsRemoved ? `${plural(c.jobsRemoved, 'job')} removed` : '',
    c.cronChanges ? `${plural(c.cronChanges, 'cron change')}` : '',
    c.statusChanges ? `${plural(c.statusChanges, 'status change', 'status changes')}` : ''
  ].filter((s) => s !== '')
  return parts.join(' · ')
}

const KIND_LABEL: Readonly<Record<BatchPlan['kind'], string>> = {
  added: '➕ added',
  removed: '➖ removed',
  renamed: '✏️ renamed',
  enabled: '▶️ enabled',
  disabled: '⏸️ disabled',
  changed: '🔧 changed'
}

function scheduleHtml(s: ScheduleView): string {
  return `${code(s.name)} (job ${code(s.job)}): ${code(s.cronText.expression)} — ${esc(s.cronText.human)}, ${s.defaultStatus}`
}

/** Only affected through a shared file: listed in the shared-files section, not as a row. */
function onlyShared(b: BatchPlan): boolean {
  return (
    b.kind === 'changed' &&
    !b.fileChanged &&
    b.jobsCreated.length + b.jobsRemoved.length === 0 &&
    b.cronChanges.length + b.statusChanges.length === 0 &&
    b.partsDisabled.length + b.partsEnabled.length === 0
  )
}

function batchItems(b: BatchPlan): string[] {
  const items: string[] = []
  if (b.previousName !== undefined || b.previousFile !== undefined) {
    items.push(`was ${code(b.previousName ?? b.name)} in ${code(b.previousFile ?? b.file)}`)
  }
  if (b.kind === 'added' && b.enabledAfter === false) {
    items.push('disabled (<code>disable_batch</code>): creates nothing')
  }
  if (b.kind === 'removed' && b.enabledBefore === false) items.push('was disabled: removes nothing')
  if (b.partsDisabled.length > 0)
    items.push(`parts disabled: ${b.partsDisabled.join(', ')} (dummy jobs)`)
  if (b.partsEnabled.length > 0) items.push(`parts enabled: ${b.partsEnabled.join(', ')}`)
  for (const c of b.cronChanges) {
    items.push(
      `cron of ${code(c.schedule)}: ${code(c.before.expression)} (${esc(c.before.human)}) → ${code(c.after.expression)} (${esc(c.after.human)})`
    )
  }
  for (const s of b.statusChanges) {
    items.push(`default status of ${code(s.schedule)}: ${s.before} → ${s.after}`)
  }
  if (b.schedulesCreated.length > 0) {
    const list = b.schedulesCreated.map((s) => `<li>${scheduleHtml(s)}</li>`).join('')
    items.push(
      `creates ${plural(b.schedulesCreated.length, 'job')} with schedules:<ul>${list}</ul>`
    )
  }
  if (b.schedulesRemoved.length > 0) {
    items.push(
      `removes ${plural(b.schedulesRemoved.length, 'job')} and their schedules: ${b.schedulesRemoved.map((s) => code(s.job)).join(', ')}`
    )
  }
  for (const f of b.sharedFiles) items.push(`reads changed ${code(f)}`)
  if (items.length === 0 && b.fileChanged) {
    items.push('config changed; no job or schedule changes (runs use the new config once reloaded)')
  }
  return items
}

function batchRow(b: BatchPlan): string {
  const items = batchItems(b)
  return (
    `<tr><td>${code(b.name)}<br><sub>${code(b.file)}</sub></td><td>${KIND_LABEL[b.kind]}</td>` +
    `<td><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul></td></tr>\n`
  )
}

function sharedItem(s: SharedFileChange, total: number): string {
  const prev = s.previousPath !== undefined ? `${code(s.previousPath)} → ` : ''
  const who =
    s.batches.length === total && total > 1
      ? `every batch (${total})`
      : plural(s.batches.length, 'batch', 'batches')
  const names = s.batches.map(code).join(', ')
  return `<li>${prev}${code(s.file)} (${esc(s.status)}) affects ${who}: ${names}</li>\n`
}

function inventoryRows(b: InventoryBatch): string {
  const head = `<td>${code(b.name)}<br><sub>${code(b.file)}</sub></td>`
  if (!b.enabled) {
    return `<tr>${head}<td colspan="4"><em>disabled (<code>disable_batch</code>): creates nothing</em></td></tr>\n`
  }
  const off = new Set(b.disabledParts)
  return b.schedules
    .map((s, i) => {
      const part = off.has(s.part) ? ' <em>(disabled part: dummy job)</em>' : ''
      return (
        `<tr>${i === 0 ? head : '<td></td>'}<td>${code(s.name)}${part}</td>` +
        `<td>${code(s.cronText.expression)}</td><td>${esc(s.cronText.human)}</td><td>${s.defaultStatus}</td></tr>\n`
      )
    })
    .join('')
}

function inventorySection(plan: Plan, budget: number): string {
  const inv = plan.inventory
  if (inv.length === 0) return '<p>No batches: Anomstack creates no batch jobs.</p>\n'
  const jobs = inv.reduce((n, b) => n + b.jobs.length, 0)
  const running = inv.reduce(
    (n, b) => n + b.schedules.filter((s) => s.defaultStatus === 'RUNNING').length,
    0
  )
  const disabled = inv.filter((b) => !b.enabled).length
  const summary =
    `What Anomstack will create: ${plural(inv.length - disabled, 'batch', 'batches')}` +
    `${disabled ? ` (+${disabled} disabled)` : ''}, ${plural(jobs, 'job')} and ${plural(jobs, 'schedule')} (${running} running by default)`
  const open = `<details><summary>${summary}</summary>\n\n<table>\n<thead><tr><th>Batch</th><th>Schedule</th><th>Cron (UTC)</th><th>Runs</th><th>Default</th></tr></thead>\n<tbody>\n`
  const close = '</tbody>\n</table>\n</details>\n\n'
  const more = (n: number): string =>
    `<tr><td colspan="5">… and ${plural(n, 'more batch', 'more batches')} (run <code>anomstack-hot-reload plan</code> locally)</td></tr>\n`
  let used = bytes(open) + bytes(close) + bytes(more(inv.length))
  let rows = ''
  let shown = 0
  for (const b of inv) {
    const r = inventoryRows(b)
    if (used + bytes(r) > budget) break
    rows += r
    used += bytes(r)
    shown++
  }
  if (shown === 0) return `<p>${summary}.</p>\n\n`
  return open + rows + (shown < inv.length ? more(inv.length - shown) : '') + close
}

/**
 * The plan as GitHub-flavoured Markdown with inline HTML: a headline, one row per changed batch,
 * the shared files that changed and who reads them, and a collapsed inventory of everything head
 * creates. Stays within `budgetBytes`.
 */
export function renderPlanMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const budget = options.budgetBytes ?? 60_000
  const h = '#'.repeat(options.headingLevel ?? 3)
  let out = `${h} 🗺️ Dagster plan\n\n`
  const unreadable =
    plan.unreadableFiles.length > 0
      ? `<p>⚠️ Left out: ${plural(plan.unreadableFiles.length, 'batch file')} that Anomstack cannot load (${plan.unreadableFiles.slice(0, 10).map(code).join(', ')}${plan.unreadableFiles.length > 10 ? ', …' : ''}); see the problems.</p>\n\n`
      : ''
  if (!plan.compared) {
    out += '<p>No base commit to compare with; this is what the current tree creates.</p>\n\n'
  } else if (isEmpty(plan)) {
    out += '<p>No change to Dagster jobs, schedules or batch configs.</p>\n\n'
  } else {
    const line = headline(plan)
    if (line) out += `<p>${line}</p>\n\n`
  }
  out += unreadable

  // The inventory gets what the changes leave, but at least a quarter of the budget.
  const reserve = Math.floor(budget / 4)
  const rows = plan.batches.filter((b) => !onlyShared(b))
  if (rows.length > 0) {
    const open =
      '<table>\n<thead><tr><th>Batch</th><th>Change</th><th>What happens in Dagster</th></tr></thead>\n<tbody>\n'
    const close = '</tbody>\n</table>\n\n'
    const more = (n: number): string =>
      `<tr><td colspan="3">… and ${plural(n, 'more batch', 'more batches')} (run <code>anomstack-hot-reload plan</code> locally)</td></tr>\n`
    let used = bytes(out) + bytes(open) + bytes(close) + bytes(more(rows.length)) + reserve
    let body = ''
    let shown = 0
    for (const b of rows) {
      const r = batchRow(b)
      if (used + bytes(r) > budget) break
      body += r
      used += bytes(r)
      shown++
    }
    out += open + body + (shown < rows.length ? more(rows.length - shown) : '') + close
  }
  if (plan.sharedFiles.length > 0) {
    const total = plan.inventory.length
    let list = ''
    let shown = 0
    for (const s of plan.sharedFiles) {
      const item = sharedItem(s, total)
      if (bytes(out) + bytes(list) + bytes(item) + reserve > budget) break
      list += item
      shown++
    }
    const cut = plan.sharedFiles.length - shown
    out += `<p>Shared files that changed, and the batches that read them:</p>\n<ul>\n${list}${cut > 0 ? `<li>… and ${plural(cut, 'more file')}</li>\n` : ''}</ul>\n\n`
  }
  out += globalSection(plan)
  out += inventorySection(plan, Math.max(0, budget - bytes(out)))
  return out
}

/** The location-wide jobs: changes first (when compared), then what head defines. Small and bounded. */
function globalSection(plan: Plan): string {
  let out = ''
  if (plan.globalChanges.length > 0) {
    const items = plan.globalChanges
      .map((c) => {
        if (!c.before && c.after)
          return `<li>➕ ${code(c.name)}: ${describeGlobal(c.after, code)}</li>\n`
        if (c.before && !c.after) return `<li>➖ ${code(c.name)} removed</li>\n`
        return `<li>✏️ ${code(c.name)}: ${describeGlobal(c.before!, code)} → ${describeGlobal(c.after!, code)}</li>\n`
      })
      .join('')
    out += `<p>Global jobs that change:</p>\n<ul>\n${items}</ul>\n\n`
  }
  const jobs = plan.globalJobs
    .map((j) => `<li>${code(j.name)}: ${describeGlobal(j, code)}</li>\n`)
    .join('')
  const sensors = plan.sensors.map(code).join(', ')
  return (
    out +
    `<details><summary>Global jobs (not tied to a batch): ${plural(plan.globalJobs.length, 'job')}, ${plural(plan.sensors.length, 'sensor')}</summary>\n\n<ul>\n${jobs}<li>sensors: ${sensors}</li>\n</ul>\n</details>\n\n`
  )
}

/** The sticky PR comment: the marker, then the plan. */
export function renderPlanComment(plan: Plan, options: MarkdownOptions = {}): string {
  return `${PLAN_MARKER}\n${renderPlanMarkdown(plan, { headingLevel: 2, ...options })}`
}

// ---------------------------------------------------------------- terminal

export interface TextOptions {
  readonly color: boolean
}

/** Untrusted text on one terminal line: no control characters, no line breaks. */
function t(s: string): string {
  return escapeControlChars(clip(s)).replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, '\\n')
}

function scheduleText(s: ScheduleView): string {
  return `${t(s.name)}: ${t(s.cronText.expression)} (${t(s.cronText.human)}), ${s.defaultStatus}`
}

const SIGN: Readonly<Record<BatchPlan['kind'], [string, Tint]>> = {
  added: ['+', 'green'],
  removed: ['-', 'red'],
  renamed: ['~', 'yellow'],
  enabled: ['+', 'green'],
  disabled: ['-', 'red'],
  changed: ['~', 'yellow']
}

/**
 * The plan for a terminal, one fact per line, `+`/`-`/`~` like other plan tools. With
 * `color`, ANSI colours; either way no line can be read as a GitHub workflow command.
 */
export function renderPlanText(plan: Plan, options: TextOptions): string {
  const paint = painter(options.color)
  const lines: string[] = []
  if (!plan.compared) {
    lines.push('No base to compare with; this is what the current tree creates.')
  } else if (isEmpty(plan)) {
    lines.push('No change to Dagster jobs, schedules or batch configs.')
  } else {
    lines.push(paint('bold', `Plan: ${headline(plan)}`))
  }
  for (const f of plan.unreadableFiles)
    lines.push(paint('yellow', `! left out (cannot be loaded): ${t(f)}`))
  for (const b of plan.batches) {
    if (onlyShared(b)) continue
    const [sign, tint] = SIGN[b.kind]
    lines.push('', paint(tint, `${sign} ${t(b.name)} ${b.kind}`) + paint('dim', ` (${t(b.file)})`))
    const sub = (s: string, tt: Tint = 'dim', mark = ' '): void => {
      lines.push(`    ${paint(tt, mark)} ${s}`)
    }
    if (b.previousName !== undefined || b.previousFile !== undefined) {
      sub(`was ${t(b.previousName ?? b.name)} in ${t(b.previousFile ?? b.file)}`)
    }
    if (b.kind === 'added' && b.enabledAfter === false)
      sub('disabled (disable_batch): creates nothing')
    if (b.kind === 'removed' && b.enabledBefore === false) sub('was disabled: removes nothing')
    if (b.partsDisabled.length > 0) sub(`parts disabled: ${b.partsDisabled.join(', ')}`, 'red', '-')
    if (b.partsEnabled.length > 0) sub(`parts enabled: ${b.partsEnabled.join(', ')}`, 'green', '+')
    for (const c of b.cronChanges) {
      sub(
        `cron ${t(c.schedule)}: ${t(c.before.expression)} (${t(c.before.human)}) -> ${t(c.after.expression)} (${t(c.after.human)})`,
        'yellow',
        '~'
      )
    }
    for (const s of b.statusChanges)
      sub(`status ${t(s.schedule)}: ${s.before} -> ${s.after}`, 'yellow', '~')
    for (const s of b.schedulesCreated)
      sub(`job ${t(s.job)}, schedule ${scheduleText(s)}`, 'green', '+')
    for (const s of b.schedulesRemoved) sub(`job ${t(s.job)}, schedule ${t(s.name)}`, 'red', '-')
    for (const f of b.sharedFiles) sub(`reads changed ${t(f)}`)
    if (
      b.fileChanged &&
      b.sharedFiles.length === 0 &&
      b.cronChanges.length +
        b.statusChanges.length +
        b.schedulesCreated.length +
        b.schedulesRemoved.length ===
        0 &&
      b.partsDisabled.length + b.partsEnabled.length === 0 &&
      b.kind === 'changed'
    ) {
      sub('config changed; no job or schedule changes')
    }
  }
  if (plan.sharedFiles.length > 0) {
    lines.push('', paint('bold', 'Shared files:'))
    const total = plan.inventory.length
    for (const s of plan.sharedFiles) {
      const who =
        s.batches.length === total && total > 1
          ? `every batch (${total})`
          : plural(s.batches.length, 'batch', 'batches')
      const prev = s.previousPath !== undefined ? `${t(s.previousPath)} -> ` : ''
      lines.push(
        `  ${prev}${t(s.file)} (${s.status}) affects ${who}: ${s.batches.map(t).join(', ')}`
      )
    }
  }
  if (!plan.compared) {
    // Nothing to diff against: the inventory is the plan.
    for (const b of plan.inventory) {
      lines.push('', paint('bold', t(b.name)) + paint('dim', ` (${t(b.file)})`))
      if (!b.enabled) lines.push('    disabled (disable_batch): creates nothing')
      for (const s of b.schedules) lines.push(`    ${scheduleText(s)}`)
    }
  }
  for (const c of plan.globalChanges) {
    const head = `global job ${t(c.name)}`
    if (!c.before && c.after)
      lines.push('', paint('green', `+ ${head}: ${describeGlobal(c.after, t)}`))
    else if (c.before && !c.after) lines.push('', paint('red', `- ${head} removed`))
    else
      lines.push(
        '',
        paint('yellow', `~ ${head}: ${describeGlobal(c.after!, t)}`),
        paint('dim', `    was: ${describeGlobal(c.before!, t)}`)
      )
  }
  lines.push('', paint('bold', 'Global jobs (not tied to a batch):'))
  for (const j of plan.globalJobs) lines.push(`    ${t(j.name)}: ${describeGlobal(j, t)}`)
  lines.push(`    sensors: ${plan.sensors.map(t).join(', ')}`)
  const enabled = plan.inventory.filter((b) => b.enabled)
  const jobs = enabled.reduce((n, b) => n + b.jobs.length, 0)
  lines.push(
    '',
    paint(
      'dim',
      `Head creates ${plural(jobs, 'job')} and ${plural(jobs, 'schedule')} for ${plural(enabled.length, 'batch', 'batches')}${enabled.length < plan.inventory.length ? ` (${plan.inventory.length - enabled.length} disabled)` : ''}.`
    )
  )
  return neutraliseWorkflowCommands(lines.join('\n') + '\n')
}
