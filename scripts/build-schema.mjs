// Compiles the published JSON Schemas (schema/*.schema.json) into standalone ajv validators under
// src/schema/generated/. Compiling at build time instead of at startup saves ~70 ms per run: the
// standalone module loads in a few milliseconds and ships no ajv compiler in the bundle.
//
// It also derives schema/metric-batch.schema.json from schema/defaults.schema.json (the one that is
// edited by hand): the same properties, self-contained, with `metric_batch` required. A single
// file with no cross-file $ref is what every editor resolves, offline.
//
// Usage: node scripts/build-schema.mjs [outDir] [schemaOutDir]
//   (defaults: src/schema/generated, schema)
// The generated files are committed; a test regenerates them into a temp dir to catch staleness.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Ajv2020Module from 'ajv/dist/2020.js'
import standaloneModule from 'ajv/dist/standalone/index.js'

// ajv ships CommonJS; under Node ESM the default import is the module object.
const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module
const standaloneCode = standaloneModule.default ?? standaloneModule

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = resolve(process.argv[2] ?? join(root, 'src/schema/generated'))
const schemaOutDir = resolve(process.argv[3] ?? join(root, 'schema'))

/** Annotation-only keywords understood by yaml-language-server / VS Code, not by ajv. */
const EDITOR_KEYWORDS = [
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'deprecationMessage'
]

/**
 * Annotations only help editors. Dropping them before compiling keeps the generated modules small
 * (verbose mode inlines every schema object it reports) without changing a single error.
 */
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', ...EDITOR_KEYWORDS])

/** Copies a schema without annotation keywords. Property *names* are data, never stripped. */
function stripAnnotations(node, isPropertyMap = false) {
  if (Array.isArray(node)) return node.map((n) => stripAnnotations(n))
  if (node === null || typeof node !== 'object') return node
  const out = {}
  for (const [key, value] of Object.entries(node)) {
    if (!isPropertyMap && ANNOTATIONS.has(key)) continue
    const childIsMap = !isPropertyMap && (key === 'properties' || key === '$defs')
    out[key] = key === 'enum' || key === 'const' ? value : stripAnnotations(value, childIsMap)
  }
  return out
}

const BATCH_ID =
  'https://github.com/anomstack-hot-reload/anomstack-hot-reload/schema/metric-batch.schema.json'

/** The batch schema: the defaults schema's properties, with `metric_batch` required. */
function deriveBatchSchema(defaultsSchema) {
  // Everything but the defaults schema's own identity and wording is shared.
  const rest = { ...defaultsSchema }
  for (const key of ['$schema', '$id', 'title', 'description', 'markdownDescription']) {
    delete rest[key]
  }
  return {
    $schema: defaultsSchema.$schema,
    $id: BATCH_ID,
    title: 'Anomstack metric batch',
    description:
      'One Anomstack metric batch file (metrics/**/*.yaml). Keys not set here come from metrics/defaults/defaults.yaml. Generated from defaults.schema.json by scripts/build-schema.mjs.',
    markdownDescription:
      'One Anomstack metric batch file (`metrics/**/*.yaml`). Keys not set here come from `metrics/defaults/defaults.yaml` (a shallow merge: a mapping or list you set replaces the default one entirely).\n\nAdd to the top of a file: `# yaml-language-server: $schema=https://raw.githubusercontent.com/anomstack-hot-reload/anomstack-hot-reload/v0/schema/metric-batch.schema.json`',
    ...rest,
    required: ['metric_batch']
  }
}

/**
 * Custom keys an editor accepts in a batch file: `x_<name>` for a custom template parameter
 * (`{{ x_region }}` in `ingest_sql`), `x-<name>` for a key that only holds YAML anchors.
 * Anomstack itself reads no key by pattern; the CLI's keys/unknown rule sees the templates and
 * reports an `x_` key only when no template uses it.
 */
const CUSTOM_KEY_PATTERN = '^x[-_][A-Za-z0-9_-]*$'

/**
 * The published batch schema: unknown top-level keys are errors in the editor, so a typo such as
 * `ingest_cron_schedul` is flagged while typing, as the CLI flags it. The CLI compiles the
 * lenient form (deriveBatchSchema) because keys/unknown already reports unknown keys, with the
 * templates in view and at the severity Anomstack warrants.
 */
function publishedBatchSchema(defaultsSchema) {
  const lenient = deriveBatchSchema(defaultsSchema)
  return {
    ...lenient,
    markdownDescription:
      lenient.markdownDescription +
      '\n\nUnknown keys are rejected. Name a custom template parameter `x_<name>` (used as `{{ x_<name> }}`), and a key that only holds YAML anchors `x-<name>`.',
    patternProperties: {
      [CUSTOM_KEY_PATTERN]: {
        description:
          'A custom key: `x_<name>` for a template parameter (the CLI warns when no template uses it), `x-<name>` for YAML anchors.'
      }
    },
    additionalProperties: false
  }
}

const defaultsSource = JSON.parse(
  readFileSync(join(root, 'schema', 'defaults.schema.json'), 'utf8')
)
mkdirSync(schemaOutDir, { recursive: true })
writeFileSync(
  join(schemaOutDir, 'metric-batch.schema.json'),
  JSON.stringify(publishedBatchSchema(defaultsSource), null, 2) + '\n'
)

const ajv = new Ajv2020({
  allErrors: true,
  verbose: true,
  strict: true,
  code: { source: true, esm: true }
})
ajv.addVocabulary(EDITOR_KEYWORDS)
const defaults = stripAnnotations(defaultsSource)
const batch = stripAnnotations(deriveBatchSchema(defaultsSource))
ajv.addSchema(defaults)
ajv.addSchema(batch)

const HEADER =
  '// GENERATED by scripts/build-schema.mjs from schema/*.schema.json. Do not edit; run `npm run build:schema`.\n'

const DTS = `${HEADER}import type { ErrorObject } from 'ajv'

/** A precompiled ajv validator (allErrors, verbose). After a failed call, \`errors\` lists every problem. */
export interface StandaloneValidator {
  (data: unknown): boolean
  errors?: ErrorObject[] | null
}

declare const validate: StandaloneValidator
export default validate
`

mkdirSync(outDir, { recursive: true })
for (const [file, schema] of [
  ['validate-batch', batch],
  ['validate-defaults', defaults]
]) {
  const validate = ajv.getSchema(schema.$id)
  if (!validate) throw new Error(`schema ${schema.$id} did not compile`)
  writeFileSync(join(outDir, `${file}.js`), HEADER + standaloneCode(ajv, validate))
  writeFileSync(join(outDir, `${file}.d.ts`), DTS)
}
console.log(`wrote standalone validators to ${outDir}`)
