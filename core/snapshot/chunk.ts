/**
 * One packed chunk on its own — the unit the app stores in IndexedDB (one row per chunk,
 * STACK-NOTES §2) — in the same encoding as a chunk of the snapshot file (codec.ts): raw
 * DEFLATE of the JSON array of its records, with its CRC-32. Storing the compressed bytes
 * rather than record objects makes IndexedDB writes ~7.6× faster (core/sync/README.md) and
 * lets a snapshot file's chunks be stored as they are, without decoding them.
 */
import { deflateSync, strToU8 } from 'fflate'
import { decodeChunk } from './codec'
import { crc32, crcHex } from './crc32'
import type { ChunkKind } from './manifest'
import type { DomainRecord, ResolvedPlacement } from './records'

export type StoredChunkRecord = DomainRecord | ResolvedPlacement

/** A chunk's compressed bytes with what is needed to check and decode them. */
export interface EncodedChunk {
  kind: ChunkKind
  count: number
  crc32: string
  bytes: Uint8Array
  /** Keys of its superseded records (a snapshot file's overlay, codec.ts). */
  dead?: string[]
}

/**
 * Encodes records of one kind. Level 1 by default: the app re-encodes on every sync, where
 * speed matters more than the ~20 % of size level 6 would save.
 */
export function encodeChunk(
  kind: ChunkKind,
  records: readonly unknown[],
  level: 1 | 6 = 1,
): EncodedChunk {
  const bytes = deflateSync(strToU8(JSON.stringify(records)), { level })
  return { kind, count: records.length, crc32: crcHex(crc32(bytes)), bytes }
}

/** Checks the CRC-32 and the shape, and returns the records (codec.ts `decodeChunk`). */
export function decodeEncodedChunk(chunk: EncodedChunk): StoredChunkRecord[] {
  return decodeChunk(
    {
      kind: chunk.kind,
      count: chunk.count,
      offset: 0,
      length: chunk.bytes.length,
      crc32: chunk.crc32,
      ...(chunk.dead ? { dead: chunk.dead } : {}),
    },
    chunk.bytes,
  )
}
