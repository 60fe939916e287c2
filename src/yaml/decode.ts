/**
 * Bytes → text the way Anomstack opens a config: `open(path, encoding='utf-8')` (strict UTF-8,
 * universal newlines), then PyYAML's `Reader` (BOM skipped, non-printable characters rejected).
 */
import { CodePointColumns } from './columns.js'

/** Where strict UTF-8 decoding failed: byte offset plus the line/column a reader would see. */
export interface DecodeFailure {
  readonly byteOffset: number
  readonly byte: number
  /** How many bytes CPython names: the lead byte and the continuation bytes that were valid. */
  readonly span: number
  readonly line: number
  readonly column: number
  readonly reason: string
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true })
const lenientDecoder = new TextDecoder('utf-8')

/** Decodes strictly; a leading BOM is dropped (PyYAML skips it) and `\r\n?` becomes `\n`. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { failure: DecodeFailure } {
  let raw: string
  try {
    raw = strictDecoder.decode(bytes)
  } catch {
    return { failure: locateBadByte(bytes) }
  }
  return { text: raw.replace(/\r\n?/g, '\n') }
}

/**
 * The UTF-8 sequence at `i`: its length when valid, otherwise CPython's verdict on it: `span`
 * bytes (the lead byte and the continuation bytes that were still valid) and the reason its
 * decoder gives.
 */
type Sequence = { readonly length: number } | { readonly span: number; readonly reason: string }

function sequenceAt(b: Uint8Array, i: number): Sequence {
  const c = b[i]!
  if (c < 0x80) return { length: 1 }
  let need: number
  let lo = 0x80
  let hi = 0xbf
  if (c >= 0xc2 && c <= 0xdf) need = 1
  else if (c >= 0xe0 && c <= 0xef) {
    need = 2
    if (c === 0xe0) lo = 0xa0
    if (c === 0xed) hi = 0x9f
  } else if (c >= 0xf0 && c <= 0xf4) {
    need = 3
    if (c === 0xf0) lo = 0x90
    if (c === 0xf4) hi = 0x8f
  } else return { span: 1, reason: 'invalid start byte' }
  for (let k = 1; k <= need; k++) {
    const d = b[i + k]
    if (d === undefined) return { span: k, reason: 'unexpected end of data' }
    if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf)
      return { span: k, reason: 'invalid continuation byte' }
  }
  return { length: need + 1 }
}

function locateBadByte(bytes: Uint8Array): DecodeFailure {
  let line = 1
  let lineStart = 0
  let i = 0
  while (i < bytes.length) {
    const c = bytes[i]!
    const seq = sequenceAt(bytes, i)
    if ('reason' in seq) {
      // The column as every other range counts it (columns.ts): in code points, BOMs aside.
      const prefix = lenientDecoder.decode(bytes.subarray(lineStart, i))
      const { column } = new CodePointColumns(prefix, [0]).position(prefix.length)
      return { byteOffset: i, byte: c, span: seq.span, line, column, reason: seq.reason }
    }
    if (c === 0x0a || (c === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++
      lineStart = i + 1
    }
    i += seq.length
  }
  // The fast decoder disagreed with the scanner; report the end rather than nothing.
  return { byteOffset: bytes.length, byte: 0, span: 1, line, column: 1, reason: 'invalid data' }
}

/**
 * CPython's UnicodeDecodeError text. Positions are offsets in the file; CPython's count from the
 * start of the chunk its text stream was decoding (8 KiB), the same within a small file.
 */
export function decodeFailureMessage(f: DecodeFailure): string {
  const what =
    f.span === 1
      ? `byte 0x${f.byte.toString(16).padStart(2, '0')} in position ${f.byteOffset}`
      : `bytes in position ${f.byteOffset}-${f.byteOffset + f.span - 1}`
  return `'utf-8' codec can't decode ${what}: ${f.reason}`
}

// PyYAML Reader.NON_PRINTABLE: NEL (U+0085) is printable there, and LS/PS are in \xA0-\uD7FF.
// eslint-disable-next-line no-control-regex
const NON_PRINTABLE = /[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

/** Offset of the first character PyYAML's reader refuses, or -1. */
export function findNonPrintable(text: string): number {
  const m = NON_PRINTABLE.exec(text)
  return m ? m.index : -1
}

/** Offsets of every NEL, LS and PS (U+0085, U+2028, U+2029): line breaks for PyYAML, not for editors. */
export function findLineBreakChars(text: string): number[] {
  const out: number[] = []
  const re = /[\u0085\u2028\u2029]/g
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push(m.index)
  return out
}
