/**
 * Writes FHIR responses, applying the body faults decided for the request (connection reset
 * mid-body, truncated JSON, slow drip). Faults only touch 2xx bodies: error replies stay
 * readable so a client can tell what happened.
 */
import type { ServerResponse } from 'node:http'
import type { FaultDecision, FaultInjector } from './faults'
import {
  FHIR_JSON,
  type BodySink,
  type IssueCode,
  operationOutcome,
  responseSink,
  sendJson,
} from './http-util'

const DEFAULT_CUT_BYTES = 1024

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * Decides the faults of a request and plays the ones that come before any processing (a gateway
 * delays or throttles before it authenticates): latency, then an injected 429/500/503. Returns
 * the Reply to answer with, or undefined when the fault already answered.
 */
export async function faultPreamble(
  res: ServerResponse,
  path: string,
  faults: FaultInjector,
): Promise<Reply | undefined> {
  const decision = faults.decide(path)
  if (decision && decision.latencyMs > 0) await sleep(decision.latencyMs)
  const reply = new Reply(res, decision)
  if (!decision?.error) return reply
  const { status, retryAfter } = decision.error
  const headers: Record<string, string> =
    retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : {}
  const code = status === 429 ? 'throttled' : status === 503 ? 'transient' : 'exception'
  await reply.outcome(status, code, `injected fault: HTTP ${status}`, headers)
  return undefined
}

export class Reply {
  constructor(
    readonly res: ServerResponse,
    private readonly faults?: FaultDecision,
  ) {}

  /**
   * Starts a streamed body (chunked, unless `headers` give its Content-Length — dropped when
   * a body fault will cut it, so that the cut shows as the fault intends).
   */
  stream(status: number, headers: Record<string, string> = {}, contentType = FHIR_JSON): BodySink {
    if (this.faults?.body) {
      const { 'Content-Length': _length, ...others } = headers
      headers = others
    }
    this.res.writeHead(status, {
      'Content-Type': contentType,
      'Cache-Control': 'no-store',
      ...headers,
    })
    let sink = responseSink(this.res)
    if (status >= 200 && status < 300 && this.faults) {
      if (this.faults.body) sink = cuttingSink(this.res, sink, this.faults.body)
      if (this.faults.dripBytesPerSec) sink = drippingSink(sink, this.faults.dripBytesPerSec)
    }
    return sink
  }

  async json(
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
    contentType = FHIR_JSON,
  ): Promise<void> {
    if (!this.faults?.body && !this.faults?.dripBytesPerSec) {
      // Small whole bodies get a Content-Length.
      return sendJson(this.res, status, body, headers, contentType)
    }
    const sink = this.stream(status, headers, contentType)
    await sink.write(JSON.stringify(body))
    await sink.end()
  }

  outcome(
    status: number,
    code: IssueCode,
    diagnostics: string,
    headers: Record<string, string> = {},
  ): Promise<void> {
    return this.json(status, operationOutcome(code, diagnostics), headers)
  }
}

/**
 * Holds the body back until `afterBytes` (or the end, then cuts it in half), writes the prefix,
 * then either ends the response cleanly (truncated JSON with a 200) or resets the connection.
 */
function cuttingSink(
  res: ServerResponse,
  inner: BodySink,
  fault: NonNullable<FaultDecision['body']>,
): BodySink {
  const limit = fault.afterBytes ?? DEFAULT_CUT_BYTES
  let held: Buffer[] = []
  let heldBytes = 0
  let done = false

  const cut = async (bytes: number): Promise<void> => {
    done = true
    const prefix = Buffer.concat(held).subarray(0, bytes)
    held = []
    if (fault.kind === 'truncate') {
      await inner.write(prefix)
      await inner.end()
      return
    }
    // Wait until the prefix is handed to the kernel so the client really receives part of the
    // body before the reset.
    await new Promise<void>((resolve) => res.write(prefix, () => resolve()))
    const socket = res.socket
    if (!socket) return
    try {
      socket.resetAndDestroy()
    } catch {
      socket.destroy()
    }
  }

  return {
    async write(chunk) {
      if (done) return
      const buf = Buffer.from(chunk)
      held.push(buf)
      heldBytes += buf.length
      if (heldBytes >= limit) await cut(limit)
    },
    async end() {
      if (done) return
      await cut(Math.floor(heldBytes / 2))
    },
  }
}

/** Splits writes into ~100 ms slices at the given rate. */
function drippingSink(inner: BodySink, bytesPerSec: number): BodySink {
  const slice = Math.max(1, Math.round(bytesPerSec / 10))
  const pause = (1000 * slice) / bytesPerSec
  return {
    async write(chunk) {
      const buf = Buffer.from(chunk)
      for (let at = 0; at < buf.length; at += slice) {
        await inner.write(buf.subarray(at, at + slice))
        await sleep(pause)
      }
    },
    end: () => inner.end(),
  }
}
