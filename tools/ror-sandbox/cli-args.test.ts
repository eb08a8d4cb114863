import { describe, expect, it } from 'vitest'
import { parseCliArgs } from './cli-args'

describe('parseCliArgs', () => {
  it('reads the documented options', () => {
    const o = parseCliArgs([
      '--port',
      '0',
      '--scale',
      '150',
      '--seed',
      '7',
      '--cache-dir',
      '/tmp/c',
      '--token-lifetime',
      '30',
      '--mtls',
      '--faults',
      'rate429=once,retryAfter=2',
      '--result-cap',
      '50',
    ])
    expect(o).toMatchObject({
      port: 0,
      scale: { eg: 150 },
      seed: 7,
      cacheDir: '/tmp/c',
      certsDir: '/tmp/c/certs',
      tokenLifetimeSec: 30,
      mtls: true,
      faults: { rate429: { once: true }, retryAfter: 2 },
      resultCap: 50,
    })
    expect(parseCliArgs([]).scale).toBe('demo')
    expect(parseCliArgs(['--cache-dir', '/tmp/c'])).toMatchObject({
      exportCacheDir: '/tmp/c/exports',
      factsCacheDir: '/tmp/c/facts',
      prerenderExport: [],
    })
    const cached = parseCliArgs(['--export-cache', 'off', '--prerender-export', '1,3'])
    expect(cached).toMatchObject({ exportCacheDir: '', prerenderExport: [1, 3] })
    expect(parseCliArgs(['--facts-cache', 'off']).factsCacheDir).toBe('')
    expect(parseCliArgs(['--facts-cache', '/tmp/f']).factsCacheDir).toBe('/tmp/f')
    expect(parseCliArgs(['--scale', 'national']).scale).toBe('national')
  })

  it('says which option is wrong', () => {
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow(/--port/)
    expect(() => parseCliArgs(['--scale', 'huge'])).toThrow(/--scale/)
    expect(() => parseCliArgs(['--verbose'])).toThrow(/--verbose/)
    expect(() => parseCliArgs(['--prerender-export', '7'])).toThrow(/--prerender-export/)
  })
})
