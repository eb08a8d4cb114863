/**
 * Worker thread of {@link SyncWorkerPool} (sync-workers.ts): maps the units of work it is
 * given (core/sync/unit-processor.ts) and posts the mapped batches back. Blocks are deflated
 * with node:zlib at level 1 (fast; the builder only keeps them until the snapshot is written).
 * The batch's items travel as one JSON text (core/sync/unit-wire.ts): ~280 MB less of the main
 * thread's heap at national scale.
 */
import { parentPort } from 'node:worker_threads'
import { deflateRawSync } from 'node:zlib'
import { mapUnitBytes, type UnitInput } from '../core/sync/unit-processor'
import { errorReply, unitReply, type UnitReply } from '../core/sync/unit-wire'

export interface WorkerRequest {
  id: number
  input: UnitInput
  /** The unit's bytes, in a buffer shared with the pool (instead of `input.bytes`). */
  shared?: { buffer: SharedArrayBuffer; byteLength: number }
}

export type WorkerReply = UnitReply

/**
 * Level 1 deflate. zlib's output can be a view on a larger buffer, which a structured clone
 * would copy whole: it is copied out when so (a third of the bytes, measured).
 */
const deflate = (raw: Uint8Array): Uint8Array => {
  const out = deflateRawSync(raw, { level: 1 })
  return out.byteLength === out.buffer.byteLength ? out : new Uint8Array(out)
}

parentPort?.postMessage('ready')
parentPort?.on('message', (request: WorkerRequest) => {
  const { shared } = request
  // Read in place: the pool reuses the buffer once the reply is posted.
  const input = shared
    ? { ...request.input, bytes: [new Uint8Array(shared.buffer, 0, shared.byteLength)] }
    : request.input
  mapUnitBytes(input, { deflate }).then(
    (unit) => parentPort!.postMessage(unitReply(request.id, unit)),
    (error: unknown) => parentPort!.postMessage(errorReply(request.id, error)),
  )
})
