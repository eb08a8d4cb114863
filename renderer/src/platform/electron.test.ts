import { describe, expect, it } from 'vitest'
import type { RorPreloadApi } from '../../../core/ipc/contract'
import { createElectronPlatform, STORAGE_PORT_MESSAGE, storagePortOf } from './electron'

type Listener = (event: MessageEvent) => void

function fakeWindow() {
  const listeners: Listener[] = []
  const win = {
    addEventListener: (_type: 'message', listener: Listener) => listeners.push(listener),
  }
  const post = (event: Partial<MessageEvent>) => {
    for (const l of listeners) l({ ports: [], ...event } as unknown as MessageEvent)
  }
  return { win, post }
}

const port = (name: string) => ({ name }) as unknown as MessagePort

describe('storage port from the preload', () => {
  it('accepts only this window’s message of the right type with a port', () => {
    const win = {}
    const good = { source: win, data: { type: STORAGE_PORT_MESSAGE }, ports: [port('a')] }
    expect(storagePortOf(good as never, win)).toBe(good.ports[0])
    expect(storagePortOf({ ...good, source: {} } as never, win)).toBeNull()
    expect(storagePortOf({ ...good, source: null } as never, win)).toBeNull()
    expect(storagePortOf({ ...good, data: { type: 'other' } } as never, win)).toBeNull()
    expect(storagePortOf({ ...good, data: STORAGE_PORT_MESSAGE } as never, win)).toBeNull()
    expect(storagePortOf({ ...good, ports: [] } as never, win)).toBeNull()
  })

  it('keeps ports that arrive before anyone listens, then hands over the next ones', () => {
    const { win, post } = fakeWindow()
    const platform = createElectronPlatform({} as RorPreloadApi, win)
    const early = port('early')
    post({ source: win as never, data: { type: STORAGE_PORT_MESSAGE }, ports: [early] })
    post({ source: null, data: { type: STORAGE_PORT_MESSAGE }, ports: [port('forged')] })
    const received: MessagePort[] = []
    const stop = platform.onStoragePort((p) => received.push(p))
    expect(received).toEqual([early])
    const late = port('late')
    post({ source: win as never, data: { type: STORAGE_PORT_MESSAGE }, ports: [late] })
    stop()
    post({ source: win as never, data: { type: STORAGE_PORT_MESSAGE }, ports: [port('after')] })
    expect(received).toEqual([early, late])
  })
})
