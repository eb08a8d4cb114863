/**
 * What the renderer may do beyond rendering its own pages: open windows, navigate, attach
 * webviews, use permissions. The answer is almost always no. Decisions are pure functions
 * (tested); the `harden*` functions only attach them to Electron objects, which are passed
 * in so this module never loads `electron` itself.
 */
import type { Session, WebContents } from 'electron'
import { isInternalUrl, parseTrustedExternalUrl } from '../core/security/url-trust'

export interface SecurityOptions {
  /** Dev-server origin trusted like `app://` during `electron-vite dev`; unset when packaged. */
  devOrigin?: string
  /** Hands a trusted https URL to the system browser (`shell.openExternal`). */
  openExternal: (url: string) => Promise<void>
}

/**
 * Permissions the app uses: writing to the clipboard (copy a phone number, an address) and
 * persistent storage (the snapshot must not be evicted under disk pressure). Nothing else —
 * no camera, geolocation, notifications, HID/USB/serial, etc.
 */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set([
  'clipboard-sanitized-write',
  'persistent-storage',
])

/** A permission is granted only if it is in the list and asked for by the app itself. */
export function isPermissionGranted(
  permission: string,
  requestingUrl: string | undefined,
  devOrigin?: string,
): boolean {
  return (
    GRANTED_PERMISSIONS.has(permission) &&
    requestingUrl !== undefined &&
    isInternalUrl(requestingUrl, devOrigin)
  )
}

export type NavigationDecision =
  | { action: 'allow' }
  /** The window stays where it is; a trusted link opens in the system browser instead. */
  | { action: 'deny'; openExternally: string | null }

/** Navigation of the app window: only to app pages; a trusted link goes to the browser. */
export function decideNavigation(url: string, devOrigin?: string): NavigationDecision {
  if (isInternalUrl(url, devOrigin)) return { action: 'allow' }
  return { action: 'deny', openExternally: parseTrustedExternalUrl(url)?.href ?? null }
}

/** `window.open` never creates a window; a trusted link goes to the system browser. */
export function decideWindowOpen(url: string): { openExternally: string | null } {
  return { openExternally: parseTrustedExternalUrl(url)?.href ?? null }
}

function openSafely(options: SecurityOptions, url: string | null): void {
  if (url === null) return
  options.openExternal(url).catch((error: unknown) => {
    console.error(`Ouverture dans le navigateur impossible : ${url}`, error)
  })
}

/** Attaches the window/navigation/webview policy to any web contents (app-wide). */
export function hardenWebContents(contents: WebContents, options: SecurityOptions): void {
  contents.setWindowOpenHandler(({ url }) => {
    openSafely(options, decideWindowOpen(url).openExternally)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, options.devOrigin)
    if (decision.action === 'deny') {
      event.preventDefault()
      openSafely(options, decision.openExternally)
    }
  })
  // Sub-frames (the app has none) and redirects may never leave the app either.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isInternalUrl(event.url, options.devOrigin)) event.preventDefault()
  })
  contents.on('will-redirect', (event) => {
    if (!isInternalUrl(event.url, options.devOrigin)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
  })
}

/** Refuses every permission but {@link GRANTED_PERMISSIONS}, and every device. */
export function hardenSession(session: Session, options: Pick<SecurityOptions, 'devOrigin'>): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const requestingUrl = 'requestingUrl' in details ? details.requestingUrl : undefined
    callback(isPermissionGranted(permission, requestingUrl, options.devOrigin))
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin, options.devOrigin),
  )
  session.setDevicePermissionHandler(() => false)
}
