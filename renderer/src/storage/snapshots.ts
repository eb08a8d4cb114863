import {
  decodeEncodedChunk,
  encodeChunk,
  type EncodedChunk,
  type StoredChunkRecord,
} from '../../../core/snapshot/chunk'
import { SnapshotEncoder, liveCount } from '../../../core/snapshot/codec'
import { LocatorBuilder } from '../../../core/snapshot/locator'
import type { ChunkKind, SnapshotManifest } from '../../../core/snapshot/manifest'
import { CHUNK_KINDS, emptyCounts } from '../../../core/snapshot/manifest'
import type { ChunkRow, FactsRow, RorDatabase, SlotId } from './db'

const ACTIVE_KEY = 'activeSlot'
/** Chunk rows fetched per request by the later passes of `forEachActiveChunkInPasses`. */
const PASS_BATCH = 4

/** The manifest of the active snapshot and where it lives. */
export interface ActiveSnapshot {
  slot: SlotId
  manifest: SnapshotManifest
  activatedAt: string
}

/** A snapshot whose stored counts disagree with its manifest is never activated. */
export class SnapshotVerificationError extends Error {
  override name = 'SnapshotVerificationError'
}

/**
 * Repository of snapshots in IndexedDB: two slots and an active pointer (ARCHITECTURE
 * decision 2). Writers fill the inactive slot; `activate` flips the pointer only when the
 * stored counts match the manifest, in one transaction, so searches never see a partial
 * snapshot and a failed write leaves the previous one untouched.
 */
export class SnapshotRepository {
  constructor(private readonly db: RorDatabase) {}

  async active(): Promise<ActiveSnapshot | null> {
    const pointer = await this.db.state.get(ACTIVE_KEY)
    const value = pointer?.value as { slot: SlotId; activatedAt: string } | undefined
    if (!value) return null
    const row = await this.db.slots.get(value.slot)
    if (!row || row.state !== 'complete' || !row.manifest) return null
    return { slot: value.slot, manifest: row.manifest, activatedAt: value.activatedAt }
  }

  /** Clears the slot that is not active and marks it as being written. */
  async beginWrite(): Promise<SlotWriter> {
    const active = await this.active()
    const slot: SlotId = active?.slot === 'a' ? 'b' : 'a'
    await this.db.transaction('rw', this.slotTables(), async () => {
      await clearSlot(this.db, slot)
      await this.db.slots.put({ slot, state: 'writing', startedAt: new Date().toISOString() })
    })
    return new SlotWriter(this.db, slot)
  }

  /** The tables that hold a slot's data (chunks and what is derived from them). */
  private slotTables() {
    return [this.db.slots, this.db.chunks, this.db.locators, this.db.searchIndexes, this.db.facts]
  }

  /** Reads the active snapshot chunk by chunk (optionally only some kinds), decoded. */
  async forEachActiveChunk(
    visit: (kind: ChunkKind, records: StoredChunkRecord[], seq: number) => void,
    kinds?: readonly ChunkKind[],
  ): Promise<ActiveSnapshot | null> {
    return this.db.transaction('r', this.db.state, this.db.slots, this.db.chunks, async () => {
      const active = await this.active()
      if (!active) return null
      await this.db.chunks
        .where('[slot+seq]')
        .between([active.slot, -Infinity], [active.slot, Infinity])
        .each((row: ChunkRow) => {
          if (!kinds || kinds.includes(row.kind)) visit(row.kind, decodeRow(row), row.seq)
        })
      return active
    })
  }

  /**
   * Reads the active snapshot in passes: every chunk of `passes[0]`'s kinds, then every chunk
   * of `passes[1]`'s…, each pass in stored order, all in one read transaction — so what some
   * records refer to is read before them and they can be used one chunk at a time (the search
   * index: organisations, places and placements, then the offers). `beforePass(k, live)` is
   * told, before each pass k ≥ 1, how many live records of each kind the slot holds.
   */
  async forEachActiveChunkInPasses(
    passes: readonly (readonly ChunkKind[])[],
    visit: (kind: ChunkKind, records: StoredChunkRecord[]) => void,
    beforePass?: (pass: number, live: Readonly<Record<ChunkKind, number>>) => void,
  ): Promise<ActiveSnapshot | null> {
    return this.db.transaction('r', this.db.state, this.db.slots, this.db.chunks, async () => {
      const active = await this.active()
      if (!active) return null
      const later: number[][] = passes.map(() => [])
      const live = emptyCounts()
      await this.db.chunks
        .where('[slot+seq]')
        .between([active.slot, -Infinity], [active.slot, Infinity])
        .each((row: ChunkRow) => {
          live[row.kind] += liveCount(row)
          const pass = passes.findIndex((kinds) => kinds.includes(row.kind))
          if (pass === 0) visit(row.kind, decodeRow(row))
          else if (pass > 0) later[pass]?.push(row.seq)
        })
      for (let pass = 1; pass < passes.length; pass++) {
        beforePass?.(pass, live)
        const seqs = later[pass] ?? []
        for (let at = 0; at < seqs.length; at += PASS_BATCH) {
          const keys = seqs.slice(at, at + PASS_BATCH).map((seq) => [active.slot, seq])
          const rows = await this.db.chunks.bulkGet(keys as [SlotId, number][])
          rows.forEach((row, i) => {
            if (!row) throw new Error(`Bloc ${seqs[at + i]} disparu pendant la lecture`)
            visit(row.kind, decodeRow(row))
          })
        }
      }
      return active
    })
  }

  /**
   * The active snapshot as the snapshot file it would be (core/snapshot/codec.ts): its rows as
   * stored — compressed bytes, dead lists, layers —, then its sync facts when the slot has them;
   * read in one transaction, nothing decoded. With the slot's locator. Null when there is no
   * active snapshot, or when its rows are not numbered 0, 1, 2… (facts name chunks by position).
   */
  async activeAsFile(): Promise<{
    active: ActiveSnapshot
    parts: Uint8Array[]
    locator: Float64Array | undefined
  } | null> {
    const { db } = this
    const read = await db.transaction(
      'r',
      [db.state, db.slots, db.chunks, db.facts, db.locators],
      async () => {
        const active = await this.active()
        if (!active) return null
        const [facts, locator, rows] = await Promise.all([
          db.facts.get(active.slot),
          db.locators.get(active.slot),
          db.chunks
            .where('[slot+seq]')
            .between([active.slot, -Infinity], [active.slot, Infinity])
            .toArray(),
        ])
        return { active, facts, locator: locator?.table, rows }
      },
    )
    if (!read || read.rows.some((row, i) => row.seq !== i)) return null
    const encoder = new SnapshotEncoder()
    for (const row of read.rows) {
      encoder.addEncodedChunk(row.kind, row.count, row.data, {
        crc: row.crc32,
        ...(row.dead ? { dead: row.dead } : {}),
        ...(row.layer ? { layer: row.layer } : {}),
      })
    }
    if (read.facts) {
      encoder.setFacts(read.facts.facts)
      for (const layer of read.facts.layers) encoder.addFactsLayer(layer)
    }
    const { formatVersion: _v, counts: _c, checksum: _s, ...input } = read.active.manifest
    return { active: read.active, parts: encoder.finish(input), locator: read.locator }
  }

  /** Chunks `seqs` of `slot`, decoded (missing ones are skipped). */
  async readChunks(
    slot: SlotId,
    seqs: readonly number[],
  ): Promise<{ seq: number; kind: ChunkKind; records: StoredChunkRecord[] }[]> {
    const rows = await this.db.chunks.bulkGet(seqs.map((seq) => [slot, seq] as [SlotId, number]))
    return rows.flatMap((row) =>
      row ? [{ seq: row.seq, kind: row.kind, records: decodeRow(row) }] : [],
    )
  }

  /**
   * The locator table of `slot`; a slot written before locators existed gets one built
   * from its chunks (once) and stored.
   */
  async locator(slot: SlotId): Promise<Float64Array> {
    const stored = await this.db.locators.get(slot)
    if (stored) return stored.table
    const builder = new LocatorBuilder()
    await this.db.chunks
      .where('[slot+seq]')
      .between([slot, -Infinity], [slot, Infinity])
      .each((row: ChunkRow) => builder.add(row.seq, row.kind, decodeRow(row)))
    const table = builder.finish()
    await this.db.locators.put({ slot, table })
    return table
  }

  /** The persisted search index of `slot`, if one was stored since it was written. */
  async searchIndex(slot: SlotId): Promise<Uint8Array | undefined> {
    const bytes = (await this.db.searchIndexes.get(slot))?.bytes
    // A Blob; a typed array when stored by an earlier version.
    return bytes instanceof Blob ? new Uint8Array(await bytes.arrayBuffer()) : bytes
  }

  /**
   * Stores the search index of `slot` — only while `slot` still holds the active snapshot. As
   * a Blob: IndexedDB serialises a typed array value (a copy growing as it is written), then
   * copies it into a Blob of its own; in Chromium, putting 100 MB as a typed array raised the
   * renderer's peak by ~230 MB, as a Blob by ~120 MB — at the end of the index build, the
   * renderer's busiest moment after a sync (bench `sync-browser`). Given in parts, the index
   * is never copied whole into the worker's heap.
   */
  async saveSearchIndex(slot: SlotId, bytes: Uint8Array | readonly Uint8Array[]): Promise<boolean> {
    const { db } = this
    // Parts (core/search/persist.ts `serializeSearchIndexParts`) go into the Blob as they are.
    const parts = (Array.isArray(bytes) ? bytes : [bytes]) as Uint8Array<ArrayBuffer>[]
    const blob = new Blob(parts)
    return db.transaction('rw', db.state, db.slots, db.searchIndexes, async () => {
      if ((await this.active())?.slot !== slot) return false
      await db.searchIndexes.put({ slot, bytes: blob })
      return true
    })
  }

  /** Deletes every snapshot (used when the access profile is lowered: purge and rebuild). */
  async clearAll(): Promise<void> {
    await this.db.transaction('rw', [this.db.state, ...this.slotTables()], async () => {
      await this.db.chunks.clear()
      await this.db.slots.clear()
      await this.db.locators.clear()
      await this.db.searchIndexes.clear()
      await this.db.facts.clear()
      await this.db.state.delete(ACTIVE_KEY)
    })
  }
}

/** Chunk rows per write transaction (~8,000 records, ~1 MB): fewer, larger transactions. */
const ROWS_PER_WRITE = 8

/**
 * IndexedDB clones a typed array with its whole buffer: a chunk that is a view on a snapshot
 * file would store the file once per row. Such views are copied out first.
 */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : bytes.slice()
}

/** A row as the encoded chunk it holds. */
export function rowChunk(row: ChunkRow): EncodedChunk {
  const { kind, count, crc32, data: bytes, dead } = row
  return { kind, count, crc32, bytes, ...(dead ? { dead } : {}) }
}

function decodeRow(row: ChunkRow): StoredChunkRecord[] {
  return decodeEncodedChunk(rowChunk(row))
}

/** Empties `slot` (call inside a transaction on the slot tables). */
async function clearSlot(db: RorDatabase, slot: SlotId): Promise<void> {
  await db.chunks.where('slot').equals(slot).delete()
  await db.locators.delete(slot)
  await db.searchIndexes.delete(slot)
  await db.facts.delete(slot)
}

/** Writes one snapshot into the inactive slot, then verifies and activates it. */
export class SlotWriter {
  private seq = 0
  private readonly counts = emptyCounts()
  /** Kind and live records of each row written, by seq: what `activate` verifies. */
  private readonly rows: { kind: ChunkKind; live: number }[] = []
  private readonly locator = new LocatorBuilder()
  /** Rows waiting to be written, and the batch being written (at most one at a time). */
  private batch: ChunkRow[] = []
  private inFlight: Promise<unknown> | undefined
  /** The overlay layer of the rows written from now on (0: the base). */
  private layer = 0
  /** Sync facts stored with the snapshot at `activate` (slot-store.ts). */
  private facts: Omit<FactsRow, 'slot'> | undefined

  constructor(
    private readonly db: RorDatabase,
    readonly slot: SlotId,
  ) {}

  /** Encodes and stores one packed chunk; records must all be of `kind`. */
  async writeChunk(kind: ChunkKind, records: readonly unknown[]): Promise<void> {
    if (records.length === 0) return
    await this.writeEncodedChunk(encodeChunk(kind, records), records as StoredChunkRecord[])
  }

  /**
   * Stores a chunk already encoded (e.g. a snapshot file's chunk, stored as it is, with its
   * overlay `layer`); `records` are its decoded records, for the locator.
   */
  async writeEncodedChunk(
    chunk: EncodedChunk,
    records: readonly StoredChunkRecord[],
    layer = this.layer,
  ): Promise<void> {
    if (chunk.count === 0) return
    const live = liveCount(chunk)
    if (records.length !== live) {
      throw new RangeError(`chunk of ${live} live records given ${records.length}`)
    }
    this.locator.add(this.seq, chunk.kind, records)
    await this.pushRow(chunk, live, layer)
  }

  /**
   * Stores chunk `at` of the active snapshot as it is, with `chunk.dead` as its dead list, at
   * the same position (a delta's overlay copies every chunk first, in order: the sync facts
   * and the locator adopted through {@link adoptLocator} name chunks by position).
   */
  async copyChunk(chunk: EncodedChunk, layer: number, at: number): Promise<void> {
    if (this.seq !== at) throw new Error(`bloc ${at} recopié à la position ${this.seq}`)
    await this.pushRow(chunk, liveCount(chunk), layer)
  }

  /** Takes the entries of another slot's locator whose chunks were copied in place. */
  adoptLocator(table: Float64Array): void {
    this.locator.addTable(table)
  }

  /** Rows written from now on belong to overlay layer `layer`. */
  setLayer(layer: number): void {
    this.layer = layer
  }

  /** Sync facts to store with the snapshot (as file sections: base, then layers). */
  setFacts(facts: Uint8Array, layers: readonly Uint8Array[] = []): void {
    this.facts = { facts: ownBuffer(facts), layers: layers.map(ownBuffer) }
  }

  private async pushRow(chunk: EncodedChunk, live: number, layer: number): Promise<void> {
    const seq = this.seq++
    this.batch.push({
      slot: this.slot,
      seq,
      kind: chunk.kind,
      count: chunk.count,
      crc32: chunk.crc32,
      data: ownBuffer(chunk.bytes),
      ...(chunk.dead && chunk.dead.length > 0 ? { dead: chunk.dead } : {}),
      ...(layer > 0 ? { layer } : {}),
    })
    this.counts[chunk.kind] += live
    this.rows.push({ kind: chunk.kind, live })
    if (this.batch.length >= ROWS_PER_WRITE) await this.flush()
  }

  /**
   * Sends the buffered rows in one transaction without waiting for it to commit, so the
   * caller decodes or encodes the next rows meanwhile; waits for the previous batch first
   * (one batch in flight: memory stays bounded, and a write error surfaces at the next call).
   */
  private async flush(): Promise<void> {
    const rows = this.batch
    this.batch = []
    await this.inFlight
    this.inFlight = undefined
    if (rows.length === 0) return
    const writing = this.db.chunks.bulkPut(rows)
    // Marked handled now; the error is still thrown where the batch is awaited.
    writing.catch(() => undefined)
    this.inFlight = writing
  }

  /** Writes what is buffered and waits until every row is stored. */
  private async settle(): Promise<void> {
    await this.flush()
    await this.inFlight
    this.inFlight = undefined
  }

  /**
   * Verifies that what was stored matches the manifest's counts, then flips the active pointer
   * in the same transaction. What is stored is read from the database, not taken from memory:
   * the keys of the slot's rows, each of which must be one this writer wrote (a row lost or
   * left by someone else refuses the activation), counted with what each held when written.
   * Only keys: reading the rows back (~210 MB of values at national scale) took the sync's
   * worker a second and a few hundred MB at its busiest (bench `sync-browser`).
   */
  async activate(manifest: SnapshotManifest): Promise<void> {
    const { db, slot } = this
    await this.settle()
    const table = this.locator.finish()
    await db.transaction('rw', [db.state, db.slots, db.chunks, db.locators, db.facts], async () => {
      const keys = await db.chunks
        .where('[slot+seq]')
        .between([slot, -Infinity], [slot, Infinity])
        .primaryKeys()
      const problems = this.verify(
        keys.map(([, seq]) => seq),
        manifest,
      )
      if (problems.length > 0) {
        throw new SnapshotVerificationError(
          `Instantané incomplet, non activé (${problems.join(' ; ')}). ` +
            'L’instantané précédent reste utilisé.',
        )
      }
      const now = new Date().toISOString()
      const startedAt = (await db.slots.get(slot))?.startedAt ?? now
      await db.locators.put({ slot, table })
      if (this.facts) await db.facts.put({ slot, ...this.facts })
      await db.slots.put({ slot, state: 'complete', startedAt, completedAt: now, manifest })
      await db.state.put({ key: ACTIVE_KEY, value: { slot, activatedAt: now } })
    })
  }

  /** What is wrong with the rows `stored` (their seqs) against this write and `manifest`. */
  private verify(stored: readonly number[], manifest: SnapshotManifest): string[] {
    const counts = emptyCounts()
    const seen = new Set<number>()
    let unknown = 0
    for (const seq of stored) {
      const row = this.rows[seq]
      if (!row || seen.has(seq)) unknown += 1
      else counts[row.kind] += row.live
      seen.add(seq)
    }
    const problems = CHUNK_KINDS.filter((kind) => counts[kind] !== manifest.counts[kind]).map(
      (kind) => `${kind} : ${counts[kind]} enregistrés, ${manifest.counts[kind]} attendus`,
    )
    const missing = this.rows.length - (seen.size - unknown)
    if (missing > 0) problems.push(`${missing} bloc(s) écrit(s) absent(s) de la base`)
    if (unknown > 0)
      problems.push(`${unknown} bloc(s) inattendu(s) dans l’emplacement ${this.slot}`)
    return problems
  }

  /** Abandons the write: the slot is emptied, the active snapshot is untouched. */
  async abort(): Promise<void> {
    const { db, slot } = this
    this.batch = []
    await this.inFlight?.catch(() => undefined)
    await db.transaction(
      'rw',
      [db.slots, db.chunks, db.locators, db.searchIndexes, db.facts],
      async () => {
        await clearSlot(db, slot)
        await db.slots.delete(slot)
      },
    )
  }

  /** Records written so far, per kind. */
  written(): Readonly<Record<ChunkKind, number>> {
    return this.counts
  }
}
