import type { RorPreloadApi } from '../../../core/ipc/contract'
import { createElectronPlatform } from './electron'
import type { Platform } from './types'
import { createWebPlatform } from './web'

export type { Platform, AppInfo } from './types'

/** Picks the adapter: the preload bridge exists only inside the desktop app. */
export function detectPlatform(): Platform {
  const bridge = (window as unknown as { ror?: RorPreloadApi }).ror
  return bridge ? createElectronPlatform(bridge) : createWebPlatform()
}
