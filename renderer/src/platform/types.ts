/**
 * What the renderer needs from its host. Two implementations: `electron` (through the
 * preload bridge, `window.ror`) and `web` (browser mode, `npm run web`). Feature code only
 * sees this interface, never `window.ror` directly.
 */
import type { RorPreloadApi } from '../../../core/ipc/contract'

export interface AppInfo {
  name: string
  version: string
  /** Where the renderer runs: the desktop app or the browser mode. */
  host: 'electron' | 'web'
}

/**
 * Desktop only: the settings (and a purge a crash left pending), the secrets (they go in,
 * only their status comes out), the extra trusted CAs and the sync that main runs (issue 5),
 * with main's `sync:*` events.
 */
export type DesktopApi = Pick<
  RorPreloadApi,
  | 'getSettings'
  | 'setSettings'
  | 'completePurge'
  | 'setCredentials'
  | 'clearCredentials'
  | 'getCredentialsStatus'
  | 'getTrustStatus'
  | 'setExtraCa'
  | 'clearExtraCa'
  | 'startSync'
  | 'cancelSync'
  | 'getSyncStatus'
  | 'testConnection'
  | 'onEvent'
>

export interface Platform {
  readonly kind: 'electron' | 'web'
  appInfo(): Promise<AppInfo>
  /**
   * Opens an external link outside the app window. The host decides whether the URL is
   * trusted; an untrusted URL is refused and the promise resolves to false.
   */
  openExternal(url: string): Promise<boolean>
  /** Present in the desktop app only. */
  readonly desktop?: DesktopApi
  /**
   * Ports from main to the storage worker (a new one after each page load); ports that
   * arrived before the first listener are handed to it. Never calls back in browser mode.
   */
  onStoragePort(listener: (port: MessagePort) => void): () => void
}
