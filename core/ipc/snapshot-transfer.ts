/**
 * How a synced snapshot travels from Electron main to the renderer's storage worker
 * (ARCHITECTURE decision 6: bulk data never crosses IPC as one payload). Main owns the network
 * and the snapshot file; it sends the file's packed chunks (~1000 records each, still DEFLATE
 * compressed, with their CRC-32) one message at a time over a MessagePort, with a window of
 * unacknowledged chunks for flow control. The receiver checks each chunk's CRC, writes it
 * into the inactive Dexie slot, and activates the slot only after the last one, when the
 * stored counts match the manifest. Either side aborts on error; the active slot is untouched.
 *
 *   main                                 storage worker
 *   ── offer {transferId, manifest, chunks} ──▶
 *   ◀── ready {activeChecksum}  (skip: the same snapshot is already active → done)
 *   ── chunk {seq, info, bytes} ──▶ … (at most WINDOW unacknowledged)
 *   ◀── ack {seq}
 *   ── commit ──▶
 *   ◀── done {activatedAt}  |  failed {error}
 */
import { z } from 'zod'
import { chunkInfoSchema, type ChunkInfo } from '../snapshot/codec'
import type { SnapshotManifest } from '../snapshot/manifest'
import { manifestSchema } from '../snapshot/manifest'

/** Chunks sent ahead of the acknowledgements. */
export const TRANSFER_WINDOW = 8

export type MainToStorage =
  | {
      type: 'offer'
      transferId: string
      manifest: SnapshotManifest
      chunkCount: number
      /** The snapshot (`baseIdentity`) whose records this one repeats (`SyncResult.sameRecordsAs`). */
      sameRecordsAs?: string
    }
  | { type: 'chunk'; transferId: string; seq: number; info: ChunkInfo; bytes: Uint8Array }
  | { type: 'commit'; transferId: string }
  | { type: 'abort'; transferId: string; reason: string }

export type StorageToMain =
  | { type: 'ready'; transferId: string; activeChecksum: string | null }
  | { type: 'ack'; transferId: string; seq: number }
  | { type: 'done'; transferId: string; activatedAt: string; skipped: boolean }
  | { type: 'failed'; transferId: string; error: { code: string; message: string } }

/** Parses what main sends (the storage side validates at its trust boundary, CONVENTIONS 5). */
export const mainToStorageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('offer'),
    transferId: z.string(),
    manifest: manifestSchema,
    chunkCount: z.number().int().nonnegative(),
    sameRecordsAs: z.string().max(200).optional(),
  }),
  z.object({
    type: z.literal('chunk'),
    transferId: z.string(),
    seq: z.number().int().nonnegative(),
    info: chunkInfoSchema,
    bytes: z.instanceof(Uint8Array),
  }),
  z.object({ type: z.literal('commit'), transferId: z.string() }),
  z.object({ type: z.literal('abort'), transferId: z.string(), reason: z.string() }),
])

/** The two ends of a MessagePort as both sides see it (Electron MessagePortMain, web MessagePort). */
export interface TransferPort<Out, In> {
  post(message: Out): void
  /** Subscribes to incoming messages; returns the unsubscribe function. */
  listen(listener: (message: In) => void): () => void
}
