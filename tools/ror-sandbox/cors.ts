import type { IncomingMessage, ServerResponse } from 'node:http'

/** The browser-mode app (`npm run web`) on this machine: loopback origins only. */
const LOOPBACK_ORIGIN = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/

/**
 * CORS for the browser-mode app, which syncs from another local port: answers the preflight
 * and lets the page read the headers the sync needs (`Content-Location` of `$export`,
 * `Retry-After`, `X-Progress`). Only loopback origins are allowed; other origins get no CORS
 * headers, so a page from elsewhere cannot read the sandbox. Returns true when the request was
 * a preflight, fully answered here.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin
  if (!origin || !LOOPBACK_ORIGIN.test(origin)) return false
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Vary', 'Origin')
  res.setHeader(
    'Access-Control-Expose-Headers',
    'Content-Location, Retry-After, X-Progress, Location',
  )
  if (req.method !== 'OPTIONS') return false
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS')
  res.setHeader(
    'Access-Control-Allow-Headers',
    req.headers['access-control-request-headers'] ?? 'Authorization, Content-Type, Prefer, Accept',
  )
  res.setHeader('Access-Control-Max-Age', '600')
  res.writeHead(204).end()
  return true
}
