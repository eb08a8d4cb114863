/**
 * The preload: the renderer's only door to main. It exposes `window.ror`, an object of named
 * functions (one per IPC channel) plus an event subscription, and nothing else — no
 * `ipcRenderer`, no generic `invoke(channel)`, no `process`. The object `satisfies` the type
 * derived from core/ipc/contract.ts, so a channel added there without a function here, or a
 * function with the wrong signature, fails the typecheck.
 *
 * It also forwards the MessagePort main sends after each page load (channel `storage:port`)
 * into the page with `window.postMessage`: `contextBridge` cannot pass ports, and this is the
 * way Electron documents for giving one to a context-isolated page. The page's platform adapter
 * (renderer/src/platform/electron.ts) accepts it only from this window, then hands it to the
 * storage worker that receives main's snapshots.
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
/** main/storage-port.ts STORAGE_PORT_CHANNEL (not imported: the preload bundles no main code). */
const STORAGE_PORT_CHANNEL = 'storage:port'
/** renderer/src/platform/electron.ts STORAGE_PORT_MESSAGE. */
const STORAGE_PORT_MESSAGE = 'ror:storage-port'

/** Not exposed: only the named functions below can reach a channel. */
function invoke<C extends IpcChannel>(channel: C, ...args: IpcArgs<C>): Promise<IpcResult<C>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<IpcResult<C>>
}

const api = {
  appInfo: () => invoke('app:info'),
  openExternal: (url) => invoke('app:openExternal', url),
  getSettings: () => invoke('settings:get'),
  setSettings: (settings) => invoke('settings:set', settings),
  completePurge: (profile) => invoke('settings:completePurge', profile),
  setCredentials: (input) => invoke('credentials:set', input),
  clearCredentials: (kind) => invoke('credentials:clear', kind),
  getCredentialsStatus: () => invoke('credentials:status'),
  getTrustStatus: () => invoke('trust:status'),
  setExtraCa: (input) => invoke('trust:setCa', input),
  clearExtraCa: () => invoke('trust:clearCa'),
  startSync: (request) => invoke('sync:start', request),
  cancelSync: () => invoke('sync:cancel'),
  getSyncStatus: () => invoke('sync:status'),
  testConnection: () => invoke('sync:testConnection'),
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

/** The page's window as the preload uses it (its tsconfig has no DOM types). */
interface PageWindow {
  location: { origin: string }
  document: { readyState: string }
  postMessage(message: unknown, targetOrigin: string, transfer: unknown[]): void
  addEventListener(type: 'load', listener: () => void, options: { once: boolean }): void
}

/** Posts the port to the page once it has loaded (its listener is installed by then). */
function forwardStoragePort(port: unknown): void {
  const page = globalThis as unknown as PageWindow
  const post = () => {
    // Our own window only: its origin when it has one (app://, the dev server), else '*'
    // (an opaque origin cannot be named; the message still goes to this window alone).
    const origin = page.location.origin
    const target = origin && origin !== 'null' ? origin : '*'
    page.postMessage({ type: STORAGE_PORT_MESSAGE }, target, [port])
  }
  if (page.document.readyState === 'complete') post()
  else page.addEventListener('load', post, { once: true })
}

ipcRenderer.on(STORAGE_PORT_CHANNEL, (event) => {
  const port: unknown = event.ports[0]
  if (port) forwardStoragePort(port)
})
