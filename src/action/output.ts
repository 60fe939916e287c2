/**
 * The action's writers. Every log line, annotation, output, the job summary, the JSON report and
 * the failure message leave through these, so each is scrubbed of secrets, capped, and (for the
 * log) neutralised against workflow commands in one place: src/report/output-boundary.ts.
 */
import * as core from './workflow-commands.js'
import { writeFile } from 'node:fs/promises'
import {
  boundLog,
  boundOutput,
  boundReport,
  boundSummary,
  scrubSecrets
} from '../report/output-boundary.js'

type AnnotationProps = core.AnnotationProperties

/** Raw stdout for text that is already workflow-command safe (our own annotation lines). */
export function writeStdout(chunk: string): void {
  process.stdout.write(scrubSecrets(chunk))
}

/** A free-text log line (server messages, git errors, file names): no line of it is a command. */
export function logLine(text: string): void {
  const safe = boundLog(text)
  process.stdout.write(safe.endsWith('\n') ? safe : `${safe}\n`)
}

export function warning(text: string, props?: AnnotationProps): void {
  core.warning(boundLog(text), props ? boundProps(props) : undefined)
}

export function notice(text: string, props?: AnnotationProps): void {
  core.notice(boundLog(text), props ? boundProps(props) : undefined)
}

/** The step's failure message (and thrown errors that end the run). */
export function fail(text: string): void {
  core.setFailed(boundLog(text))
}

export function setOutput(name: string, value: string): void {
  core.setOutput(name, boundOutput(value))
}

export async function writeSummary(html: string): Promise<void> {
  await core.appendSummary(boundSummary(html))
}

/** Write the JSON report (an object; rendered here so it can be bounded). */
export async function writeReport(file: string, report: object): Promise<void> {
  await writeFile(file, boundReport(report))
}

function boundProps(props: AnnotationProps): AnnotationProps {
  return {
    ...props,
    ...(props.title !== undefined ? { title: boundLog(props.title) } : {}),
    ...(props.file !== undefined ? { file: scrubSecrets(props.file) } : {})
  }
}
