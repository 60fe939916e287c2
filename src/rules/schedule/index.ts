import type { Rule } from '../types.js'
import { cronRule } from './cron.js'
import { statusRule } from './status.js'

/** Rules for the schedules Anomstack builds from `*_cron_schedule` / `*_default_schedule_status`. */
export const rules: Rule[] = [cronRule, statusRule]
