/**
 * Where snapshots live, as the sync sees it: the active snapshot (the base of a delta) and a
 * writer into an inactive place that becomes active only on `commit`, after its counts are
 * verified (ARCHITECTURE decision 2). Hosts: a file written to a temporary name then renamed
 * (CLI, Electron main — main/sync-files.ts), the inactive Dexie slot then `activate`
 * (browser mode — renderer/src/storage/sync-sink.ts).
 */
import type { ManifestInput, SnapshotReader } from '../snapshot/codec'
import type { SnapshotFacts } from '../snapshot/facts'
import type { FactsLayer } from '../snapshot/facts-layer'
import type { ChunkKind, SnapshotManifest } from '../snapshot/manifest'
import type { DomainRecord, ResolvedPlacement } from '../snapshot/records'

export type StoredRecord = DomainRecord | ResolvedPlacement

/** The active snapshot, read chunk by chunk in stored order. */
export interface SnapshotBase {
  manifest: SnapshotManifest
  /** Visits the chunks of the given kinds in stored order (awaiting `visit` between chunks). */
  forEachChunk(
    kinds: readonly ChunkKind[],
    visit: (kind: ChunkKind, records: readonly StoredRecord[]) => void | Promise<void>,
  ): Promise<void>
  /**
   * Hosts that keep the snapshot as a file (codec.ts): the file, whose chunks a delta can keep
   * as they are (overlay), and its sync facts (facts.ts; null when it has none).
   */
  file?: { reader: SnapshotReader; facts(): Promise<SnapshotFacts | null> }
  /**
   * Optional: the same snapshot as a delta reads it, for hosts that can present it as a file
   * (with `file`) but only at a cost not worth paying for a full sync (browser slots).
   */
  forDelta?(): Promise<SnapshotBase>
}

/** A snapshot being written; nothing is visible before `commit`. */
export interface SnapshotWriter {
  /** Stores one packed chunk of records of one kind (~1000). */
  writeChunk(kind: ChunkKind, records: readonly StoredRecord[]): Promise<void>
  /**
   * Optional: the same with the chunk already serialised — `json` is the UTF-8 JSON array of
   * its `count` records. Lets the sync hand over records without decoding them (a national
   * full sync is 1.75 GB of record JSON); when absent, `writeChunk` gets decoded records.
   */
  writeChunkJson?(kind: ChunkKind, count: number, json: Uint8Array): Promise<void>
  /**
   * Optional, file hosts (overlay, codec.ts): starts the new file with every chunk of `base`
   * as it is, adding to chunk i's dead list the keys `dead.get(i)`. Called before any chunk.
   */
  copyChunks?(base: SnapshotReader, dead: ReadonlyMap<number, readonly string[]>): Promise<void>
  /** Optional, file hosts: the sync facts of the records written (facts.ts). */
  writeFacts?(facts: SnapshotFacts): Promise<void>
  /**
   * Optional, file hosts (overlay): the facts of `base` as they are (its section and layers,
   * codec.ts `copyFactsSections`), then `layer` — what this delta changed in them.
   */
  writeFactsLayer?(base: SnapshotReader, layer: FactsLayer): Promise<void>
  /**
   * Completes the manifest (counts, checksum, format version), verifies the stored counts and
   * switches the active snapshot atomically. Throws `QuotaExceededError` when space runs out.
   */
  commit(manifest: ManifestInput): Promise<SnapshotManifest>
  /** Drops what was written; the active snapshot is untouched. */
  abort(): Promise<void>
}

export interface SnapshotStore {
  /** The active snapshot, or null when there is none. */
  current(): Promise<SnapshotBase | null>
  begin(): Promise<SnapshotWriter>
}

/** What identifies a snapshot as the base of a delta checkpoint. */
export function baseIdentity(manifest: SnapshotManifest): string {
  return `${manifest.checksum.value}@${manifest.createdAt}`
}
