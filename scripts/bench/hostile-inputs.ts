/**
 * Benchmark child for the "hostile inputs" table: one generated input per class of issue 14 at
 * its largest size, timed in-process (setup not timed), printing one JSON line
 * `{ case, size, ms, result }`. Compiled with the other bench entries by scripts/bench.mjs.
 *
 * Usage: node hostile-inputs.js --case <name> --tmp <dir>
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { readTreeAtRevision } from '../../src/action/base-tree.js'
import { markPreExisting } from '../../src/changes/pre-existing.js'
import type { Diagnostic } from '../../src/core/diagnostic.js'
import type { FileTree } from '../../src/core/tree.js'
import { validateCron } from '../../src/cron/parse-cron.js'
import { DagsterClient, MAX_REPLY_BYTES } from '../../src/dagster/client.js'
import { changedFilesBetween } from '../../src/plan/tree-diff.js'
import { toJsonReport } from '../../src/report/json.js'
import { boundOutput, boundReport } from '../../src/report/output-boundary.js'
import { validateTree } from '../../src/validate.js'
import { loadYaml } from '../../src/yaml/load.js'

interface Outcome {
  readonly size: string
  readonly result: string
  readonly run: () => Promise<string> | string
}

type Case = (tmp: string) => Promise<Outcome> | Outcome

const diag = (line: number, message: string): Diagnostic => ({
  ruleId: 'keys/unknown',
  severity: 'warning',
  file: 'metrics/a.yaml',
  line,
  column: 1,
  endLine: line,
  endColumn: 2,
  message
})

const CASES: Record<string, Case> = {
  'cron list of 250,000 ranges': () => {
    const list = Array.from({ length: 250_000 }, (_, i) => `${i % 51}-${(i % 51) + 9}`).join(',')
    const text = `${list} * * * *`
    return {
      size: `${(text.length / 1e6).toFixed(1)} MB`,
      result: '',
      run: () => {
        const r = validateCron(text)
        return r.ok ? `valid, minute field = ${r.fields.minute.join(',')}` : r.reason
      }
    }
  },
  '20,000 files with one metric_batch': () => {
    const entries = [
      {
        kind: 'file' as const,
        path: 'metrics/defaults/defaults.yaml',
        bytes: Buffer.from('db: duckdb\n')
      }
    ]
    for (let i = 0; i < 20_000; i++) {
      entries.push({
        kind: 'file',
        path: `metrics/b${String(i).padStart(5, '0')}.yaml`,
        bytes: Buffer.from('metric_batch: same\ningest_sql: select 1\n')
      })
    }
    return {
      size: '20,000 files',
      result: '',
      run: () => {
        const result = validateTree({ metricsDir: 'metrics', entries })
        const report = boundReport(
          toJsonReport({ toolVersion: 'bench', diagnostics: result.diagnostics })
        )
        const dups = result.diagnostics.filter((d) => d.ruleId === 'batch/duplicate-name').length
        return `${dups} batch/duplicate-name, report ${(report.length / 1e6).toFixed(1)} MB`
      }
    }
  },
  'Jinja: 1 MB unterminated {{, {% include and {# (inline and included)': () => {
    // Each text is just under the default 1 MiB file cap, so it is read and scanned: once inline
    // in a batch's ingest_sql, once in a .sql file another batch includes.
    const hostile = (opening: string): string =>
      `${opening} x `.repeat(Math.floor(990_000 / (opening.length + 3)))
    const file = (p: string, text: string) => ({
      kind: 'file' as const,
      path: p,
      bytes: Buffer.from(text)
    })
    const entries = [file('metrics/defaults/defaults.yaml', 'db: duckdb\n')]
    ;['{{', '{% include', '{#'].forEach((opening, i) => {
      entries.push(
        file(
          `metrics/inline${i}.yaml`,
          `metric_batch: inline${i}\ningest_sql: |\n  ${hostile(opening)}\n`
        ),
        file(
          `metrics/inc${i}.yaml`,
          `metric_batch: inc${i}\ningest_sql: |\n  {% include "./inc${i}.sql" %}\n`
        ),
        file(`metrics/inc${i}.sql`, hostile(opening))
      )
    })
    return {
      size: '6 × 1.0 MB',
      result: '',
      run: () => {
        const result = validateTree({ metricsDir: 'metrics', entries })
        const ids = [...new Set(result.diagnostics.map((d) => d.ruleId))].sort()
        return `${result.diagnostics.length} findings (${ids.join(', ')})`
      }
    }
  },
  'duplicate keys: 100,000 duplicates of one key': () => {
    const bytes = Buffer.from('a: 1\n'.repeat(100_000))
    return {
      size: `${(bytes.length / 1e6).toFixed(1)} MB`,
      result: '',
      run: () => {
        const r = loadYaml(bytes)
        const dups = r.problems.filter((p) => p.ruleId === 'yaml/duplicate-key').length
        return `${dups} yaml/duplicate-key`
      }
    }
  },
  'pre-existing matching of 70,000 warnings': () => {
    const base = Array.from({ length: 70_000 }, (_, i) => diag(i + 1, `k${i}`))
    const head = [...base].reverse()
    return {
      size: '70,000 + 70,000 diagnostics',
      result: '',
      run: () => {
        const out = markPreExisting({ head, base, changes: [], changedLines: new Map() })
        return `${out.filter((d) => d.preExisting).length} pre-existing`
      }
    }
  },
  'plan --base: 20,000 files moved to another folder': () => {
    const tree = (dir: string): FileTree => ({
      metricsDir: 'metrics',
      entries: Array.from({ length: 20_000 }, (_, i) => ({
        kind: 'file' as const,
        path: `metrics/${dir}/f${String(i).padStart(5, '0')}.sql`,
        bytes: Buffer.from(`select ${i}\n`)
      }))
    })
    const [base, head] = [tree('old'), tree('new')]
    return {
      size: '20,000 + 20,000 files',
      result: '',
      run: () => {
        const changes = changedFilesBetween(base, head)
        return `${changes.filter((c) => c.status === 'renamed').length} renamed`
      }
    }
  },
  'base commit with 3,000 links (and a loop)': (tmp) => {
    const dir = mkdtempSync(path.join(tmp, 'links-'))
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=b@b', '-c', 'user.name=b', ...args], { cwd: dir })
    mkdirSync(path.join(dir, 'shared'))
    mkdirSync(path.join(dir, 'metrics/l'), { recursive: true })
    writeFileSync(path.join(dir, 'shared/real.yaml'), 'metric_batch: shared\n')
    symlinkSync('real.yaml', path.join(dir, 'shared/hop.yaml'))
    for (let i = 0; i < 3_000; i++)
      symlinkSync('../../shared/hop.yaml', path.join(dir, `metrics/l/l${i}.yaml`))
    symlinkSync('b.yaml', path.join(dir, 'metrics/a.yaml'))
    symlinkSync('a.yaml', path.join(dir, 'metrics/b.yaml'))
    git('init', '-q', '.')
    git('add', '-A')
    git('commit', '-q', '-m', 'links')
    return {
      size: '3,002 links, 2 hops each',
      result: '',
      run: async () => {
        const tree = await readTreeAtRevision(dir, 'HEAD', 'metrics', 1024 * 1024)
        const files = tree.entries.filter((e) => e.kind === 'file').length
        const broken = tree.entries.filter((e) => e.kind === 'unreadable').length
        return `${files} files read, ${broken} broken (the loop)`
      }
    }
  },
  'endless Dagster reply': async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20)
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"dagster_version": "')
      const pump = (): void => {
        while (res.write(chunk));
        res.once('drain', pump)
      }
      res.on('close', () => res.destroy())
      pump()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    return {
      size: `unbounded (cap ${MAX_REPLY_BYTES / 1024 / 1024} MB)`,
      result: '',
      run: async () => {
        try {
          await new DagsterClient({ url }).getServerInfo()
          return 'read to the end?!'
        } catch (e: unknown) {
          return (e instanceof Error ? e.message : String(e)).replace(/;.*$/, '')
        } finally {
          server.closeAllConnections()
          server.close()
        }
      }
    }
  },
  '60 MB version string into the outputs': () => {
    const value = JSON.stringify({ ok: true, dagsterVersion: 'v'.repeat(60 * 1024 * 1024) })
    return {
      size: '60 MB',
      result: '',
      run: () => `output of ${boundOutput(value).length} bytes`
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { case: { type: 'string' }, tmp: { type: 'string' }, list: { type: 'boolean' } }
  })
  if (values.list) {
    process.stdout.write(`${JSON.stringify(Object.keys(CASES))}\n`)
    return
  }
  const make = CASES[values.case ?? '']
  if (!make) throw new Error(`unknown case ${values.case ?? ''}`)
  const outcome = await make(values.tmp ?? process.cwd())
  const t0 = performance.now()
  const result = await outcome.run()
  const ms = performance.now() - t0
  process.stdout.write(`${JSON.stringify({ case: values.case, size: outcome.size, ms, result })}\n`)
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exit(1)
})
