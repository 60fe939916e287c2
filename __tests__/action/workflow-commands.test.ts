import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as core from '@actions/core'
import * as ours from '../../src/action/workflow-commands.js'

// The action writes the runner protocol itself (start-up: @actions/core initialises an OIDC
// client and undici on import). @actions/core stays the reference: the same calls must produce
// the same bytes on stdout, in GITHUB_OUTPUT and in GITHUB_STEP_SUMMARY.

const hostile = 'a%b\r\nc::error::x,y:z ##[group]\u0085 é'
const props = {
  title: hostile,
  file: 'metrics/a,b:c.yaml',
  startLine: 3,
  endLine: 4,
  startColumn: 0,
  endColumn: 9
}

type Api = Pick<
  typeof ours,
  | 'error'
  | 'warning'
  | 'notice'
  | 'debug'
  | 'info'
  | 'setSecret'
  | 'startGroup'
  | 'endGroup'
  | 'setOutput'
>

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ahr-wfc-'))
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

/** What `fn` writes to stdout. */
function stdoutOf(fn: () => void): string {
  let s = ''
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    s += String(c)
    return true
  })
  try {
    fn()
  } finally {
    spy.mockRestore()
  }
  return s
}

function capture(
  api: Api,
  summary: (s: string) => Promise<void>,
  tag: string
): Promise<{ stdout: string; output: string; summary: string }> {
  const out = join(dir, `${tag}-output`)
  const sum = join(dir, `${tag}-summary`)
  writeFileSync(out, '')
  writeFileSync(sum, '')
  vi.stubEnv('GITHUB_OUTPUT', out)
  vi.stubEnv('GITHUB_STEP_SUMMARY', sum)
  const stdout = stdoutOf(() => {
    api.error(hostile, props)
    api.warning(hostile)
    api.notice(hostile, { file: 'x.yaml', startLine: 1 })
    api.debug(hostile)
    api.info(hostile)
    api.setSecret('s3cr3t:%\n')
    api.startGroup(hostile)
    api.endGroup()
    api.setOutput('report', `line1\n${hostile}`)
  })
  return summary(`<h2>${hostile}</h2>`).then(() => ({
    stdout,
    output: readFileSync(out, 'utf8').replace(/ghadelimiter_[0-9a-f-]+/g, 'DELIM'),
    summary: readFileSync(sum, 'utf8')
  }))
}

describe('workflow-commands speaks exactly what @actions/core writes', () => {
  it('commands, escaping, outputs and the summary are byte-identical', async () => {
    const theirs = await capture(
      core,
      (s) =>
        core.summary
          .addRaw(s, true)
          .write()
          .then(() => undefined),
      'core'
    )
    core.summary.emptyBuffer()
    const mine = await capture(ours, (s) => ours.appendSummary(s), 'ours')
    expect(mine.stdout).toBe(theirs.stdout)
    expect(mine.output).toBe(theirs.output)
    expect(mine.summary).toBe(theirs.summary)
    expect(mine.stdout).toContain('::error title=a%25b%0D%0Ac%3A%3Aerror%3A%3Ax%2Cy%3Az')
  })

  it('setFailed sets exit code 1 and writes the same error command', () => {
    const write = (fn: (m: string) => void): string => stdoutOf(() => fn(hostile))
    const before = process.exitCode
    try {
      const theirs = write(core.setFailed)
      process.exitCode = 0
      const mine = write(ours.setFailed)
      expect(process.exitCode).toBe(1)
      expect(mine).toBe(theirs)
    } finally {
      process.exitCode = before
    }
  })
})
