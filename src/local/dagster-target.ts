/**
 * Where the local Dagster webserver is, and how we know: the CLI says both in every error, because
 * "connection refused" alone does not tell a user which of four places the URL came from.
 */

export type UrlSource = '--dagster-url' | 'DAGSTER_URL' | 'DAGSTER_HOST/DAGSTER_PORT' | 'default'

export interface DagsterTarget {
  readonly url: string
  readonly source: UrlSource
  /** From `--token`, else `DAGSTER_CLOUD_API_TOKEN`; never printed. */
  readonly token: string | undefined
}

export const DEFAULT_DAGSTER_URL = 'http://localhost:3000'

type Env = Readonly<Record<string, string | undefined>>

const set = (v: string | undefined): string | undefined =>
  v !== undefined && v.trim() !== '' ? v.trim() : undefined

/**
 * `--dagster-url`, then `DAGSTER_URL`, then `DAGSTER_HOST`/`DAGSTER_PORT` (what Anomstack's own
 * reload script reads: `http://{host or localhost}:{port or 3000}`), then `http://localhost:3000`.
 */
export function resolveDagsterTarget(
  flags: { readonly url?: string | undefined; readonly token?: string | undefined },
  env: Env
): DagsterTarget {
  const token = set(flags.token) ?? set(env['DAGSTER_CLOUD_API_TOKEN'])
  const flag = set(flags.url)
  if (flag !== undefined) return { url: flag, source: '--dagster-url', token }
  const fromEnv = set(env['DAGSTER_URL'])
  if (fromEnv !== undefined) return { url: fromEnv, source: 'DAGSTER_URL', token }
  const host = set(env['DAGSTER_HOST'])
  const port = set(env['DAGSTER_PORT'])
  if (host !== undefined || port !== undefined) {
    return {
      url: hostPortUrl(host ?? 'localhost', port ?? '3000'),
      source: 'DAGSTER_HOST/DAGSTER_PORT',
      token
    }
  }
  return { url: DEFAULT_DAGSTER_URL, source: 'default', token }
}

function hostPortUrl(host: string, port: string): string {
  // A host given with a scheme (`https://dagster.internal`) keeps it; an IPv6 literal gets brackets.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(host)
  const bare = withScheme ? host : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
  return `${withScheme ? '' : 'http://'}${bare.replace(/\/+$/, '')}:${port}`
}

/** "from DAGSTER_HOST/DAGSTER_PORT", for messages. */
export function describeSource(source: UrlSource): string {
  switch (source) {
    case '--dagster-url':
      return 'from --dagster-url'
    case 'DAGSTER_URL':
      return 'from DAGSTER_URL'
    case 'DAGSTER_HOST/DAGSTER_PORT':
      return 'from DAGSTER_HOST/DAGSTER_PORT'
    case 'default':
      return 'the default: no --dagster-url, DAGSTER_URL, DAGSTER_HOST or DAGSTER_PORT set'
  }
}
