// A throwaway git repository holding the upstream corpus plus one commit that changes one line,
// and the environment a GitHub runner gives the action for that push.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1'
}

function git(cwd, args) {
  return execFileSync('git', args, {
    cwd,
    env: { PATH: process.env.PATH, HOME: cwd, ...GIT_ENV },
    encoding: 'utf8'
  }).trim()
}

/** The file and line the push changes (a real one-line edit of a real batch). */
export const CHANGED_FILE = 'metrics/examples/hackernews/hackernews.yaml'

/** The one-line edit of the push: the batch's `alert_methods` becomes "email". */
function oneLineChange(text) {
  return text.replace(/^alert_methods: .*$/m, 'alert_methods: "email"')
}

/**
 * Creates `<root>/repo` (the metrics folder committed, then a one-line change of one batch
 * committed) and the runner files, and returns the environment for `node dist/index.js` in
 * validate-only mode. `metricsSrc` is copied unless `options.fill(repoDir)` writes the metrics
 * folder itself (the synthetic generators write straight into the repository) and returns the
 * repository-relative path of the batch to change.
 * @param {string} root
 * @param {string | undefined} metricsSrc
 * @param {{ extraInputs?: Record<string, string>, fill?: (repo: string) => string }} [options]
 * @returns {{ repo: string, env: Record<string, string>, before: string, after: string, outputFile: string, summaryFile: string, changedFile: string }}
 */
export function makeActionRepo(root, metricsSrc, options = {}) {
  rmSync(root, { recursive: true, force: true })
  const repo = path.join(root, 'repo')
  const runnerTemp = path.join(root, 'runner-temp')
  mkdirSync(repo, { recursive: true })
  mkdirSync(runnerTemp, { recursive: true })
  let changedFile = CHANGED_FILE
  if (options.fill) changedFile = options.fill(repo)
  else cpSync(metricsSrc, path.join(repo, 'metrics'), { recursive: true })
  git(repo, ['init', '-q', '-b', 'main'])
  git(repo, ['add', '-A'])
  git(repo, ['commit', '-q', '-m', 'metrics'])
  const before = git(repo, ['rev-parse', 'HEAD'])
  const file = path.join(repo, changedFile)
  const text = readFileSync(file, 'utf8')
  const changed = oneLineChange(text)
  if (changed === text) throw new Error(`could not make the one-line change in ${changedFile}`)
  writeFileSync(file, changed)
  git(repo, ['commit', '-q', '-a', '-m', 'one-line change'])
  const after = git(repo, ['rev-parse', 'HEAD'])

  const eventPath = path.join(root, 'event.json')
  writeFileSync(
    eventPath,
    JSON.stringify({
      ref: 'refs/heads/main',
      before,
      after,
      repository: { default_branch: 'main', full_name: 'bench/metrics' }
    })
  )
  const outputFile = path.join(root, 'github-output.txt')
  const summaryFile = path.join(root, 'step-summary.md')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: root,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: repo,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: after,
    RUNNER_TEMP: runnerTemp,
    INPUT_MODE: 'validate',
    'INPUT_METRICS-PATH': 'metrics',
    'INPUT_FAIL-ON': 'error',
    ...GIT_ENV,
    ...options.extraInputs
  }
  return { repo, env, before, after, outputFile, summaryFile, changedFile }
}

/** Truncates the runner files between runs so every run writes the same amount. */
export function resetRunnerFiles(action) {
  writeFileSync(action.outputFile, '')
  writeFileSync(action.summaryFile, '')
}

/** `valid` as the action wrote it to GITHUB_OUTPUT (heredoc format). */
export function readOutput(outputFile, name) {
  const text = readFileSync(outputFile, 'utf8')
  const m = new RegExp(`^${name}<<(\\S+)\\n([\\s\\S]*?)\\n\\1$`, 'm').exec(text)
  return m ? m[2] : undefined
}

/**
 * The same push on a synthetic repository of `batches` batches (scripts/gen-synthetic.mjs): the
 * whole tree committed, then one batch in the middle gets the one-line change.
 */
export function makeSyntheticActionRepo(root, generate, batches) {
  let gen
  const group = `g${String(Math.floor(batches / 200)).padStart(3, '0')}`
  const action = makeActionRepo(root, undefined, {
    fill: (repo) => {
      gen = generate(repo, { batches })
      const dir = path.join(repo, 'metrics', 'synthetic', group)
      const pick = readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .find((f) => {
          const text = readFileSync(path.join(dir, f), 'utf8')
          return oneLineChange(text) !== text
        })
      if (!pick) throw new Error(`no batch in ${dir} to change`)
      return `metrics/synthetic/${group}/${pick}`
    }
  })
  return { ...action, gen }
}
