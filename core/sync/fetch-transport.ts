/**
 * {@link HttpTransport} over `fetch`: the browser-mode Web Worker (and Node tests). A browser
 * handles client certificates itself, so this transport has no mTLS options; the Electron
 * and CLI hosts use main/ror-transport.ts instead. Bodies are streamed from
 * `Response.body`; a body that stalls longer than `idleTimeoutMs` is aborted as a timeout.
 */
import {
  classifyNetworkError,
  NetworkError,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
} from './transport'

export interface FetchTransportOptions {
  fetch?: typeof fetch
  /** No byte for this long (ms) fails the request as a timeout (default 60 s). */
  idleTimeoutMs?: number
}

export class FetchTransport implements HttpTransport {
  constructor(private readonly options: FetchTransportOptions = {}) {}

  async request(request: HttpRequest): Promise<HttpResponse> {
    const controller = new AbortController()
    let timedOut = false
    const idleMs = this.options.idleTimeoutMs ?? 60_000
    let timer: ReturnType<typeof setTimeout> | undefined
    const arm = () => {
      if (timer !== undefined) clearTimeout(timer)
      timer = setTimeout(() => {
        timedOut = true
        controller.abort()
      }, idleMs)
    }
    const onAbort = () => controller.abort()
    request.signal?.addEventListener('abort', onAbort, { once: true })
    const done = () => {
      if (timer !== undefined) clearTimeout(timer)
      request.signal?.removeEventListener('abort', onAbort)
    }
    const fail = (error: unknown): NetworkError => {
      done()
      if (timedOut) return new NetworkError('timeout', `no data for ${idleMs} ms`, request.url)
      const failure = request.signal?.aborted ? 'aborted' : classifyNetworkError(error)
      return new NetworkError(failure, (error as Error)?.message ?? String(error), request.url)
    }
    arm()
    let response: Response
    try {
      response = await (this.options.fetch ?? fetch)(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: controller.signal,
      })
    } catch (error) {
      throw fail(error)
    }
    arm()
    return {
      status: response.status,
      header: (name) => response.headers.get(name) ?? undefined,
      body: streamBody(response, arm, fail, done),
      discard: async () => {
        done()
        await response.body?.cancel().catch(() => undefined)
      },
    }
  }
}

async function* streamBody(
  response: Response,
  arm: () => void,
  fail: (error: unknown) => NetworkError,
  done: () => void,
): AsyncGenerator<Uint8Array> {
  if (!response.body) {
    done()
    return
  }
  const reader = response.body.getReader()
  try {
    for (;;) {
      let next: Awaited<ReturnType<typeof reader.read>>
      try {
        next = await reader.read()
      } catch (error) {
        throw fail(error)
      }
      if (next.done) break
      arm()
      yield next.value
    }
  } finally {
    done()
    reader.releaseLock()
  }
}
