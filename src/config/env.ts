import type { SourceDoc } from './model.js'
import type { Diagnostic } from '../core/diagnostic.js'
import { lineStarts } from '../core/positions.js'
import type { YEntry, YMap, YScalar } from '../yaml/node.js'
import { parseEnvFile, resolveEnvFile, type EnvValue, type ParsedEnvFile } from './env-file.js'

/**
 * The environment Anomstack's code location runs with, as far as a `.env` file tells us: what
 * Dagster loads from the `.env` in its working directory (python-dotenv), and what
 * docker compose's `env_file: .env` puts into the containers upstream's compose file starts.
 */
export interface AnomstackEnv {
  /** Repository-relative POSIX path of the file (`.env`), used as the Diagnostic `file`. */
  readonly path: string
  /**
   * The file as a document rules can point into: each variable is a string entry whose value
   * spans the value as written, so a finding on an overridden key lands on `.env` line:column.
   */
  readonly doc: SourceDoc
  readonly parsed: ParsedEnvFile
  /** Name → value, in order of first appearance (the order os.environ lists them). */
  readonly vars: ReadonlyMap<string, EnvValue>
  /** Problems found while reading the file (already positioned), e.g. `env/unreadable`. */
  readonly problems: readonly Diagnostic[]
}

/** The environment as the rules see it, with what applying it to the tree found. */
export interface EnvContext {
  readonly env: AnomstackEnv
  /** `ANOMSTACK__…` variables no enabled batch's prefix matched. */
  readonly unmatched: readonly EnvValue[]
  /** Batch files ANOMSTACK_IGNORE_EXAMPLES hides (repository-relative). */
  readonly ignoredFiles: readonly string[]
}

export function buildAnomstackEnv(path: string, text: string): AnomstackEnv {
  const parsed = parseEnvFile(text)
  const vars = resolveEnvFile(parsed)
  const entries: YEntry[] = []
  for (const v of vars.values()) {
    const b = v.binding
    const key: YScalar = {
      kind: 'scalar',
      pyType: 'str',
      value: v.name,
      plain: true,
      source: v.name,
      start: b.nameStart,
      end: b.nameEnd
    }
    entries.push({ key, value: envScalar(v, parsed.text), merged: false })
  }
  const root: YMap = { kind: 'map', entries, start: 0, end: parsed.text.length }
  const doc: SourceDoc = {
    path,
    root,
    load: {
      text: parsed.text,
      lineStarts: lineStarts(parsed.text),
      root,
      failed: false,
      problems: []
    }
  }
  return { path, doc, parsed, vars, problems: [] }
}

/** An environment value as the YAML-shaped scalar rules read: always a Python str. */
export function envScalar(v: EnvValue, text: string): YScalar {
  const b = v.binding
  return {
    kind: 'scalar',
    pyType: 'str',
    value: v.value,
    plain: false,
    source: isSecretName(v.name) ? REDACTED : text.slice(b.valueStart, b.valueEnd),
    start: b.valueStart,
    end: b.valueEnd
  }
}

export const REDACTED = '‹redacted›'

// Name parts that say the value is a credential. `TABLE_KEY` is a table name, not a key.
const SECRET_PART =
  /(pass|pwd|secret|token|credential|auth|private|cookie|session|signature|cert|dsn|(^|_)(api_?)?key($|_)|_url$|^url$|webhook|account)/i

/** Whether a variable's value must never be printed. Names are always printable. */
export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase()
  if (/(^|_)TABLE_KEY$/.test(upper)) return false
  return SECRET_PART.test(upper)
}
