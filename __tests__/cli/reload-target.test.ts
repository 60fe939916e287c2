import { describe, expect, it } from 'vitest'
import { resolveDagsterTarget, describeSource } from '../../src/local/dagster-target.js'
import { parseLocalArgs, LocalUsageError } from '../../src/local/options.js'

describe('where reload finds Dagster', () => {
  it('prefers --dagster-url, then DAGSTER_URL, then DAGSTER_HOST/DAGSTER_PORT, then localhost:3000', () => {
    const env = { DAGSTER_URL: 'http://env:1', DAGSTER_HOST: 'h', DAGSTER_PORT: '3001' }
    expect(resolveDagsterTarget({ url: 'http://flag:2' }, env)).toMatchObject({
      url: 'http://flag:2',
      source: '--dagster-url'
    })
    expect(resolveDagsterTarget({}, env)).toMatchObject({
      url: 'http://env:1',
      source: 'DAGSTER_URL'
    })
    expect(
      resolveDagsterTarget({}, { DAGSTER_HOST: 'my-host', DAGSTER_PORT: '3001' })
    ).toMatchObject({
      url: 'http://my-host:3001',
      source: 'DAGSTER_HOST/DAGSTER_PORT'
    })
    expect(resolveDagsterTarget({}, { DAGSTER_PORT: '3005' }).url).toBe('http://localhost:3005')
    expect(resolveDagsterTarget({}, { DAGSTER_HOST: 'anomstack_webserver' }).url).toBe(
      'http://anomstack_webserver:3000'
    )
    expect(resolveDagsterTarget({}, {})).toMatchObject({
      url: 'http://localhost:3000',
      source: 'default'
    })
    expect(describeSource('default')).toMatch(
      /no --dagster-url, DAGSTER_URL, DAGSTER_HOST or DAGSTER_PORT/
    )
  })

  it('treats empty variables as unset and keeps a scheme or brackets an IPv6 host', () => {
    expect(resolveDagsterTarget({ url: '  ' }, { DAGSTER_URL: '' }).source).toBe('default')
    expect(resolveDagsterTarget({}, { DAGSTER_HOST: 'https://dagster.internal' }).url).toBe(
      'https://dagster.internal:3000'
    )
    expect(resolveDagsterTarget({}, { DAGSTER_HOST: '::1', DAGSTER_PORT: '3001' }).url).toBe(
      'http://[::1]:3001'
    )
  })

  it('takes the token from --token, else DAGSTER_CLOUD_API_TOKEN', () => {
    expect(resolveDagsterTarget({ token: 'a' }, { DAGSTER_CLOUD_API_TOKEN: 'b' }).token).toBe('a')
    expect(resolveDagsterTarget({}, { DAGSTER_CLOUD_API_TOKEN: 'b' }).token).toBe('b')
    expect(resolveDagsterTarget({}, {}).token).toBeUndefined()
  })
})

describe('reload and watch options', () => {
  it('parses the documented flags', () => {
    const r = parseLocalArgs(
      'reload',
      [
        'm',
        '--location',
        'a',
        '--location',
        'b',
        '--header',
        'X-A: 1',
        '--timeout',
        '5',
        '--force'
      ],
      false,
      {}
    )
    expect(r).toMatchObject({
      command: 'reload',
      metricsDir: 'm',
      force: true,
      dagster: { locations: ['a', 'b'], headers: ['X-A: 1'], timeoutMs: 5000 }
    })
    const w = parseLocalArgs(
      'watch',
      ['--interval', '2', '--debounce', '50', '--no-reload'],
      false,
      {}
    )
    expect(w).toMatchObject({
      command: 'watch',
      metricsDir: 'metrics',
      intervalSec: 2,
      debounceMs: 50,
      reload: false
    })
  })

  it('has --help per command and rejects the other command’s flags', () => {
    const h = parseLocalArgs('watch', ['--help'], false, {})
    expect(h.command === 'local-help' && h.text).toMatch(/--interval <seconds>/)
    expect(() => parseLocalArgs('reload', ['--interval', '3'], false, {})).toThrow(LocalUsageError)
    expect(() => parseLocalArgs('watch', ['--force'], false, {})).toThrow(/does not take --force/)
    expect(() => parseLocalArgs('reload', ['--timeout', '0'], false, {})).toThrow(/positive/)
    expect(() => parseLocalArgs('reload', ['--format', 'sarif'], false, {})).toThrow(/text or json/)
  })

  it('colours only a TTY without NO_COLOR and never JSON', () => {
    const color = (tty: boolean, env: Record<string, string>, argv: string[] = []) => {
      const a = parseLocalArgs('reload', argv, tty, env)
      return a.command === 'reload' && a.color
    }
    expect(color(true, {})).toBe(true)
    expect(color(false, {})).toBe(false)
    expect(color(true, { NO_COLOR: '1' })).toBe(false)
    expect(color(true, {}, ['--no-color'])).toBe(false)
    expect(color(true, {}, ['--format', 'json'])).toBe(false)
  })
})
