import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs'
import path from 'node:path'
import type { Diagnostic } from '../core/diagnostic.js'
import { buildAnomstackEnv, type AnomstackEnv } from './env.js'

export interface EnvFileRequest {
  readonly repoRoot: string
  /**
   * The `env-file` input / `--env-file` flag: a path inside the repository, `none` for no env
   * file, or empty for the default (the repository's `.env` when it exists; `.example.env` is a
   * template and is never read).
   */
  readonly envFile?: string
  /** Default 1 MiB. */
  readonly maxBytes?: number
}

export const DEFAULT_ENV_FILE = '.env'

const toPosix = (p: string): string => p.split(path.sep).join('/')

/**
 * Reads the env file at the I/O edge. Undefined when there is none to read (no input and no
 * `.env`). A file that is named but cannot be used comes back as an empty environment carrying an
 * `env/unreadable` error, so the run fails closed. Error messages name the file, never its content.
 */
export function readEnvFile(req: EnvFileRequest): AnomstackEnv | undefined {
  const asked = (req.envFile ?? '').trim()
  if (asked.toLowerCase() === 'none') return undefined
  const explicit = asked !== ''
  const maxBytes = req.maxBytes ?? 1024 * 1024
  const realRoot = realpathSync(req.repoRoot)
  const abs = path.resolve(realRoot, explicit ? asked : DEFAULT_ENV_FILE)
  const shown = toPosix(path.relative(realRoot, abs)) || asked
  const fail = (why: string): AnomstackEnv => unusable(shown, why)

  let real: string
  try {
    real = realpathSync(abs)
  } catch {
    return explicit ? fail('it does not exist') : undefined
  }
  const rel = path.relative(realRoot, real)
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel))
    return fail('it resolves outside the repository, so it is not read')
  let fd: number
  try {
    fd = openSync(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch {
    return fail('it cannot be opened')
  }
  try {
    const st = fstatSync(fd)
    if (!st.isFile()) return explicit ? fail('it is not a regular file') : undefined
    if (st.size > maxBytes) return fail(`it is larger than ${maxBytes} bytes, so it is not parsed`)
    const buf = Buffer.alloc(st.size)
    let off = 0
    while (off < buf.length) {
      const n = readSync(fd, buf, off, buf.length - off, off)
      if (n === 0) break
      off += n
    }
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, off))
    } catch {
      return fail(
        'it is not valid UTF-8: Dagster reads it with encoding="utf-8" and fails to start'
      )
    }
    return buildAnomstackEnv(toPosix(rel), text)
  } catch {
    return fail('it cannot be read')
  } finally {
    closeSync(fd)
  }
}

/** A `--env-file` value as the CLI takes it: relative to the current folder (`none` kept). */
export function cliEnvPath(cwd: string, value: string): string {
  const v = value.trim()
  return v === '' || v.toLowerCase() === 'none' ? v : path.resolve(cwd, v)
}

function unusable(file: string, why: string): AnomstackEnv {
  const env = buildAnomstackEnv(file, '')
  const d: Diagnostic = {
    ruleId: 'env/unreadable',
    severity: 'error',
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    message: `The env file ${file} cannot be used: ${why}.`,
    hint: 'Point env-file (or --env-file) at a UTF-8 file inside the repository, or set it to `none`.'
  }
  return { ...env, problems: [d] }
}
