/** The one ANSI colour helper (CLI report, plan text, reload and watch output); identity when colour is off. */
const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m'
} as const

export type Tint = Exclude<keyof typeof ANSI, 'reset'>
export type Paint = (tint: Tint, text: string) => string

export function painter(color: boolean): Paint {
  return color ? (tint, text) => `${ANSI[tint]}${text}${ANSI.reset}` : (_tint, text) => text
}
