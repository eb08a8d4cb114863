import type { RorPreloadApi } from '../../../core/ipc/contract'
import type { AppInfo, Platform } from './types'

/** Desktop app: every privileged call goes through the named functions of the preload. */
export function createElectronPlatform(api: RorPreloadApi): Platform {
  return {
    kind: 'electron',
    async appInfo(): Promise<AppInfo> {
      const info = await api.appInfo()
      return { name: 'ROR hors ligne', version: info.version, host: 'electron' }
    },
    openExternal(url: string): Promise<boolean> {
      return api.openExternal(url)
    },
  }
}
