/**
 * The Content-Security-Policy sent with every `app://` response (main/protocol.ts).
 *
 * The renderer is a static Vite build that talks to the network only through main, so it
 * needs nothing beyond its own origin: no inline or evaluated script, no remote anything.
 * `data:`/`blob:` images cover Leaflet's canvas exports and icons; `blob:` workers cover
 * bundled module workers. Kept free of `electron` imports so the browser-mode preview server
 * can send the very same header (and the Chromium e2e suite then checks it).
 */

export type CspDirectives = Record<string, readonly string[]>

/** The policy for the packaged app. */
export const APP_CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
}

/** Sources that would reopen the doors the policy exists to close. */
const FORBIDDEN_SOURCES = new Set(["'unsafe-eval'", "'unsafe-hashes'", '*', 'http:', 'https:'])

/** Raised when a policy is built with a source that defeats it. */
export class UnsafeCspError extends Error {
  override name = 'UnsafeCspError'
}

/**
 * Serialises directives into a header value, optionally adding sources to some directives
 * (e.g. the local sandbox origin for browser-mode `connect-src`). Throws
 * {@link UnsafeCspError} for `'unsafe-eval'`, wildcards, bare schemes, or `'unsafe-inline'`
 * in `script-src`, and for sources containing `;` or `,` (header injection).
 */
export function buildContentSecurityPolicy(
  extra: Partial<Record<string, readonly string[]>> = {},
  base: CspDirectives = APP_CSP_DIRECTIVES,
): string {
  const names = [...new Set([...Object.keys(base), ...Object.keys(extra)])]
  return names
    .map((name) => {
      const sources = [...new Set([...(base[name] ?? []), ...(extra[name] ?? [])])]
      for (const source of sources) assertSafeSource(name, source)
      return sources.length > 0 ? `${name} ${sources.join(' ')}` : name
    })
    .join('; ')
}

function assertSafeSource(directive: string, source: string): void {
  if (!/^[a-z-]+$/.test(directive)) {
    throw new UnsafeCspError(`CSP : nom de directive invalide « ${directive} »`)
  }
  if (/[;,\s]/.test(source) || source === '') {
    throw new UnsafeCspError(`CSP : source invalide « ${source} » dans ${directive}`)
  }
  if (FORBIDDEN_SOURCES.has(source)) {
    throw new UnsafeCspError(`CSP : la source ${source} est interdite (${directive})`)
  }
  if (source === "'unsafe-inline'" && (directive === 'script-src' || directive === 'default-src')) {
    throw new UnsafeCspError(`CSP : 'unsafe-inline' est interdit dans ${directive}`)
  }
}
