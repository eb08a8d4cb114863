/**
 * Worker thread of {@link SyncWorkerPool} (sync-workers.ts): maps the units of work it is
 * given (core/sync/unit-processor.ts) and posts the mapped batches back. Blocks are deflated
 * with node:zlib at level 1 (fast; the builder only keeps them until the snapshot is written).
 */
import { parentPort } from 'node:worker_threads'
import { deflateRawSync } from 'node:zlib'
import { mapUnitBytes, type UnitInput } from '../core/sync/unit-processor'

export interface WorkerRequest {
  id: number
  input: UnitInput
}

export type WorkerReply =
  | { id: number; unit: Awaited<ReturnType<typeof mapUnitBytes>> }
  | { id: number; error: { name: string; message: string } }

const deflate = (raw: Uint8Array): Uint8Array => deflateRawSync(raw, { level: 1 })

parentPort?.postMessage('ready')
parentPort?.on('message', (request: WorkerRequest) => {
  mapUnitBytes(request.input, { deflate }).then(
    (unit) => parentPort!.postMessage({ id: request.id, unit } satisfies WorkerReply),
    (error: unknown) => {
      const e = error as Error
      parentPort!.postMessage({
        id: request.id,
        error: { name: e?.name ?? 'Error', message: e?.message ?? String(error) },
      } satisfies WorkerReply)
    },
  )
})
