/**
 * The editor path, for real: yaml-language-server (npm), run headless over stdio with the
 * settings the README gives, flags a typo'd key through the published batch schema, accepts the
 * declared custom keys, and under yamlVersion 1.1 treats `yes` as a boolean like PyYAML does.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../helpers/paths.js'

const SERVER = path.join(REPO_ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server')
const SCHEMA_URI = pathToFileURL(path.join(REPO_ROOT, 'schema/metric-batch.schema.json')).href

interface Diagnostic {
  message: string
  severity?: number
  range: { start: { line: number; character: number } }
}

/** A minimal LSP client: Content-Length framing, request ids, publishDiagnostics by URI. */
class Lsp {
  private buf = Buffer.alloc(0)
  private id = 0
  private readonly pending = new Map<number, (r: unknown) => void>()
  private readonly waiting = new Map<string, (d: Diagnostic[]) => void>()
  /** Resolves once the server has pulled its settings (it validates with them from then on). */
  configured!: Promise<void>
  private onConfigured: () => void = () => undefined
  constructor(private readonly proc: ChildProcessWithoutNullStreams) {
    this.configured = new Promise((resolve) => (this.onConfigured = resolve))
    proc.stdout.on('data', (chunk: Buffer) => {
      this.buf = Buffer.concat([this.buf, chunk])
      for (;;) {
        const end = this.buf.indexOf('\r\n\r\n')
        if (end < 0) return
        const len = Number(/Content-Length: (\d+)/i.exec(this.buf.subarray(0, end).toString())?.[1])
        if (this.buf.length < end + 4 + len) return
        const msg = JSON.parse(this.buf.subarray(end + 4, end + 4 + len).toString('utf8')) as {
          id?: number
          method?: string
          params?: { uri: string; diagnostics: Diagnostic[] }
          result?: unknown
        }
        this.buf = this.buf.subarray(end + 4 + len)
        this.handle(msg)
      }
    })
  }
  private handle(msg: {
    id?: number
    method?: string
    params?: { uri: string; diagnostics: Diagnostic[] }
    result?: unknown
  }): void {
    if (msg.method === 'textDocument/publishDiagnostics' && msg.params) {
      this.waiting.get(msg.params.uri)?.(msg.params.diagnostics)
    } else if (msg.method !== undefined && msg.id !== undefined) {
      // Server-to-client requests (workspace/configuration, ...): answer with the settings.
      if (msg.method === 'workspace/configuration') setTimeout(this.onConfigured, 300)
      this.send({
        jsonrpc: '2.0',
        id: msg.id,
        result: msg.method === 'workspace/configuration' ? configurationItems(msg.params) : null
      })
    } else if (msg.id !== undefined) {
      this.pending.get(msg.id)?.(msg.result)
    }
  }
  send(msg: object): void {
    const body = Buffer.from(JSON.stringify(msg), 'utf8')
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`)
    this.proc.stdin.write(body)
  }
  request(method: string, params: object): Promise<unknown> {
    const id = ++this.id
    return new Promise((resolve) => {
      this.pending.set(id, resolve)
      this.send({ jsonrpc: '2.0', id, method, params })
    })
  }
  notify(method: string, params: object): void {
    this.send({ jsonrpc: '2.0', method, params })
  }
  /** Opens a document and resolves with the first non-empty diagnostics, or [] after a quiet second. */
  diagnose(name: string, text: string): Promise<Diagnostic[]> {
    const uri = pathToFileURL(path.join(REPO_ROOT, 'lsp-virtual', name)).href
    return new Promise((resolve) => {
      let quiet: NodeJS.Timeout | undefined
      this.waiting.set(uri, (d) => {
        clearTimeout(quiet)
        // Errors and warnings only: hints such as "unused anchor" are not what we check.
        const problems = d.filter((x) => (x.severity ?? 1) <= 2)
        if (problems.length > 0) resolve(problems)
        else quiet = setTimeout(() => resolve([]), 1500)
      })
      this.notify('textDocument/didOpen', {
        textDocument: { uri, languageId: 'yaml', version: 1, text }
      })
    })
  }
}

/** Answers workspace/configuration: the `yaml` section, nothing for the others. */
function configurationItems(params: unknown): unknown[] {
  const items = (params as { items?: Array<{ section?: string }> } | undefined)?.items ?? []
  return items.map((i) => (i.section === 'yaml' ? SETTINGS.yaml : {}))
}

/** The README's editor settings, with the schema served from this checkout. */
const SETTINGS = {
  yaml: {
    yamlVersion: '1.1',
    validate: true,
    schemas: { [SCHEMA_URI]: ['**/metrics/**/*.yaml'] },
    schemaStore: { enable: false }
  }
}

let proc: ChildProcessWithoutNullStreams
let lsp: Lsp
beforeAll(async () => {
  proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' })
  lsp = new Lsp(proc)
  await lsp.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(REPO_ROOT).href,
    capabilities: { workspace: { configuration: true } }
  })
  lsp.notify('initialized', {})
  lsp.notify('workspace/didChangeConfiguration', { settings: SETTINGS })
  await lsp.configured
}, 60_000)
afterAll(() => {
  proc?.kill()
})

const BATCH = 'metric_batch: sales\ningest_sql: select 1\n'

describe('yaml-language-server with the published batch schema', () => {
  it('flags `ingest_cron_schedul` on its line', async () => {
    const d = await lsp.diagnose(
      'metrics/sales/sales.yaml',
      `${BATCH}ingest_cron_schedul: "*/5 * * * *"\n`
    )
    expect(d.map((x) => [x.range.start.line, x.message])).toEqual([
      [2, expect.stringMatching(/Property ingest_cron_schedul is not allowed/)]
    ])
  }, 30_000)

  it('accepts known keys, x_ template parameters and x- anchor holders', async () => {
    const text = `${BATCH}x-common: &c\n  a: 1\nx_region: eu\ningest_cron_schedule: "*/5 * * * *"\n`
    expect(await lsp.diagnose('metrics/ok/ok.yaml', text)).toEqual([])
  }, 30_000)

  it('under yamlVersion 1.1, `disable_batch: yes` is a boolean, not a type error', async () => {
    expect(await lsp.diagnose('metrics/yes/yes.yaml', `${BATCH}disable_batch: yes\n`)).toEqual([])
    const d = await lsp.diagnose('metrics/bad/bad.yaml', `${BATCH}disable_batch: maybe\n`)
    expect(d.length).toBeGreaterThan(0)
  }, 30_000)

  it('the modeline works without the yaml.schemas setting', async () => {
    const text = `# yaml-language-server: $schema=${SCHEMA_URI}\n${BATCH}ingest_cron_schedul: x\n`
    const d = await lsp.diagnose('elsewhere/typo.yaml', text)
    expect(d.map((x) => x.message).join('\n')).toMatch(/ingest_cron_schedul is not allowed/)
  }, 30_000)
})
