/**
 * What the sync engine needs from a host's HTTP stack: one request, a status, headers and a
 * streamed body. Three hosts implement it: `fetch` (browser-mode Web Worker, tests),
 * `node:https` with client certificates (CLI, Electron main: main/ror-transport.ts).
 * Hosts translate their network failures into {@link NetworkError} so the engine can decide
 * what to retry without knowing the host.
 */

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE'
  url: string
  headers: Readonly<Record<string, string>>
  body?: string
  signal?: AbortSignal
}

export interface HttpResponse {
  status: number
  /** Case-insensitive header lookup. */
  header(name: string): string | undefined
  /** The body, streamed. Iterate it fully or call `discard`. */
  body: AsyncIterable<Uint8Array>
  /** Releases the connection without reading the rest of the body. */
  discard(): Promise<void>
}

export interface HttpTransport {
  request(request: HttpRequest): Promise<HttpResponse>
}

/** Kinds of network failure; all but the TLS and `aborted` ones are worth a retry. */
export type NetworkFailure =
  | 'reset'
  | 'timeout'
  | 'refused'
  | 'dns'
  | 'tls-client-certificate'
  | 'tls-server-certificate'
  | 'aborted'
  | 'other'

/** A request that failed below HTTP (no status), or whose body broke off. */
export class NetworkError extends Error {
  override name = 'NetworkError'
  constructor(
    readonly failure: NetworkFailure,
    message: string,
    readonly url?: string,
  ) {
    super(message)
  }

  get isRetryable(): boolean {
    return !['tls-client-certificate', 'tls-server-certificate', 'aborted'].includes(this.failure)
  }
}

const TLS_SERVER_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
])

/**
 * Classifies a host error by its `code` (Node / undici errors) or message. Used by the host
 * transports; exported for their tests.
 */
export function classifyNetworkError(error: unknown): NetworkFailure {
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown }
  if (e?.name === 'AbortError') return 'aborted'
  const code = typeof e?.code === 'string' ? e.code : ''
  const message = typeof e?.message === 'string' ? e.message : ''
  if (TLS_SERVER_CODES.has(code)) return 'tls-server-certificate'
  if (/alert (bad certificate|certificate required|unknown ca|certificate unknown)/i.test(message))
    return 'tls-client-certificate'
  if (/mac verify failure|bad decrypt|unsupported pkcs12|PEM|KEY_VALUES_MISMATCH/i.test(message))
    return 'tls-client-certificate'
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') return 'reset'
  // A compressed body cut short (or damaged on the way) does not decode: fetched again.
  if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || code.startsWith('ERR_BROTLI')) {
    return 'reset'
  }
  if (code === 'ETIMEDOUT' || code.includes('TIMEOUT')) return 'timeout'
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'refused'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns'
  if (/socket hang up|aborted|terminated|other side closed/i.test(message)) return 'reset'
  if (e?.cause !== undefined && e.cause !== error) return classifyNetworkError(e.cause)
  return 'other'
}

/** Reads a whole (small) body as text; refuses bodies above `limit` bytes. */
export async function readText(response: HttpResponse, limit = 16 * 1024 * 1024): Promise<string> {
  const decoder = new TextDecoder()
  let text = ''
  let size = 0
  for await (const chunk of response.body) {
    size += chunk.byteLength
    if (size > limit) {
      await response.discard()
      throw new NetworkError('other', `response body larger than ${limit} bytes`)
    }
    text += decoder.decode(chunk, { stream: true })
  }
  return text + decoder.decode()
}
