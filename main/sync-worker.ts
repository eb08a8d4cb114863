/**
 * Worker thread of {@link SyncWorkerPool} (sync-workers.ts): maps the units of work it is
 * given (core/sync/unit-processor.ts) and posts the mapped batches back. Blocks are deflated
 * with node:zlib at level 1 (fast; the builder only keeps them until the snapshot is written).
 *
 * The batch's items (per-resource facts, which the main thread keeps for every resource of the
 * sync) travel as one JSON text rather than as a structured clone: `JSON.parse` on the main
 * thread is faster than deserialising the clone, and shares the short strings it makes (ids,
 * codes), so that each item takes ~240 bytes of the main heap instead of ~470 (measured on a
 * national export file) — ~280 MB less at national scale.
 */
import { parentPort } from 'node:worker_threads'
import { deflateRawSync } from 'node:zlib'
import { mapUnitBytes, type MappedUnit, type UnitInput } from '../core/sync/unit-processor'

export interface WorkerRequest {
  id: number
  input: UnitInput
  /** The unit's bytes, in a buffer shared with the pool (instead of `input.bytes`). */
  shared?: { buffer: SharedArrayBuffer; byteLength: number }
}

export type WorkerReply =
  | {
      id: number
      /** The mapped unit, its `batch.items` empty: they are in `items`. */
      unit: MappedUnit
      /** `JSON.stringify(batch.items)`. */
      items: string
      /** Indexes of the items whose `lastUpdated` is NaN (JSON would turn it into null). */
      nan: number[]
    }
  | { id: number; error: { name: string; message: string } }

/**
 * Level 1 deflate. zlib's output can be a view on a larger buffer, which a structured clone
 * would copy whole: it is copied out when so (a third of the bytes, measured).
 */
const deflate = (raw: Uint8Array): Uint8Array => {
  const out = deflateRawSync(raw, { level: 1 })
  return out.byteLength === out.buffer.byteLength ? out : new Uint8Array(out)
}

function reply(id: number, unit: MappedUnit): WorkerReply {
  const { items } = unit.batch
  const nan: number[] = []
  for (let i = 0; i < items.length; i++) if (Number.isNaN(items[i]!.lastUpdated)) nan.push(i)
  const json = JSON.stringify(items)
  return { id, unit: { ...unit, batch: { ...unit.batch, items: [] } }, items: json, nan }
}

parentPort?.postMessage('ready')
parentPort?.on('message', (request: WorkerRequest) => {
  const { shared } = request
  // Read in place: the pool reuses the buffer once the reply is posted.
  const input = shared
    ? { ...request.input, bytes: [new Uint8Array(shared.buffer, 0, shared.byteLength)] }
    : request.input
  mapUnitBytes(input, { deflate }).then(
    (unit) => parentPort!.postMessage(reply(request.id, unit)),
    (error: unknown) => {
      const e = error as Error
      parentPort!.postMessage({
        id: request.id,
        error: { name: e?.name ?? 'Error', message: e?.message ?? String(error) },
      } satisfies WorkerReply)
    },
  )
})
