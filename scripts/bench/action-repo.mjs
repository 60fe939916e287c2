// A throwaway git repository holding the upstream corpus plus one commit that changes one line,
// and the environment a GitHub runner gives the action for that push.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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

/**
 * Creates `<root>/repo` (corpus committed, then a one-line change committed) and the runner
 * files, and returns the environment for `node dist/index.js` in validate-only mode.
 * @returns {{ repo: string, env: Record<string, string>, before: string, after: string, outputFile: string }}
 */
export function makeActionRepo(root, corpusMetrics, extraInputs = {}) {
  rmSync(root, { recursive: true, force: true })
  const repo = path.join(root, 'repo')
  const runnerTemp = path.join(root, 'runner-temp')
  mkdirSync(repo, { recursive: true })
  mkdirSync(runnerTemp, { recursive: true })
  cpSync(corpusMetrics, path.join(repo, 'metrics'), { recursive: true })
  git(repo, ['init', '-q', '-b', 'main'])
  git(repo, ['add', '-A'])
  git(repo, ['commit', '-q', '-m', 'corpus'])
  const before = git(repo, ['rev-parse', 'HEAD'])
  const file = path.join(repo, CHANGED_FILE)
  const text = readFileSync(file, 'utf8')
  const changed = text.replace(/^alert_methods: .*$/m, 'alert_methods: "email"')
  if (changed === text) throw new Error(`could not make the one-line change in ${CHANGED_FILE}`)
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
    ...extraInputs
  }
  return { repo, env, before, after, outputFile, summaryFile }
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
