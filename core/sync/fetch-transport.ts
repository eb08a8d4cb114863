/**
 * {@link HttpTransport} over `fetch`: the browser-mode Web Worker (and Node tests). A browser
 * handles client certificates itself, so this transport has no mTLS options; the Electron
 * and CLI hosts use main/ror-transport.ts instead. Bodies are streamed from
 * `Response.body`; a body that stalls longer than `idleTimeoutMs` is aborted as a timeout.
 *
 * Bodies are read into one buffer per response, reused from read to read (a BYOB reader,
 * where the runtime has one), and each chunk handed over is a copy of what one read gave. A
 * chunk that the runtime allocates itself (the default reader) is owned by the browser's own
 * garbage-collected heap in Chromium, and only a full collection frees it: a national sync's
 * 5 GB of chunks sat in the engine worker as up to ~0.7 GB of dead buffers between two full
 * collections (bench `sync-browser`). A copy made here is an ordinary JavaScript buffer that
 * dies young, and the frequent young-generation collections free it.
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

/** Bytes asked for per read: the copies stay small, a read rarely comes back short of it. */
const READ_BYTES = 256 * 1024

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
  const reader = chunkReader(response.body)
  try {
    for (;;) {
      let chunk: Uint8Array | undefined
      try {
        chunk = await reader.read()
      } catch (error) {
        throw fail(error)
      }
      if (chunk === undefined) break
      arm()
      yield chunk
    }
  } finally {
    done()
    reader.release()
  }
}

/** Reads `body` chunk by chunk (undefined at its end). */
function chunkReader(body: ReadableStream<Uint8Array>): {
  read(): Promise<Uint8Array | undefined>
  release(): void
} {
  const byob = byobReader(body)
  if (!byob) {
    const reader = body.getReader()
    return {
      read: async () => {
        const next = await reader.read()
        return next.done ? undefined : next.value
      },
      release: () => reader.releaseLock(),
    }
  }
  // The buffer each read fills; a read transfers it, and gives it back with the bytes.
  let into = new Uint8Array(READ_BYTES)
  return {
    read: async () => {
      const next = await byob.read(into)
      if (next.done || next.value === undefined) return undefined
      const bytes = next.value
      into = new Uint8Array(bytes.buffer)
      // A copy: the caller may keep it while the next read fills the buffer again.
      return bytes.slice()
    },
    release: () => byob.releaseLock(),
  }
}

/** A BYOB reader of `body` when the runtime makes it a byte stream (Fetch §5.2), else none. */
function byobReader(body: ReadableStream<Uint8Array>): ReadableStreamBYOBReader | undefined {
  try {
    return body.getReader({ mode: 'byob' })
  } catch {
    return undefined
  }
}
