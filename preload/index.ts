/**
 * The preload: the renderer's only door to main. It exposes `window.ror`, an object of named
 * functions (one per IPC channel) plus an event subscription, and nothing else — no
 * `ipcRenderer`, no generic `invoke(channel)`, no `process`. The object `satisfies` the type
 * derived from core/ipc/contract.ts, so a channel added there without a function here, or a
 * function with the wrong signature, fails the typecheck.
 *
 * It runs sandboxed (bundled as CommonJS by electron.vite.config.ts) and imports only types
 * from the contract, so no schema library is shipped into the renderer's process.
 */
import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'
import type {
  IpcArgs,
  IpcChannel,
  IpcResult,
  MainEvent,
  MainEventChannel,
  RorPreloadApi,
} from '../core/ipc/contract'

const EVENT_CHANNEL: MainEventChannel = 'main:event'

/** Not exposed: only the named functions below can reach a channel. */
function invoke<C extends IpcChannel>(channel: C, ...args: IpcArgs<C>): Promise<IpcResult<C>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<IpcResult<C>>
}

const api = {
  appInfo: () => invoke('app:info'),
  openExternal: (url) => invoke('app:openExternal', url),
  getSettings: () => invoke('settings:get'),
  setSettings: (settings) => invoke('settings:set', settings),
  setCredentials: (input) => invoke('credentials:set', input),
  clearCredentials: (kind) => invoke('credentials:clear', kind),
  getCredentialsStatus: () => invoke('credentials:status'),
  startSync: (request) => invoke('sync:start', request),
  cancelSync: () => invoke('sync:cancel'),
  getSyncStatus: () => invoke('sync:status'),
  onEvent: (listener) => {
    // The Electron event object (with its `sender`) stays here; the page gets the payload.
    const forward = (_event: IpcRendererEvent, payload: MainEvent) => listener(payload)
    ipcRenderer.on(EVENT_CHANNEL, forward)
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward)
    }
  },
} satisfies RorPreloadApi

contextBridge.exposeInMainWorld('ror', api)
