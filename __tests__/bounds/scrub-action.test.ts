/**
 * The bundled action against a local 127.0.0.1 "Dagster" that echoes the token back in every
 * reply it can: an UnauthorizedError message, the PythonError of a failed load and its error
 * chain, job names, the version. The token must not reach the summary, any output, report.json
 * or the log. And a GitHub compare API error full of workflow commands must reach the log inert.
 * Runs dist/: bundle first.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import {
  cleanupAll,
  pushEvent,
  repoWithMetrics,
  runAction,
  type ActionRun
} from '../action/harness.js'

afterAll(cleanupAll)

const TOKEN = 'tok-Secret-0123456789abcdef'
const HEADER_VALUE = 'Bearer hdr-Secret-9876543210'
const GITHUB_TOKEN = 'ghs_GithubSecret0123456789'

type Scenario = 'unauthorized' | 'load-error' | 'job-names'

/** Every form a careless server might echo: raw, URL-encoded, JSON-escaped. */
const echo = `${TOKEN} / ${encodeURIComponent(TOKEN)} / ${HEADER_VALUE.slice(7)}`

function entry(jobs: string[], loadError: boolean) {
  return {
    __typename: 'WorkspaceLocationEntry',
    name: 'loc',
    loadStatus: 'LOADED',
    versionKey: `v-${TOKEN}`,
    updatedTimestamp: 1,
    locationOrLoadError: loadError
      ? {
          __typename: 'PythonError',
          message: `DagsterUserCodeLoadError: token ${echo}`,
          className: 'DagsterUserCodeLoadError',
          stack: [`  File "x.py", line 1, token=${echo}\n`],
          errorChain: [
            {
              isExplicitLink: true,
              error: { message: `KeyError: ${echo}`, className: 'KeyError', stack: [echo] }
            }
          ]
        }
      : {
          __typename: 'RepositoryLocation',
          name: 'loc',
          serverId: `s-${TOKEN}`,
          repositories: [
            {
              name: `__repository__${TOKEN}`,
              jobs: jobs.map((name) => ({ name })),
              schedules: [],
              sensors: []
            }
          ]
        }
  }
}

async function echoingDagster(scenario: Scenario): Promise<{ url: string; close: () => void }> {
  let reloaded = false
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      const send = (value: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(value))
      }
      if (req.url?.endsWith('/server_info')) return send({ dagster_version: `1.13.28+${TOKEN}` })
      const op = /(?:query|mutation)\s+(\w+)/.exec(body)?.[1]
      const jobs =
        reloaded && scenario === 'job-names' ? [`job_${TOKEN}`, 'alpha_ingest'] : ['alpha_ingest']
      const workspace = () =>
        send({
          data: {
            version: `1.13.28-${TOKEN}`,
            workspaceOrError: {
              __typename: 'Workspace',
              locationEntries: [entry(jobs, reloaded && scenario === 'load-error')]
            }
          }
        })
      if (op === 'AhrWorkspace') return workspace()
      if (op === 'AhrReloadLocation') {
        reloaded = true
        if (scenario === 'unauthorized') {
          return send({
            data: {
              reloadRepositoryLocation: {
                __typename: 'UnauthorizedError',
                message: `token ${echo} lacks the permission`
              }
            }
          })
        }
        const e = entry(jobs, scenario === 'load-error')
        return send({ data: { reloadRepositoryLocation: e } })
      }
      res.writeHead(400, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ errors: [{ message: `unknown operation, token ${echo}` }] }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => server.close()
  }
}

function everythingWritten(run: ActionRun): string {
  const reportPath = run.outputs['report-path']
  const report = reportPath ? readFileSync(reportPath, 'utf8') : ''
  // Our own `::add-mask::` commands (core.setSecret) carry the secrets on purpose: the runner
  // consumes them and masks its log with them.
  const log = run.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n')
  return [log, run.stderr, run.summary, JSON.stringify(run.outputs), report].join('\n')
}

const secretsIn = (text: string): string[] =>
  [TOKEN, encodeURIComponent(TOKEN), HEADER_VALUE.slice(7), 'Secret-0123456789'].filter((s) =>
    text.includes(s)
  )

describe('the token echoed by the server never leaves in an output', () => {
  it.each<[Scenario, RegExp]>([
    ['unauthorized', /lacks the permission/],
    ['load-error', /DagsterUserCodeLoadError/],
    ['job-names', /job_\*\*\*/]
  ])('%s', async (scenario, visible) => {
    const dagster = await echoingDagster(scenario)
    try {
      const { repo, base } = repoWithMetrics()
      repo.write(
        'metrics/alpha/alpha.yaml',
        readFileSync(`${repo.dir}/metrics/alpha/alpha.yaml`, 'utf8') + '\n'
      )
      const head = repo.commit()
      const run = await runAction({
        workspace: repo.dir,
        event: pushEvent(base, head),
        inputs: {
          'dagster-url': dagster.url,
          'dagster-token': TOKEN,
          'dagster-headers': `X-Proxy-Auth: ${HEADER_VALUE}`,
          locations: 'loc',
          mode: 'reload'
        }
      })
      const written = everythingWritten(run)
      // The reply did get through (scrubbed), so the test is not vacuous.
      expect(written).toMatch(visible)
      expect(run.outputs['repositories']).toBeDefined()
      for (const secret of secretsIn(written)) {
        const at = written.indexOf(secret)
        expect(written.slice(Math.max(0, at - 300), at + 100)).toBe('')
      }
    } finally {
      dagster.close()
    }
  })
})

describe('log lines built from external text', () => {
  it('a GitHub compare API error with workflow commands reaches the log inert', async () => {
    const hostile =
      'Not Found\n::error::pwned\n  ::add-mask::everything\n##[error]legacy pwned\n::stop-commands::x'
    const api = http.createServer((_req, res) => {
      res.writeHead(422, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ message: `${hostile} ${GITHUB_TOKEN}` }))
    })
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
    try {
      const { repo } = repoWithMetrics()
      const head = repo.commit()
      // A `before` that exists nowhere: git cannot diff, so the compare API is asked, and fails.
      const run = await runAction({
        workspace: repo.dir,
        event: pushEvent('1234567890abcdef1234567890abcdef12345678', head),
        inputs: { 'github-token': GITHUB_TOKEN },
        env: { GITHUB_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}` }
      })
      expect(run.stdout).toContain('GitHub compare API failed')
      expect(run.stdout).toContain('\\::error::pwned')
      const live = run.commands
        .filter((c) => !(c.command === 'add-mask' && c.data === GITHUB_TOKEN))
        .map((c) => `${c.command} ${c.data}`)
      expect(live.filter((c) => /pwned|everything|stop-commands|add-mask/.test(c))).toEqual([])
      expect(run.stdout.split(GITHUB_TOKEN)).toHaveLength(2) // only in our own add-mask
    } finally {
      api.close()
    }
  })
})
