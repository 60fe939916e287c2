/**
 * The CLI's one colour decision, made once per run from where the output goes and the
 * environment (https://no-color.org, https://force-color.org):
 * `--no-color` and `NO_COLOR` (any non-empty value) turn it off; `FORCE_COLOR` (non-empty and not
 * "0"/"false") turns it on, even into a file or pipe; otherwise it is on only for a TTY that is
 * not `TERM=dumb`, and never for a report written with `--output FILE`.
 */
export interface ColorContext {
  readonly noColorFlag: boolean
  readonly toFile: boolean
  readonly isTty: boolean
  readonly env: Readonly<Record<string, string | undefined>>
}

export function colorEnabled(c: ColorContext): boolean {
  if (c.noColorFlag) return false
  if (nonEmpty(c.env['NO_COLOR'])) return false
  const force = c.env['FORCE_COLOR']
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false'
  if (c.toFile || !c.isTty) return false
  return c.env['TERM'] !== 'dumb'
}

const nonEmpty = (v: string | undefined): boolean => v !== undefined && v !== ''
