/**
 * Which chunk holds a record — so the detail panel can read the two or three chunks it needs
 * instead of keeping every record of the snapshot in memory.
 *
 * The table is a sorted Float64Array of `hash(key) · 2^20 + chunk seq`: 8 bytes per record
 * (8 MB for a national snapshot), sorted numerically in ~0.1 s, searched by bisection. A hash
 * collision only adds a chunk to read: callers decode the candidate chunks and keep the
 * records that really have the key.
 */
import type { ChunkKind } from './manifest'
import type { DomainRecord, ResolvedPlacement } from './records'

const SEQ_BITS = 2 ** 20
/** Chunks a locator can address (a national snapshot has ~1,600). */
export const MAX_LOCATABLE_CHUNKS = SEQ_BITS

/**
 * The keys a record is looked up by: its id, and for placements and practitioner roles the
 * offer they belong to (the detail panel asks « the placement / the roles of offer X »).
 */
export function recordKey(
  kind: ChunkKind,
  record: DomainRecord | ResolvedPlacement,
): string | undefined {
  if (kind === 'placement') return `placement@${(record as ResolvedPlacement).offerId}`
  if (kind === 'practitionerRole') {
    const offerId = (record as { offerId?: string }).offerId
    return offerId === undefined ? undefined : `practitionerRole@${offerId}`
  }
  return `${kind}:${(record as DomainRecord).id}`
}

/** FNV-1a over UTF-16 code units: fast, and well spread for ids. */
function hash(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** Collects the keys of each chunk as it is written, then sorts them once. */
export class LocatorBuilder {
  private values: number[] = []

  /** Adds the records of chunk `seq`. */
  add(seq: number, kind: ChunkKind, records: readonly (DomainRecord | ResolvedPlacement)[]): void {
    if (!Number.isInteger(seq) || seq < 0 || seq >= SEQ_BITS) {
      throw new RangeError(`chunk ${seq} outside the locator's range (0…${SEQ_BITS - 1})`)
    }
    for (const record of records) {
      const key = recordKey(kind, record)
      if (key !== undefined) this.values.push(hash(key) * SEQ_BITS + seq)
    }
  }

  /** Adds the entries of another table (chunks copied with the same seqs). */
  addTable(table: Float64Array): void {
    for (const value of table) this.values.push(value)
  }

  finish(): Float64Array {
    const table = Float64Array.from(this.values)
    this.values = []
    return table.sort()
  }
}

/** Lookups in a table made by {@link LocatorBuilder}. */
export class Locator {
  constructor(private readonly table: Float64Array) {}

  get size(): number {
    return this.table.length
  }

  /** The chunks that may hold records with `key` (ascending, without duplicates). */
  chunksOf(key: string): number[] {
    const h = hash(key)
    const low = h * SEQ_BITS
    const high = low + SEQ_BITS
    let lo = 0
    let hi = this.table.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.table[mid] ?? 0) < low) lo = mid + 1
      else hi = mid
    }
    const out: number[] = []
    for (let i = lo; i < this.table.length; i++) {
      const value = this.table[i] ?? high
      if (value >= high) break
      const seq = value - low
      if (out.at(-1) !== seq) out.push(seq)
    }
    return out
  }
}
