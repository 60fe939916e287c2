/**
 * The `watch` log: a timestamped, clear-screen-free text log (colours only on a TTY), or with
 * `--format json` one JSON object per line, one per event, for editors and scripts.
 */
import { neutraliseWorkflowCommands } from '../report/escape.js'
import type { JsonValue } from '../report/json.js'
import type { Paint } from '../report/paint.js'

export type WatchEventName =
  | 'start'
  | 'check'
  | 'reload'
  | 'reload-failed'
  | 'not-reloaded'
  | 'restart-needed'
  | 'dagster-down'
  | 'dagster-up'
  | 'error'
  | 'status'
  | 'stopped'

export class EventLog {
  constructor(
    private readonly format: 'text' | 'json',
    private readonly write: (text: string) => void,
    private readonly paint: Paint,
    private readonly now: () => Date = () => new Date()
  ) {}

  /** `text`: the first line gets the timestamp, the others are indented under it. */
  emit(event: WatchEventName, data: Record<string, JsonValue>, text: string): void {
    const at = this.now()
    if (this.format === 'json') {
      this.write(JSON.stringify({ event, time: at.toISOString(), ...data }) + '\n')
      return
    }
    const stamp = this.paint('dim', `[${at.toTimeString().slice(0, 8)}]`)
    const [first = '', ...rest] = text.replace(/\n+$/, '').split('\n')
    const body = [`${stamp} ${first}`, ...rest.map((l) => (l === '' ? '' : `           ${l}`))]
    this.write(neutraliseWorkflowCommands(body.join('\n') + '\n'))
  }
}
