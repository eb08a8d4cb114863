import type { RorPreloadApi } from '../../../core/ipc/contract'
import type { AppInfo, Platform } from './types'

/** `data.type` of the message the preload posts with main's port (preload/index.ts). */
export const STORAGE_PORT_MESSAGE = 'ror:storage-port'

/** The window as the adapter uses it (a structural type, for tests). */
export interface PortWindow {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void
}

/**
 * The port of a `message` event when it is the preload's: posted by this very window (not a
 * frame or another page), with the expected type and a port attached; null otherwise.
 */
export function storagePortOf(
  event: Pick<MessageEvent, 'source' | 'data' | 'ports'>,
  win: unknown,
): MessagePort | null {
  if (event.source !== win) return null
  const type = (event.data as { type?: unknown } | null)?.type
  if (type !== STORAGE_PORT_MESSAGE) return null
  return event.ports[0] ?? null
}

/** Collects ports from the first moment (before React mounts), hands them to listeners. */
function storagePorts(win: PortWindow): Platform['onStoragePort'] {
  const waiting: MessagePort[] = []
  const listeners = new Set<(port: MessagePort) => void>()
  win.addEventListener('message', (event) => {
    const port = storagePortOf(event, win)
    if (!port) return
    if (listeners.size === 0) waiting.push(port)
    for (const listener of listeners) listener(port)
  })
  return (listener) => {
    listeners.add(listener)
    for (const port of waiting.splice(0)) listener(port)
    return () => {
      listeners.delete(listener)
    }
  }
}

/** Desktop app: every privileged call goes through the named functions of the preload. */
export function createElectronPlatform(api: RorPreloadApi, win: PortWindow = window): Platform {
  return {
    kind: 'electron',
    async appInfo(): Promise<AppInfo> {
      const info = await api.appInfo()
      return { name: 'ROR hors ligne', version: info.version, host: 'electron' }
    },
    openExternal(url: string): Promise<boolean> {
      return api.openExternal(url)
    },
    desktop: api,
    onStoragePort: storagePorts(win),
  }
}
