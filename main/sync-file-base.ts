/**
 * The active snapshot file as the base of a delta (main/sync-files.ts): its chunks inflated by
 * node:zlib on the thread pool, a few ahead of the one being visited (3× fflate's speed, off
 * the sync's thread), with the checks of the codec's decodeChunk.
 */
import { promisify } from 'node:util'
import { crc32 as nodeCrc32, inflateRaw } from 'node:zlib'
import {
  SnapshotFormatError,
  SnapshotIntegrityError,
  isCurrentChunkEncoding,
  withoutDead,
  type ChunkInfo,
  type SnapshotReader,
} from '../core/snapshot/codec'
import { crcHex } from '../core/snapshot/crc32'
import { readFacts } from '../core/snapshot/facts-layer'
import type { SnapshotBase, StoredRecord } from '../core/sync/snapshot-store'

const inflateRawAsync = promisify(inflateRaw)

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Chunks inflated ahead while a delta reads the active snapshot. */
const INFLATE_AHEAD = 4

/** A chunk's compressed bytes after checking their CRC-32 (as decodeChunk does). */
function checkedChunkBytes(reader: SnapshotReader, i: number): Uint8Array {
  const info = reader.header.chunks[i]!
  const bytes = reader.chunkBytes(i)
  if (crcHex(nodeCrc32(bytes)) !== info.crc32) {
    throw new SnapshotIntegrityError(
      `Instantané corrompu ou tronqué : bloc ${info.kind} à l'octet ${info.offset} (somme de contrôle).`,
    )
  }
  return bytes
}

/** The checks of decodeChunk on records inflated here (count, kind of every record); live ones. */
function checkedRecords(info: ChunkInfo, records: unknown): StoredRecord[] {
  if (!Array.isArray(records) || records.length !== info.count) {
    throw new SnapshotFormatError(`Bloc ${info.kind} illisible (nombre d'enregistrements).`)
  }
  for (const r of records as unknown[]) {
    const ok =
      typeof r === 'object' &&
      r !== null &&
      (info.kind === 'placement' ? 'offerId' in r : (r as { type?: unknown }).type === info.kind)
    if (!ok) throw new SnapshotFormatError(`Bloc ${info.kind} : enregistrement d'un autre type.`)
  }
  return withoutDead(info, records as StoredRecord[])
}

/** A {@link SnapshotBase} over a snapshot file read into memory. */
export function fileBase(reader: SnapshotReader): SnapshotBase {
  const version = reader.formatVersion
  return {
    manifest: reader.manifest,
    // Read column by column between turns of the event loop: the delta's queries go on.
    file: { reader, facts: () => readFacts(reader, (b) => inflateRawAsync(b), nextTurn) },
    forEachChunk: async (kinds, visit) => {
      const wanted = reader.header.chunks.flatMap((c, i) => (kinds.includes(c.kind) ? [i] : []))
      // Chunks are inflated on the thread pool, a few ahead of the one being visited.
      const inflating = new Map<number, Promise<Uint8Array>>()
      const start = (k: number) => {
        const i = wanted[k]
        if (i === undefined || inflating.has(i)) return
        const promise = inflateRawAsync(checkedChunkBytes(reader, i))
        promise.catch(() => undefined) // awaited below
        inflating.set(i, promise)
      }
      for (let k = 0; k < wanted.length; k++) {
        for (let ahead = 0; ahead < INFLATE_AHEAD; ahead++) start(k + ahead)
        const i = wanted[k]!
        const info = reader.header.chunks[i]!
        const json = await inflating.get(i)!
        inflating.delete(i)
        const records = isCurrentChunkEncoding(version)
          ? checkedRecords(info, JSON.parse(json.toString()) as unknown)
          : reader.chunk(i) // an older format: the codec upgrades its records
        await visit(info.kind, records)
      }
    },
  }
}
