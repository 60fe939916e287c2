import type { BatchRule } from '../types.js'
import { excerpt, strValue } from '../yaml-keys/scalars.js'

const SCHEMES = ['local://', 'gs://', 's3://'] as const

export const modelPathRule: BatchRule = {
  kind: 'batch',
  meta: [
    {
      id: 'storage/model-path-scheme',
      severity: 'error',
      effect: 'job-fails',
      description:
        'model_path does not start with local://, gs:// or s3://: train fails to save models and score finds none.'
    }
  ],
  check(batch, _ctx, report) {
    const entry = batch.get('model_path')
    const path = strValue(entry?.entry.value)
    if (!entry || path === undefined || SCHEMES.some((s) => path.startsWith(s))) return
    const lower = path.toLowerCase()
    const caseFix = SCHEMES.find((s) => lower.startsWith(s))
    const gcs = /^gcs:\/\//i.test(path)
    report({
      ruleId: 'storage/model-path-scheme',
      doc: entry.doc,
      span: entry.entry.value,
      message: `model_path \`${excerpt(path)}\` has no supported scheme: the train run fails with "model_path ... not supported" and scoring finds no models.`,
      hint: caseFix
        ? `Schemes are case-sensitive: write \`${caseFix}${excerpt(path.slice(caseFix.length))}\`.`
        : gcs
          ? `Google Cloud Storage paths use \`gs://\`: \`gs://${path.slice(6)}\`.`
          : `Prefix it with local://, gs:// or s3:// (e.g. \`local://${excerpt(path.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''))}\`). ANOMSTACK_MODEL_PATH, when set, overrides it.`
    })
  }
}
