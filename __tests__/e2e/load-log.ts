/**
 * A webserver whose code servers append one line to a load log on every import of the fixture
 * location (`$ANOMSTACK_LOAD_LOG`), so a test can prove that a run did, or did not, reload.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startDagster, type DagsterServer, type StartOptions } from './dagster-server.js'

export interface LoadLoggedServer {
  readonly server: DagsterServer
  /** The log file (a restarted webserver must be given it too). */
  readonly loadLog: string
  /** Imports of the code location so far (initial load included). */
  loadCount(): number
  /** Remove the log (after stopping the server). */
  removeLog(): void
}

export async function startWithLoadLog(options: StartOptions = {}): Promise<LoadLoggedServer> {
  const logDir = mkdtempSync(path.join(tmpdir(), 'ahr-loadlog-'))
  const loadLog = path.join(logDir, 'loads.log')
  writeFileSync(loadLog, '')
  // startDagster hands its own environment to the webserver, whose code servers inherit it.
  const previous = process.env['ANOMSTACK_LOAD_LOG']
  process.env['ANOMSTACK_LOAD_LOG'] = loadLog
  let server: DagsterServer
  try {
    server = await startDagster(options)
  } catch (e: unknown) {
    rmSync(logDir, { recursive: true, force: true })
    throw e
  } finally {
    if (previous === undefined) delete process.env['ANOMSTACK_LOAD_LOG']
    else process.env['ANOMSTACK_LOAD_LOG'] = previous
  }
  return {
    server,
    loadLog,
    loadCount: () =>
      readFileSync(loadLog, 'utf8')
        .split('\n')
        .filter((l) => l !== '').length,
    removeLog: () => rmSync(logDir, { recursive: true, force: true })
  }
}
