/**
 * The one application window, locked down: the renderer is a web page with no Node, isolated
 * from the preload, in Chromium's sandbox. Its only privileged surface is `window.ror`.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron'

export interface MainWindowSettings {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preloadPath: string
  /** DevTools only in development; a packaged app has no console to poke secrets from. */
  isDevToolsEnabled: boolean
}

export const WINDOW_TITLE = 'ROR hors ligne'

/** Constructor options; the `webPreferences` are the security baseline (tested). */
export function buildMainWindowOptions(
  settings: MainWindowSettings,
): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    // Shown on `ready-to-show`, so the user never sees a blank white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: settings.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: settings.isDevToolsEnabled,
    },
  }
}

/** Creates the window from the given constructor (Electron's `BrowserWindow` in main/index.ts). */
export function createMainWindow(
  BrowserWindowClass: new (options: BrowserWindowConstructorOptions) => BrowserWindow,
  settings: MainWindowSettings,
): BrowserWindow {
  const window = new BrowserWindowClass(buildMainWindowOptions(settings))
  window.once('ready-to-show', () => window.show())
  return window
}
