/**
 * Authenticated FHIR GETs against the ROR (ROR-FHIR-NOTES §5.1): bearer token plus the four
 * mandatory `Ror-*` headers on every call, retries with backoff for throttling / server errors /
 * broken connections, token renewal on 401, and final errors that say what went wrong.
 */
import { AuthenticationError, networkFailureError, ProtocolError, ServerBusyError } from './errors'
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  sleep,
  type RetryPolicy,
} from './retry'
import type { TokenProvider } from './token'
import { NetworkError, type HttpResponse, type HttpTransport } from './transport'

/** The four headers given at onboarding (ROR-FHIR-NOTES §5.1). */
export interface RorHeaders {
  profilCode: string
  profilSystem: string
  roleCode: string
  roleSystem: string
}

/** Values the local sandbox accepts, from the ROR documentation's examples. */
export const DEFAULT_ROR_HEADERS: RorHeaders = {
  profilCode: 'CU20',
  profilSystem: '1.2.250.1.213.1.6.1.66',
  roleCode: 'AUTOMATE',
  roleSystem: '1.2.250.1.213.1.1.4.6',
}

/** A body that broke off or ended early: the whole unit is fetched again. */
export class IncompleteBodyError extends Error {
  override name = 'IncompleteBodyError'
}

export interface RetryNotice {
  url: string
  attempt: number
  delayMs: number
  reason: string
}

export interface RorClientOptions {
  transport: HttpTransport
  tokens: TokenProvider
  headers: RorHeaders
  retry?: RetryPolicy
  random?: () => number
  now?: () => number
  signal?: AbortSignal
  onRetry?: (notice: RetryNotice) => void
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504])
/** Consecutive 401s answered with a fresh token before giving up. */
const MAX_REAUTH = 2

export interface RequestOptions {
  method?: 'GET' | 'DELETE'
  /** Extra headers, e.g. `Prefer: respond-async` for `$export`. */
  headers?: Record<string, string>
}

export class RorClient {
  /** Requests sent and retries made (summary, tests). */
  readonly stats = { requests: 0, retries: 0, reauthentications: 0 }

  constructor(private readonly options: RorClientOptions) {}

  private headersFor(token: string, extra?: Record<string, string>): Record<string, string> {
    const h = this.options.headers
    return {
      Authorization: `Bearer ${token}`,
      Accept: 'application/fhir+json',
      'Ror-Profil-Utilisateur-Code': h.profilCode,
      'Ror-Profil-Utilisateur-System': h.profilSystem,
      'Ror-Role-Metier-Code': h.roleCode,
      'Ror-Role-Metier-System': h.roleSystem,
      ...extra,
    }
  }

  /**
   * Sends a request and returns the first answer that is neither a transient failure nor a
   * refused token; its body is unread. 4xx answers other than 401/429 are returned as they are.
   */
  send(url: string, options: RequestOptions = {}): Promise<HttpResponse> {
    return this.unit(url, async (response) => response, options)
  }

  /**
   * Fetches `url` and hands the answer to `consume`; when the body breaks off (reset,
   * truncated JSON: {@link IncompleteBodyError} or a retryable {@link NetworkError}) the
   * request and `consume` are run again, so a unit of work is applied whole or not at all.
   */
  async unit<T>(
    url: string,
    consume: (response: HttpResponse) => Promise<T>,
    options: RequestOptions = {},
  ): Promise<T> {
    const policy = this.options.retry ?? DEFAULT_RETRY_POLICY
    let reauth = 0
    for (let attempt = 1; ; attempt++) {
      const token = await this.options.tokens.get()
      const outcome = await this.attempt(url, token, consume, options)
      if (outcome.kind === 'done') return outcome.value
      if (outcome.kind === 'unauthorized') {
        this.options.tokens.invalidate(token)
        this.stats.reauthentications += 1
        if (++reauth > MAX_REAUTH) {
          throw new AuthenticationError('le serveur FHIR refuse les jetons délivrés')
        }
        attempt -= 1 // a renewed token is not a retry of a failure
        continue
      }
      reauth = 0
      if (attempt >= policy.maxAttempts) throw outcome.final
      const delay = backoffDelay(attempt, policy, this.options.random, outcome.retryAfterMs)
      if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > policy.maxRetryAfterMs) {
        throw outcome.final
      }
      this.stats.retries += 1
      this.options.onRetry?.({ url, attempt, delayMs: delay, reason: outcome.reason })
      await sleep(delay, this.options.signal)
    }
  }

  private async attempt<T>(
    url: string,
    token: string,
    consume: (response: HttpResponse) => Promise<T>,
    options: RequestOptions,
  ): Promise<
    | { kind: 'done'; value: T }
    | { kind: 'unauthorized' }
    | { kind: 'retry'; reason: string; retryAfterMs?: number; final: Error }
  > {
    const host = new URL(url).host
    try {
      this.stats.requests += 1
      const response = await this.options.transport.request({
        method: options.method ?? 'GET',
        url,
        headers: this.headersFor(token, options.headers),
        ...(this.options.signal ? { signal: this.options.signal } : {}),
      })
      if (response.status === 401) {
        await response.discard()
        return { kind: 'unauthorized' }
      }
      if (RETRYABLE_STATUS.has(response.status)) {
        await response.discard()
        const now = (this.options.now ?? Date.now)()
        const retryAfterMs = parseRetryAfter(response.header('retry-after'), now)
        const reason = `HTTP ${response.status}`
        const final = new ServerBusyError(response.status, shortUrl(url))
        return {
          kind: 'retry',
          reason,
          final,
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        }
      }
      return { kind: 'done', value: await consume(response) }
    } catch (error) {
      if (error instanceof IncompleteBodyError) {
        const final = new ProtocolError(`réponse incomplète ou illisible (${error.message})`)
        return { kind: 'retry', reason: error.message, final }
      }
      if (!(error instanceof NetworkError)) throw error
      const final = networkFailureError(error.failure, host, error.message)
      if (!error.isRetryable) throw final
      return { kind: 'retry', reason: error.message, final }
    }
  }
}

/** The URL without its query, for messages. */
export function shortUrl(url: string): string {
  const u = new URL(url)
  return `${u.origin}${u.pathname}`
}
