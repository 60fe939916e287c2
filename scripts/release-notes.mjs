#!/usr/bin/env node
// Prints the CHANGELOG.md section of a release, for the release workflow's notes.
//   node scripts/release-notes.mjs vX.Y.Z [CHANGELOG.md] [package.json]
// Fails (exit 1, one line on stderr) when the tag is not vX.Y.Z, does not match package.json's
// version, or the changelog has no non-empty `## vX.Y.Z` section, or that section is still
// marked unreleased: a release is never cut with notes that were not written for it.
import { readFileSync } from 'node:fs'

const [tag = '', changelog = 'CHANGELOG.md', pkgPath = 'package.json'] = process.argv.slice(2)

/** The body of the `## <tag>` section (up to the next `## ` heading), or an error. */
export function releaseNotes(text, tag, version) {
  const m = /^v(\d+)\.(\d+)\.(\d+)$/.exec(tag)
  if (!m) return { error: `not a release tag (want vX.Y.Z): ${JSON.stringify(tag)}` }
  if (version !== tag.slice(1))
    return { error: `tag ${tag} does not match package.json version ${version}` }
  const lines = text.split(/\r?\n/)
  const start = lines.findIndex((l) => l === `## ${tag}` || l.startsWith(`## ${tag} `))
  if (start < 0) return { error: `CHANGELOG has no "## ${tag}" section` }
  if (/unreleased/i.test(lines[start])) return { error: `CHANGELOG still marks ${tag} unreleased` }
  let end = lines.findIndex((l, i) => i > start && l.startsWith('## '))
  if (end < 0) end = lines.length
  const body = lines
    .slice(start + 1, end)
    .join('\n')
    .trim()
  if (body === '') return { error: `CHANGELOG section ${tag} is empty` }
  return { notes: `${body}\n` }
}

const version = JSON.parse(readFileSync(pkgPath, 'utf8')).version
const r = releaseNotes(readFileSync(changelog, 'utf8'), tag, version)
if ('error' in r) {
  process.stderr.write(`release-notes: ${r.error}\n`)
  process.exit(1)
}
process.stdout.write(r.notes)
