import { EventEmitter } from 'node:events'
import type { Session, WebContents } from 'electron'
import { describe, expect, it } from 'vitest'
import {
  decideNavigation,
  decideWindowOpen,
  hardenSession,
  hardenWebContents,
  isPermissionGranted,
} from './security'

const DEV = 'http://localhost:5173'

describe('decideNavigation', () => {
  const cases: [string, string | undefined, ReturnType<typeof decideNavigation>][] = [
    ['app://ror-hors-ligne/index.html?q=1', undefined, { action: 'allow' }],
    [`${DEV}/index.html`, DEV, { action: 'allow' }],
    [`${DEV}/index.html`, undefined, { action: 'deny', openExternally: null }],
    [
      'https://interop.esante.gouv.fr/ig/fhir/ror/',
      undefined,
      { action: 'deny', openExternally: 'https://interop.esante.gouv.fr/ig/fhir/ror/' },
    ],
    ['https://esante.gouv.fr.evil.com/', undefined, { action: 'deny', openExternally: null }],
    ['http://esante.gouv.fr/', undefined, { action: 'deny', openExternally: null }],
    ['file:///etc/passwd', undefined, { action: 'deny', openExternally: null }],
    ['javascript:alert(1)', undefined, { action: 'deny', openExternally: null }],
  ]
  it.each(cases)('%s (dev origin %s)', (url, devOrigin, expected) => {
    expect(decideNavigation(url, devOrigin)).toEqual(expected)
  })

  it('hands the normalised URL to the browser, not the raw one', () => {
    expect(decideWindowOpen('HTTPS://GITHUB.COM:443/ansforge').openExternally).toBe(
      'https://github.com/ansforge',
    )
    expect(decideWindowOpen('https://user@github.com/').openExternally).toBeNull()
  })
})

describe('isPermissionGranted', () => {
  const cases: [string, string | undefined, boolean][] = [
    ['clipboard-sanitized-write', 'app://ror-hors-ligne/index.html', true],
    ['persistent-storage', 'app://ror-hors-ligne', true],
    ['clipboard-sanitized-write', 'https://esante.gouv.fr/', false],
    ['clipboard-sanitized-write', undefined, false],
    ['clipboard-read', 'app://ror-hors-ligne/index.html', false],
    ['geolocation', 'app://ror-hors-ligne/index.html', false],
    ['media', 'app://ror-hors-ligne/index.html', false],
    ['notifications', 'app://ror-hors-ligne/index.html', false],
    ['openExternal', 'app://ror-hors-ligne/index.html', false],
    ['hid', 'app://ror-hors-ligne/index.html', false],
  ]
  it.each(cases)('%s requested by %s → %s', (permission, url, expected) => {
    expect(isPermissionGranted(permission, url)).toBe(expected)
  })
})

/** Just enough of WebContents: an event emitter plus the window-open handler slot. */
class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  /** Emits like Electron: an event object with the params and preventDefault. */
  fire(name: string, params: Record<string, unknown> = {}): boolean {
    let isPrevented = false
    this.emit(name, { ...params, preventDefault: () => (isPrevented = true) })
    return isPrevented
  }
}

function harden(devOrigin?: string) {
  const contents = new FakeWebContents()
  const opened: string[] = []
  hardenWebContents(contents as unknown as WebContents, {
    devOrigin,
    openExternal: (url) => {
      opened.push(url)
      return Promise.resolve()
    },
  })
  return { contents, opened }
}

describe('hardenWebContents', () => {
  it('denies every window.open and opens trusted links in the browser', () => {
    const { contents, opened } = harden()
    const open = (url: string) => contents.windowOpenHandler?.({ url })
    expect(open('https://ansforge.github.io/ROR-fhir-documentation/')).toEqual({ action: 'deny' })
    expect(open('https://evil.com/')).toEqual({ action: 'deny' })
    expect(open('app://ror-hors-ligne/index.html')).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://ansforge.github.io/ROR-fhir-documentation/'])
  })

  it('keeps the window on app pages', () => {
    const { contents, opened } = harden()
    expect(contents.fire('will-navigate', { url: 'app://ror-hors-ligne/index.html' })).toBe(false)
    expect(contents.fire('will-navigate', { url: 'https://esante.gouv.fr/' })).toBe(true)
    expect(contents.fire('will-navigate', { url: 'https://evil.com/' })).toBe(true)
    expect(opened).toEqual(['https://esante.gouv.fr/'])
  })

  it('blocks redirects away from the app, foreign sub-frames and webviews', () => {
    const { contents, opened } = harden(DEV)
    expect(contents.fire('will-redirect', { url: 'https://evil.com/' })).toBe(true)
    expect(contents.fire('will-redirect', { url: `${DEV}/index.html` })).toBe(false)
    expect(
      contents.fire('will-frame-navigate', { url: 'https://x.org/', isMainFrame: false }),
    ).toBe(true)
    expect(contents.fire('will-attach-webview')).toBe(true)
    expect(opened).toEqual([])
  })

  it('logs, and does not throw, when the browser cannot be opened', async () => {
    const contents = new FakeWebContents()
    const errors: unknown[] = []
    const originalError = console.error
    console.error = (...args: unknown[]) => errors.push(args[0])
    try {
      hardenWebContents(contents as unknown as WebContents, {
        openExternal: () => Promise.reject(new Error('no browser')),
      })
      contents.windowOpenHandler?.({ url: 'https://github.com/' })
      await new Promise((resolve) => setImmediate(resolve))
    } finally {
      console.error = originalError
    }
    expect(errors).toEqual(['Ouverture dans le navigateur impossible : https://github.com/'])
  })
})

describe('hardenSession', () => {
  it('answers permission requests and checks through the allow-list, denies devices', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {}
    const session = {
      setPermissionRequestHandler: (h: never) => (handlers.request = h),
      setPermissionCheckHandler: (h: never) => (handlers.check = h),
      setDevicePermissionHandler: (h: never) => (handlers.device = h),
    }
    hardenSession(session as unknown as Session, {})
    const answers: boolean[] = []
    const request = handlers.request as (...args: unknown[]) => void
    const record = (granted: boolean) => answers.push(granted)
    request(null, 'persistent-storage', record, { requestingUrl: 'app://ror-hors-ligne/' })
    request(null, 'geolocation', record, { requestingUrl: 'app://ror-hors-ligne/' })
    request(null, 'persistent-storage', record, { requestingUrl: 'https://evil.com/' })
    expect(answers).toEqual([true, false, false])
    const check = handlers.check as (...args: unknown[]) => boolean
    expect(check(null, 'clipboard-sanitized-write', 'app://ror-hors-ligne', {})).toBe(true)
    expect(check(null, 'media', 'app://ror-hors-ligne', {})).toBe(false)
    expect((handlers.device as () => boolean)()).toBe(false)
  })
})
