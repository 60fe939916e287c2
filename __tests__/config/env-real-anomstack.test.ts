/**
 * A few environment cases checked against the real upstream Anomstack: each case is a folder with
 * `metrics/` (the upstream tree) and a `.env`; a Python parent that has imported Dagster forks one
 * child per case, which loads the `.env` exactly as the Dagster CLI does (get_env_var_dict) and
 * imports `anomstack.main`. Runs when the Anomstack venv exists (scripts/setup-*.sh makes it in CI).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readEnvFile } from '../../src/config/env-read.js'
import { readMetricsTree } from '../../src/config/read-tree.js'
import { planModelOf } from '../../src/plan/model.js'
import { validateTree } from '../../src/validate.js'
import { REPO_ROOT } from '../helpers/paths.js'

const UPSTREAM =
  process.env['ANOMSTACK_UPSTREAM'] ?? path.resolve(REPO_ROOT, '../shared/upstream/anomstack')
const PYTHON =
  process.env['ANOMSTACK_VENV_PYTHON'] ?? path.join(REPO_ROOT, '.venv-anomstack/bin/python')
const AVAILABLE = existsSync(PYTHON) && existsSync(path.join(UPSTREAM, 'anomstack/main.py'))

const SCRIPT = String.raw`
import json, os, sys, warnings
warnings.filterwarnings("ignore")
import dagster, pandas  # the slow imports, shared by every fork
from dagster._core.secrets.env_file import get_env_var_dict
out = []
for case in json.loads(sys.stdin.read()):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            os.chdir(case)
            os.environ.update(get_env_var_dict(case))
            import anomstack.main as m
            d = m.defs
            res = {"ok": True,
                   "jobs": sorted(j.name for j in d.jobs),
                   "schedules": sorted([s.name, s.cron_schedule, s.default_status.value] for s in d.schedules)}
        except BaseException as e:
            res = {"ok": False, "error": type(e).__name__}
        os.write(w, json.dumps(res).encode())
        os._exit(0)
    os.close(w)
    data = b""
    while True:
        chunk = os.read(r, 65536)
        if not chunk:
            break
        data += chunk
    os.waitpid(pid, 0)
    out.append(json.loads(data))
print(json.dumps(out))
`

interface Real {
  ok: boolean
  error?: string
  jobs?: string[]
  schedules?: [string, string, string][]
}

const CASES: Record<string, string> = {
  disableTrainFalse: 'ANOMSTACK__HACKERNEWS__DISABLE_TRAIN=False\n',
  emptyDisableAndCron:
    'ANOMSTACK__HACKERNEWS__DISABLE_TRAIN=\nANOMSTACK__HACKERNEWS__INGEST_CRON_SCHEDULE="*/7 * * * *"\nANOMSTACK__hackernews__score_cron_schedule=bad\n',
  badIngestCron: 'ANOMSTACK__HACKERNEWS__INGEST_CRON_SCHEDULE="61 * * * *"\n',
  ignoreExamples: 'ANOMSTACK_IGNORE_EXAMPLES=yes\n',
  retentionDays: 'ANOMSTACK_RETENTION_DAYS=1.5\n',
  reloadCron: 'ANOMSTACK_AUTO_CONFIG_RELOAD=true\nANOMSTACK_CONFIG_RELOAD_CRON="* * *"\n'
}

const roots: string[] = []
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true })
})

describe.skipIf(!AVAILABLE)('environment cases against real Anomstack', () => {
  it('crashes where we report a load-crash error, and defines the jobs our plan lists', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'env-real-'))
    roots.push(root)
    const dirs = Object.entries(CASES).map(([name, envText]) => {
      const dir = path.join(root, name)
      mkdirSync(dir)
      symlinkSync(path.join(UPSTREAM, 'metrics'), path.join(dir, 'metrics'))
      writeFileSync(path.join(dir, '.env'), envText)
      return dir
    })
    const r = spawnSync(PYTHON, ['-c', SCRIPT], {
      input: JSON.stringify(dirs),
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: UPSTREAM, DAGSTER_HOME: root },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 240_000
    })
    expect(r.status, r.stderr.slice(-2000)).toBe(0)
    const real = JSON.parse(r.stdout) as Real[]

    for (const [i, name] of Object.keys(CASES).entries()) {
      const dir = dirs[i]!
      const env = readEnvFile({ repoRoot: dir })!
      // The symlinked tree is read from the upstream folder itself.
      const tree = await readMetricsTree(UPSTREAM, 'metrics')
      const ours = validateTree(tree, { env })
      const crashes = ours.diagnostics.filter((d) => d.severity === 'error' && d.file === '.env')
      const got = real[i]!
      expect({ name, crash: !got.ok }).toEqual({ name, crash: crashes.length > 0 })
      if (!got.ok) continue
      const plan = planModelOf(tree, { env })
      const hn = plan.batches.find((b) => b.name === 'hackernews')!
      expect(got.jobs!.filter((j) => j.startsWith('hackernews_'))).toEqual([...hn.jobs].sort())
      expect(got.schedules!.filter(([n]) => n.startsWith('hackernews_'))).toEqual(
        hn.schedules.map((s) => [s.name, s.cron, s.defaultStatus]).sort()
      )
    }
  }, 300_000)
})
