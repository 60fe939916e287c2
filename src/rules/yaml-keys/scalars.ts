import type { YNode, YScalar } from '../../yaml/node.js'

/**
 * Typed reads of constructed YAML values, as Python would see them. A value of another type
 * yields `undefined`: type errors are the JSON schema's job, so rules skip such values.
 */

/** The string when PyYAML made a `str` (not a date, not a bool). */
export function strValue(node: YNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.pyType === 'str' && typeof node.value === 'string'
    ? node.value
    : undefined
}

/** The number when PyYAML made an `int` (bool is excluded although Python subclasses it). */
export function intValue(node: YNode | undefined): number | undefined {
  return node?.kind === 'scalar' && node.pyType === 'int' && typeof node.value === 'number'
    ? node.value
    : undefined
}

/** The number when PyYAML made an `int` or a `float`. */
export function numValue(node: YNode | undefined): number | undefined {
  return node?.kind === 'scalar' &&
    (node.pyType === 'int' || node.pyType === 'float') &&
    typeof node.value === 'number'
    ? node.value
    : undefined
}

export function isNull(node: YNode | undefined): boolean {
  return node?.kind === 'scalar' && node.pyType === 'null'
}

export function isScalar(node: YNode): node is YScalar {
  return node.kind === 'scalar'
}

/** A user value for a message: one line, at most `max` characters. */
export function excerpt(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ')
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}
