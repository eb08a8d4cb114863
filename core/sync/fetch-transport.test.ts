/**
 * FetchTransport bodies: read through a BYOB reader into one reused buffer when the body is a
 * byte stream, through the default reader otherwise; either way every chunk handed over stays
 * as it was when the next ones are read (callers keep chunks: core/sync/units.ts).
 */
import { describe, expect, it } from 'vitest'
import { FetchTransport } from './fetch-transport'

/** Bytes that differ from chunk to chunk, so that a chunk overwritten by a later read shows. */
function body(length: number): Uint8Array {
  const bytes = new Uint8Array(length)
  for (let i = 0; i < length; i++) bytes[i] = (i * 7 + (i >> 10)) & 0xff
  return bytes
}

/** A byte stream (as Chromium's fetch bodies are) giving `bytes` in pieces of `piece`. */
function byteStream(bytes: Uint8Array, piece: number): ReadableStream<Uint8Array> {
  let at = 0
  return new ReadableStream({
    type: 'bytes',
    pull(controller) {
      if (at >= bytes.length) {
        controller.close()
        controller.byobRequest?.respond(0)
        return
      }
      const request = controller.byobRequest
      if (request?.view) {
        const view = new Uint8Array(request.view.buffer, request.view.byteOffset)
        const n = Math.min(piece, view.byteLength, bytes.length - at)
        view.set(bytes.subarray(at, at + n))
        at += n
        request.respond(n)
      } else {
        controller.enqueue(bytes.slice(at, at + piece))
        at += piece
      }
    },
  })
}

/** A stream of plain chunks (no BYOB reader). */
function chunkStream(bytes: Uint8Array, piece: number): ReadableStream<Uint8Array> {
  let at = 0
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close()
      controller.enqueue(bytes.slice(at, at + piece))
      at += piece
    },
  })
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const transport = new FetchTransport({
    fetch: () => Promise.resolve(new Response(stream, { status: 200 })),
  })
  const response = await transport.request({ method: 'GET', url: 'http://test/file', headers: {} })
  const chunks: Uint8Array[] = []
  for await (const chunk of response.body) chunks.push(chunk)
  return chunks
}

/** Where the chunks, end to end, first differ from `bytes` (-1: nowhere). */
function firstDifference(chunks: readonly Uint8Array[], bytes: Uint8Array): number {
  let at = 0
  for (const c of chunks) {
    for (let i = 0; i < c.length; i++, at++) if (c[i] !== bytes[at]) return at
  }
  return at === bytes.length ? -1 : at
}

describe('FetchTransport body', () => {
  it('reads a byte stream through one reused buffer, every chunk kept intact', async () => {
    const bytes = body(2_000_000)
    // Pieces larger than a read asks for: the chunks show the reads were BYOB reads.
    const chunks = await readAll(byteStream(bytes, 300_000))
    expect(Math.max(...chunks.map((c) => c.length))).toBe(256 * 1024)
    expect(chunks.length).toBeGreaterThanOrEqual(8)
    // Copies: distinct buffers of just their bytes, not views of the reused one.
    expect(new Set(chunks.map((c) => c.buffer)).size).toBe(chunks.length)
    expect(chunks.every((c) => c.buffer.byteLength === c.length)).toBe(true)
    expect(firstDifference(chunks, bytes)).toBe(-1)
  })

  it('reads a stream without BYOB support chunk by chunk', async () => {
    const bytes = body(500_000)
    const chunks = await readAll(chunkStream(bytes, 65_536))
    expect(chunks.map((c) => c.length)).toEqual([...Array(7).fill(65_536), 500_000 - 7 * 65_536])
    expect(firstDifference(chunks, bytes)).toBe(-1)
  })

  it('reads an empty body as no chunk', async () => {
    expect(await readAll(byteStream(new Uint8Array(0), 10))).toEqual([])
  })
})
