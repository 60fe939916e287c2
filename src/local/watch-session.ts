/**
 * The `watch` loop: after each settled burst of changes, re-read the tree, decide by content, and
 * reload Dagster only with a valid config that changes something Dagster reads. Cycles never
 * overlap; a change during a cycle runs one more cycle after it.
 */
import { MetricsDirError } from '../config/read-tree.js'
import { ParseCache } from '../config/parse-cache.js'
import type { Diagnostic } from '../core/diagnostic.js'
import { countBySeverity } from '../core/diagnostic.js'
import type { ChangedFile } from '../changes/changed-file.js'
import { expectedDefinitionsOf } from '../action/expected-definitions.js'
import type { DagsterClient } from '../dagster/client.js'
import { computePlan, isEmpty, planCounts, type Plan } from '../plan/compute-plan.js'
import { planModelFromResult, type PlanModel } from '../plan/model.js'
import { renderPlanText } from '../plan/render-plan.js'
import { renderConsole } from '../report/console.js'
import { toJsonDiagnostic, type JsonValue } from '../report/json.js'
import type { DagsterTarget } from './dagster-target.js'
import { describeSource } from './dagster-target.js'
import type { EventLog } from './event-log.js'
import {
  dagsterFingerprint,
  dagsterInputs,
  diffHashes,
  fileHashes,
  isEmptyDiff,
  type HashDiff
} from './fingerprint.js'
import type { WatchArgs } from './options.js'
import type { Paint } from '../report/paint.js'
import { reloadAndVerify, explainRunFailure } from './reload-run.js'
import { line, reloadJson, renderReloadText } from './render-reload.js'
import { diffHashes as diffRoot } from './fingerprint.js'
import { rootConfigHashes } from './root-files.js'
import { checkTree, type TreeCheck, type TreeLocation } from './tree-check.js'

type Trigger = 'start' | 'change' | 'dagster-back'

const BACKOFF_START_MS = 1_000
const BACKOFF_MAX_MS = 30_000

interface Good {
  readonly fingerprint: string
  readonly model: PlanModel
  readonly hashes: ReadonlyMap<string, string>
  readonly at: Date
}

export interface WatchDeps {
  readonly args: WatchArgs
  readonly where: TreeLocation
  readonly target: DagsterTarget
  /** Undefined with --no-reload. */
  readonly client: DagsterClient | undefined
  /** A client that tries once, for the "is Dagster back?" probe. */
  readonly probe: DagsterClient | undefined
  readonly log: EventLog
  readonly paint: Paint
  readonly color: boolean
}

function problemKey(d: Diagnostic): string {
  return `${d.ruleId}\0${d.file}\0${d.line}:${d.column}\0${d.message}`
}

/** A problem as JSON data, in the shape of the `--format json` report. */
function slim(d: Diagnostic): Record<string, JsonValue> {
  return { ...toJsonDiagnostic(d) }
}

function toChangedFiles(d: HashDiff): ChangedFile[] {
  return [
    ...d.added.map((path): ChangedFile => ({ status: 'added', path })),
    ...d.modified.map((path): ChangedFile => ({ status: 'modified', path })),
    ...d.removed.map((path): ChangedFile => ({ status: 'deleted', path }))
  ]
}

function time(d: Date): string {
  return d.toTimeString().slice(0, 8)
}

export class WatchSession {
  private readonly cache = new ParseCache()
  private hashes: Map<string, string> | undefined
  private problems = new Map<string, Diagnostic>()
  private rootHashes: Map<string, string> | undefined
  private lastGood: Good | undefined
  private failedFingerprint: string | undefined
  private current: { check: TreeCheck; fingerprint: string } | undefined
  private dagsterDown = false
  private backoffMs = BACKOFF_START_MS
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private running: Promise<void> | undefined
  private pending: Trigger | undefined
  private missingReported = false
  private stopped = false
  private lastStatus = ''
  private reloading = false
  /** A change arrived while Dagster was importing: it may have read the files mid-edit. */
  private changedWhileReloading = false

  constructor(private readonly deps: WatchDeps) {}

  /** Run a cycle now, or once more after the running one. */
  trigger(reason: Trigger): void {
    if (this.stopped) return
    if (this.reloading && reason === 'change') this.changedWhileReloading = true
    if (this.running) {
      // 'start' and 'dagster-back' must not be downgraded by a plain change.
      if (this.pending === undefined || reason !== 'change') this.pending = reason
      return
    }
    this.running = this.cycle(reason)
      .catch((e: unknown) => {
        this.deps.log.emit(
          'error',
          { message: e instanceof Error ? e.message : String(e) },
          this.deps.paint('red', `✖ ${line(e instanceof Error ? e.message : String(e))}`)
        )
      })
      .finally(() => {
        this.running = undefined
        const next = this.pending
        this.pending = undefined
        if (next !== undefined) this.trigger(next)
      })
  }

  /** Wait for the running cycle (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  stop(): void {
    this.stopped = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
  }

  private async cycle(trigger: Trigger): Promise<void> {
    const { log, paint, where, args } = this.deps
    this.checkRootFiles()
    let check: TreeCheck
    try {
      check = await checkTree(where, args.maxFileBytes, this.cache)
    } catch (e: unknown) {
      if (!(e instanceof MetricsDirError)) throw e
      if (!this.missingReported) {
        this.missingReported = true
        log.emit(
          'error',
          { message: e.message },
          paint('red', `✖ ${line(e.message)} Waiting for it to come back.`)
        )
      }
      this.hashes = new Map()
      return
    }
    this.missingReported = false
    const hashes = fileHashes(check.tree)
    const diff = this.hashes ? diffHashes(this.hashes, hashes) : undefined
    this.hashes = hashes
    if (trigger === 'change' && diff && isEmptyDiff(diff)) return // touch, or a no-op save

    const inputs = dagsterInputs(check.result, hashes)
    const fingerprint = dagsterFingerprint(inputs, hashes)
    this.current = { check, fingerprint }
    const affectsDagster = diff
      ? [...diff.added, ...diff.modified, ...diff.removed].some(
          (p) => inputs.has(p) || p.endsWith('.yaml')
        )
      : true
    // Dagster coming back with the tree as it was: nothing new to show, only the decision.
    if (!(trigger === 'dagster-back' && diff && isEmptyDiff(diff)))
      this.reportCheck(trigger, check, diff, affectsDagster)
    await this.decide(trigger, check, fingerprint, hashes)
    this.status()
  }

  private checkRootFiles(): void {
    const now = rootConfigHashes(this.deps.where.repoRoot)
    const before = this.rootHashes
    this.rootHashes = now
    if (!before) return
    const d = diffRoot(before, now)
    const files = [...d.added, ...d.modified, ...d.removed]
    if (files.length === 0) return
    this.deps.log.emit(
      'restart-needed',
      { files },
      this.deps.paint(
        'yellow',
        `! ${files.map(line).join(', ')} changed: a reload cannot apply this. Restart the containers (\`docker compose restart\`) for Dagster to see it.`
      )
    )
  }

  private reportCheck(
    trigger: Trigger,
    check: TreeCheck,
    diff: HashDiff | undefined,
    affectsDagster: boolean
  ): void {
    const { log, paint, color } = this.deps
    const now = new Map(check.result.diagnostics.map((d) => [problemKey(d), d]))
    const added = [...now].filter(([k]) => !this.problems.has(k)).map(([, d]) => d)
    const gone = [...this.problems].filter(([k]) => !now.has(k)).map(([, d]) => d)
    this.problems = now
    const counts = countBySeverity(check.result.diagnostics)
    const plan = this.planFor(check, diff)

    const text: string[] = []
    if (diff === undefined) {
      text.push(
        `Checked ${check.result.yamlFiles} YAML files (${check.result.batches.length} batches): ${counts.error} errors, ${counts.warning} warnings.`
      )
    } else {
      const parts = [
        ...diff.added.map((p) => `+ ${line(p)}`),
        ...diff.modified.map((p) => `~ ${line(p)}`),
        ...diff.removed.map((p) => `- ${line(p)}`)
      ]
      text.push(
        `Changed: ${parts.slice(0, 10).join(', ')}${parts.length > 10 ? ` and ${parts.length - 10} more` : ''}`
      )
      if (!affectsDagster)
        text.push(
          paint('dim', 'No enabled batch reads these files: nothing for Dagster to reload.')
        )
    }
    if (added.length > 0) {
      text.push(
        paint('bold', `${diff === undefined ? 'Problems' : 'New problems'} (${added.length}):`)
      )
      text.push(
        ...renderConsole(added, check.result.texts, { color }).replace(/\n+$/, '').split('\n')
      )
    }
    if (gone.length > 0) {
      text.push(paint('green', `Fixed (${gone.length}):`))
      for (const d of gone.slice(0, 20))
        text.push(
          `  ${paint('green', '✔')} ${line(d.file)}:${d.line}:${d.column} ${line(d.ruleId)}`
        )
    }
    if (plan && !isEmpty(plan))
      text.push(...renderPlanText(plan, { color }).replace(/\n+$/, '').split('\n'))
    log.emit(
      'check',
      {
        trigger,
        changed: diff
          ? { added: diff.added, modified: diff.modified, removed: diff.removed }
          : null,
        affectsDagster,
        valid: counts.error === 0,
        errors: counts.error,
        warnings: counts.warning,
        notices: counts.notice,
        batches: check.result.batches.length,
        newProblems: added.map(slim),
        goneProblems: gone.map(slim),
        plan: plan
          ? {
              compared: plan.compared,
              counts: planCounts(plan),
              batches: plan.batches.map((b) => ({
                name: b.name,
                kind: b.kind,
                jobsCreated: [...b.jobsCreated],
                jobsRemoved: [...b.jobsRemoved],
                cronChanges: b.cronChanges.map((c) => ({
                  schedule: c.schedule,
                  before: c.before.expression,
                  after: c.after.expression
                }))
              }))
            }
          : null
      },
      text.join('\n')
    )
  }

  /** The plan against what Dagster last loaded from us (else the previous scan). */
  private planFor(check: TreeCheck, diff: HashDiff | undefined): Plan | undefined {
    const base = this.lastGood
    if (!base || !this.hashes) return undefined
    const changes = diffHashes(base.hashes, this.hashes)
    if (isEmptyDiff(changes) && (!diff || isEmptyDiff(diff))) return undefined
    return computePlan(base.model, planModelFromResult(check.result), {
      files: toChangedFiles(changes)
    })
  }

  private async decide(
    trigger: Trigger,
    check: TreeCheck,
    fingerprint: string,
    hashes: ReadonlyMap<string, string>
  ): Promise<void> {
    const { log, paint, client, args } = this.deps
    const raced = this.changedWhileReloading
    this.changedWhileReloading = false
    const skip = (reason: string, message: string, tint: 'yellow' | 'dim' | 'red' = 'dim'): void =>
      log.emit('not-reloaded', { reason, message }, paint(tint, message))
    if (!client) {
      skip('no-reload', '--no-reload: Dagster is not contacted.')
      return
    }
    if (check.errors > 0) {
      const problems =
        trigger === 'start'
          ? renderConsole(
              check.result.diagnostics.filter((d) => d.severity === 'error'),
              check.result.texts,
              { color: this.deps.color }
            ).replace(/\n+$/, '') + '\n'
          : ''
      const message = raced
        ? 'The files changed while Dagster was reloading, so it may have read this broken version; fix the problems and watch reloads.'
        : 'Dagster keeps running the last good config.'
      log.emit(
        'not-reloaded',
        { reason: 'invalid', errors: check.errors, message },
        `${problems}${paint('red', `✖ Not reloaded: ${check.errors} error(s).`)} ${message}`
      )
      return
    }
    if (this.lastGood?.fingerprint === fingerprint) {
      if (trigger !== 'start')
        skip('unchanged', 'No change to what Dagster reads since the last reload.')
      return
    }
    if (this.failedFingerprint === fingerprint && trigger !== 'dagster-back') {
      skip('failed-before', 'This config already failed to load; change it to try again.', 'yellow')
      return
    }
    if (this.dagsterDown) {
      skip('dagster-down', 'Dagster is not answering; will reload when it is back.', 'yellow')
      return
    }
    const expected = expectedDefinitionsOf(check.result.views, new Map(), this.removedSince(check))
    this.reloading = true
    let run
    try {
      run = await reloadAndVerify(client, args.dagster, expected)
    } finally {
      this.reloading = false
    }
    if (run.down) {
      const failure = run.report.failure ?? run.report.locations.find((l) => l.failure)?.failure
      const explained = failure
        ? explainRunFailure(run.report, failure, this.deps.target).message
        : 'no answer'
      this.markDown(explained)
      return
    }
    const data = reloadJson(run, this.deps.target)
    if (run.report.ok) {
      this.failedFingerprint = undefined
      this.lastGood = {
        fingerprint,
        model: planModelFromResult(check.result),
        hashes,
        at: new Date()
      }
      const parts = run.report.locations.map((l) => {
        const repos = l.after?.repositories ?? []
        const jobs = repos.reduce((n, r) => n + r.jobs.length, 0)
        const schedules = repos.reduce((n, r) => n + r.schedules.length, 0)
        const d = l.diff
        const delta = d
          ? [
              d.jobsAdded.length ? `+${d.jobsAdded.length} jobs` : '',
              d.jobsRemoved.length ? `-${d.jobsRemoved.length} jobs` : '',
              d.schedulesChanged.length ? `~${d.schedulesChanged.length} schedules` : ''
            ].filter((s) => s !== '')
          : []
        return `${line(l.name)} (${jobs} jobs, ${schedules} schedules${delta.length ? `; ${delta.join(', ')}` : ''})`
      })
      const warnings = run.report.locations.flatMap((l) => l.warnings).length + run.mismatches.count
      log.emit(
        'reload',
        data,
        paint(
          'green',
          `✔ Reloaded ${parts.join(', ')} in ${(run.report.durationMs / 1000).toFixed(1)} s`
        ) + (warnings > 0 ? `\n${renderReloadText(run, this.deps.target, paint)}` : '')
      )
    } else {
      // When the files changed during the import, Dagster may have read the newer ones: do not
      // hold the failure against the config that was validated.
      if (!this.changedWhileReloading) this.failedFingerprint = fingerprint
      log.emit('reload-failed', data, renderReloadText(run, this.deps.target, paint))
    }
  }

  /** Batches Dagster last loaded from us that the current tree no longer has. */
  private removedSince(check: TreeCheck): string[] {
    if (!this.lastGood) return []
    const now = new Set(check.result.batches.map((b) => b.name))
    return this.lastGood.model.batches.map((b) => b.name).filter((n) => !now.has(n))
  }

  private markDown(message: string): void {
    const { log, paint } = this.deps
    if (!this.dagsterDown) {
      this.dagsterDown = true
      this.backoffMs = BACKOFF_START_MS
      log.emit(
        'dagster-down',
        { message },
        paint('yellow', `! ${line(message)}`) +
          '\nStill watching; retrying with backoff and reloading as soon as Dagster answers.'
      )
    }
    this.scheduleProbe()
  }

  private scheduleProbe(): void {
    if (this.stopped) return
    const delay = this.backoffMs
    this.backoffMs = Math.min(BACKOFF_MAX_MS, this.backoffMs * 2)
    this.retryTimer = setTimeout(() => void this.probeOnce(), delay)
  }

  private async probeOnce(): Promise<void> {
    if (this.stopped || !this.deps.probe) return
    try {
      await this.deps.probe.getServerInfo({ timeoutMs: 5_000 })
    } catch {
      this.scheduleProbe()
      return
    }
    this.dagsterDown = false
    this.deps.log.emit('dagster-up', {}, this.deps.paint('green', 'Dagster answers again.'))
    this.trigger('dagster-back')
  }

  /** One status line after each cycle (not repeated when nothing changed). */
  private status(): void {
    const c = this.current
    if (!c) return
    const { args, target } = this.deps
    const valid = c.check.errors === 0
    const dagster = !this.deps.client
      ? 'not contacted (--no-reload)'
      : this.dagsterDown
        ? `down at ${target.url}`
        : this.lastGood
          ? `last reloaded ${time(this.lastGood.at)}${this.lastGood.fingerprint === c.fingerprint ? ' (up to date)' : ' (behind)'}`
          : 'not reloaded yet'
    const text = `Watching ${line(this.deps.where.metricsRel)}/ (${args.intervalSec ? `every ${args.intervalSec} s` : 'file events'}) · ${c.check.result.batches.length} batches · ${valid ? 'config valid' : `${c.check.errors} error(s)`} · Dagster: ${dagster}`
    if (text === this.lastStatus) return
    this.lastStatus = text
    this.deps.log.emit(
      'status',
      {
        valid,
        batches: c.check.result.batches.length,
        dagster: !this.deps.client ? 'disabled' : this.dagsterDown ? 'down' : 'up',
        upToDate: this.lastGood?.fingerprint === c.fingerprint,
        url: target.url,
        urlSource: describeSource(target.source)
      },
      this.deps.paint('dim', text)
    )
  }
}
