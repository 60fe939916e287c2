import { describe, expect, it } from 'vitest'
import { at, diagnoseBatch, hits } from '../model/harness.js'

describe('alert/methods', () => {
  it.each([['email,slack'], ['email'], ['slack'], ['slack, email'], ['emails']])(
    'accepts %j',
    (v) => {
      expect(hits(diagnoseBatch(`alert_methods: "${v}"\n`))).toEqual([])
    }
  )

  it.each([['Email'], ['SLACK'], ['teams'], [''], ['  ']])('warns on %j', (v) => {
    expect(hits(diagnoseBatch(`alert_methods: "${v}"\n`))).toEqual([
      at('alert/methods', 2, 16, 'warning')
    ])
  })

  it('warns on tokens Anomstack ignores next to a working one', () => {
    expect(hits(diagnoseBatch('alert_methods: "email,teams"\n'))).toEqual([
      at('alert/methods', 2, 16, 'warning')
    ])
  })

  it('checks tholdalert_methods too', () => {
    expect(hits(diagnoseBatch('tholdalert_methods: "Slack"\n'))).toEqual([
      at('alert/methods', 2, 21, 'warning')
    ])
  })

  it('matches a YAML list item by item', () => {
    expect(hits(diagnoseBatch('alert_methods: [email]\n'))).toEqual([])
    expect(hits(diagnoseBatch('alert_methods: [Email, teams]\n'))).toEqual([
      at('alert/methods', 2, 16, 'warning')
    ])
  })

  it('skips values of the wrong type (the schema reports them)', () => {
    expect(hits(diagnoseBatch('alert_methods: 1\n'))).toEqual([])
  })
})
