/**
 * OAuth2 client-credentials tokens (RFC 6749 §4.4) for the ROR (ROR-FHIR-NOTES §5.1): profile
 * 0 authenticates with `client_secret`, profiles 1–5 with the client certificate of the
 * transport (mTLS, RFC 8705) and no secret. The token is cached and renewed shortly before it
 * expires (`expires_in`, or the JWT `exp` claim), and at once when the server refuses it (401).
 */
import {
  AuthenticationError,
  CertificateRefusedError,
  ProtocolError,
  networkFailureError,
  ServerBusyError,
} from './errors'
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  sleep,
  type RetryPolicy,
} from './retry'
import { NetworkError, readText, type HttpTransport } from './transport'

export interface TokenOptions {
  tokenUrl: string
  clientId: string
  /** Profile 0; absent when a client certificate authenticates the client. */
  clientSecret?: string
  /** True when the transport presents a client certificate (profiles 1–5). */
  usesCertificate: boolean
  transport: HttpTransport
  retry?: RetryPolicy
  now?: () => number
  random?: () => number
  signal?: AbortSignal
  /** Called before each retry of the token request. */
  onRetry?: (reason: string, delayMs: number, attempt: number) => void
}

interface Cached {
  token: string
  /** Renew from this instant on (ms). */
  renewAtMs: number
}

/** Renew this long before expiry (or at 80 % of a short lifetime). */
const RENEW_MARGIN_MS = 60_000

/** The `exp` claim (seconds) of a JWT, when the token is one. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1]
  if (payload === undefined) return undefined
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/')
    const json = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='))) as {
      exp?: unknown
    }
    return typeof json.exp === 'number' ? json.exp : undefined
  } catch {
    return undefined
  }
}

export class TokenProvider {
  private cached: Cached | undefined
  private pending: Promise<string> | undefined
  /** The outcome of {@link prefetch}, for the next `get`. */
  private early: Promise<string> | undefined
  /** Tokens requested so far (tests, summary). */
  issued = 0

  constructor(private readonly options: TokenOptions) {}

  private get now(): number {
    return (this.options.now ?? Date.now)()
  }

  /**
   * Starts getting a token now — while the active snapshot is read, the token endpoint's round
   * trip (a TLS handshake, over a real network) is not on the sync's path. The next `get` takes
   * its outcome, a failure included (the endpoint is not asked twice for one refusal).
   */
  prefetch(): void {
    const early = this.get()
    early.catch(() => undefined) // taken by the next `get`
    this.early = early
  }

  /** A valid token: the cached one unless it is about to expire. */
  async get(): Promise<string> {
    const early = this.early
    if (early) {
      this.early = undefined
      return early
    }
    if (this.cached && this.now < this.cached.renewAtMs) return this.cached.token
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined
    })
    return this.pending
  }

  /** Forgets `token` after the server refused it (401), so the next `get` renews it. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined
  }

  private async fetchToken(): Promise<string> {
    const policy = this.options.retry ?? DEFAULT_RETRY_POLICY
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.tryOnce()
      if (typeof outcome === 'string') return outcome
      if (attempt >= policy.maxAttempts) throw outcome.final
      const delay = backoffDelay(attempt, policy, this.options.random, outcome.retryAfterMs)
      this.options.onRetry?.(outcome.reason, delay, attempt)
      await sleep(delay, this.options.signal)
    }
  }

  private async tryOnce(): Promise<
    string | { reason: string; retryAfterMs?: number; final: Error }
  > {
    const { tokenUrl, clientId, clientSecret, transport } = this.options
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId })
    if (clientSecret !== undefined) form.set('client_secret', clientSecret)
    const host = new URL(tokenUrl).host
    let response
    try {
      response = await transport.request({
        method: 'POST',
        url: tokenUrl,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: form.toString(),
        ...(this.options.signal ? { signal: this.options.signal } : {}),
      })
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error
      const final = networkFailureError(error.failure, host, error.message)
      if (!error.isRetryable) throw final
      return { reason: error.message, final }
    }
    const text = await readText(response, 1024 * 1024)
    if (response.status === 200) return this.accept(text)
    const retryAfterMs = parseRetryAfter(response.header('retry-after'), this.now)
    if (response.status === 429 || response.status >= 500) {
      const final = new ServerBusyError(response.status, `jeton : ${tokenUrl}`)
      return { reason: `token endpoint HTTP ${response.status}`, retryAfterMs, final }
    }
    throw this.refusal(response.status, text)
  }

  private accept(text: string): string {
    let body: { access_token?: unknown; expires_in?: unknown }
    try {
      body = JSON.parse(text) as typeof body
    } catch {
      throw new ProtocolError('le serveur d’authentification a renvoyé un jeton illisible')
    }
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new ProtocolError('le serveur d’authentification n’a pas renvoyé de jeton')
    }
    const token = body.access_token
    const now = this.now
    const expSeconds = jwtExpiry(token)
    const lifetimeMs =
      typeof body.expires_in === 'number'
        ? body.expires_in * 1000
        : expSeconds !== undefined
          ? expSeconds * 1000 - now
          : 300_000
    const margin = Math.min(RENEW_MARGIN_MS, lifetimeMs * 0.2)
    this.cached = { token, renewAtMs: now + lifetimeMs - margin }
    this.issued += 1
    return token
  }

  private refusal(status: number, text: string): Error {
    let detail = `HTTP ${status}`
    try {
      const body = JSON.parse(text) as { error?: unknown; error_description?: unknown }
      if (typeof body.error === 'string') {
        detail = `${body.error}${typeof body.error_description === 'string' ? ` : ${body.error_description}` : ''}`
      }
    } catch {
      // Not an OAuth2 error body: keep the status.
    }
    if (status === 400 || status === 401 || status === 403) {
      return this.options.usesCertificate
        ? new CertificateRefusedError(detail)
        : new AuthenticationError(detail)
    }
    return new ProtocolError(`serveur d’authentification : ${detail}`)
  }
}
