// The upstream Anomstack commit the rules were studied on, shared by `npm run setup`
// (scripts/fetch-upstream.mjs) and the tests (__tests__/helpers/paths.ts).
// The GitHub workflow (.github/workflows/ci.yml) checks out the same commit.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

export const UPSTREAM_REPO = 'andrewm4894/anomstack'
export const UPSTREAM_COMMIT = '08d38ffef33f7728bc2b46515506ff6962a8b230'
/** Ignored cache folder, relative to the repository root. */
export const UPSTREAM_CACHE_DIR = '.cache/upstream/anomstack'
/**
 * `metricsTreeHash` of `metrics/` at that commit. A hash of the extracted content rather than of
 * the tarball: GitHub's generated tarballs are not guaranteed byte-stable, the files are. Computed
 * from the project's `../shared/upstream/anomstack` copy of the same commit
 * (`node scripts/fetch-upstream.mjs --hash DIR` prints it).
 */
export const UPSTREAM_METRICS_SHA256 =
  '5b69b3147e8d72249da3975affe04bf717ed36bb4618cefc5a8ae89294b053e4'

/**
 * SHA-256 over the sorted lines `relative/path NUL sha256(file bytes) LF` of every regular file
 * under `dir`: independent of archive format, timestamps and file modes.
 */
export function metricsTreeHash(dir) {
  const lines = []
  const walk = (rel) => {
    for (const ent of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = rel === '' ? ent.name : `${rel}/${ent.name}`
      if (ent.isDirectory()) walk(p)
      else if (ent.isFile()) {
        const h = createHash('sha256')
          .update(readFileSync(path.join(dir, p)))
          .digest('hex')
        lines.push(`${p}\0${h}\n`)
      }
    }
  }
  walk('')
  lines.sort()
  return createHash('sha256').update(lines.join('')).digest('hex')
}
