import { describe, expect, it } from 'vitest'
import { buildBatchView } from '../../../src/config/batch-view.js'
import type { SourceDoc } from '../../../src/config/model.js'
import { checkIncludeTarget, includeClosure } from '../../../src/rules/include/graph.js'
import type { RuleContext } from '../../../src/rules/types.js'
import { loadYaml } from '../../../src/yaml/load.js'

function doc(path: string, text: string): SourceDoc {
  const load = loadYaml(Buffer.from(text))
  if (load.root?.kind !== 'map') throw new Error('test YAML must be a mapping')
  return { path, load, root: load.root }
}

function context(files: Record<string, string>, docs: SourceDoc[]): RuleContext {
  const paths = new Set([...Object.keys(files), ...docs.map((d) => d.path)])
  return {
    metricsDir: 'metrics',
    batches: [],
    defaults: undefined,
    files: paths,
    fileText: (p) => files[p]
  }
}

describe('includeClosure', () => {
  it('follows includes transitively, from defaults too, without looping', () => {
    const defaults = doc(
      'metrics/defaults/defaults.yaml',
      'train_sql: >\n  {% include "./defaults/sql/train.sql" %}\n'
    )
    const batch = doc(
      'metrics/a/a.yaml',
      'metric_batch: a\ningest_sql: >\n  {% include "a/q.sql" %}\nprompt_fn: >\n  {% include "./p.py" %}\n'
    )
    const files = {
      'metrics/defaults/sql/train.sql': '',
      'metrics/a/q.sql': '{% include "/a/r.sql" %}',
      'metrics/a/r.sql': '{% include "./a/q.sql" %}{% include "./a/gone.sql" %}'
    }
    const view = buildBatchView(batch, defaults)
    expect(includeClosure(view, context(files, [defaults, batch]))).toEqual([
      'metrics/a/gone.sql',
      'metrics/a/q.sql',
      'metrics/a/r.sql',
      'metrics/defaults/sql/train.sql'
    ])
  })

  it('leaves out includes inside Jinja comments and raw blocks, here and in included files', () => {
    const batch = doc(
      'metrics/b/b.yaml',
      [
        'metric_batch: b',
        'ingest_sql: |',
        '  {# {% include "./old.sql" %} #}',
        '  {% raw %}{% include "./raw.sql" %}{% endraw %}',
        '  {% include "./b/real.sql" %}'
      ].join('\n') + '\n'
    )
    const files = { 'metrics/b/real.sql': '{# {% include "./nested_old.sql" %} #} select 1' }
    const view = buildBatchView(batch, undefined)
    expect(includeClosure(view, context(files, [batch]))).toEqual(['metrics/b/real.sql'])
  })
})

describe('checkIncludeTarget', () => {
  const files = { 'metrics/a/q.sql': '' }

  it('finds an existing file when the context lists no non-files (the field is optional)', () => {
    expect(checkIncludeTarget('./a/q.sql', 'metrics/a', context(files, []))).toEqual({
      ok: true,
      path: 'metrics/a/q.sql'
    })
  })

  it('treats a path listed as no file (a broken link, a FIFO) as missing', () => {
    const ctx: RuleContext = { ...context(files, []), notFiles: new Set(['metrics/a/q.sql']) }
    expect(checkIncludeTarget('./a/q.sql', 'metrics/a', ctx)).toEqual({
      ok: false,
      problem: { kind: 'missing', target: './a/q.sql' }
    })
  })
})
