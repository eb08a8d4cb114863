import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { buildMainWindowOptions, createMainWindow } from './window'

describe('buildMainWindowOptions', () => {
  const options = buildMainWindowOptions({
    preloadPath: '/app/out/preload/index.cjs',
    isDevToolsEnabled: false,
  })

  it('locks the renderer down', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      devTools: false,
    })
  })

  it('waits for the first paint before showing the French-titled window', () => {
    expect(options.show).toBe(false)
    expect(options.title).toBe('ROR hors ligne')
  })

  it('enables DevTools only when asked', () => {
    const dev = buildMainWindowOptions({ preloadPath: '/p.cjs', isDevToolsEnabled: true })
    expect(dev.webPreferences?.devTools).toBe(true)
  })
})

describe('createMainWindow', () => {
  it('constructs with the options and shows on ready-to-show', () => {
    const calls: string[] = []
    let readyListener: (() => void) | undefined
    class FakeWindow {
      constructor(readonly options: BrowserWindowConstructorOptions) {}
      once(event: string, listener: () => void) {
        calls.push(`once:${event}`)
        readyListener = listener
      }
      show() {
        calls.push('show')
      }
    }
    const window = createMainWindow(
      FakeWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow,
      { preloadPath: '/p.cjs', isDevToolsEnabled: false },
    ) as unknown as FakeWindow
    expect(window.options.webPreferences?.sandbox).toBe(true)
    expect(calls).toEqual(['once:ready-to-show'])
    readyListener?.()
    expect(calls).toEqual(['once:ready-to-show', 'show'])
  })
})
