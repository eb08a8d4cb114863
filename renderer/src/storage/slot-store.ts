/**
 * The sync engine's {@link SnapshotStore} over the app's two Dexie slots (browser mode, where
 * the engine runs in a Web Worker): the base of a delta is read from the active slot a few
 * packed rows at a time (short read transactions, so the writes of the other slot can go on
 * in between); a sync writes packed chunks (~1000 records a row) into the inactive slot and
 * `SlotWriter.activate` flips the pointer once the stored counts match the manifest.
 */
import { decodeEncodedChunk } from '../../../core/snapshot/chunk'
import { crc32, crcHex } from '../../../core/snapshot/crc32'
import {
  emptyCounts,
  SNAPSHOT_FORMAT_VERSION,
  type SnapshotManifest,
} from '../../../core/snapshot/manifest'
import type {
  SnapshotBase,
  SnapshotStore,
  SnapshotWriter,
  StoredRecord,
} from '../../../core/sync/snapshot-store'
import type { ChunkRow, RorDatabase, SlotId } from './db'
import { estimateStoredBytes, isQuotaError, quotaExceeded } from './quota'
import { SnapshotRepository, rowChunk } from './snapshots'

/** Rows read per transaction while visiting the active slot. */
const ROWS_PER_READ = 8

export class SlotSnapshotStore implements SnapshotStore {
  private readonly repo: SnapshotRepository

  constructor(private readonly db: RorDatabase) {
    this.repo = new SnapshotRepository(db)
  }

  async current(): Promise<SnapshotBase | null> {
    const active = await this.repo.active()
    if (!active) return null
    return {
      manifest: active.manifest,
      forEachChunk: (kinds, visit) => this.visitSlot(active.slot, kinds, visit),
    }
  }

  private async visitSlot(
    slot: SlotId,
    kinds: readonly string[],
    visit: (kind: ChunkRow['kind'], records: readonly StoredRecord[]) => void | Promise<void>,
  ): Promise<void> {
    let after: number | undefined
    for (;;) {
      const range =
        after === undefined
          ? this.db.chunks.where('[slot+seq]').between([slot, -Infinity], [slot, Infinity])
          : this.db.chunks.where('[slot+seq]').between([slot, after], [slot, Infinity], false)
      const rows = await range.limit(ROWS_PER_READ).toArray()
      if (rows.length === 0) return
      for (const row of rows) {
        if (!kinds.includes(row.kind)) continue
        await visit(row.kind, decodeEncodedChunk(rowChunk(row)) as StoredRecord[])
      }
      after = rows.at(-1)!.seq
    }
  }

  async begin(): Promise<SnapshotWriter> {
    const writer = await this.repo.beginWrite()
    const counts = emptyCounts()
    const table: string[] = []
    const quota = async (error: unknown): Promise<never> => {
      if (isQuotaError(error)) throw await quotaExceeded(estimateStoredBytes(counts))
      throw error
    }
    return {
      writeChunk: async (kind, records) => {
        if (records.length === 0) return
        await writer.writeChunk(kind, records as unknown[]).catch(quota)
        counts[kind] += records.length
        table.push(`${kind}:${records.length}:${keyOf(records[0]!)}:${keyOf(records.at(-1)!)}`)
      },
      commit: async (input) => {
        // In IndexedDB the records are not encoded: the checksum digests the chunk table
        // (kind, count, first and last id of every chunk) — it identifies the snapshot.
        const manifest: SnapshotManifest = {
          ...input,
          formatVersion: SNAPSHOT_FORMAT_VERSION,
          counts: { ...counts },
          checksum: {
            algorithm: 'crc32-chunks',
            value: crcHex(crc32(new TextEncoder().encode(table.join(',')))),
          },
        }
        await writer.activate(manifest).catch(quota)
        return manifest
      },
      abort: () => writer.abort(),
    }
  }
}

function keyOf(record: StoredRecord): string {
  return 'type' in record ? record.id : record.offerId
}
