/**
 * Small HTTP helpers shared by the sandbox routes: FHIR OperationOutcome replies, JSON replies,
 * bounded body reading, and a back-pressure aware body sink used to stream large responses.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

export const FHIR_JSON = 'application/fhir+json; charset=utf-8'

/** FHIR issue types used by the sandbox (subset of http://hl7.org/fhir/issue-type). */
export type IssueCode =
  | 'invalid'
  | 'required'
  | 'not-supported'
  | 'not-found'
  | 'login'
  | 'expired'
  | 'forbidden'
  | 'too-costly'
  | 'throttled'
  | 'exception'
  | 'transient'

export interface OperationOutcome {
  resourceType: 'OperationOutcome'
  issue: Array<{ severity: 'fatal' | 'error'; code: IssueCode; diagnostics: string }>
}

export function operationOutcome(code: IssueCode, diagnostics: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: code === 'exception' ? 'fatal' : 'error', code, diagnostics }],
  }
}

/** An HTTP error carrying the FHIR issue code; route handlers throw it, the router answers. */
export class SandboxHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: IssueCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'SandboxHttpError'
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json; charset=utf-8',
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  })
  res.end(text)
}

export function sendOutcome(
  res: ServerResponse,
  status: number,
  code: IssueCode,
  diagnostics: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, operationOutcome(code, diagnostics), headers, FHIR_JSON)
}

/** Reads a request body as text, refusing bodies above `limit` bytes (413). */
export async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buf = chunk as Buffer
    size += buf.length
    if (size > limit) {
      throw new SandboxHttpError(413, 'too-costly', `request body larger than ${limit} bytes`)
    }
    chunks.push(buf)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Where a streamed body goes; `write` resolves once the chunk may be followed by another. */
export interface BodySink {
  write(chunk: string | Uint8Array): Promise<void>
  end(): Promise<void>
}

/** Sink over a ServerResponse that honours back-pressure ('drain') and client disconnects. */
export function responseSink(res: ServerResponse): BodySink {
  return {
    write(chunk) {
      if (res.destroyed) return Promise.reject(new Error('client disconnected'))
      if (res.write(chunk)) return Promise.resolve()
      return new Promise((resolve, reject) => {
        const onDrain = (): void => {
          res.off('close', onClose)
          resolve()
        }
        const onClose = (): void => {
          res.off('drain', onDrain)
          reject(new Error('client disconnected'))
        }
        res.once('drain', onDrain)
        res.once('close', onClose)
      })
    },
    end() {
      return new Promise((resolve) => {
        if (res.destroyed) return resolve()
        res.end(resolve)
      })
    },
  }
}

/** Yields to the event loop so one long computation does not starve concurrent clients. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
