import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  DEFAULT_SETTINGS,
  IPC_CHANNELS,
  MAIN_EVENT_CHANNEL,
  PRELOAD_GLOBAL,
  PRELOAD_METHOD_BY_CHANNEL,
} from '../core/ipc/contract'
import type { MainEvent, RorPreloadApi } from '../core/ipc/contract'

// The real `electron` module cannot load under Node (it tries to download the binary): the
// preload is run against a stand-in that records what it does.
const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invocations: [] as unknown[][],
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
}))
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => bridge.exposed.set(key, value),
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      bridge.invocations.push(args)
      return Promise.resolve(`result of ${String(args[0])}`)
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = bridge.listeners.get(channel) ?? new Set()
      set.add(listener)
      bridge.listeners.set(channel, set)
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
      bridge.listeners.get(channel)?.delete(listener)
    },
  },
}))

await import('./index')
const api = bridge.exposed.get(PRELOAD_GLOBAL) as RorPreloadApi

beforeEach(() => {
  bridge.invocations.length = 0
})

describe('preload', () => {
  it('exposes exactly one object, of named functions only', () => {
    expect([...bridge.exposed.keys()]).toEqual([PRELOAD_GLOBAL])
    const expected = [...Object.values(PRELOAD_METHOD_BY_CHANNEL), 'onEvent'].sort()
    expect(Object.keys(api).sort()).toEqual(expected)
    for (const value of Object.values(api)) expect(typeof value).toBe('function')
  })

  it('maps every function to its own channel with its arguments', async () => {
    const argsFor: Record<string, unknown[]> = {
      'app:openExternal': ['https://esante.gouv.fr/'],
      'settings:set': [DEFAULT_SETTINGS],
      'settings:completePurge': [0],
      'trust:setCa': [{ fileName: 'ca.pem', data: new Uint8Array([0x2d]) }],
      'credentials:set': [{ kind: 'client-secret', clientSecret: 's' }],
      'credentials:clear': ['all'],
      'sync:start': [{ mode: 'full' }],
    }
    for (const channel of IPC_CHANNELS) {
      const method = (api as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[
        PRELOAD_METHOD_BY_CHANNEL[channel]
      ]
      const args = argsFor[channel] ?? []
      await expect(method?.(...args)).resolves.toBe(`result of ${channel}`)
      expect(bridge.invocations.at(-1)).toEqual([channel, ...args])
    }
    expect(bridge.invocations).toHaveLength(IPC_CHANNELS.length)
  })

  it('delivers event payloads without the Electron event, until unsubscribed', () => {
    const received: MainEvent[] = []
    const unsubscribe = api.onEvent((event) => received.push(event))
    const event: MainEvent = { type: 'sync:progress', progress: { phase: 'download' } }
    const emit = () => {
      for (const listener of bridge.listeners.get(MAIN_EVENT_CHANNEL) ?? []) {
        listener({ sender: 'ipcRenderer internals' }, event)
      }
    }
    emit()
    unsubscribe()
    emit()
    expect(received).toEqual([event])
    expect(bridge.listeners.get(MAIN_EVENT_CHANNEL)?.size).toBe(0)
  })
})

describe('storage port', () => {
  function emitPort(port: unknown) {
    for (const listener of bridge.listeners.get('storage:port') ?? []) {
      listener({ ports: port === undefined ? [] : [port] })
    }
  }

  it('forwards the port from main to this window only, once the page has loaded', () => {
    const posted: unknown[][] = []
    let onLoad: (() => void) | undefined
    vi.stubGlobal('location', { origin: 'app://ror-hors-ligne' })
    vi.stubGlobal('document', { readyState: 'loading' })
    vi.stubGlobal('postMessage', (...args: unknown[]) => posted.push(args))
    vi.stubGlobal('addEventListener', (type: string, listener: () => void) => {
      if (type === 'load') onLoad = listener
    })
    const port = { name: 'port2' }
    emitPort(port)
    expect(posted).toEqual([])
    onLoad?.()
    expect(posted).toEqual([[{ type: 'ror:storage-port' }, 'app://ror-hors-ligne', [port]]])

    // Already loaded (a port after a reload of main's side): posted at once.
    vi.stubGlobal('document', { readyState: 'complete' })
    vi.stubGlobal('location', { origin: 'null' })
    emitPort(port)
    expect(posted[1]).toEqual([{ type: 'ror:storage-port' }, '*', [port]])
    emitPort(undefined)
    expect(posted).toHaveLength(2)
    vi.unstubAllGlobals()
  })
})
