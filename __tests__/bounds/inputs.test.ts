/** Numeric action inputs: whole numbers in range, or a message that names the input. */
import { afterEach, describe, expect, it } from 'vitest'
import { getInputs, InputError } from '../../src/action/inputs.js'

const NAMES = ['timeout-seconds', 'max-file-bytes'] as const
const envName = (name: string) => `INPUT_${name.toUpperCase()}`

function withInput(name: string, value: string) {
  process.env[envName(name)] = value
  return () => getInputs()
}

afterEach(() => {
  for (const name of NAMES) delete process.env[envName(name)]
})

describe('numeric inputs', () => {
  it.each(
    NAMES.flatMap((name) =>
      ['0.5', '-1', '0', 'NaN', 'abc', '1e3', '+5', 'Infinity'].map((v) => [name, v])
    )
  )('%s rejects %j with a message naming it', (name, value) => {
    const read = withInput(name, value)
    expect(read).toThrow(InputError)
    expect(read).toThrow(new RegExp(`^Input ${name} must be a whole number from 1 to \\d+`))
  })

  it('rejects a timeout above Node timer limit instead of turning it into a 1 ms timer', () => {
    const read = withInput('timeout-seconds', '2147484')
    expect(read).toThrow(
      /timeout-seconds must be a whole number from 1 to 2147483 \(about 24\.8 days/
    )
    expect(withInput('timeout-seconds', '2147483')().timeoutMs).toBe(2_147_483_000)
  })

  it('rejects max-file-bytes above 1 GiB and accepts whole numbers', () => {
    expect(withInput('max-file-bytes', String(2 ** 30 + 1))).toThrow(/max-file-bytes .* 1073741824/)
    expect(withInput('max-file-bytes', ' 2048 ')().maxFileBytes).toBe(2048)
  })

  it('uses the defaults when empty', () => {
    const inputs = getInputs()
    expect(inputs.timeoutMs).toBe(300_000)
    expect(inputs.maxFileBytes).toBe(1024 * 1024)
  })
})
