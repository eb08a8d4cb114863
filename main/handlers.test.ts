import { describe, expect, it, vi } from 'vitest'
import { DEFAULT_SETTINGS } from '../core/ipc/contract'
import type { CredentialsStatus } from '../core/ipc/contract'
import { UNAVAILABLE_SYNC, createIpcHandlers } from './handlers'
import type { HandlerDependencies } from './handlers'

const STATUS: CredentialsStatus = { hasClientSecret: false, certificate: null, protection: 'os' }

function dependencies(overrides: Partial<HandlerDependencies> = {}) {
  const opened: string[] = []
  const deps: HandlerDependencies = {
    appInfo: { version: '0.1.0', platform: 'linux', isPackaged: true, electronVersion: '45.5.0' },
    openExternal: (url) => {
      opened.push(url)
      return Promise.resolve()
    },
    settings: {
      read: () => Promise.resolve({ settings: DEFAULT_SETTINGS, notice: null }),
      write: (settings) => Promise.resolve({ ok: true, value: settings }),
    },
    credentials: {
      status: () => Promise.resolve(STATUS),
      set: () => Promise.resolve({ ok: true, value: { ...STATUS, hasClientSecret: true } }),
      clear: () => Promise.resolve({ ok: true, value: STATUS }),
    },
    sync: UNAVAILABLE_SYNC,
    ...overrides,
  }
  return { handlers: createIpcHandlers(deps), opened }
}

describe('app:openExternal', () => {
  it('opens the normalised URL of a trusted site', async () => {
    const { handlers, opened } = dependencies()
    expect(await handlers['app:openExternal']('HTTPS://Interop.Esante.Gouv.FR/ig/')).toBe(true)
    expect(opened).toEqual(['https://interop.esante.gouv.fr/ig/'])
  })

  it('refuses anything else without opening it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { handlers, opened } = dependencies()
    for (const url of [
      'https://esante.gouv.fr.evil.com/',
      'file:///etc/passwd',
      'http://github.com/',
    ]) {
      expect(await handlers['app:openExternal'](url)).toBe(false)
    }
    expect(opened).toEqual([])
    vi.restoreAllMocks()
  })

  it('answers false when the system browser fails', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const { handlers } = dependencies({
      openExternal: () => Promise.reject(new Error('no browser')),
    })
    expect(await handlers['app:openExternal']('https://github.com/')).toBe(false)
    vi.restoreAllMocks()
  })
})

describe('other channels', () => {
  it('delegate to their services', async () => {
    const { handlers } = dependencies()
    expect(await handlers['app:info']()).toMatchObject({ version: '0.1.0', isPackaged: true })
    expect(await handlers['settings:get']()).toEqual({ settings: DEFAULT_SETTINGS, notice: null })
    expect(await handlers['credentials:set']({ kind: 'client-secret', clientSecret: 's' })).toEqual(
      {
        ok: true,
        value: { ...STATUS, hasClientSecret: true },
      },
    )
  })

  it('say plainly that sync is not available yet', async () => {
    const { handlers } = dependencies()
    const started = await handlers['sync:start']({ mode: 'auto' })
    expect(started.ok).toBe(false)
    if (!started.ok) expect(started.error.message).toMatch(/^La synchronisation n'est pas encore/)
    expect(await handlers['sync:status']()).toEqual({ state: 'idle', last: null })
    expect(await handlers['sync:cancel']()).toEqual({ wasRunning: false })
  })
})

describe('settings and connection test', () => {
  it('save through the desktop controller when one is given', async () => {
    const saved: number[] = []
    const { handlers } = dependencies({
      applySettings: (settings) => {
        saved.push(settings.accessProfile)
        return Promise.resolve({ ok: true, value: settings })
      },
    })
    const lowered = { ...DEFAULT_SETTINGS, accessProfile: 0 as const }
    expect(await handlers['settings:set'](lowered)).toEqual({ ok: true, value: lowered })
    expect(saved).toEqual([0])
  })

  it('save to the store without one, and say when the connection test is unavailable', async () => {
    const { handlers } = dependencies()
    expect(await handlers['settings:set'](DEFAULT_SETTINGS)).toEqual({
      ok: true,
      value: DEFAULT_SETTINGS,
    })
    const tested = await handlers['sync:testConnection']()
    expect(tested.ok).toBe(false)
  })

  it('hand the connection test its result', async () => {
    const { handlers } = dependencies({
      testConnection: () =>
        Promise.resolve({ ok: true, value: { message: 'Connexion réussie', total: 3 } }),
    })
    expect(await handlers['sync:testConnection']()).toEqual({
      ok: true,
      value: { message: 'Connexion réussie', total: 3 },
    })
  })
})

describe('pending purge and extra CA channels', () => {
  it('report the pending purge through settings:get and forward its completion', async () => {
    const completed: number[] = []
    const { handlers } = dependencies({
      readSettings: () =>
        Promise.resolve({ settings: DEFAULT_SETTINGS, notice: null, pendingPurge: 0 }),
      completePurge: (profile) => {
        completed.push(profile)
        return Promise.resolve({ ok: true, value: { cleared: true } })
      },
    })
    expect((await handlers['settings:get']()).pendingPurge).toBe(0)
    expect(await handlers['settings:completePurge'](0)).toEqual({
      ok: true,
      value: { cleared: true },
    })
    expect(completed).toEqual([0])
  })

  it('without a trust store, use the system store only and say adding is unavailable', async () => {
    const { handlers } = dependencies()
    expect(await handlers['trust:status']()).toEqual({ extraCa: null })
    const added = await handlers['trust:setCa']({ fileName: 'ca.pem', data: new Uint8Array([1]) })
    expect(added.ok ? null : added.error.code).toBe('trust-unavailable')
    expect((await handlers['settings:get']()).pendingPurge).toBeUndefined()
  })
})
