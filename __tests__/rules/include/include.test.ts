import { describe, expect, it } from 'vitest'
import { hits, validate } from '../batch/harness.js'

const Q = 'examples/a/q.sql'
const block = (target: string, key = 'ingest_sql'): string =>
  `metric_batch: a\n${key}: >\n  {% include "${target}" %}\n`

describe('include/* rules', () => {
  const valid: [string, Record<string, string | null>][] = [
    [
      './ path from the metrics root',
      { 'examples/a/a.yaml': block('./examples/a/q.sql'), [Q]: '' }
    ],
    [
      'bare path from the metrics root',
      { 'examples/a/a.yaml': block('examples/a/q.sql'), [Q]: '' }
    ],
    [
      'leading slash means the metrics root',
      { 'examples/a/a.yaml': block('/examples/a/q.sql'), [Q]: '' }
    ],
    [
      'empty and . segments are dropped',
      { 'examples/a/a.yaml': block('.//examples/./a/q.sql'), [Q]: '' }
    ],
    [
      'a non-literal include cannot be checked',
      { 'examples/a/a.yaml': 'metric_batch: a\ningest_sql: "{% include my_var %}"\n' }
    ],
    [
      'ignore missing renders nothing instead of failing',
      {
        'examples/a/a.yaml':
          'metric_batch: a\ningest_sql: |\n  {% include "nope.sql" ignore missing %}\n'
      }
    ],
    [
      'prompt_fn is never rendered, so its dangling include is harmless',
      {
        'defaults/defaults.yaml':
          'db: duckdb\nprompt_fn: >\n  {% include "./defaults/python/prompt.py" %}\n',
        'examples/a/a.yaml': 'metric_batch: a\ningest_sql: select 1\n'
      }
    ],
    [
      'an ignored ingest_fn (ingest_sql wins) is never rendered',
      {
        'examples/a/a.yaml':
          'metric_batch: a\ningest_sql: select 1\ningest_fn: >\n  {% include "./nope.py" %}\n'
      }
    ],
    [
      'an include inside a Jinja comment is not executed',
      {
        'examples/a/a.yaml':
          'metric_batch: a\ningest_sql: |\n  select 1 {# {% include "gone.sql" %} #}\n'
      }
    ],
    [
      'an include inside a raw block is text',
      {
        'examples/a/a.yaml':
          'metric_batch: a\ningest_sql: |\n  {% raw %}{% include "gone.sql" %}{% endraw %}\n'
      }
    ],
    [
      'an include cycle between existing files terminates',
      {
        'examples/a/a.yaml': block('./examples/a/q.sql'),
        [Q]: '{% include "./examples/a/r.sql" %}',
        'examples/a/r.sql': '{% include "./examples/a/q.sql" %}'
      }
    ]
  ]
  it.each(valid)('accepts %s', (_name, files) => {
    expect(hits(files, 'include/')).toEqual([])
  })

  const invalid: [string, Record<string, string | null>, string, number, number][] = [
    [
      'a missing target',
      { 'examples/a/a.yaml': block('./examples/a/nope.sql') },
      'include/missing',
      3,
      15
    ],
    [
      'a batch-relative path',
      { 'examples/a/a.yaml': block('./q.sql'), [Q]: '' },
      'include/batch-relative',
      3,
      15
    ],
    [
      'a bare batch-relative name',
      { 'examples/a/a.yaml': block('q.sql'), [Q]: '' },
      'include/batch-relative',
      3,
      15
    ],
    [
      'a .. segment',
      { 'examples/a/a.yaml': block('../a/q.sql'), [Q]: '' },
      'include/parent-path',
      3,
      15
    ],
    [
      'backslashes',
      { 'examples/a/a.yaml': block('examples\\a\\q.sql'), [Q]: '' },
      'include/backslash',
      3,
      15
    ],
    [
      'a path that repeats the metrics folder',
      { 'examples/a/a.yaml': block('metrics/examples/a/q.sql'), [Q]: '' },
      'include/missing',
      3,
      15
    ],
    [
      'a double-quoted scalar',
      {
        'examples/a/a.yaml':
          'metric_batch: a\ningest_sql: "{% include \'examples/a/nope.sql\' %}"\n'
      },
      'include/missing',
      2,
      26
    ],
    [
      'a single-quoted scalar after an escaped quote',
      {
        'examples/a/a.yaml':
          "metric_batch: a\ningest_sql: 'select ''x''; {% include \"nope.sql\" %}'\n"
      },
      'include/missing',
      2,
      40
    ],
    [
      'a literal block scalar, second line',
      {
        'examples/a/a.yaml':
          'metric_batch: a\ningest_fn: |\n  import x\n  {% include "nope.py" %}\n'
      },
      'include/missing',
      4,
      15
    ],
    [
      'the second of two includes',
      {
        'examples/a/a.yaml':
          'metric_batch: a\ningest_sql: |\n  {% include "./examples/a/q.sql" %}\n  {% include "nope.sql" %}\n',
        [Q]: ''
      },
      'include/missing',
      4,
      15
    ],
    [
      'a missing include inside an included file, reported at the batch key',
      {
        'examples/a/a.yaml': block('./examples/a/q.sql'),
        [Q]: 'select 1\n{% include "./examples/a/gone.sql" %}'
      },
      'include/missing',
      3,
      15
    ],
    [
      'a missing include two levels down',
      {
        'examples/a/a.yaml': block('./examples/a/q.sql'),
        [Q]: '{% include "./examples/a/r.sql" %}',
        'examples/a/r.sql': '{% include "./examples/a/gone.sql" %}'
      },
      'include/missing',
      3,
      15
    ],
    [
      'a batch-relative include inside an included file',
      {
        'examples/a/a.yaml': block('./examples/a/q.sql'),
        [Q]: '{% include "r.sql" %}',
        'examples/a/r.sql': ''
      },
      'include/batch-relative',
      3,
      15
    ],
    [
      'another rendered key (train_sql)',
      {
        'examples/a/a.yaml':
          'metric_batch: a\ningest_sql: select 1\n' + 'train_sql: >\n  {% include "t.sql" %}\n'
      },
      'include/missing',
      4,
      15
    ]
  ]
  it.each(invalid)('reports %s', (_name, files, ruleId, line, column) => {
    expect(hits(files, 'include/')).toEqual([
      { ruleId, severity: 'error', file: 'examples/a/a.yaml', line, column }
    ])
  })

  it('points at each occurrence of a repeated missing include', () => {
    const files = {
      'examples/a/a.yaml':
        'metric_batch: a\ningest_sql: |\n  {% include "x.sql" %}\n  {% include "x.sql" %}\n'
    }
    expect(hits(files, 'include/').map((h) => [h.line, h.column])).toEqual([
      [3, 15],
      [4, 15]
    ])
  })

  it('reports an include inherited from defaults.yaml once, at defaults.yaml', () => {
    const files = {
      'defaults/defaults.yaml':
        'db: duckdb\ntrain_sql: >\n  {% include "./defaults/sql/train.sql" %}\n',
      'examples/a/a.yaml': 'metric_batch: a\ningest_sql: select 1\n',
      'examples/b/b.yaml': 'metric_batch: b\ningest_sql: select 1\n'
    }
    expect(hits(files, 'include/')).toEqual([
      {
        ruleId: 'include/missing',
        severity: 'error',
        file: 'defaults/defaults.yaml',
        line: 3,
        column: 15
      }
    ])
  })

  it('downgrades to a warning in a disabled batch', () => {
    const files = {
      'examples/a/a.yaml': block('./nope.sql') + 'disable_batch: true\n',
      'examples/b/b.yaml': 'metric_batch: b\ningest_sql: select 1\n'
    }
    expect(hits(files, 'include/')).toEqual([
      {
        ruleId: 'include/missing',
        severity: 'warning',
        file: 'examples/a/a.yaml',
        line: 3,
        column: 15
      }
    ])
  })

  it('hints the path from the metrics root', () => {
    const d = validate({ 'examples/a/a.yaml': block('./q.sql'), [Q]: '' }).diagnostics.find(
      (x) => x.ruleId === 'include/batch-relative'
    )
    expect(d?.hint).toContain('"./examples/a/q.sql"')
  })

  it('names the include chain for a nested problem', () => {
    const d = validate({
      'examples/a/a.yaml': block('./examples/a/q.sql'),
      [Q]: '{% include "./examples/a/gone.sql" %}'
    }).diagnostics.find((x) => x.ruleId === 'include/missing')
    expect(d?.message).toContain('metrics/examples/a/q.sql')
    expect(d?.message).toContain('./examples/a/gone.sql')
  })
})
