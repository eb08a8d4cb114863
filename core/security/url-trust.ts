/**
 * URL trust decisions, as pure functions over `new URL` (never substring tests on the raw
 * string). Three questions are answered here:
 *
 * - is this URL the app itself (`app://ror-hors-ligne/…`, or the browser-mode / dev origin)?
 * - may this URL be handed to the system browser (an allow-listed https site)?
 * - may this URL be used as a ROR server (where credentials will be sent)?
 *
 * The main process uses them to decide navigation, `window.open`, IPC senders and
 * permissions; the web adapter uses them to decide which links it opens.
 */

/** Custom scheme the desktop app is served from (registered in main/protocol.ts). */
export const APP_SCHEME = 'app'
/**
 * Host of the app origin. The origin `app://ror-hors-ligne` owns the IndexedDB holding the
 * user's snapshots: changing it after a release would silently orphan their data.
 */
export const APP_HOST = 'ror-hors-ligne'
/** The app origin, as Chromium reports it once the scheme is registered as standard. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** The page the desktop window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * Sites the app may open in the system browser (documentation, data sources and licences
 * credited in « À propos »). A host matches itself and its proper subdomains.
 */
export const TRUSTED_EXTERNAL_HOSTS: readonly string[] = [
  'esante.gouv.fr',
  'ansforge.github.io',
  'github.com',
  'geonames.org',
  'naturalearthdata.com',
  'data.gouv.fr',
  'etalab.gouv.fr',
  'creativecommons.org',
  'opensource.org',
  'leafletjs.com',
]

/**
 * Characters a genuine link never needs but that URL parsers silently repair or reinterpret
 * (`\` becomes `/` in http(s) URLs, tabs and newlines are dropped, leading and trailing
 * spaces trimmed). Their presence means the string shown is not the URL that would be
 * opened, so it is refused rather than normalised.
 */
// eslint-disable-next-line no-control-regex
const SUSPICIOUS_CHARACTERS = /[\\\u0000-\u0020\u007f]/

function parseStrict(url: string): URL | null {
  if (SUSPICIOUS_CHARACTERS.test(url)) return null
  try {
    return new URL(url)
  } catch {
    // Not a URL at all: nothing to trust.
    return null
  }
}

function hasCredentials(url: URL): boolean {
  return url.username !== '' || url.password !== ''
}

/** Exact host or a proper subdomain of it, on hostnames already lowercased by `URL`. */
function isHostOrSubdomain(hostname: string, allowed: string): boolean {
  return hostname === allowed || hostname.endsWith(`.${allowed}`)
}

/**
 * Whether `url` points inside the app: `app://ror-hors-ligne/…` exactly (no credentials, no
 * port), or — in browser mode and during development — the given dev origin
 * (e.g. `http://127.0.0.1:5173`), compared as a whole origin.
 */
export function isInternalUrl(url: string, devOrigin?: string): boolean {
  const parsed = parseStrict(url)
  if (!parsed || hasCredentials(parsed)) return false
  // `app:` is a non-special scheme for the WHATWG parser (its origin reads "null"), so the
  // scheme and host are compared one by one instead of through `origin`.
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST
  if (devOrigin === undefined) return false
  const dev = parseStrict(devOrigin)
  if (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:')) return false
  return parsed.origin === dev.origin
}

/**
 * Parses `url` and returns it when it may be opened in the system browser: `https:` only,
 * no credentials, default port, a host from {@link TRUSTED_EXTERNAL_HOSTS} or one of its
 * subdomains (IDN lookalikes arrive punycode-encoded and so never match), no trailing dot.
 * Callers must open the returned normalised `href`, never the raw input.
 */
export function parseTrustedExternalUrl(url: string): URL | null {
  const parsed = parseStrict(url)
  if (!parsed) return null
  if (parsed.protocol !== 'https:' || hasCredentials(parsed) || parsed.port !== '') return null
  const host = parsed.hostname
  // `example.org.` resolves like `example.org` but fails certificate checks and dodges
  // exact comparisons elsewhere: refuse it.
  if (host.endsWith('.')) return null
  return TRUSTED_EXTERNAL_HOSTS.some((allowed) => isHostOrSubdomain(host, allowed)) ? parsed : null
}

/** Whether `url` may be opened in the system browser; see {@link parseTrustedExternalUrl}. */
export function isTrustedExternalUrl(url: string): boolean {
  return parseTrustedExternalUrl(url) !== null
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost'])

/**
 * Whether `url` may be configured as a ROR endpoint (FHIR base or token URL), i.e. a place
 * the app will send credentials to: `https:` anywhere, or plain `http:` only on the loopback
 * interface (the local sandbox, tools/ror-sandbox). No credentials in the URL, no fragment.
 */
export function isAcceptableServerUrl(url: string): boolean {
  const parsed = parseStrict(url)
  if (!parsed || hasCredentials(parsed) || parsed.hash !== '') return false
  if (parsed.protocol === 'https:') return parsed.hostname !== '' && !parsed.hostname.endsWith('.')
  return parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname)
}
