/**
 * OAuth2 client-credentials tokens (RFC 6749 §4.4), as the ROR's Keycloak realm issues them:
 * client ids `profil-0` … `profil-5` map to access profiles 0–5. Without mTLS every client
 * authenticates with a secret (form fields or HTTP Basic). With mTLS, profiles 1–5 authenticate
 * with a client certificate instead (RFC 8705) and their token is bound to that certificate.
 * Tokens are JWT-shaped (clients may read `exp`) and also tracked server-side so the sandbox can
 * count their uses and expire them early on demand (fault injection).
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import type { AccessProfile } from '../../core/snapshot/records'

export interface ClientIdentity {
  clientId: string
  profile: AccessProfile
}

export interface TokenRecord extends ClientIdentity {
  jti: string
  expiresAtMs: number
  uses: number
  /** SHA-256 fingerprint of the certificate the token is bound to (mTLS only). */
  certFingerprint?: string
}

export type TokenCheck =
  { ok: true; token: TokenRecord } | { ok: false; error: 'invalid_token'; description: string }

const CLIENT_ID = /^profil-([0-5])$/

export function profileOfClient(clientId: string): AccessProfile | undefined {
  const match = CLIENT_ID.exec(clientId)
  return match ? (Number(match[1]) as AccessProfile) : undefined
}

function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url')
}

export class TokenService {
  private readonly key = randomBytes(32)
  private readonly tokens = new Map<string, TokenRecord>()

  constructor(
    private readonly lifetimeSec: number,
    private readonly issuer: string,
  ) {}

  issue(
    identity: ClientIdentity,
    certFingerprint?: string,
  ): { access_token: string; token_type: 'Bearer'; expires_in: number } {
    this.prune()
    const now = Date.now()
    const jti = randomUUID()
    const record: TokenRecord = {
      ...identity,
      jti,
      expiresAtMs: now + this.lifetimeSec * 1000,
      uses: 0,
      ...(certFingerprint ? { certFingerprint } : {}),
    }
    this.tokens.set(jti, record)
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
    const payload = b64url(
      JSON.stringify({
        iss: this.issuer,
        sub: identity.clientId,
        azp: identity.clientId,
        profile: identity.profile,
        iat: Math.floor(now / 1000),
        exp: Math.floor(record.expiresAtMs / 1000),
        jti,
        ...(certFingerprint ? { cnf: { 'x5t#S256': certFingerprint } } : {}),
      }),
    )
    const signature = this.sign(`${header}.${payload}`)
    return {
      access_token: `${header}.${payload}.${signature}`,
      token_type: 'Bearer',
      expires_in: this.lifetimeSec,
    }
  }

  /**
   * Checks a bearer token and counts one use. `maxUses` simulates a token that expires in the
   * middle of a sync; `certFingerprint` is the certificate presented on this connection.
   */
  verify(
    authorization: string | undefined,
    maxUses?: number,
    certFingerprint?: string,
  ): TokenCheck {
    const fail = (description: string): TokenCheck => ({
      ok: false,
      error: 'invalid_token',
      description,
    })
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')
    if (!match?.[1]) return fail('missing "Authorization: Bearer <token>" header')
    const parts = match[1].split('.')
    if (parts.length !== 3) return fail('malformed access token')
    const [header, payload, signature] = parts as [string, string, string]
    const expected = Buffer.from(this.sign(`${header}.${payload}`))
    const given = Buffer.from(signature)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return fail('access token signature is not valid for this sandbox (restarted?)')
    }
    let jti: unknown
    try {
      jti = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { jti?: unknown })
        .jti
    } catch {
      return fail('malformed access token payload')
    }
    const record = typeof jti === 'string' ? this.tokens.get(jti) : undefined
    if (!record) return fail('unknown access token')
    if (Date.now() >= record.expiresAtMs) return fail('access token expired: request a new one')
    if (record.certFingerprint && record.certFingerprint !== certFingerprint) {
      return fail(
        'access token is bound to a client certificate that this connection did not present',
      )
    }
    record.uses += 1
    if (maxUses !== undefined && record.uses > maxUses) {
      record.expiresAtMs = 0
      return fail(`access token expired after ${maxUses} requests (fault injection)`)
    }
    return { ok: true, token: record }
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url')
  }

  private prune(): void {
    const now = Date.now()
    for (const [jti, record] of this.tokens) {
      if (record.expiresAtMs <= now) this.tokens.delete(jti)
    }
  }
}
