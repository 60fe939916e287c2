import { describe, expect, it } from 'vitest'
import { OK_BATCH, said } from './harness.js'

// What the batch rules say: the exact message and hint a reader gets, and the span they mark.

const NAME_TYPE_TAIL =
  ', not a string: Anomstack calls metric_batch.upper() and the whole code location fails to load with AttributeError.'

/** The one batch/ finding for `a/a.yaml` next to a good batch. */
function one(text: string) {
  const found = said({ 'a/a.yaml': text, 'ok/ok.yaml': OK_BATCH }, 'batch/')
  expect(found).toHaveLength(1)
  return found[0]!
}

describe('batch/missing-name', () => {
  const message =
    'This file has no `metric_batch` key: get_specs raises KeyError("metric_batch") and the whole code location fails to load (even if the batch is disabled).'
  const hint =
    'Add `metric_batch: <name>` (letters, digits and underscores), or move the file out of the metrics folder if it is not a batch.'

  it('marks the first key, or the whole empty mapping', () => {
    expect(one('db: duckdb\ningest_sql: select 1\n')).toEqual({
      ruleId: 'batch/missing-name',
      severity: 'error',
      file: 'a/a.yaml',
      line: 1,
      column: 1,
      end: [1, 3],
      message,
      hint
    })
    expect(one('{}\n')).toMatchObject({ line: 1, column: 1, end: [1, 3], message, hint })
  })

  it('stays an error in a disabled batch', () => {
    expect(one('disable_batch: true\n')).toMatchObject({
      ruleId: 'batch/missing-name',
      severity: 'error',
      end: [1, 14]
    })
  })
})

describe('batch/name-type: how PyYAML read the value, and a quoted suggestion', () => {
  const cases: [text: string, what: string, suggestion: string, end: number][] = [
    ['yes', 'the bool True (YAML 1.1 reads `yes` as a boolean)', 'yes', 18],
    ['no', 'the bool False (YAML 1.1 reads `no` as a boolean)', 'no', 17],
    ['2024', 'the int 2024', '2024', 19],
    ['0x1F', 'the int 31 (YAML 1.1 reads `0x1F` as a number)', '0x1F', 19],
    ['1.5', 'the float 1.5', '1_5', 18],
    ['2024-01-01', 'a datetime.date (YAML reads `2024-01-01` as a timestamp)', '2024_01_01', 25],
    [
      '2024-01-01 10:00:00',
      'a datetime.datetime (YAML reads `2024-01-01 10:00:00` as a timestamp)',
      '2024_01_01_10_00_00',
      34
    ],
    ['~', 'None (`~` is null in YAML)', 'my_batch', 16],
    ['null', 'None (`null` is null in YAML)', 'null', 19],
    ['[a]', 'a list', 'my_batch', 18],
    ['{a: 1}', 'a mapping (dict)', 'my_batch', 21],
    ['!!binary aGVsbG8=', 'bytes (a !!binary value)', 'binary_aGVsbG8', 32]
  ]
  it.each(cases)('metric_batch: %s', (value, what, suggestion, end) => {
    expect(one(`metric_batch: ${value}\n`)).toEqual({
      ruleId: 'batch/name-type',
      severity: 'error',
      file: 'a/a.yaml',
      line: 1,
      column: 15,
      end: [1, end],
      message: `\`metric_batch\` is ${what}${NAME_TYPE_TAIL}`,
      hint: `Use a quoted string, for example \`metric_batch: "${suggestion}"\`.`
    })
  })

  it('an empty value is None, marked where it would be', () => {
    expect(one('metric_batch:\n')).toEqual({
      ruleId: 'batch/name-type',
      severity: 'error',
      file: 'a/a.yaml',
      line: 1,
      column: 14,
      end: [1, 14],
      message: `\`metric_batch\` is None (the value is empty)${NAME_TYPE_TAIL}`,
      hint: 'Use a quoted string, for example `metric_batch: "my_batch"`.'
    })
  })
})

describe('batch/name-format', () => {
  const format = (name: string): string =>
    `\`metric_batch\` "${name}" is not a valid Dagster name (only letters, digits and underscores): the job and op names derived from it are rejected and the whole code location fails to load.`

  it.each([
    ['my-batch', 'my-batch', 'my_batch', 23],
    ['"--my..batch--"', '--my..batch--', 'my_batch', 30],
    ['"!!!"', '!!!', 'my_batch', 20],
    ['"a b"', 'a b', 'a_b', 20],
    ['"a__-_b"', 'a__-_b', 'a_b', 23]
  ])('metric_batch: %s', (source, name, suggestion, end) => {
    expect(one(`metric_batch: ${source}\n`)).toEqual({
      ruleId: 'batch/name-format',
      severity: 'error',
      file: 'a/a.yaml',
      line: 1,
      column: 15,
      end: [1, end],
      message: format(name),
      hint: `Rename it, for example \`metric_batch: ${suggestion}\`.`
    })
  })

  it('the empty string loads, so it is only a warning', () => {
    expect(one("metric_batch: ''\n")).toEqual({
      ruleId: 'batch/name-format',
      severity: 'warning',
      file: 'a/a.yaml',
      line: 1,
      column: 15,
      end: [1, 17],
      message:
        '`metric_batch` is the empty string: it loads, but the jobs are called `_ingest`, `_train`, ... and the schedules `_ingest_schedule`, ..., which is hard to tell apart.',
      hint: 'Give the batch a name (letters, digits and underscores).'
    })
  })
})

describe('batch/duplicate-name', () => {
  const BATCH = (name: string, extra = ''): string =>
    `metric_batch: ${name}\ningest_sql: select 1\n${extra}`
  const tail =
    ': Anomstack keeps only one of these files (whichever os.walk reaches last, which is not sorted) and silently drops the others.'
  const hint =
    'Give each batch file its own metric_batch, or disable all but one with `disable_batch: true`.'

  it('each file names the other, at its metric_batch value', () => {
    expect(said({ 'a/a.yaml': BATCH('x'), 'b/b.yaml': BATCH('x') }, 'batch/')).toEqual([
      {
        ruleId: 'batch/duplicate-name',
        severity: 'error',
        file: 'a/a.yaml',
        line: 1,
        column: 15,
        end: [1, 16],
        message: '`metric_batch: x` is also used by metrics/b/b.yaml' + tail,
        hint
      },
      {
        ruleId: 'batch/duplicate-name',
        severity: 'error',
        file: 'b/b.yaml',
        line: 1,
        column: 15,
        end: [1, 16],
        message: '`metric_batch: x` is also used by metrics/a/a.yaml' + tail,
        hint
      }
    ])
  })

  it('names at most three others, then counts the rest', () => {
    const files = Object.fromEntries([...'abcdef'].map((c) => [`${c}/${c}.yaml`, BATCH('x')]))
    const messages = said(files, 'batch/').map((d) => [d.file, d.message])
    expect(messages).toHaveLength(6)
    expect(messages[0]).toEqual([
      'a/a.yaml',
      '`metric_batch: x` is also used by metrics/b/b.yaml, metrics/c/c.yaml, metrics/d/d.yaml and 2 more' +
        tail
    ])
    expect(messages[4]).toEqual([
      'e/e.yaml',
      '`metric_batch: x` is also used by metrics/a/a.yaml, metrics/b/b.yaml, metrics/c/c.yaml and 2 more' +
        tail
    ])
  })

  it('a disabled or unnamed twin never overwrites', () => {
    expect(
      said(
        {
          'a/a.yaml': BATCH('x'),
          'b/b.yaml': BATCH('x', 'disable_batch: true\n'),
          'c/c.yaml': 'metric_batch: 7\ndisable_batch: true\n'
        },
        'batch/duplicate-name'
      )
    ).toEqual([])
  })
})

describe('batch/no-enabled', () => {
  const hint = 'Keep at least one batch enabled (`disable_batch: false`, a real YAML boolean).'
  const DISABLED = 'metric_batch: x\ningest_sql: select 1\ndisable_batch: true\n'

  it('every batch disabled: marks the first line of defaults.yaml', () => {
    expect(
      said({ 'defaults/defaults.yaml': 'db: duckdb\nx: 1\n', 'a/a.yaml': DISABLED }, 'batch/')
    ).toEqual([
      {
        ruleId: 'batch/no-enabled',
        severity: 'error',
        file: 'defaults/defaults.yaml',
        line: 1,
        column: 1,
        end: [1, 11],
        message:
          'Every batch is disabled (`disable_batch` is truthy): with no batches, building the summary job raises IndexError and the whole code location fails to load.',
        hint
      }
    ])
  })

  it('a defaults.yaml without a final newline is marked to its end', () => {
    expect(
      said({ 'defaults/defaults.yaml': 'db: duckdb', 'a/a.yaml': DISABLED }, 'batch/')
    ).toMatchObject([{ ruleId: 'batch/no-enabled', line: 1, column: 1, end: [1, 11] }])
  })

  it('no batch file at all', () => {
    expect(said({}, 'batch/')).toEqual([
      {
        ruleId: 'batch/no-enabled',
        severity: 'error',
        file: 'defaults/defaults.yaml',
        line: 1,
        column: 1,
        end: [1, 11],
        message:
          'There is no batch file under the metrics folder: with no batches, building the summary job raises IndexError and the whole code location fails to load.',
        hint
      }
    ])
  })

  it('defaults.yaml not a mapping: marks the first batch, or defaults.yaml at 1:1', () => {
    expect(
      said({ 'defaults/defaults.yaml': '[1]\n', 'a/a.yaml': DISABLED }, 'batch/no-enabled')
    ).toMatchObject([{ file: 'a/a.yaml', line: 1, column: 1, end: [1, 16] }])
    expect(said({ 'defaults/defaults.yaml': '[1]\n' }, 'batch/no-enabled')).toMatchObject([
      { file: 'defaults/defaults.yaml', line: 1, column: 1, end: [1, 1] }
    ])
  })

  it('another kind of file next to the disabled batch does not count as a batch', () => {
    expect(
      said({ 'a/a.yaml': DISABLED, 'a/notes.txt': 'x', 'a/q.sql': 'select 1' }, 'batch/')
    ).toMatchObject([{ ruleId: 'batch/no-enabled' }])
  })
})

describe('batch/missing-defaults', () => {
  it('names the path, at 1:1 of the missing file', () => {
    expect(said({ 'defaults/defaults.yaml': null, 'a/a.yaml': OK_BATCH }, 'batch/')).toEqual([
      {
        ruleId: 'batch/missing-defaults',
        severity: 'error',
        file: 'defaults/defaults.yaml',
        line: 1,
        column: 1,
        end: [1, 1],
        message:
          'metrics/defaults/defaults.yaml does not exist: get_specs raises FileNotFoundError and the whole code location fails to load.',
        hint: "Add defaults/defaults.yaml to the metrics folder (copy Anomstack's own defaults)."
      }
    ])
  })
})
