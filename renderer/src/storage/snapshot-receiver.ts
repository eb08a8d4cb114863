/**
 * The storage worker's side of the snapshot transfer from Electron main
 * (core/ipc/snapshot-transfer.ts): each chunk is checked (CRC-32, shape) and written packed
 * into the inactive slot; the slot is activated only after the last chunk, when the stored
 * counts match the manifest (SlotWriter.activate). Until then searches use the active slot.
 */
import {
  mainToStorageSchema,
  type MainToStorage,
  type StorageToMain,
  type TransferPort,
} from '../../../core/ipc/snapshot-transfer'
import { decodeChunk } from '../../../core/snapshot/codec'
import type { SnapshotManifest } from '../../../core/snapshot/manifest'
import { baseIdentity } from '../../../core/sync/snapshot-store'
import { estimateStoredBytes, storageFailure } from './quota'
import type { SlotWriter, SnapshotRepository } from './snapshots'

interface Transfer {
  id: string
  manifest: SnapshotManifest
  sameRecordsAs: string | undefined
  writer: SlotWriter
  expected: number
  received: number
}

/** What the engine hears of the transfers it serves. */
export interface TransferListener {
  /**
   * A new snapshot became active (the engine reloads its index then), with the snapshot
   * whose records it repeats when main said so.
   */
  onActivated(manifest: SnapshotManifest, sameRecordsAs: string | undefined): void
  /** Chunk `received` of `expected` stored (0 when a transfer starts). */
  onProgress?(received: number, expected: number): void
  /** The transfer failed (main is told why); the active snapshot is unchanged. */
  onFailed?(): void
}

/**
 * Serves transfers arriving on `port` until the returned function is called, telling
 * `listener` (a function: `onActivated` alone).
 */
export function serveSnapshotTransfers(
  port: TransferPort<StorageToMain, MainToStorage>,
  repo: SnapshotRepository,
  listener: TransferListener | TransferListener['onActivated'],
): () => void {
  const { onActivated, onProgress, onFailed } =
    typeof listener === 'function' ? { onActivated: listener } : listener
  let current: Transfer | undefined
  // Messages are handled one after the other: each waits for IndexedDB.
  let queue: Promise<void> = Promise.resolve()

  const fail = async (transferId: string, error: unknown) => {
    const t = current?.id === transferId ? current : undefined
    current = undefined
    await t?.writer.abort().catch(() => undefined)
    const needed = t ? estimateStoredBytes(t.manifest.counts) : 0
    port.post({ type: 'failed', transferId, error: await storageFailure(error, needed) })
    if (t) onFailed?.()
  }

  const handle = async (raw: unknown) => {
    const parsed = mainToStorageSchema.safeParse(raw)
    if (!parsed.success) return
    const message = parsed.data as MainToStorage
    try {
      switch (message.type) {
        case 'offer':
          return await offer(message)
        case 'chunk': {
          if (current?.id !== message.transferId || message.seq !== current.received) {
            throw new Error(`bloc ${message.seq} inattendu`)
          }
          // Decoded to check it (CRC-32, shape) and index it; stored as the bytes received.
          const { info, bytes } = message
          await current.writer.writeEncodedChunk(
            {
              kind: info.kind,
              count: info.count,
              crc32: info.crc32,
              bytes,
              ...(info.dead ? { dead: info.dead } : {}),
            },
            decodeChunk(info, bytes),
            info.layer ?? 0,
          )
          current.received += 1
          onProgress?.(current.received, current.expected)
          return port.post({ type: 'ack', transferId: message.transferId, seq: message.seq })
        }
        case 'commit': {
          const t = current
          if (t?.id !== message.transferId || t.received !== t.expected) {
            throw new Error('instantané incomplet')
          }
          await t.writer.activate(t.manifest)
          current = undefined
          port.post({
            type: 'done',
            transferId: t.id,
            activatedAt: new Date().toISOString(),
            skipped: false,
          })
          return onActivated(t.manifest, t.sameRecordsAs)
        }
        case 'abort':
          if (current?.id === message.transferId) {
            await current.writer.abort()
            current = undefined
            onFailed?.()
          }
          return
      }
    } catch (error) {
      await fail(message.transferId, error)
    }
  }

  const offer = async (message: Extract<MainToStorage, { type: 'offer' }>) => {
    if (current) await current.writer.abort().catch(() => undefined)
    current = undefined
    const active = await repo.active()
    // Same chunks and same creation: this snapshot is already the active one.
    if (active && baseIdentity(active.manifest) === baseIdentity(message.manifest)) {
      port.post({
        type: 'done',
        transferId: message.transferId,
        activatedAt: active.activatedAt,
        skipped: true,
      })
      return
    }
    const writer = await repo.beginWrite()
    current = {
      id: message.transferId,
      manifest: message.manifest,
      sameRecordsAs: message.sameRecordsAs,
      writer,
      expected: message.chunkCount,
      received: 0,
    }
    onProgress?.(0, current.expected)
    port.post({
      type: 'ready',
      transferId: message.transferId,
      activeChecksum: active?.manifest.checksum.value ?? null,
    })
  }

  return port.listen((message) => {
    queue = queue.then(() => handle(message))
  })
}
