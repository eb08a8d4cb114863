/**
 * A {@link SnapshotStore} holding the snapshot file's bytes in memory (same format as the CLI
 * file: core/snapshot/codec.ts). For tests and for hosts that hand the bytes on themselves.
 */
import {
  SnapshotEncoder,
  SnapshotReader,
  concatBytes,
  copiedChunkExtras,
  copyFactsSections,
  liveCount,
  topLayer,
  type ManifestInput,
} from '../snapshot/codec'
import { encodeFacts } from '../snapshot/facts'
import { encodeFactsLayer, isEmptyFactsLayer, readFacts } from '../snapshot/facts-layer'
import { emptyCounts, type ChunkKind, type SnapshotManifest } from '../snapshot/manifest'
import type { DomainRecord, ResolvedPlacement } from '../snapshot/records'
import { SnapshotStoreError } from './errors'
import type { SnapshotBase, SnapshotStore, SnapshotWriter, StoredRecord } from './snapshot-store'

export class MemorySnapshotStore implements SnapshotStore {
  /** The active snapshot file, or null. */
  bytes: Uint8Array | null

  constructor(initial: Uint8Array | null = null) {
    this.bytes = initial
  }

  async current(): Promise<SnapshotBase | null> {
    if (this.bytes === null) return null
    return readerBase(new SnapshotReader(this.bytes))
  }

  async begin(): Promise<SnapshotWriter> {
    const encoder = new SnapshotEncoder()
    const counts = emptyCounts()
    let layer = 0
    return {
      writeChunk: async (kind: ChunkKind, records: readonly StoredRecord[]) => {
        encoder.addChunk(kind, records as (DomainRecord | ResolvedPlacement)[], layer)
        counts[kind] += records.length
      },
      copyChunks: async (base, dead) => {
        base.header.chunks.forEach((info, i) => {
          const extras = copiedChunkExtras(info, dead.get(i))
          encoder.addEncodedChunk(info.kind, info.count, base.chunkBytes(i), extras)
          counts[info.kind] += liveCount({ count: info.count, dead: extras.dead })
        })
        layer = topLayer(base.header.chunks) + 1
      },
      writeFacts: async (facts) => {
        encoder.setFacts(encodeFacts(facts))
      },
      writeFactsLayer: async (base, layer) => {
        copyFactsSections(base, encoder)
        if (!isEmptyFactsLayer(layer)) encoder.addFactsLayer(encodeFactsLayer(layer))
      },
      commit: async (manifest: ManifestInput): Promise<SnapshotManifest> => {
        const bytes = concatBytes(encoder.finish(manifest))
        const written = new SnapshotReader(bytes).manifest
        for (const kind of Object.keys(counts) as ChunkKind[]) {
          if (written.counts[kind] !== counts[kind]) {
            throw new SnapshotStoreError(`${kind} : nombre d’enregistrements incohérent`)
          }
        }
        this.bytes = bytes
        return written
      },
      abort: async () => undefined,
    }
  }
}

/** A {@link SnapshotBase} over a snapshot file already in memory. */
export function readerBase(reader: SnapshotReader): SnapshotBase {
  return {
    manifest: reader.manifest,
    file: { reader, facts: () => readFacts(reader) },
    forEachChunk: async (kinds, visit) => {
      for (let i = 0; i < reader.header.chunks.length; i++) {
        const kind = reader.header.chunks[i]!.kind
        if (kinds.includes(kind)) await visit(kind, reader.chunk(i) as StoredRecord[])
      }
    },
  }
}
