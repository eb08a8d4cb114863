/**
 * The sync engine's {@link SnapshotStore} over the app's two Dexie slots (browser mode, where
 * the engine runs in a Web Worker): the base of a delta is read from the active slot a few
 * packed rows at a time (short read transactions, so the writes of the other slot can go on
 * in between); a sync writes packed chunks (~1000 records a row) into the inactive slot and
 * `SlotWriter.activate` flips the pointer once the stored counts match the manifest.
 *
 * A full sync hands its records over as JSON bytes (`writeChunkJson`): they are deflated as
 * they are, in the encoding `encodeChunk` gives decoded records (raw DEFLATE of their JSON
 * array), so the worker neither parses nor serialises 1.2 million records again (bench
 * `sync-browser`).
 */
import { deflateSync } from 'fflate'
import { decodeEncodedChunk, type StoredChunkRecord } from '../../../core/snapshot/chunk'
import {
  SnapshotReader,
  copiedChunkExtras,
  liveCount,
  recordIdOf,
  topLayer,
} from '../../../core/snapshot/codec'
import { encodeFacts } from '../../../core/snapshot/facts'
import { encodeFactsLayer, isEmptyFactsLayer } from '../../../core/snapshot/facts-layer'
import { crc32, crcHex } from '../../../core/snapshot/crc32'
import {
  emptyCounts,
  type ChunkKind,
  SNAPSHOT_FORMAT_VERSION,
  type SnapshotManifest,
} from '../../../core/snapshot/manifest'
import type {
  SnapshotBase,
  SnapshotStore,
  SnapshotWriter,
  StoredRecord,
} from '../../../core/sync/snapshot-store'
import { readerBase } from '../../../core/sync/memory-store'
import type { ChunkRow, RorDatabase, SlotId } from './db'
import { recordKeysOf, type RecordKeys } from './json-keys'
import { estimateStoredBytes, isQuotaError, quotaExceeded } from './quota'
import { SnapshotRepository, rowChunk, type ActiveSnapshot } from './snapshots'

/** Rows read per transaction while visiting the active slot. */
const ROWS_PER_READ = 8

export class SlotSnapshotStore implements SnapshotStore {
  private readonly repo: SnapshotRepository

  constructor(private readonly db: RorDatabase) {
    this.repo = new SnapshotRepository(db)
  }

  /** The active slot's locator while a delta reads it as a file (its copied chunks keep it). */
  private baseLocator: Float64Array | undefined

  async current(): Promise<SnapshotBase | null> {
    const active = await this.repo.active()
    if (!active) return null
    const base: SnapshotBase = {
      manifest: active.manifest,
      forEachChunk: (kinds, visit) => this.visitSlot(active.slot, kinds, visit),
      forDelta: async () => (await this.asFile(active)) ?? base,
    }
    return base
  }

  /**
   * The active slot as the snapshot file it would be (snapshots.ts `activeAsFile`), so that a
   * delta writes an overlay (core/sync/write-overlay.ts): only what changed is written, the
   * other rows are copied as they are. A slot without sync facts (stored by an import, a purge
   * or an earlier version) gets a merge, which reads the file's layers in id order. Holds the
   * slot's compressed rows in memory (~110 MB at national scale, once) during the delta. Null if the
   * slot cannot be read as a file (then it is read row by row).
   */
  private async asFile(active: ActiveSnapshot): Promise<SnapshotBase | null> {
    const file = await this.repo.activeAsFile()
    if (!file || file.active.slot !== active.slot) return null
    // Read in its parts: the rows as IndexedDB gave them, not copied into one buffer.
    const reader = new SnapshotReader(file.parts)
    this.baseLocator = file.locator
    return { ...readerBase(reader), manifest: active.manifest }
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
    const tableEntry = (kind: ChunkKind, count: number, first: string, last: string) =>
      table.push(`${kind}:${count}:${first}:${last}`)
    const baseLocator = this.baseLocator
    this.baseLocator = undefined
    return {
      writeChunk: async (kind, records) => {
        if (records.length === 0) return
        await writer.writeChunk(kind, records as unknown[]).catch(quota)
        counts[kind] += records.length
        tableEntry(kind, records.length, recordIdOf(records[0]!), recordIdOf(records.at(-1)!))
      },
      writeChunkJson: async (kind, count, json) => {
        if (count === 0) return
        const keys = recordKeysOf(json)
        if (keys.length !== count) {
          throw new RangeError(
            `bloc ${kind} : ${keys.length} enregistrements lus, ${count} annoncés`,
          )
        }
        // Level 1, as encodeChunk, with a 64K-entry hash table instead of fflate's default for
        // ~1 MB (1M entries: 2 MB allocated and zeroed per chunk, ~3 GB over a national sync,
        // which the worker's heap then grows by) — ~2 % larger rows, no slower.
        const bytes = deflateSync(json, { level: 1, mem: 4 })
        const chunk = { kind, count, crc32: crcHex(crc32(bytes)), bytes }
        // The locator reads only `id` / `offerId` (core/snapshot/locator.ts recordKey).
        await writer.writeEncodedChunk(chunk, keys as StoredChunkRecord[]).catch(quota)
        counts[kind] += count
        tableEntry(kind, count, jsonKeyOf(kind, keys[0]!), jsonKeyOf(kind, keys.at(-1)!))
      },
      copyChunks: async (base, dead) => {
        if (!baseLocator) throw new Error('copyChunks: the base was not read as a file')
        for (const [i, info] of base.header.chunks.entries()) {
          const extras = copiedChunkExtras(info, dead.get(i))
          const { kind, count, crc32 } = info
          const chunk = { kind, count, crc32, bytes: base.chunkBytes(i), dead: extras.dead }
          await writer.copyChunk(chunk, info.layer ?? 0, i).catch(quota)
          counts[kind] += liveCount(chunk)
          // Ids of copied chunks are not decoded: their CRC and dead list identify them.
          tableEntry(kind, count, crc32, String(extras.dead.length))
        }
        writer.adoptLocator(baseLocator)
        writer.setLayer(topLayer(base.header.chunks) + 1)
      },
      writeFacts: async (facts) => writer.setFacts(encodeFacts(facts)),
      writeFactsLayer: async (base, layer) => {
        const [first, ...layers] = base.factsSections().map((section) => section.bytes)
        if (!first) throw new Error('writeFactsLayer: the base has no sync facts')
        // A delta that changed nothing adds no layer (each one is folded in at every read).
        if (!isEmptyFactsLayer(layer)) layers.push(encodeFactsLayer(layer))
        writer.setFacts(first, layers)
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

/** `recordIdOf` from the keys read in a record's JSON (placements alone have no `id`). */
function jsonKeyOf(kind: ChunkKind, keys: RecordKeys): string {
  return (kind === 'placement' ? keys.offerId : keys.id) ?? ''
}
