import { describe, expect, it } from 'vitest'
import { parseNameStatusZ } from '../../src/changes/parse-name-status.js'
import type { ChangedFile } from '../../src/changes/changed-file.js'

const z = (...fields: string[]): string => fields.map((f) => `${f}\0`).join('')

describe('parseNameStatusZ', () => {
  const cases: Array<[string, string | Uint8Array, ChangedFile[]]> = [
    ['empty output', '', []],
    ['added', z('A', 'metrics/a.yaml'), [{ status: 'added', path: 'metrics/a.yaml' }]],
    ['modified', z('M', 'metrics/a.yaml'), [{ status: 'modified', path: 'metrics/a.yaml' }]],
    ['deleted', z('D', 'metrics/a.yaml'), [{ status: 'deleted', path: 'metrics/a.yaml' }]],
    ['type change', z('T', 'metrics/l.yaml'), [{ status: 'type-changed', path: 'metrics/l.yaml' }]],
    [
      'rename with score',
      z('R087', 'metrics/old.yaml', 'metrics/new.yaml'),
      [{ status: 'renamed', path: 'metrics/new.yaml', previousPath: 'metrics/old.yaml' }]
    ],
    [
      'copy with score',
      z('C100', 'metrics/a.yaml', 'metrics/b.yaml'),
      [{ status: 'copied', path: 'metrics/b.yaml', previousPath: 'metrics/a.yaml' }]
    ],
    [
      'space in name',
      z('M', 'metrics/my batch.yaml'),
      [{ status: 'modified', path: 'metrics/my batch.yaml' }]
    ],
    ['unicode name', z('A', 'métriques/ü.yaml'), [{ status: 'added', path: 'métriques/ü.yaml' }]],
    [
      'newline and tab in names',
      z('R100', 'metrics/a\nb.yaml', 'metrics/c\td.yaml'),
      [{ status: 'renamed', path: 'metrics/c\td.yaml', previousPath: 'metrics/a\nb.yaml' }]
    ],
    [
      'quotes and backslash',
      z('A', 'metrics/"q" \\x.yaml'),
      [{ status: 'added', path: 'metrics/"q" \\x.yaml' }]
    ],
    [
      'name that looks like a status',
      z('A', 'M', 'D', 'R100'),
      [
        { status: 'added', path: 'M' },
        { status: 'deleted', path: 'R100' }
      ]
    ],
    ['missing final NUL', 'M\0metrics/a.yaml', [{ status: 'modified', path: 'metrics/a.yaml' }]],
    [
      'bytes input with UTF-8',
      new TextEncoder().encode(z('A', 'métriques/ü.yaml', 'M', 'x')),
      [
        { status: 'added', path: 'métriques/ü.yaml' },
        { status: 'modified', path: 'x' }
      ]
    ]
  ]

  it.each(cases)('%s', (_name, input, expected) => {
    expect(parseNameStatusZ(input)).toEqual(expected)
  })

  it('rejects unknown statuses and truncated entries', () => {
    expect(() => parseNameStatusZ(z('X', 'a'))).toThrow(/unknown status/)
    expect(() => parseNameStatusZ(z('R100', 'only-old'))).toThrow(/truncated/)
    expect(() => parseNameStatusZ(z('M'))).toThrow(/missing path/)
    expect(() => parseNameStatusZ('\0\0')).toThrow(/empty status/)
  })
})
