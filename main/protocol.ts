/**
 * The `app://ror-hors-ligne/` protocol that serves the built renderer (out/renderer).
 *
 * Why not `file://`: a file URL gives the page the whole disk as its origin and an opaque
 * origin for storage. A privileged standard scheme gives the renderer a real, stable origin
 * (it owns the IndexedDB snapshots), lets CSP `'self'` mean "the app" and lets us refuse any
 * path outside the renderer folder.
 */
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { CustomScheme, Protocol } from 'electron'
import { APP_HOST, APP_SCHEME } from '../core/security/url-trust'

/** Registered before `app.ready` (Electron only accepts privileges then). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  // standard: real origin and relative URL resolution; secure: a secure context (crypto,
  // storage persistence); supportFetchAPI: fetch() of bundled data files; codeCache: V8 code
  // cache for the bundles, which standard schemes allow.
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
}

/** The subset of `path` used here, so tests can run the Windows rules on any OS. */
export type PathApi = Pick<typeof path, 'resolve' | 'sep'>

/** Characters no bundled file name has and that mean something to a file system. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_PATH = /[\\:\u0000-\u001f\u007f]/

/**
 * Maps an `app://ror-hors-ligne/…` URL to a file inside `root`, or null when the URL is not
 * an app URL or would leave `root`. The query and hash are ignored; `/` means `index.html`.
 * The path is percent-decoded once, then refused if any segment is `.` or `..` (so `%2e%2e`
 * and `..%2f` cannot climb), if it holds a backslash, a colon (drive letters, NTFS streams)
 * or a control character (NUL); finally the resolved path must still start with `root`.
 */
export function resolveAppPath(root: string, url: string, paths: PathApi = path): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    // Not a URL: nothing to serve.
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  if (parsed.username !== '' || parsed.password !== '') return null

  let decoded: string
  try {
    decoded = decodeURIComponent(parsed.pathname)
  } catch {
    // Malformed percent-encoding (`%E0%A4%A`): refuse rather than guess.
    return null
  }
  if (FORBIDDEN_IN_PATH.test(decoded)) return null
  const segments = decoded.split('/').filter((segment) => segment !== '')
  if (segments.some((segment) => segment === '.' || segment === '..')) return null

  const resolvedRoot = paths.resolve(root)
  const target = paths.resolve(resolvedRoot, ...(segments.length > 0 ? segments : ['index.html']))
  return target.startsWith(resolvedRoot + paths.sep) ? target : null
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
}

/** Content type by extension; unknown files are served as opaque bytes, never sniffed. */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream'
}

function isMissingFileError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR'
}

async function readIfFile(filePath: string): Promise<Uint8Array | null> {
  try {
    const info = await stat(filePath)
    return info.isFile() ? new Uint8Array(await readFile(filePath)) : null
  } catch (error) {
    if (isMissingFileError(error)) return null
    throw error
  }
}

export interface AppProtocolOptions {
  /** Absolute path of the built renderer (out/renderer). */
  root: string
  /** Content-Security-Policy header value (main/csp.ts). */
  csp: string
}

/** The `protocol.handle` handler, a plain Request → Response function (tested under Node). */
export function createAppRequestHandler(options: AppProtocolOptions) {
  const plainResponse = (status: number, text: string): Response =>
    new Response(text, {
      status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
    })

  return async function handleAppRequest(request: Request): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plainResponse(405, 'Méthode non autorisée')
    }
    const filePath = resolveAppPath(options.root, request.url)
    if (filePath === null) return plainResponse(404, 'Introuvable')
    let body: Uint8Array | null
    try {
      body = await readIfFile(filePath)
    } catch (error) {
      console.error(`app:// — lecture impossible de ${filePath}`, error)
      return plainResponse(500, 'Erreur de lecture')
    }
    if (body === null) return plainResponse(404, 'Introuvable')
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'Content-Type': contentTypeFor(filePath),
        'Content-Length': String(body.byteLength),
        'Content-Security-Policy': options.csp,
        'X-Content-Type-Options': 'nosniff',
      },
    })
  }
}

export function registerAppSchemePrivileges(
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>,
): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
}

/** Serves the renderer on `app://` for the session `protocol` belongs to (after ready). */
export function serveAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  options: AppProtocolOptions,
): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(options))
}
