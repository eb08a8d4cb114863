/**
 * Gathers the sync facts (core/snapshot/facts.ts) of the records a sync writes, chunk by chunk,
 * so that the next delta can keep this file's chunks as they are (overlay, codec.ts).
 */
import type { Kept } from '../snapshot/builder'
import {
  columnsOf,
  factRowOfItem,
  factRowOfRecord,
  type FactRow,
  type SnapshotFacts,
} from '../snapshot/facts'
import type { ChunkKind } from '../snapshot/manifest'
import type { DomainRecord, RecordType, ResolvedPlacement } from '../snapshot/records'
import { RECORD_TYPES } from '../snapshot/records'

export class FactsCollector {
  private readonly rows = new Map<RecordType, FactRow[]>(RECORD_TYPES.map((t) => [t, []]))
  private readonly placementChunk = new Map<string, number>()
  private readonly itemCursor = new Map<RecordType, number>()

  /** `items`: what the builder kept, in record order — the facts then come from them. */
  constructor(private readonly items?: (type: RecordType) => readonly Kept[]) {}

  /** The next `count` kept items of `type` went to chunk `index` (records not decoded). */
  itemsChunk(type: RecordType, count: number, index: number): void {
    const list = this.items?.(type)
    if (!list) throw new Error('FactsCollector: no items to take the facts from')
    const at = this.itemCursor.get(type) ?? 0
    for (let k = at; k < at + count; k++) this.rows.get(type)!.push(factRowOfItem(list[k]!, index))
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
        this.placementChunk.set(p.offerId, index)
      }
      return
    }
    const list = this.items?.(kind)
    const rows = this.rows.get(kind)!
    let at = this.itemCursor.get(kind) ?? 0
    for (const r of records as readonly DomainRecord[]) {
      const item = list?.[at]
      if (item && item.id === r.id) {
        rows.push(factRowOfItem(item, index))
        at += 1
      } else rows.push(factRowOfRecord(r, index))
    }
    this.itemCursor.set(kind, at)
  }

  finish(): SnapshotFacts {
    const out = {} as SnapshotFacts
    for (const type of RECORD_TYPES) {
      const rows = this.rows.get(type)!
      if (!rows.every((r, i) => i === 0 || rows[i - 1]!.id < r.id)) {
        rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      }
      if (type === 'offer') for (const r of rows) r.pchunk = this.placementChunk.get(r.id) ?? -1
      out[type] = columnsOf(type, rows)
    }
    return out
  }
}
