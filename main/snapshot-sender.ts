/**
 * Main's side of the snapshot transfer (core/ipc/snapshot-transfer.ts): sends the chunks of a
 * snapshot file to the renderer's storage worker over a MessagePort, a window at a time, and
 * resolves when the worker has verified and activated it. No `electron` import: main/index.ts
 * wraps its `MessagePortMain` as a {@link TransferPort}.
 */
import {
  TRANSFER_WINDOW,
  type MainToStorage,
  type StorageToMain,
  type TransferPort,
} from '../core/ipc/snapshot-transfer'
import { SnapshotReader } from '../core/snapshot/codec'

export class TransferError extends Error {
  override name = 'TransferError'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export interface SendOptions {
  transferId: string
  /** No answer for this long (ms) fails the transfer (default 120 s). */
  timeoutMs?: number
  onProgress?: (sent: number, total: number) => void
  /** A delta that changed no record: the snapshot whose records this one repeats. */
  sameRecordsAs?: string
}

/** Sends `bytes` (a snapshot file); resolves with the activation time, or `skipped`. */
export function sendSnapshot(
  port: TransferPort<MainToStorage, StorageToMain>,
  bytes: Uint8Array,
  options: SendOptions,
): Promise<{ activatedAt: string; skipped: boolean }> {
  const reader = new SnapshotReader(bytes)
  const { transferId } = options
  const total = reader.header.chunks.length
  let next = 0
  let acked = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  return new Promise((resolve, reject) => {
    const finish = (error: Error | null, value?: { activatedAt: string; skipped: boolean }) => {
      clearTimeout(timer)
      unsubscribe()
      if (error) reject(error)
      else resolve(value!)
    }
    const arm = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        port.post({ type: 'abort', transferId, reason: 'timeout' })
        finish(new TransferError('transfer-timeout', 'le stockage ne répond plus'))
      }, options.timeoutMs ?? 120_000)
    }
    const pump = () => {
      while (next < total && next - acked < TRANSFER_WINDOW) {
        const info = reader.header.chunks[next]!
        // A copy: the port may transfer or clone it, the file bytes stay intact.
        port.post({
          type: 'chunk',
          transferId,
          seq: next,
          info,
          bytes: reader.chunkBytes(next).slice(),
        })
        next += 1
      }
      if (acked === total) port.post({ type: 'commit', transferId })
    }
    const unsubscribe = port.listen((message) => {
      if (message.transferId !== transferId) return
      arm()
      switch (message.type) {
        case 'ready':
          return pump()
        case 'ack':
          acked += 1
          options.onProgress?.(acked, total)
          return pump()
        case 'done':
          return finish(null, { activatedAt: message.activatedAt, skipped: message.skipped })
        case 'failed':
          return finish(new TransferError(message.error.code, message.error.message))
      }
    })
    arm()
    port.post({
      type: 'offer',
      transferId,
      manifest: reader.manifest,
      chunkCount: total,
      ...(options.sameRecordsAs ? { sameRecordsAs: options.sameRecordsAs } : {}),
    })
  })
}
