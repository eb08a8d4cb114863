import { isTrustedExternalUrl } from '../../../core/security/url-trust'
import type { AppInfo, Platform } from './types'

declare const __APP_VERSION__: string | undefined

/** Browser mode: no privileged host, links open in a new browsing context, never in this one. */
export function createWebPlatform(): Platform {
  return {
    kind: 'web',
    appInfo(): Promise<AppInfo> {
      const version = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev'
      return Promise.resolve({ name: 'ROR hors ligne', version, host: 'web' })
    },
    openExternal(url: string): Promise<boolean> {
      if (!isTrustedExternalUrl(url)) return Promise.resolve(false)
      // With `noopener` window.open returns null even on success; the app window itself
      // never navigates.
      window.open(url, '_blank', 'noopener,noreferrer')
      return Promise.resolve(true)
    },
    // Browser mode has no main process: the engine worker syncs by itself.
    onStoragePort: () => () => undefined,
  }
}
