import { describe, expect, it } from 'vitest'
import { DagsterClient } from '../../src/dagster/client.js'
import { reloadLocations, type ReloadOptions } from '../../src/dagster/reload.js'
import { renderReloadSection, repositoriesOutput } from '../../src/dagster/reload-summary.js'
import { json, router, type Handler } from './fake-fetch.js'

function entry(name: string, version: string, jobs: string[], loadStatus = 'LOADED') {
  return {
    __typename: 'WorkspaceLocationEntry',
    name,
    loadStatus,
    versionKey: version,
    updatedTimestamp: 1,
    locationOrLoadError: {
      __typename: 'RepositoryLocation',
      name,
      serverId: version,
      repositories: [
        {
          name: '__repository__',
          jobs: jobs.map((j) => ({ name: j })),
          schedules: jobs.map((j) => ({
            name: `${j}_schedule`,
            cronSchedule: '*/5 * * * *',
            executionTimezone: null,
            defaultStatus: 'STOPPED',
            scheduleState: { status: 'STOPPED' }
          })),
          sensors: []
        }
      ]
    }
  }
}

const workspace = (...entries: unknown[]) =>
  json({
    data: {
      version: '1.13.28',
      workspaceOrError: { __typename: 'Workspace', locationEntries: entries }
    }
  })
const serverInfo: Handler = () => json({ dagster_version: '1.13.28' })
const reloadReply =
  (result: unknown): Handler =>
  () =>
    json({ data: { reloadRepositoryLocation: result } })

async function run(routes: Record<string, Handler | Handler[]>, opts: Partial<ReloadOptions> = {}) {
  const r = router({ server_info: serverInfo, ...routes })
  const client = new DagsterClient({
    url: 'http://127.0.0.1:3000',
    fetch: r.fetch,
    sleep: async () => undefined,
    ...(opts.now ? { now: opts.now } : {})
  })
  const report = await reloadLocations(client, {
    locations: ['loc'],
    reloadWorkspace: false,
    timeoutMs: 10_000,
    pollIntervalMs: 1,
    sleep: async () => undefined,
    ...opts
  })
  return { report, seen: r.seen }
}

describe('reloadLocations (scripted server)', () => {
  it('re-reads the workspace after the mutation and diffs before/after', async () => {
    const { report } = await run({
      AhrWorkspace: [
        () => workspace(entry('loc', 'v1', ['a_ingest'])),
        () => workspace(entry('loc', 'v2', ['b_ingest']))
      ],
      AhrReloadLocation: reloadReply({
        ...entry('loc', 'v2', ['STALE']),
        locationOrLoadError: { __typename: 'RepositoryLocation', name: 'loc', serverId: 'v2' }
      })
    })
    expect(report.ok).toBe(true)
    expect(report.dagsterVersion).toBe('1.13.28')
    const loc = report.locations[0]!
    expect(loc.diff!.jobsAdded).toEqual(['b_ingest'])
    expect(loc.diff!.jobsRemoved).toEqual(['a_ingest'])
    expect(loc.versionChanged).toBe(true)
    expect(JSON.parse(repositoriesOutput(report)).locations[0].repositories[0].jobs).toEqual([
      'b_ingest'
    ])
  })

  it('warns when the version key did not change (dagster api grpc)', async () => {
    const { report } = await run({
      AhrWorkspace: () => workspace(entry('loc', 'same', ['a'])),
      AhrReloadLocation: reloadReply(entry('loc', 'same', ['a']))
    })
    expect(report.ok).toBe(true)
    expect(report.locations[0]!.versionChanged).toBe(false)
    expect(report.locations[0]!.warnings.join(' ')).toContain('dagster code-server start')
  })

  it('polls while LOADING (Dagster+) until LOADED', async () => {
    const status = (loadStatus: string) =>
      json({
        data: {
          workspaceOrError: {
            __typename: 'Workspace',
            locationEntries: [{ name: 'loc', loadStatus, versionKey: 'v2', updatedTimestamp: 2 }]
          }
        }
      })
    const { report, seen } = await run({
      AhrWorkspace: [
        () => workspace(entry('loc', 'v1', ['a'])),
        () => workspace(entry('loc', 'v2', ['a', 'b']))
      ],
      AhrReloadLocation: reloadReply({
        ...entry('loc', 'v1', []),
        loadStatus: 'LOADING',
        locationOrLoadError: null
      }),
      AhrWorkspaceStatus: [() => status('LOADING'), () => status('LOADED')]
    })
    const loc = report.locations[0]!
    expect(loc.ok).toBe(true)
    expect(loc.polled).toBe(true)
    expect(loc.mutationLoadStatus).toBe('LOADING')
    expect(loc.diff!.jobsAdded).toEqual(['b'])
    expect(seen.filter((s) => s.body?.query?.includes('AhrWorkspaceStatus'))).toHaveLength(2)
  })

  it('times out while polling a location that stays LOADING', async () => {
    let clock = 0
    const { report } = await run(
      {
        AhrWorkspace: () => workspace(entry('loc', 'v1', ['a'])),
        AhrReloadLocation: reloadReply({
          ...entry('loc', 'v1', []),
          loadStatus: 'LOADING',
          locationOrLoadError: null
        }),
        AhrWorkspaceStatus: () =>
          json({
            data: {
              workspaceOrError: {
                __typename: 'Workspace',
                locationEntries: [
                  { name: 'loc', loadStatus: 'LOADING', versionKey: 'v1', updatedTimestamp: 1 }
                ]
              }
            }
          })
      },
      {
        timeoutMs: 100,
        pollIntervalMs: 30,
        now: () => clock,
        sleep: async (ms) => void (clock += ms)
      }
    )
    expect(report.locations[0]!.failure!.kind).toBe('timeout')
  })

  it.each([
    [
      { __typename: 'ReloadNotSupported', message: 'Location loc does not support reloading.' },
      'not-supported'
    ],
    [{ __typename: 'UnauthorizedError', message: 'Authorization failed' }, 'unauthorized'],
    [
      {
        __typename: 'PythonError',
        message: 'boom',
        className: 'Exception',
        stack: ['  File x\n'],
        errorChain: []
      },
      'python-error'
    ],
    [{ __typename: 'SomethingNew', message: 'hm' }, 'unexpected']
  ])('maps %o to %s', async (result, kind) => {
    const { report } = await run({
      AhrWorkspace: () => workspace(entry('loc', 'v1', ['a'])),
      AhrReloadLocation: reloadReply(result)
    })
    expect(report.ok).toBe(false)
    expect(report.locations[0]!.failure!.kind).toBe(kind)
  })

  it('checks the workspace when the mutation reply was lost', async () => {
    const lost: Handler = () => new Response('gateway timeout', { status: 504 })
    const { report } = await run({
      AhrWorkspace: [
        () => workspace(entry('loc', 'v1', ['a'])),
        () => workspace(entry('loc', 'v2', ['a']))
      ],
      AhrReloadLocation: lost,
      AhrWorkspaceStatus: () =>
        json({
          data: {
            workspaceOrError: {
              __typename: 'Workspace',
              locationEntries: [
                { name: 'loc', loadStatus: 'LOADED', versionKey: 'v2', updatedTimestamp: 2 }
              ]
            }
          }
        })
    })
    const loc = report.locations[0]!
    expect(loc.ok).toBe(true)
    expect(loc.polled).toBe(true)
    expect(loc.warnings[0]).toContain('no usable answer')
  })

  it('reloads several locations one after the other and fails overall if one fails', async () => {
    const { report, seen } = await run(
      {
        AhrWorkspace: () => workspace(entry('a', 'v', ['x']), entry('b', 'v', ['y'])),
        AhrReloadLocation: (req) =>
          req.body?.variables?.name === 'a'
            ? json({
                data: {
                  reloadRepositoryLocation: {
                    ...entry('a', 'v2', []),
                    locationOrLoadError: {
                      __typename: 'RepositoryLocation',
                      name: 'a',
                      serverId: 'v2'
                    }
                  }
                }
              })
            : json({
                data: {
                  reloadRepositoryLocation: {
                    __typename: 'RepositoryLocationNotFound',
                    message: 'Location b does not exist.'
                  }
                }
              })
      },
      { locations: ['a', 'b', 'a'] }
    )
    expect(report.locations.map((l) => [l.name, l.ok])).toEqual([
      ['a', true],
      ['b', false]
    ])
    expect(report.ok).toBe(false)
    expect(
      seen.filter((s) => s.body?.query?.includes('mutation')).map((s) => s.body?.variables?.name)
    ).toEqual(['a', 'b'])
  })

  it('picks the only location when none is named', async () => {
    const { report } = await run(
      {
        AhrWorkspace: () => workspace(entry('solo', 'v', ['x'])),
        AhrReloadLocation: reloadReply(entry('solo', 'v2', ['x']))
      },
      { locations: [] }
    )
    expect(report.locations.map((l) => l.name)).toEqual(['solo'])
  })

  it('reports a top-level workspace PythonError as the run failure', async () => {
    const { report } = await run({
      AhrWorkspace: () =>
        json(
          {
            data: {
              version: '1',
              workspaceOrError: {
                __typename: 'PythonError',
                message: 'db locked',
                className: null,
                stack: [],
                errorChain: []
              }
            }
          },
          500
        )
    })
    expect(report.failure!.kind).toBe('python-error')
    expect(report.failure!.message).toContain('db locked')
  })
})

describe('renderReloadSection', () => {
  it('escapes server text, collapses the stack, and links only http(s) UI URLs', async () => {
    const { report } = await run({
      AhrWorkspace: [
        () => workspace(entry('loc', 'v1', ['a'])),
        () =>
          workspace({
            ...entry('loc', 'v2', []),
            locationOrLoadError: {
              __typename: 'PythonError',
              message: 'DagsterUserCodeLoadError: <b>bad</b>',
              className: 'DagsterUserCodeLoadError',
              stack: ['  File "<x>"\n', '\n', '  [link](javascript:alert(1))\n'],
              errorChain: [
                {
                  isExplicitLink: true,
                  error: { message: "KeyError: 'metric_batch'\n", className: 'KeyError', stack: [] }
                }
              ]
            }
          })
      ],
      AhrReloadLocation: reloadReply({
        ...entry('loc', 'v2', []),
        locationOrLoadError: {
          __typename: 'PythonError',
          message: 'x',
          className: null,
          stack: [],
          errorChain: []
        }
      })
    })
    const html = renderReloadSection(report, {
      uiUrl: 'javascript:alert(1)',
      mismatches: { loc: [] }
    })
    expect(report.locations[0]!.failure!.kind).toBe('load-error')
    expect(html).toContain('<details><summary>Python error and stack trace</summary>')
    expect(html).not.toContain('<b>bad</b>')
    expect(html).not.toContain('[link]')
    expect(html).not.toContain('javascript:alert(1)"')
    expect(html).not.toMatch(/\n\s*\n/)
    expect(html).toContain('KeyError')
    const linked = renderReloadSection(report, { uiUrl: 'https://dagster.example.com/' })
    expect(linked).toContain('<a href="https://dagster.example.com/">')
  })
})
