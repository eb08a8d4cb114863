/**
 * `POST /auth/token`: the OAuth2 token endpoint (client credentials grant). Error bodies follow
 * RFC 6749 §5.2 (`{"error": "invalid_client", …}`), not FHIR, as a Keycloak realm answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { timingSafeEqual } from 'node:crypto'
import { TLSSocket } from 'node:tls'
import { profileOfClient, type TokenService } from './auth'
import { readBody, sendJson } from './http-util'

export interface TokenEndpointOptions {
  clientSecret: string
  /** When true, profiles 1–5 must present a client certificate issued by the sandbox CA. */
  mtls: boolean
}

export interface PeerCertificate {
  /** Whether the certificate chains to the CA the server trusts. */
  authorized: boolean
  names: string[]
  fingerprint256: string
}

/** The client certificate presented on this TLS connection, if any. */
export function peerCertificate(req: IncomingMessage): PeerCertificate | undefined {
  const socket = req.socket
  if (!(socket instanceof TLSSocket)) return undefined
  const cert = socket.getPeerCertificate()
  if (!cert || Object.keys(cert).length === 0 || !cert.fingerprint256) return undefined
  const cn = cert.subject?.CN
  const names = [...(Array.isArray(cn) ? cn : cn ? [cn] : [])]
  for (const san of (cert.subjectaltname ?? '').split(',')) {
    const value = san.trim().replace(/^(DNS|URI|email):/, '')
    if (value) names.push(value)
  }
  return { authorized: socket.authorized, names, fingerprint256: cert.fingerprint256 }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

interface Credentials {
  clientId?: string
  clientSecret?: string
  usedBasic: boolean
}

function readCredentials(req: IncomingMessage, form: URLSearchParams): Credentials {
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')
  if (basic?.[1]) {
    // RFC 6749 §2.3.1: id and secret are form-urlencoded before the Basic encoding.
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    const id = colon >= 0 ? decoded.slice(0, colon) : decoded
    const secret = colon >= 0 ? decoded.slice(colon + 1) : undefined
    return {
      clientId: decodeURIComponent(id.replace(/\+/g, ' ')),
      ...(secret !== undefined
        ? { clientSecret: decodeURIComponent(secret.replace(/\+/g, ' ')) }
        : {}),
      usedBasic: true,
    }
  }
  const clientId = form.get('client_id') ?? undefined
  const clientSecret = form.get('client_secret') ?? undefined
  return {
    ...(clientId !== undefined ? { clientId } : {}),
    ...(clientSecret !== undefined ? { clientSecret } : {}),
    usedBasic: false,
  }
}

export async function handleTokenRequest(
  req: IncomingMessage,
  res: ServerResponse,
  tokens: TokenService,
  options: TokenEndpointOptions,
): Promise<void> {
  const oauthError = (status: number, error: string, description: string, basic = false): void =>
    sendJson(
      res,
      status,
      { error, error_description: description },
      {
        Pragma: 'no-cache',
        ...(basic ? { 'WWW-Authenticate': 'Basic realm="ror-sandbox"' } : {}),
      },
    )

  if (req.method !== 'POST') return oauthError(405, 'invalid_request', 'use POST')
  if (!(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'body must be application/x-www-form-urlencoded')
  }
  const form = new URLSearchParams(await readBody(req))
  if (form.get('grant_type') !== 'client_credentials') {
    return oauthError(
      400,
      'unsupported_grant_type',
      'only grant_type=client_credentials is supported',
    )
  }
  const creds = readCredentials(req, form)
  const profile = creds.clientId === undefined ? undefined : profileOfClient(creds.clientId)
  if (creds.clientId === undefined || profile === undefined) {
    return oauthError(
      401,
      'invalid_client',
      'unknown client_id (use profil-0 … profil-5)',
      creds.usedBasic,
    )
  }
  const secretOk =
    creds.clientSecret !== undefined && safeEqual(creds.clientSecret, options.clientSecret)
  let fingerprint: string | undefined
  if (options.mtls && profile >= 1) {
    const cert = peerCertificate(req)
    if (!cert?.authorized || !cert.names.includes(creds.clientId)) {
      return oauthError(
        401,
        'invalid_client',
        `${creds.clientId} must authenticate with a client certificate (CN or SAN ${creds.clientId}) issued by the sandbox CA`,
        creds.usedBasic,
      )
    }
    if (creds.clientSecret !== undefined && !secretOk) {
      return oauthError(401, 'invalid_client', 'wrong client_secret', creds.usedBasic)
    }
    fingerprint = cert.fingerprint256
  } else if (!secretOk) {
    return oauthError(401, 'invalid_client', 'missing or wrong client_secret', creds.usedBasic)
  }
  const token = tokens.issue({ clientId: creds.clientId, profile }, fingerprint)
  sendJson(res, 200, token, { Pragma: 'no-cache' })
}
