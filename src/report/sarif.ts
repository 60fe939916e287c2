import { compareDiagnostics, type Diagnostic, type Severity } from '../core/diagnostic.js'
import type { RuleMeta } from '../rules/types.js'
import { TOOL_NAME } from './json.js'

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'
export const REPO_URL = 'https://github.com/anomstack-hot-reload/anomstack-hot-reload'
export const RULES_DOC_URL = `${REPO_URL}/blob/main/docs/rules.md`

export type SarifLevel = 'error' | 'warning' | 'note'

export interface SarifRegion {
  readonly startLine: number
  readonly startColumn?: number
  readonly endLine?: number
  /** Exclusive (SARIF §3.30.8), like `Diagnostic.endColumn`. */
  readonly endColumn?: number
}

export interface SarifResult {
  readonly ruleId: string
  readonly ruleIndex: number
  readonly level: SarifLevel
  readonly message: { readonly text: string }
  readonly locations: readonly {
    readonly physicalLocation: {
      readonly artifactLocation: { readonly uri: string }
      readonly region: SarifRegion
    }
  }[]
  readonly properties?: { readonly preExisting?: boolean; readonly batch?: string }
}

export interface SarifRule {
  readonly id: string
  readonly shortDescription: { readonly text: string }
  readonly helpUri: string
  readonly defaultConfiguration: { readonly level: SarifLevel }
}

export interface SarifLog {
  readonly $schema: string
  readonly version: '2.1.0'
  readonly runs: readonly {
    readonly tool: {
      readonly driver: {
        readonly name: string
        readonly version: string
        readonly informationUri: string
        readonly rules: readonly SarifRule[]
      }
    }
    /** Our columns count UTF-16 code units (JavaScript string offsets). */
    readonly columnKind: 'utf16CodeUnits'
    readonly results: readonly SarifResult[]
  }[]
}

const LEVEL: Readonly<Record<Severity, SarifLevel>> = {
  error: 'error',
  warning: 'warning',
  notice: 'note'
}

/**
 * The fragment id of a rule in docs/rules.md: `schedule/cron-invalid` → `schedule-cron-invalid`.
 * docs/rules.md must carry a matching `<a id="…">` (GitHub's heading slugs drop the `/`).
 */
export function ruleAnchor(ruleId: string): string {
  return ruleId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

export function ruleHelpUri(ruleId: string): string {
  return `${RULES_DOC_URL}#${ruleAnchor(ruleId)}`
}

/** A repository-relative POSIX path as a relative URI reference (each segment percent-encoded). */
function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/')
}

function region(d: Diagnostic): SarifRegion {
  const startLine = Math.max(1, d.line)
  const endLine = Math.max(startLine, d.endLine)
  if (d.column < 1) return { startLine, endLine }
  const endColumn =
    endLine === startLine ? Math.max(d.column, d.endColumn) : Math.max(1, d.endColumn)
  return { startLine, startColumn: d.column, endLine, endColumn }
}

/**
 * SARIF 2.1.0 for code scanning. `rules` is the registry's metadata; a rule id that appears in a
 * diagnostic but not in `rules` still gets a rule entry so every `ruleIndex` resolves.
 */
export function toSarif(
  diagnostics: readonly Diagnostic[],
  rules: readonly RuleMeta[],
  toolVersion: string
): SarifLog {
  const metas = new Map<string, RuleMeta>()
  for (const r of rules) metas.set(r.id, r)
  for (const d of diagnostics) {
    if (!metas.has(d.ruleId)) {
      metas.set(d.ruleId, {
        id: d.ruleId,
        severity: d.severity,
        description: d.ruleId,
        effect: d.effect ?? 'not-checked'
      })
    }
  }
  const sortedRules = [...metas.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const index = new Map(sortedRules.map((r, i) => [r.id, i]))

  const results: SarifResult[] = [...diagnostics].sort(compareDiagnostics).map((d) => {
    const properties = {
      ...(d.preExisting ? { preExisting: true } : {}),
      ...(d.effect !== undefined ? { effect: d.effect } : {}),
      ...(d.batch !== undefined ? { batch: d.batch } : {})
    }
    return {
      ruleId: d.ruleId,
      ruleIndex: index.get(d.ruleId) ?? 0,
      level: LEVEL[d.severity],
      message: { text: d.hint ? `${d.message}\nHint: ${d.hint}` : d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: pathToUri(d.file) },
            region: region(d)
          }
        }
      ],
      ...(Object.keys(properties).length > 0 ? { properties } : {})
    }
  })

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: toolVersion,
            informationUri: REPO_URL,
            rules: sortedRules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              helpUri: ruleHelpUri(r.id),
              defaultConfiguration: { level: LEVEL[r.severity] }
            }))
          }
        },
        columnKind: 'utf16CodeUnits',
        results
      }
    ]
  }
}

/** SARIF as text (2-space indent, trailing newline). */
export function renderSarif(
  diagnostics: readonly Diagnostic[],
  rules: readonly RuleMeta[],
  toolVersion: string
): string {
  return `${JSON.stringify(toSarif(diagnostics, rules, toolVersion), null, 2)}\n`
}
