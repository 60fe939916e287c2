import { keyString, type YNode } from '../yaml/node.js'

/**
 * Stands in for values PyYAML builds as `datetime.date`, `datetime.datetime` or `bytes`. A symbol
 * fails every JSON Schema `type` (string, number, object, ...), so a YAML date where Anomstack
 * expects a string is reported instead of passing as its ISO text. Untyped positions (free-form
 * `model_params`, unknown keys) still accept it, as Python would.
 */
export const NON_JSON_VALUE: unique symbol = Symbol('python-non-json-value')

/** Mappings with up to this many keys become ordinary objects (see the `map` case). */
const SMALL_MAPPING = 4

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
      // A small mapping becomes an ordinary object: 300,000 null-prototype ones (which V8 keeps
      // in slow dictionary mode) made the schema pass a quarter of a 9 MB file's time. A larger
      // one keeps a null prototype: batch mappings each have their own set and order of keys,
      // and as ordinary objects every one has its own hidden class, which made the validator's
      // property reads megamorphic (twice slower on 10,000 batches). Either way no inherited
      // member is ever read, since no schema property is named like one, and a YAML key
      // `__proto__` is defined as plain data, never assigned (which would set the prototype).
      const out: Record<string, unknown> =
        node.entries.length <= SMALL_MAPPING ? {} : (Object.create(null) as Record<string, unknown>)
      for (const entry of node.entries) {
        const key = keyString(entry.key)
        const value = toSchemaInstance(entry.value)
        if (key === '__proto__') {
          Object.defineProperty(out, key, {
            value,
            enumerable: true,
            writable: true,
            configurable: true
          })
        } else out[key] = value
      }
      return out
    }
  }
}
