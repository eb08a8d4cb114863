import type { Platform } from '../platform/types'

/**
 * Defence in depth for both hosts: a click on any link that leaves the app's own origin is
 * cancelled and handed to the platform, which opens trusted https links outside the app and
 * refuses the rest. The app window itself never navigates away (in Electron the main
 * process enforces the same rule with will-navigate / setWindowOpenHandler).
 */
export function installLinkGuard(doc: Document, platform: Platform): () => void {
  const onClick = (event: MouseEvent) => {
    const target = event.target instanceof Element ? event.target.closest('a[href]') : null
    if (!(target instanceof HTMLAnchorElement)) return
    const href = target.getAttribute('href') ?? ''
    let url: URL
    try {
      url = new URL(href, doc.baseURI)
    } catch {
      event.preventDefault()
      return
    }
    if (url.origin === doc.location.origin) return
    event.preventDefault()
    void platform.openExternal(url.toString())
  }
  doc.addEventListener('click', onClick, true)
  return () => doc.removeEventListener('click', onClick, true)
}
