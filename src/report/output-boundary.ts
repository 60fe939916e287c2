/**
 * The output boundary: every text the action writes (log lines, annotations, the job summary,
 * step outputs, the JSON report, the failure message) passes through here on its way out, and
 * only here are secrets scrubbed and sizes capped. Server replies, git and GitHub API errors and
 * file names can echo the token anywhere, so scrubbing per reply type always misses one.
 *
 * Pure: the action's writers (src/action/output.ts) apply these functions; nothing here does I/O.
 */
import { escapeData, escapeProperty, neutraliseWorkflowCommands } from './escape.js'
import type { JsonValue } from './json.js'

/** Longest single string (a message, a server's error text, a version) in the summary, outputs or report. */
export const MAX_STRING_CHARS = 16 * 1024
/** GitHub rejects a step output over 1 MB; ours stop below that. */
export const MAX_OUTPUT_BYTES = 1_000_000
/** GitHub shows at most 1 MiB of job summary per step. */
export const MAX_SUMMARY_BYTES = 1_000_000
/** The JSON report stays under this size; diagnostics beyond it are counted, not listed. */
export const MAX_REPORT_BYTES = 32 * 1024 * 1024
/** Longest log line or annotation message. */
export const MAX_LOG_CHARS = 64 * 1024

const REPLACEMENT = '***'

/**
 * Every form of a secret that could appear in an output: as is, URL-encoded, inside a JSON
 * string, and as the runner's workflow-command escaping writes it. Values under 3 characters are
 * ignored (scrubbing `a` would destroy every message). For `<scheme> <credential>` values
 * (Authorization headers) the credential alone is a secret too. Longest first, so a secret that contains
 * another is replaced whole.
 */
export function secretForms(values: readonly string[]): string[] {
  const forms = new Set<string>()
  const all: string[] = []
  for (const raw of values) {
    const value = raw.trim()
    all.push(value)
    // `Authorization: Bearer <credential>`: a server may echo the credential without its scheme.
    const scheme = /^[A-Za-z][A-Za-z0-9_-]*\s+(\S.*)$/.exec(value)
    if (scheme?.[1]) all.push(scheme[1])
  }
  for (const value of all) {
    if (value.length < 3) continue
    forms.add(value)
    forms.add(encodeURIComponent(value))
    forms.add(JSON.stringify(value).slice(1, -1))
    forms.add(escapeData(value))
    forms.add(escapeProperty(value))
  }
  return [...forms].filter((f) => f.length >= 3).sort((a, b) => b.length - a.length)
}

/** Replace every form in `forms` (from {@link secretForms}) by `***`. Linear per form. */
export function scrubWith(forms: readonly string[], text: string): string {
  let out = text
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(REPLACEMENT)
  return out
}

/**
 * The secrets of this run: the Dagster token, every extra header value, the GitHub token.
 * Registered once when the inputs are read; every writer scrubs with them.
 */
class SecretRegistry {
  private values: string[] = []
  private forms: string[] = []

  add(values: readonly string[]): void {
    const fresh = values.filter((v) => v.trim().length >= 3 && !this.values.includes(v))
    if (fresh.length === 0) return
    this.values.push(...fresh)
    this.forms = secretForms(this.values)
  }

  scrub(text: string): string {
    return scrubWith(this.forms, text)
  }
}

const registry = new SecretRegistry()

/** Remember secrets for {@link scrubSecrets} (idempotent). */
export function registerSecrets(values: readonly string[]): void {
  registry.add(values)
}

/** The one scrubber: every registered secret, in every form, becomes `***`. */
export function scrubSecrets(text: string): string {
  return registry.scrub(text)
}

/** Cut `text` to at most `max` characters, saying how much was cut. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text
  const note = `… (${text.length - max} more characters cut)`
  return `${text.slice(0, Math.max(0, max - note.length))}${note}`
}

/** A string bound for the summary, an output or the report: scrubbed, then capped. */
export function boundString(text: string, max = MAX_STRING_CHARS): string {
  return capText(scrubSecrets(text), max)
}

/** A log line or annotation text: scrubbed, capped, and no line of it a workflow command. */
export function boundLog(text: string): string {
  return neutraliseWorkflowCommands(capText(scrubSecrets(text), MAX_LOG_CHARS))
}

/** A copy of `value` with every string (keys included) scrubbed and capped. */
export function boundJson(value: unknown, max = MAX_STRING_CHARS): JsonValue {
  if (typeof value === 'string') return boundString(value, max)
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'boolean' || value === null || value === undefined) return value ?? null
  if (Array.isArray(value)) return value.map((v: unknown) => boundJson(v, max))
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) out[boundString(k, max)] = boundJson(v, max)
    }
    return out
  }
  return null
}

const utf8 = new TextEncoder()

function byteLength(text: string): number {
  return utf8.encode(text).byteLength
}

/**
 * A step output: scrubbed and capped. A JSON output keeps being valid JSON: its strings are
 * capped first, and if it is still over {@link MAX_OUTPUT_BYTES} it becomes a small object that
 * says so (the full data is in the JSON report).
 */
export function boundOutput(value: string): string {
  const scrubbed = scrubSecrets(value)
  let parsed: unknown
  let isJson = false
  if (/^\s*[[{]/.test(scrubbed)) {
    try {
      parsed = JSON.parse(scrubbed)
      isJson = true
    } catch {
      isJson = false
    }
  }
  if (!isJson) return capBytes(scrubbed, MAX_OUTPUT_BYTES)
  const text = JSON.stringify(boundJson(parsed, 1024))
  if (byteLength(text) <= MAX_OUTPUT_BYTES) return text
  return JSON.stringify({
    truncated: true,
    reason: `larger than ${MAX_OUTPUT_BYTES} bytes (GitHub's output limit); the JSON report has everything`
  })
}

/** Cut text to at most `max` UTF-8 bytes, at a line break when there is one near the end. */
export function capBytes(text: string, max: number, note = ''): string {
  if (byteLength(text) <= max) return text
  const budget = max - byteLength(note) - 64
  let cut = text.slice(0, Math.max(0, budget))
  while (byteLength(cut) > budget) cut = cut.slice(0, Math.floor(cut.length * 0.9))
  const nl = cut.lastIndexOf('\n')
  if (nl > cut.length * 0.9) cut = cut.slice(0, nl + 1)
  return `${cut}${note || `\n… (${byteLength(text) - byteLength(cut)} more bytes cut)\n`}`
}

/** The job summary: scrubbed and capped at {@link MAX_SUMMARY_BYTES}. */
export function boundSummary(html: string): string {
  return capBytes(
    scrubSecrets(html),
    MAX_SUMMARY_BYTES,
    '\n\n<p>… the summary was cut at GitHub’s 1 MiB limit; the JSON report has everything.</p>\n'
  )
}

/**
 * The JSON report object: every string scrubbed and capped; when it would still be over
 * {@link MAX_REPORT_BYTES}, the diagnostics that do not fit are left out and counted in
 * `omittedDiagnostics` (they are sorted errors first, so errors are kept first).
 */
export function boundReport(report: object): string {
  const bounded = boundJson(report) as Record<string, JsonValue>
  const text = `${JSON.stringify(bounded, null, 2)}\n`
  if (byteLength(text) <= MAX_REPORT_BYTES) return text
  const diagnostics = Array.isArray(bounded['diagnostics']) ? bounded['diagnostics'] : []
  let rest: Record<string, JsonValue> = { ...bounded, diagnostics: [] }
  if (byteLength(JSON.stringify(rest, null, 2)) > MAX_REPORT_BYTES / 2) {
    // The reload part alone (every job name of a huge workspace) would crowd out the problems.
    rest = {
      ...rest,
      reload: { truncated: true, reason: 'the reload details were too large for the report' }
    }
  }
  let budget = MAX_REPORT_BYTES - byteLength(JSON.stringify(rest, null, 2)) - 1024
  const kept: JsonValue[] = []
  for (const d of diagnostics) {
    const size = byteLength(JSON.stringify(d, null, 2)) + 8
    if (size > budget) break
    budget -= size
    kept.push(d)
  }
  // The estimate above ignores the extra indentation inside the array: trim until it fits.
  for (;;) {
    const omittedDiagnostics = diagnostics.length - kept.length
    const out = `${JSON.stringify({ ...rest, diagnostics: kept, omittedDiagnostics }, null, 2)}\n`
    if (byteLength(out) <= MAX_REPORT_BYTES || kept.length === 0) return out
    kept.length = Math.floor(kept.length * 0.95)
  }
}
