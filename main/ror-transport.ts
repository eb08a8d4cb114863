/**
 * The ROR transport of the Node hosts (Electron main, CLI): `node:https` with keep-alive,
 * the client certificate for mutual TLS (IGC-Santé PKCS#12 or PEM, profiles 1–5 —
 * ROR-FHIR-NOTES §5.1), extra trusted CAs on top of the system store, an idle timeout, and
 * compressed bodies: it asks for gzip / deflate / br (`Accept-Encoding`) and decodes what the
 * server chose — a national extract is ~6 GB of JSON, a fraction of that compressed. A server
 * that does not compress answers as before. No `electron` import: main/index.ts hands it the
 * secrets read from the credentials store.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest, type AgentOptions } from 'node:https'
import { createSecureContext, rootCertificates } from 'node:tls'
import type { Transform } from 'node:stream'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import {
  classifyNetworkError,
  NetworkError,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
} from '../core/sync/transport'

export type ClientCertificate =
  | { format: 'pkcs12'; data: Uint8Array; passphrase?: string }
  | { format: 'pem'; cert: Uint8Array | string; key?: Uint8Array | string; passphrase?: string }

export interface NodeTransportOptions {
  clientCertificate?: ClientCertificate
  /** PEM certificates trusted in addition to the system store (e.g. IGC-Santé, a test CA). */
  extraCa?: readonly (string | Uint8Array)[]
  /** No byte for this long (ms) fails the request as a timeout (default 60 s). */
  idleTimeoutMs?: number
}

const toBuffer = (v: Uint8Array | string): Buffer =>
  typeof v === 'string' ? Buffer.from(v) : Buffer.from(v.buffer, v.byteOffset, v.byteLength)

/** TLS options for the client certificate: a PKCS#12 bundle, or a PEM (key in the same file or apart). */
export function tlsClientOptions(cert: ClientCertificate | undefined): AgentOptions {
  if (!cert) return {}
  const passphrase = cert.passphrase === undefined ? {} : { passphrase: cert.passphrase }
  if (cert.format === 'pkcs12') return { pfx: toBuffer(cert.data), ...passphrase }
  const pem = toBuffer(cert.cert)
  const key = cert.key === undefined ? pem : toBuffer(cert.key)
  return { cert: pem, key, ...passphrase }
}

/**
 * Note: Node trusts the CA certificates bundled in a PKCS#12 file (`pfx`) for the server too,
 * as OpenSSL does; a PEM client certificate adds no trust.
 */
export class NodeHttpTransport implements HttpTransport {
  private readonly https: HttpsAgent
  private readonly http = new HttpAgent({ keepAlive: true })
  /** A certificate that cannot be loaded fails every HTTPS request, not the constructor. */
  private readonly certificateProblem: NetworkError | undefined

  constructor(private readonly options: NodeTransportOptions = {}) {
    const ca = options.extraCa?.length
      ? [...rootCertificates, ...options.extraCa.map((c) => toBuffer(c).toString('utf8'))]
      : undefined
    const tls = { keepAlive: true, ...(ca ? { ca } : {}) }
    let agent: HttpsAgent
    try {
      const client = tlsClientOptions(options.clientCertificate)
      // Loads the key now, so a wrong password is reported as such (not as a network error).
      createSecureContext({ ...(ca ? { ca } : {}), ...client })
      agent = new HttpsAgent({ ...tls, ...client })
    } catch (error) {
      this.certificateProblem = new NetworkError(
        'tls-client-certificate',
        `certificat client illisible : ${(error as Error).message}`,
      )
      agent = new HttpsAgent(tls)
    }
    this.https = agent
  }

  request(request: HttpRequest): Promise<HttpResponse> {
    const url = new URL(request.url)
    const isHttps = url.protocol === 'https:'
    const send = isHttps ? httpsRequest : httpRequest
    if (isHttps && this.certificateProblem) return Promise.reject(this.certificateProblem)
    const idleMs = this.options.idleTimeoutMs ?? 60_000
    return new Promise((resolve, reject) => {
      let req
      try {
        req = send(url, {
          method: request.method,
          headers: { 'Accept-Encoding': ACCEPT_ENCODING, ...request.headers },
          agent: isHttps ? this.https : this.http,
          ...(request.signal ? { signal: request.signal } : {}),
        })
      } catch (error) {
        reject(toNetworkError(error, request))
        return
      }
      req.setTimeout(idleMs, () => {
        req.destroy(Object.assign(new Error(`no data for ${idleMs} ms`), { code: 'ETIMEDOUT' }))
      })
      req.on('error', (error) => reject(toNetworkError(error, request)))
      req.on('response', (res) => {
        try {
          resolve(wrapResponse(res, request))
        } catch (error) {
          reject(toNetworkError(error, request))
        }
      })
      req.end(request.body)
    })
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.https.destroy()
    this.http.destroy()
  }
}

function toNetworkError(error: unknown, request: HttpRequest): NetworkError {
  if (error instanceof NetworkError) return error
  const failure = request.signal?.aborted ? 'aborted' : classifyNetworkError(error)
  return new NetworkError(failure, (error as Error)?.message ?? String(error), request.url)
}

/** The content codings this transport decodes, as asked for. */
const ACCEPT_ENCODING = 'gzip, deflate, br'

/** A decoder for the response's `Content-Encoding`; none for identity, an error for others. */
function decoderOf(res: IncomingMessage, request: HttpRequest): Transform | null {
  const coding = String(res.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase()
  if (coding === 'identity' || coding === '') return null
  if (coding === 'gzip' || coding === 'x-gzip') return createGunzip()
  if (coding === 'deflate') return createInflate()
  if (coding === 'br') return createBrotliDecompress()
  res.destroy()
  throw new NetworkError(
    'other',
    `Content-Encoding « ${coding} » inconnu (demandé : ${ACCEPT_ENCODING})`,
    request.url,
  )
}

function wrapResponse(res: IncomingMessage, request: HttpRequest): HttpResponse {
  const decoder = decoderOf(res, request)
  // Decoded, the body is no longer as long as the wire says.
  const hidden = decoder ? new Set(['content-length', 'content-encoding']) : new Set<string>()
  return {
    status: res.statusCode ?? 0,
    header: (name) => {
      const key = name.toLowerCase()
      if (hidden.has(key)) return undefined
      const value = res.headers[key]
      return Array.isArray(value) ? value.join(', ') : value
    },
    body: (async function* () {
      try {
        if (decoder) {
          res.on('error', (error) => decoder.destroy(error))
          for await (const chunk of res.pipe(decoder)) yield chunk as Uint8Array
        } else {
          for await (const chunk of res) yield chunk as Uint8Array
        }
      } catch (error) {
        throw toNetworkError(error, request)
      }
      // A body cut by the peer without an error event still shows as incomplete.
      if (!res.complete) throw new NetworkError('reset', 'response ended early', request.url)
    })(),
    discard: async () => {
      // Drain a small body to keep the connection alive; cut a large one.
      const length = Number(res.headers['content-length'] ?? NaN)
      if (res.complete || length <= 1024 * 1024) res.resume()
      else res.destroy()
    },
  }
}
