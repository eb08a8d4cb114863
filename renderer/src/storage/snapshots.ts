import type { ChunkKind, SnapshotManifest } from '../../../core/snapshot/manifest'
import { CHUNK_KINDS, emptyCounts } from '../../../core/snapshot/manifest'
import type { ChunkRow, RorDatabase, SlotId } from './db'

const ACTIVE_KEY = 'activeSlot'

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
    await this.db.transaction('rw', this.db.slots, this.db.chunks, async () => {
      await this.db.chunks.where('slot').equals(slot).delete()
      await this.db.slots.put({ slot, state: 'writing', startedAt: new Date().toISOString() })
    })
    return new SlotWriter(this.db, slot)
  }

  /** Reads the active snapshot chunk by chunk (optionally only some kinds). */
  async forEachActiveChunk(
    visit: (kind: ChunkKind, records: unknown[]) => void,
    kinds?: readonly ChunkKind[],
  ): Promise<ActiveSnapshot | null> {
    return this.db.transaction('r', this.db.state, this.db.slots, this.db.chunks, async () => {
      const active = await this.active()
      if (!active) return null
      await this.db.chunks
        .where('[slot+seq]')
        .between([active.slot, -Infinity], [active.slot, Infinity])
        .each((row: ChunkRow) => {
          if (!kinds || kinds.includes(row.kind)) visit(row.kind, row.records)
        })
      return active
    })
  }

  /** Deletes every snapshot (used when the access profile is lowered: purge and rebuild). */
  async clearAll(): Promise<void> {
    await this.db.transaction('rw', this.db.state, this.db.slots, this.db.chunks, async () => {
      await this.db.chunks.clear()
      await this.db.slots.clear()
      await this.db.state.delete(ACTIVE_KEY)
    })
  }
}

/** Writes one snapshot into the inactive slot, then verifies and activates it. */
export class SlotWriter {
  private seq = 0
  private readonly counts = emptyCounts()

  constructor(
    private readonly db: RorDatabase,
    readonly slot: SlotId,
  ) {}

  /** Stores one packed chunk; records must all be of `kind`. */
  async writeChunk(kind: ChunkKind, records: unknown[]): Promise<void> {
    if (records.length === 0) return
    await this.db.chunks.put({
      slot: this.slot,
      seq: this.seq++,
      kind,
      count: records.length,
      records,
    })
    this.counts[kind] += records.length
  }

  /**
   * Verifies that what was stored matches the manifest's counts (re-counted from the
   * database, not from memory), then flips the active pointer in the same transaction.
   */
  async activate(manifest: SnapshotManifest): Promise<void> {
    const { db, slot } = this
    await db.transaction('rw', db.state, db.slots, db.chunks, async () => {
      const stored = emptyCounts()
      await db.chunks
        .where('[slot+seq]')
        .between([slot, -Infinity], [slot, Infinity])
        .each((row: ChunkRow) => {
          stored[row.kind] += row.count
        })
      const wrong = CHUNK_KINDS.filter((kind) => stored[kind] !== manifest.counts[kind])
      if (wrong.length > 0) {
        const detail = wrong
          .map((kind) => `${kind} : ${stored[kind]} enregistrés, ${manifest.counts[kind]} attendus`)
          .join(' ; ')
        throw new SnapshotVerificationError(
          `Instantané incomplet, non activé (${detail}). L’instantané précédent reste utilisé.`,
        )
      }
      const now = new Date().toISOString()
      const startedAt = (await db.slots.get(slot))?.startedAt ?? now
      await db.slots.put({ slot, state: 'complete', startedAt, completedAt: now, manifest })
      await db.state.put({ key: ACTIVE_KEY, value: { slot, activatedAt: now } })
    })
  }

  /** Abandons the write: the slot is emptied, the active snapshot is untouched. */
  async abort(): Promise<void> {
    const { db, slot } = this
    await db.transaction('rw', db.slots, db.chunks, async () => {
      await db.chunks.where('slot').equals(slot).delete()
      await db.slots.delete(slot)
    })
  }

  /** Records written so far, per kind. */
  written(): Readonly<Record<ChunkKind, number>> {
    return this.counts
  }
}
