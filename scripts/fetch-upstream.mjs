#!/usr/bin/env node
// `npm run setup` step: makes the pinned upstream Anomstack checkout available to the tests.
// Uses $ANOMSTACK_UPSTREAM_DIR or ../shared/upstream/anomstack when present; otherwise downloads
// the pinned commit's tarball once into an ignored cache folder and verifies its metrics/ tree by
// content hash. Never fails setup: where GitHub is unreachable it says so in one line, and the
// tests that need the tree skip with their own one-line reason.
//   node scripts/fetch-upstream.mjs            fetch or reuse
//   node scripts/fetch-upstream.mjs --hash DIR print metricsTreeHash(DIR)
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  UPSTREAM_CACHE_DIR,
  UPSTREAM_COMMIT,
  UPSTREAM_METRICS_SHA256,
  UPSTREAM_REPO,
  metricsTreeHash
} from './upstream-pin.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const say = (msg) => console.log(`fetch-upstream: ${msg}`)
const MAX_BYTES = 200 * 1024 * 1024
const TIMEOUT_MS = 60_000

if (process.argv[2] === '--hash') {
  console.log(metricsTreeHash(path.resolve(process.argv[3] ?? '.')))
  process.exit(0)
}

const fromEnv = process.env.ANOMSTACK_UPSTREAM_DIR
const shared = path.resolve(root, '../shared/upstream/anomstack')
const cache = path.join(root, UPSTREAM_CACHE_DIR)
const marker = 'metrics/defaults/defaults.yaml'

if (fromEnv && existsSync(path.join(fromEnv, marker))) {
  say(`using ANOMSTACK_UPSTREAM_DIR=${fromEnv}`)
} else if (existsSync(path.join(shared, marker))) {
  say(`using ${path.relative(root, shared)}`)
} else if (existsSync(path.join(cache, marker)) && verified(cache)) {
  say(`${UPSTREAM_CACHE_DIR} is up to date (${UPSTREAM_REPO}@${UPSTREAM_COMMIT.slice(0, 7)})`)
} else {
  await download()
}

function verified(dir) {
  return metricsTreeHash(path.join(dir, 'metrics')) === UPSTREAM_METRICS_SHA256
}

async function download() {
  const url = `https://codeload.github.com/${UPSTREAM_REPO}/tar.gz/${UPSTREAM_COMMIT}`
  let body
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) })
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    const len = Number(res.headers.get('content-length') ?? 0)
    if (len > MAX_BYTES) throw new Error(`tarball of ${len} bytes exceeds ${MAX_BYTES}`)
    body = Buffer.from(await res.arrayBuffer())
    if (body.length > MAX_BYTES) throw new Error(`tarball exceeds ${MAX_BYTES} bytes`)
  } catch (e) {
    const why =
      e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)
    say(
      `cannot download ${UPSTREAM_REPO}@${UPSTREAM_COMMIT.slice(0, 7)} (${why}); the upstream suites will be skipped`
    )
    return
  }
  mkdirSync(path.dirname(cache), { recursive: true })
  const tmp = mkdtempSync(path.join(path.dirname(cache), 'tmp-'))
  try {
    const tgz = path.join(tmp, 'src.tar.gz')
    writeFileSync(tgz, body)
    const out = path.join(tmp, 'tree')
    mkdirSync(out)
    // GitHub tarballs have one top folder; --no-same-owner and no absolute paths (tar's default).
    const tar = spawnSync(
      'tar',
      ['-xzf', tgz, '-C', out, '--strip-components=1', '--no-same-owner'],
      {
        encoding: 'utf8'
      }
    )
    if (tar.status !== 0) throw new Error(`tar failed: ${(tar.stderr ?? '').trim().split('\n')[0]}`)
    if (!existsSync(path.join(out, marker))) throw new Error(`the tarball has no ${marker}`)
    const got = metricsTreeHash(path.join(out, 'metrics'))
    if (got !== UPSTREAM_METRICS_SHA256)
      throw new Error(`metrics/ content hash ${got} is not the pinned ${UPSTREAM_METRICS_SHA256}`)
    rmSync(cache, { recursive: true, force: true })
    renameSync(out, cache)
    say(
      `downloaded and verified ${UPSTREAM_REPO}@${UPSTREAM_COMMIT.slice(0, 7)} into ${UPSTREAM_CACHE_DIR}`
    )
  } catch (e) {
    say(
      `rejected the download: ${e instanceof Error ? e.message : String(e)}; the upstream suites will be skipped`
    )
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}
