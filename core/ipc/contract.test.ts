import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  DEFAULT_SETTINGS,
  IPC_CHANNELS,
  MAX_CERTIFICATE_BYTES,
  PRELOAD_METHOD_BY_CHANNEL,
  SERVER_PRESETS,
  ipcArgSchemas,
  settingsSchema,
} from './contract'
import type { RorPreloadApi, Settings } from './contract'

function parses(channel: keyof typeof ipcArgSchemas, args: unknown[]): boolean {
  return ipcArgSchemas[channel].safeParse(args).success
}

describe('channel table', () => {
  it('names every channel domain:verb', () => {
    for (const channel of IPC_CHANNELS) expect(channel).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/)
  })

  it('gives every channel a distinct preload function name', () => {
    const names = IPC_CHANNELS.map((channel) => PRELOAD_METHOD_BY_CHANNEL[channel])
    expect(new Set(names).size).toBe(IPC_CHANNELS.length)
    expect(Object.keys(PRELOAD_METHOD_BY_CHANNEL).sort()).toEqual([...IPC_CHANNELS].sort())
    expect(names).not.toContain('onEvent')
  })

  it('derives the preload type from the contract', () => {
    expectTypeOf<RorPreloadApi['openExternal']>().toEqualTypeOf<(url: string) => Promise<boolean>>()
    expectTypeOf<Parameters<RorPreloadApi['setSettings']>>().toEqualTypeOf<[Settings]>()
    expectTypeOf<keyof RorPreloadApi>().toEqualTypeOf<
      (typeof PRELOAD_METHOD_BY_CHANNEL)[keyof typeof PRELOAD_METHOD_BY_CHANNEL] | 'onEvent'
    >()
  })
})

describe('argument schemas', () => {
  it('rejects extra and missing arguments', () => {
    expect(parses('app:info', [])).toBe(true)
    expect(parses('app:info', ['extra'])).toBe(false)
    expect(parses('app:openExternal', ['https://esante.gouv.fr/'])).toBe(true)
    expect(parses('app:openExternal', [])).toBe(false)
    expect(parses('app:openExternal', [{ toString: () => 'https://esante.gouv.fr/' }])).toBe(false)
    expect(parses('app:openExternal', ['x'.repeat(5000)])).toBe(false)
    expect(parses('sync:start', [{ mode: 'full' }])).toBe(true)
    expect(parses('sync:start', [{ mode: 'full', force: true }])).toBe(false)
    expect(parses('credentials:clear', ['certificate'])).toBe(true)
    expect(parses('credentials:clear', ['everything'])).toBe(false)
  })

  it('takes a CA file with its name, and a known profile for a finished purge', () => {
    const ca = { fileName: 'proxy.pem', data: new TextEncoder().encode('-----BEGIN') }
    expect(parses('trust:setCa', [ca])).toBe(true)
    expect(parses('trust:setCa', [{ ...ca, fileName: '' }])).toBe(false)
    expect(parses('trust:setCa', [{ ...ca, data: new Uint8Array(0) }])).toBe(false)
    expect(parses('trust:setCa', [{ ...ca, data: 'not bytes' }])).toBe(false)
    expect(parses('trust:setCa', [{ ...ca, pem: 'x' }])).toBe(false)
    expect(parses('trust:clearCa', [])).toBe(true)
    expect(parses('settings:completePurge', [0])).toBe(true)
    expect(parses('settings:completePurge', [6])).toBe(false)
    expect(parses('settings:completePurge', [])).toBe(false)
  })

  it('accepts a client secret or certificate bytes, nothing else', () => {
    const bytes = new Uint8Array([0x30, 0x82, 0x01])
    expect(parses('credentials:set', [{ kind: 'client-secret', clientSecret: 's3cr3t' }])).toBe(
      true,
    )
    expect(parses('credentials:set', [{ kind: 'client-secret', clientSecret: '' }])).toBe(false)
    expect(
      parses('credentials:set', [{ kind: 'certificate', format: 'pkcs12', data: bytes }]),
    ).toBe(true)
    const certificate = { kind: 'certificate', format: 'pem', data: bytes, passphrase: 'p' }
    expect(parses('credentials:set', [certificate])).toBe(true)
    expect(parses('credentials:set', [{ ...certificate, data: 'MIIB…' }])).toBe(false)
    expect(parses('credentials:set', [{ ...certificate, data: new Uint8Array(0) }])).toBe(false)
    const tooBig = new Uint8Array(MAX_CERTIFICATE_BYTES + 1)
    expect(parses('credentials:set', [{ ...certificate, data: tooBig }])).toBe(false)
    expect(parses('credentials:set', [{ ...certificate, format: 'der' }])).toBe(false)
    expect(parses('credentials:set', [{ ...certificate, path: '/etc/shadow' }])).toBe(false)
  })
})

describe('settings schema', () => {
  it('accepts the defaults and every preset', () => {
    expect(settingsSchema.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS)
    for (const [kind, urls] of Object.entries(SERVER_PRESETS)) {
      const settings = { ...DEFAULT_SETTINGS, server: { kind, ...urls, clientId: 'profil-0' } }
      expect(settingsSchema.safeParse(settings).success).toBe(true)
    }
  })

  it('trims the client id', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      server: { ...DEFAULT_SETTINGS.server, clientId: ' a ' },
    }
    expect(settingsSchema.parse(settings).server.clientId).toBe('a')
  })

  const invalid: [string, (s: Settings) => unknown][] = [
    [
      'plain http to a remote server',
      (s) => ({ ...s, server: { ...s.server, fhirBaseUrl: 'http://ror.example/fhir' } }),
    ],
    [
      'credentials in the token URL',
      (s) => ({ ...s, server: { ...s.server, tokenUrl: 'https://u:p@ror.example/t' } }),
    ],
    ['unknown server kind', (s) => ({ ...s, server: { ...s.server, kind: 'other' } })],
    ['access profile 6', (s) => ({ ...s, accessProfile: 6 })],
    ['access profile as a string', (s) => ({ ...s, accessProfile: '1' })],
    ['region that is not a TRE_R30 code', (s) => ({ ...s, region: 'Centre' })],
    [
      'time 24:00',
      (s) => ({ ...s, schedule: { ...s.schedule, daily: { enabled: true, at: '24:00' } } }),
    ],
    [
      'age of 0 hours',
      (s) => ({ ...s, schedule: { ...s.schedule, onStartWhenOlderThanHours: 0 } }),
    ],
    ['a secret smuggled into settings', (s) => ({ ...s, clientSecret: 'x' })],
    [
      'a secret smuggled into the server block',
      (s) => ({ ...s, server: { ...s.server, clientSecret: 'x' } }),
    ],
  ]
  it.each(invalid)('rejects %s', (_label, mutate) => {
    expect(settingsSchema.safeParse(mutate(DEFAULT_SETTINGS)).success).toBe(false)
  })
})

describe('Ror-* headers in the settings', () => {
  const headers = {
    profilCode: 'CU20',
    profilSystem: '1.2.250.1.213.1.6.1.66',
    roleCode: 'AUTOMATE',
    roleSystem: '1.2.250.1.213.1.1.4.6',
  }
  it('are optional, and all four go together', () => {
    expect(settingsSchema.safeParse(DEFAULT_SETTINGS).success).toBe(true)
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, rorHeaders: headers }).success).toBe(
      true,
    )
    const { roleSystem: _r, ...three } = headers
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, rorHeaders: three }).success).toBe(false)
  })

  it('refuse values that cannot be HTTP header values', () => {
    const bad = { ...headers, roleCode: 'rôle\n' }
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, rorHeaders: bad }).success).toBe(false)
  })
})
