/** The small helpers around YNodes: key strings and code-point columns. */
import { describe, expect, it } from 'vitest'
import { lineStarts } from '../../src/core/positions.js'
import { CodePointColumns, pyYamlLineStarts } from '../../src/yaml/columns.js'
import { keyString, type YNode } from '../../src/yaml/node.js'
import { loadYaml } from '../../src/yaml/load.js'
import type { YMap } from '../../src/yaml/node.js'

const keysOf = (src: string): YNode[] =>
  (loadYaml(new TextEncoder().encode(src)).root as YMap).entries.map((e) => e.key)

describe('keyString', () => {
  it('spells keys as Python json.dumps would, collections as placeholders', () => {
    expect(
      keysOf('~: 1\ntrue: 2\nfalse: 3\n12: 4\n1.5: 5\nname: 6\n2001-12-14: 7\n').map(keyString)
    ).toEqual(['null', 'true', 'false', '12', '1.5', 'name', '2001-12-14'])
    const map: YNode = { kind: 'map', entries: [], start: 0, end: 2 }
    const seq: YNode = { kind: 'seq', items: [], start: 0, end: 2 }
    expect([keyString(map), keyString(seq)]).toEqual(['{...}', '[...]'])
  })
})

describe('CodePointColumns', () => {
  const text = 'a😀b😀c\n\ufeffxy\n'
  const columnsOf = (offsets: number[]) => {
    const cols = new CodePointColumns(text, lineStarts(text))
    return offsets.map((o) => {
      const p = cols.position(o)
      return [p.line, p.column]
    })
  }

  it('counts an astral character as one column and a BOM as none', () => {
    expect(columnsOf([0, 1, 3, 4, 6, 7, 8, 9, 10])).toEqual([
      [1, 1],
      [1, 2],
      [1, 3],
      [1, 4],
      [1, 5],
      [1, 6],
      [2, 1],
      [2, 1],
      [2, 2]
    ])
  })

  it('gives the same answers whatever order the offsets come in on one line', () => {
    const forward = columnsOf([0, 1, 3, 4, 6, 7])
    expect(columnsOf([7, 6, 4, 3, 1, 0])).toEqual([...forward].reverse())
    expect(columnsOf([4, 4, 3, 7, 1])).toEqual([
      [1, 4],
      [1, 4],
      [1, 3],
      [1, 6],
      [1, 2]
    ])
  })

  it('makes a range of two positions, never ending before it starts', () => {
    const cols = new CodePointColumns(text, lineStarts(text))
    expect(cols.range(1, 4)).toEqual({ line: 1, column: 2, endLine: 1, endColumn: 4 })
    expect(cols.range(4, 1)).toEqual({ line: 1, column: 4, endLine: 1, endColumn: 4 })
  })

  it('merges the line starts after NEL, LS and PS into the editor line starts', () => {
    expect(pyYamlLineStarts([0, 5, 9], [2, 7])).toEqual([0, 3, 5, 8, 9])
    expect(pyYamlLineStarts([0], [])).toEqual([0])
    // 'ab\u2028\ncd': PyYAML counts the LS and the newline after it as two line breaks.
    expect(pyYamlLineStarts([0, 4], [2])).toEqual([0, 3, 4])
  })
})
