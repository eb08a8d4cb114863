/**
 * What the renderer needs from its host. Two implementations: `electron` (through the
 * preload bridge, `window.ror`) and `web` (browser mode, `npm run web`). Feature code only
 * sees this interface, never `window.ror` directly.
 */
export interface AppInfo {
  name: string
  version: string
  /** Where the renderer runs: the desktop app or the browser mode. */
  host: 'electron' | 'web'
}

export interface Platform {
  readonly kind: 'electron' | 'web'
  appInfo(): Promise<AppInfo>
  /**
   * Opens an external link outside the app window. The host decides whether the URL is
   * trusted; an untrusted URL is refused and the promise resolves to false.
   */
  openExternal(url: string): Promise<boolean>
}
