/**
 * Gathers the sync facts (core/snapshot/facts.ts) of the records a sync writes, chunk by chunk,
 * so that the next delta can keep this file's chunks as they are (overlay, codec.ts).
 */
import type { Kept } from '../snapshot/builder'
import {
  ColumnsBuilder,
  factRowOfItem,
  factRowOfRecord,
  type SnapshotFacts,
} from '../snapshot/facts'
import type { ChunkKind } from '../snapshot/manifest'
import type { DomainRecord, RecordType, ResolvedPlacement } from '../snapshot/records'
import { RECORD_TYPES } from '../snapshot/records'

export class FactsCollector {
  private readonly columns = new Map<RecordType, ColumnsBuilder>(
    RECORD_TYPES.map((t) => [t, new ColumnsBuilder(t)]),
  )
  /** Placements in the order written, with their chunk (offers come in the same order). */
  private readonly placementIds: string[] = []
  private readonly placementChunks: number[] = []
  private readonly itemCursor = new Map<RecordType, number>()

  /** `items`: what the builder kept, in record order — the facts then come from them. */
  constructor(private readonly items?: (type: RecordType) => readonly Kept[]) {}

  /** The next `count` kept items of `type` went to chunk `index` (records not decoded). */
  itemsChunk(type: RecordType, count: number, index: number): void {
    const list = this.items?.(type)
    if (!list) throw new Error('FactsCollector: no items to take the facts from')
    const at = this.itemCursor.get(type) ?? 0
    const columns = this.columns.get(type)!
    for (let k = at; k < at + count; k++) columns.push(factRowOfItem(list[k]!, index))
    this.itemCursor.set(type, at + count)
  }

  /** Records (or placements) written as chunk `index`. */
  chunk(
    kind: ChunkKind,
    records: readonly (DomainRecord | ResolvedPlacement)[],
    index: number,
  ): void {
    if (kind === 'placement') {
      for (const p of records as readonly ResolvedPlacement[]) {
        this.placementIds.push(p.offerId)
        this.placementChunks.push(index)
      }
      return
    }
    const list = this.items?.(kind)
    const columns = this.columns.get(kind)!
    let at = this.itemCursor.get(kind) ?? 0
    for (const r of records as readonly DomainRecord[]) {
      const item = list?.[at]
      if (item && item.id === r.id) {
        columns.push(factRowOfItem(item, index))
        at += 1
      } else columns.push(factRowOfRecord(r, index))
    }
    this.itemCursor.set(kind, at)
  }

  finish(): SnapshotFacts {
    const out = {} as SnapshotFacts
    for (const type of RECORD_TYPES) out[type] = this.columns.get(type)!.finish()
    const ids = out.offer.id
    const pchunk = out.offer.pchunk as unknown[]
    // Placements follow the offers' order; a map only if some writer ever changes that.
    const inOrder =
      ids.length === this.placementIds.length && ids.every((id, i) => this.placementIds[i] === id)
    const byId = inOrder
      ? undefined
      : new Map(this.placementIds.map((id, i) => [id, this.placementChunks[i]!]))
    for (let i = 0; i < ids.length; i++) {
      pchunk[i] = inOrder ? this.placementChunks[i]! : (byId!.get(ids[i]!) ?? -1)
    }
    return out
  }
}
