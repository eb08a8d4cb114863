import Dexie, { type DexieOptions, type Table } from 'dexie'
import { encodeChunk } from '../../../core/snapshot/chunk'
import type { ChunkKind, SnapshotManifest } from '../../../core/snapshot/manifest'

/** The two snapshot slots (ARCHITECTURE decision 2): one active, one being written. */
export type SlotId = 'a' | 'b'
export const SLOT_IDS: readonly SlotId[] = ['a', 'b']

/** One slot's bookkeeping: a small row next to its packed chunks. */
export interface SlotRow {
  slot: SlotId
  /** `writing` until every chunk is stored and the counts are verified. */
  state: 'writing' | 'complete'
  startedAt: string
  completedAt?: string
  manifest?: SnapshotManifest
}

/**
 * Records stored packed, ~1000 per row: IndexedDB costs a fixed amount per row, so one row
 * per record is ~75× slower (STACK-NOTES §2). A chunk holds records of one kind, as the
 * compressed bytes of core/snapshot/chunk.ts (the encoding of a snapshot file's chunks):
 * writing bytes is ~7.6× faster than writing record objects (core/sync/README.md).
 */
export interface ChunkRow {
  slot: SlotId
  seq: number
  kind: ChunkKind
  /** Records in `data`, superseded ones included. */
  count: number
  crc32: string
  data: Uint8Array
  /** Keys of the superseded records in `data`, skipped when read (codec.ts overlay). */
  dead?: string[]
  /** The overlay layer that wrote it (codec.ts `ChunkInfo.layer`; absent: 0, the base). */
  layer?: number
}

/**
 * The sync facts of a slot's snapshot (core/snapshot/facts.ts), as the sections of a snapshot
 * file hold them: the base section and the layers deltas added, oldest first. Written by a
 * browser-mode sync so that its next delta is an overlay (slot-store.ts).
 */
export interface FactsRow {
  slot: SlotId
  facts: Uint8Array
  layers: Uint8Array[]
}

/** Which chunk of a slot holds which record (core/snapshot/locator.ts), for the detail panel. */
export interface LocatorRow {
  slot: SlotId
  table: Float64Array
}

/**
 * The search index of a slot's snapshot, serialised (core/search/persist.ts), so a cold start
 * loads columns instead of decoding and indexing every record.
 */
export interface SearchIndexRow {
  slot: SlotId
  /** A Blob (snapshots.ts `saveSearchIndex`); a typed array when stored by an earlier version. */
  bytes: Blob | Uint8Array
}

/** Small key/value rows: the active-slot pointer, sync checkpoints, saved searches. */
export interface StateRow {
  key: string
  value: unknown
}

/**
 * The only `new Dexie` of the app (CONVENTIONS 8). Primary keys never change across
 * versions; add a new `version(n)` for every schema change.
 */
export class RorDatabase extends Dexie {
  slots!: Table<SlotRow, SlotId>
  chunks!: Table<ChunkRow, [SlotId, number]>
  state!: Table<StateRow, string>
  locators!: Table<LocatorRow, SlotId>
  searchIndexes!: Table<SearchIndexRow, SlotId>
  facts!: Table<FactsRow, SlotId>

  /** `options` lets tests pass a fresh fake IndexedDB per test. */
  constructor(name = 'ror-hors-ligne', options?: DexieOptions) {
    super(name, options)
    this.version(1).stores({
      slots: 'slot',
      chunks: '[slot+seq], slot',
      state: 'key',
    })
    // Version 2: chunk rows hold compressed bytes; locators and persisted search indexes.
    this.version(2)
      .stores({ locators: 'slot', searchIndexes: 'slot' })
      .upgrade((tx) =>
        tx
          .table('chunks')
          .toCollection()
          .modify((row: Record<string, unknown>) => {
            const encoded = encodeChunk(row.kind as ChunkKind, (row.records as unknown[]) ?? [])
            row.crc32 = encoded.crc32
            row.data = encoded.bytes
            delete row.records
          }),
      )
    // Version 3: the sync facts of a slot (a browser-mode delta writes an overlay).
    this.version(3).stores({ facts: 'slot' })
  }
}

let shared: RorDatabase | undefined

/** The database of this origin, opened once per JavaScript realm (window or worker). */
export function database(): RorDatabase {
  shared ??= new RorDatabase()
  return shared
}
