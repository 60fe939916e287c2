import { positionAt } from '../../src/core/positions.js'
import type { SourceDoc } from '../../src/config/model.js'
import type { Finding } from '../../src/rules/types.js'
import { loadYaml } from '../../src/yaml/load.js'

/** Loads inline YAML the way the pipeline does and wraps it as a SourceDoc. */
export function docOf(text: string, path = 'metrics/test/test.yaml'): SourceDoc {
  const load = loadYaml(new TextEncoder().encode(text))
  if (load.root === null || load.root === undefined || load.root.kind !== 'map') {
    throw new Error(`test YAML did not load to a mapping: ${JSON.stringify(load.problems)}`)
  }
  return { path, load, root: load.root }
}

/** `ruleId@line:column` for compact assertions. */
export function where(doc: SourceDoc, f: Finding): string {
  const p = positionAt(doc.load.lineStarts, f.span.start)
  return `${f.ruleId}@${p.line}:${p.column}`
}
