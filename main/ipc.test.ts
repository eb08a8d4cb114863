import type { IpcMain } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SETTINGS, IPC_CHANNELS, MAIN_EVENT_CHANNEL } from '../core/ipc/contract'
import type { IpcHandlers, MainEvent } from '../core/ipc/contract'
import {
  IpcRejectedError,
  dispatchIpcCall,
  isTrustedSender,
  parseIpcArgs,
  registerIpcHandlers,
  sendMainEvent,
} from './ipc'

const APP_PAGE = { frameUrl: 'app://ror-hors-ligne/index.html', isMainFrame: true }

describe('isTrustedSender', () => {
  const dev = 'http://localhost:5173'
  const cases: [
    string,
    { frameUrl: string | null; isMainFrame: boolean },
    string | undefined,
    boolean,
  ][] = [
    ['app page', APP_PAGE, undefined, true],
    [
      'app page with query',
      { frameUrl: 'app://ror-hors-ligne/?q=1', isMainFrame: true },
      undefined,
      true,
    ],
    ['app page in a sub-frame', { ...APP_PAGE, isMainFrame: false }, undefined, false],
    ['destroyed frame', { frameUrl: null, isMainFrame: true }, undefined, false],
    ['external site', { frameUrl: 'https://esante.gouv.fr/', isMainFrame: true }, undefined, false],
    ['file page', { frameUrl: 'file:///tmp/index.html', isMainFrame: true }, undefined, false],
    ['dev server, configured', { frameUrl: `${dev}/`, isMainFrame: true }, dev, true],
    ['dev server, not configured', { frameUrl: `${dev}/`, isMainFrame: true }, undefined, false],
  ]
  it.each(cases)('%s', (_label, sender, devOrigin, expected) => {
    expect(isTrustedSender(sender, devOrigin)).toBe(expected)
  })
})

describe('parseIpcArgs', () => {
  it('returns typed arguments when they match the schema', () => {
    expect(parseIpcArgs('sync:start', [{ mode: 'delta' }])).toEqual({
      ok: true,
      args: [{ mode: 'delta' }],
    })
  })

  it('names the faulty field without echoing its value', () => {
    const parsed = parseIpcArgs('credentials:set', [
      { kind: 'client-secret', clientSecret: 'tr3s-s3cret', extra: 1 },
    ])
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.problems).toMatch(/^0 : Unrecognized key/)
    expect(parsed.problems).not.toContain('tr3s-s3cret')
  })

  it('reports a wrong argument count', () => {
    const parsed = parseIpcArgs('settings:get', [1])
    expect(parsed.ok).toBe(false)
  })
})

function fakeHandlers(): IpcHandlers {
  return {
    'app:info': () => ({
      version: '0.1.0',
      platform: 'linux',
      isPackaged: false,
      electronVersion: '45.5.0',
    }),
    'app:openExternal': (url) => url.startsWith('https://'),
    'settings:get': () => ({ settings: DEFAULT_SETTINGS, notice: null }),
    'settings:set': (settings) => ({ ok: true, value: settings }),
    'settings:completePurge': () => ({ ok: true, value: { cleared: true } }),
    'credentials:set': () => ({
      ok: true,
      value: { hasClientSecret: true, certificate: null, protection: 'os' },
    }),
    'credentials:clear': () => ({
      ok: true,
      value: { hasClientSecret: false, certificate: null, protection: 'os' },
    }),
    'credentials:status': () => ({ hasClientSecret: false, certificate: null, protection: 'os' }),
    'trust:status': () => ({ extraCa: null }),
    'trust:setCa': () => ({ ok: true, value: { extraCa: null } }),
    'trust:clearCa': () => ({ ok: true, value: { extraCa: null } }),
    'sync:start': () => Promise.resolve({ ok: true, value: { startedAt: '2026-11-26T00:00:00Z' } }),
    'sync:cancel': () => ({ wasRunning: false }),
    'sync:status': () => ({ state: 'idle', last: null }),
    'sync:testConnection': () => ({ ok: true, value: { message: 'Connexion réussie' } }),
  }
}

describe('dispatchIpcCall', () => {
  beforeEach(() => vi.spyOn(console, 'warn').mockImplementation(() => undefined))
  afterEach(() => vi.restoreAllMocks())

  it('calls the handler with parsed arguments', async () => {
    const result = await dispatchIpcCall(
      'app:openExternal',
      APP_PAGE,
      ['https://github.com/'],
      fakeHandlers(),
    )
    expect(result).toBe(true)
  })

  it('refuses an untrusted sender before looking at the arguments', async () => {
    const handlers = fakeHandlers()
    const spy = vi.spyOn(handlers, 'app:info')
    const sender = { frameUrl: 'https://evil.com/', isMainFrame: true }
    await expect(dispatchIpcCall('app:info', sender, [], handlers)).rejects.toThrow(
      IpcRejectedError,
    )
    expect(spy).not.toHaveBeenCalled()
  })

  it('refuses invalid arguments and never reaches the handler', async () => {
    const handlers = fakeHandlers()
    const spy = vi.spyOn(handlers, 'settings:set')
    const bad = { ...DEFAULT_SETTINGS, accessProfile: 9 }
    await expect(dispatchIpcCall('settings:set', APP_PAGE, [bad], handlers)).rejects.toThrow(
      /arguments invalides/,
    )
    expect(spy).not.toHaveBeenCalled()
  })
})

describe('registerIpcHandlers', () => {
  it('registers every channel once and removes them all', async () => {
    const registered = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>()
    const ipcMain = {
      handle: (channel: string, listener: never) => registered.set(channel, listener),
      removeHandler: (channel: string) => registered.delete(channel),
    }
    const dispose = registerIpcHandlers(ipcMain as unknown as IpcMain, fakeHandlers())
    expect([...registered.keys()].sort()).toEqual([...IPC_CHANNELS].sort())

    const event = { senderFrame: { url: 'app://ror-hors-ligne/index.html', parent: null } }
    await expect(registered.get('sync:status')?.(event)).resolves.toEqual({
      state: 'idle',
      last: null,
    })
    const subFrame = { senderFrame: { url: 'app://ror-hors-ligne/index.html', parent: {} } }
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    await expect(registered.get('sync:status')?.(subFrame)).rejects.toThrow(IpcRejectedError)
    await expect(registered.get('sync:status')?.({ senderFrame: null })).rejects.toThrow(
      IpcRejectedError,
    )
    vi.restoreAllMocks()

    dispose()
    expect(registered.size).toBe(0)
  })
})

describe('sendMainEvent', () => {
  it('sends on the event channel, and not to a destroyed window', () => {
    const sent: unknown[][] = []
    const event: MainEvent = {
      type: 'sync:progress',
      progress: { phase: 'download', done: 1, total: 2 },
    }
    sendMainEvent(
      { isDestroyed: () => false, send: (...args: unknown[]) => sent.push(args) },
      event,
    )
    sendMainEvent({ isDestroyed: () => true, send: (...args: unknown[]) => sent.push(args) }, event)
    expect(sent).toEqual([[MAIN_EVENT_CHANNEL, event]])
  })
})
