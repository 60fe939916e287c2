import { afterAll, describe, expect, test } from 'vitest'
import { cleanupAll, pushEvent, repoWithMetrics, runAction } from '../action/harness.js'

afterAll(cleanupAll)

const SECRET = 'pa55-w0rd-never-shown'

/** The bundled action with an env file: overrides are validated where they are written. */
describe('the env-file input', () => {
  test("the repository's .env is read by default; a bad override fails at its line", async () => {
    const { repo, base } = repoWithMetrics()
    repo.write(
      '.env',
      `ANOMSTACK_ALERT_EMAIL_PASSWORD=${SECRET}\n# alpha runs hourly in prod\nANOMSTACK__ALPHA__INGEST_CRON_SCHEDULE="61 * * * *"\n`
    )
    repo.write('.example.env', 'ANOMSTACK__ALPHA__TRAIN_CRON_SCHEDULE=bad\n')
    const head = repo.commit('env')
    const r = await runAction({ workspace: repo.dir, event: pushEvent(base, head) })
    expect(r.code).toBe(1)
    expect(r.outputs['valid']).toBe('false')
    const errors = r.annotations.filter((a) => a.level === 'error' && a.file !== undefined)
    expect(errors.map((a) => [a.file, a.line, a.col])).toEqual([['.env', 3, 40]])
    expect(errors[0]!.message).toContain('ANOMSTACK__ALPHA__INGEST_CRON_SCHEDULE')
    expect(errors[0]!.message).toContain('61 * * * *')
    // .example.env is a template: never read.
    expect(r.stdout + r.summary).not.toContain('TRAIN_CRON_SCHEDULE')
    // Masked for the runner (the add-mask command is how GitHub learns it), and never printed.
    expect(r.stdout).toContain(`::add-mask::${SECRET}`)
    const printed = r.stdout.replace(`::add-mask::${SECRET}`, '')
    expect(printed + r.stderr + r.summary + JSON.stringify(r.outputs)).not.toContain(SECRET)
  })

  test('env-file: none ignores .env; a named file that is missing fails closed', async () => {
    const { repo, base } = repoWithMetrics()
    repo.write('.env', 'ANOMSTACK__ALPHA__INGEST_CRON_SCHEDULE="61 * * * *"\n')
    const head = repo.commit('env')
    const none = await runAction({
      workspace: repo.dir,
      event: pushEvent(base, head),
      inputs: { 'env-file': 'none' }
    })
    expect(none.code).toBe(0)
    const missing = await runAction({
      workspace: repo.dir,
      event: pushEvent(base, head),
      inputs: { 'env-file': 'deploy/prod.env' }
    })
    expect(missing.code).toBe(1)
    expect(missing.annotations.find((a) => a.level === 'error')).toMatchObject({
      file: 'deploy/prod.env',
      line: 1
    })
  })
})
