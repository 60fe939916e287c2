import { keyString, type YNode } from '../yaml/node.js'

/**
 * Stands in for values PyYAML builds as `datetime.date`, `datetime.datetime` or `bytes`. A symbol
 * fails every JSON Schema `type` (string, number, object, ...), so a YAML date where Anomstack
 * expects a string is reported instead of passing as its ISO text. Untyped positions (free-form
 * `model_params`, unknown keys) still accept it, as Python would.
 */
export const NON_JSON_VALUE: unique symbol = Symbol('python-non-json-value')

/**
 * The JSON-like value ajv validates: mappings become objects keyed by the Python `json.dumps`
 * form of the key (as `keyString` gives), sequences arrays, scalars their JS value. Aliased
 * nodes are shared, so a cycle-free tree is walked once per reference.
 */
export function toSchemaInstance(node: YNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.pyType === 'date' || node.pyType === 'datetime' || node.pyType === 'binary'
        ? NON_JSON_VALUE
        : node.value
    case 'seq':
      return node.items.map(toSchemaInstance)
    case 'map': {
      // A null-prototype object: a YAML key such as `__proto__` must be plain data.
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>
      for (const entry of node.entries) out[keyString(entry.key)] = toSchemaInstance(entry.value)
      return out
    }
  }
}
