/**
 * A delta written as an overlay (codec.ts, format 2): the active file's chunks are kept as
 * they are, the records the delta replaces or removes are named in their chunk's dead list,
 * and the delta's records — with the placements they change — are appended as new chunks.
 * Everything is decided from the base's sync facts (facts.ts), without decoding its records,
 * and the facts follow the same way: the base's are kept and the delta adds a facts layer
 * (facts-layer.ts) — the cost follows the size of the delta, not of the snapshot. The result
 * reads exactly as a merge (write-snapshot.ts `writeMerge`) of the same delta would.
 */
import type { BuildResult, Kept } from '../snapshot/builder'
import { liveCount, type SnapshotReader } from '../snapshot/codec'
import {
  findId,
  placeOfRow,
  rowAt,
  structureOfRow,
  factRowOfItem,
  type FactRow,
  type SnapshotFacts,
} from '../snapshot/facts'
import type { FactsContext } from '../snapshot/facts-context'
import { factsLayer, type FactsLayer } from '../snapshot/facts-layer'
import type { DomainRecord, RecordType, ResolvedPlacement } from '../snapshot/records'
import { RECORD_TYPES } from '../snapshot/records'
import { resolvePlacement, type OfferRef, type PlacementLookup } from '../snapshot/resolve'
import type { SnapshotWriter } from './snapshot-store'
import {
  CHUNK_SIZE,
  joinJsonArray,
  seenIdsByType,
  type MergeStats,
  type WriteOptions,
} from './write-snapshot'

/** Above this share of dead records in the file, a delta writes a compact file (merge). */
export const MAX_DEAD_SHARE = 0.2

/** Whether a delta of `seen` resources may be written as an overlay of `base`. */
export function canOverlay(base: SnapshotReader, seen: number): boolean {
  let dead = seen
  let total = 0
  for (const c of base.header.chunks) {
    dead += c.count - liveCount(c)
    total += c.count
  }
  return total > 0 && dead / total <= MAX_DEAD_SHARE
}

/** Writes the delta `build` over `base` (see the module comment). */
export async function writeOverlay(
  base: SnapshotReader,
  facts: FactsContext,
  build: BuildResult,
  seen: Iterable<string>,
  writer: SnapshotWriter,
  options: WriteOptions = {},
): Promise<MergeStats> {
  if (!writer.copyChunks || !writer.writeFactsLayer || !build.itemsOf) {
    throw new Error('writeOverlay: the store cannot keep chunks, or the build has no items')
  }
  const size = options.chunkSize ?? CHUNK_SIZE
  const plan = new OverlayPlan(facts, base.header.chunks.length, size)
  const seenIds = seenIdsByType(seen)
  // The delta's records as JSON bytes when both sides allow it (no parse, no stringify).
  const asBytes = writer.writeChunkJson !== undefined && build.jsonBytesOf !== undefined
  const chunks: { type: RecordType; records: DomainRecord[] | Uint8Array[] }[] = []
  for (const type of RECORD_TYPES) {
    const items = build.itemsOf!(type)
    const records = asBytes ? [...build.jsonBytesOf!(type)] : [...build.recordsOf(type)]
    plan.replace(type, seenIds.get(type)!, items)
    for (let at = 0; at < records.length; at += size) {
      chunks.push({ type, records: records.slice(at, at + size) })
    }
  }
  const placements = plan.placements(build.itemsOf!('offer'), options)
  options.onTotal?.(chunks.reduce((n, c) => n + c.records.length, 0) + placements.length)
  // The facts are final once the placements are: handed over first, a host compresses them
  // while the chunks are being written.
  await writer.writeFactsLayer(base, plan.layer())
  await writer.copyChunks(base, plan.dead)
  let written = 0
  const done = (n: number) => {
    written += n
    options.onChunk?.(written)
  }
  for (const c of chunks) {
    if (asBytes) {
      const parts = c.records as Uint8Array[]
      await writer.writeChunkJson!(c.type, parts.length, joinJsonArray(parts))
    } else await writer.writeChunk(c.type, c.records as DomainRecord[])
    done(c.records.length)
  }
  for (let at = 0; at < placements.length; at += size) {
    const slice = placements.slice(at, at + size)
    await writer.writeChunk('placement', slice)
    done(slice.length)
  }
  return plan.stats
}

const sameRow = (a: FactRow | undefined, b: FactRow | undefined, keys: (keyof FactRow)[]) =>
  a === undefined || b === undefined
    ? a === b
    : keys.every((k) => (a[k] ?? null) === (b[k] ?? null))

/** The decisions of one overlay, from the base's facts and the delta's kept items. */
class OverlayPlan {
  readonly stats: MergeStats = { added: 0, updated: 0, unchanged: 0, removed: 0, kept: 0 }
  readonly dead = new Map<number, string[]>()
  private next: number
  /** Ids of each type the delta replaced or removed (the base's rows that no longer hold). */
  private readonly replaced = new Map<RecordType, Set<string>>()
  /** The delta's fact rows of each type, by id. */
  private readonly rows = new Map<RecordType, Map<string, FactRow>>()
  /** Offers placed again, in placement order, with their row after the delta. */
  private readonly placed: FactRow[] = []
  private readonly offerDrops = new Set<number>()

  /** The base's facts (the lookups' columns). */
  private readonly base: SnapshotFacts

  constructor(
    /** The base's facts and their reverse lookups (facts-context.ts). */
    private readonly lookups: FactsContext,
    chunkCount: number,
    private readonly size: number,
  ) {
    this.base = lookups.facts
    this.next = chunkCount
  }

  private kill(chunk: number, key: string): void {
    const list = this.dead.get(chunk)
    if (list) list.push(key)
    else this.dead.set(chunk, [key])
  }

  /** The row of `id` after the delta (the delta's, else the base's unless replaced). */
  private after(type: RecordType, id: string): FactRow | undefined {
    const row = this.rows.get(type)!.get(id)
    if (row || this.replaced.get(type)!.has(id)) return row
    const cols = this.base[type]
    const i = findId(cols.id, id)
    return i < 0 ? undefined : rowAt(type, cols, i)
  }

  /** The delta's records of `type` replace the base's versions; seen ones not kept go. */
  replace(type: RecordType, seen: ReadonlySet<string>, items: readonly Kept[]): void {
    const cols = this.base[type]
    const ids = new Set([...seen, ...items.map((i) => i.id)])
    const rows = new Map<string, FactRow>()
    items.forEach((item, k) => {
      rows.set(item.id, factRowOfItem(item, this.next + Math.floor(k / this.size)))
    })
    let dropped = 0
    for (const id of ids) {
      const i = findId(cols.id, id)
      const row = rows.get(id)
      if (i < 0) {
        if (row) this.stats.added += 1
        continue
      }
      dropped += 1
      this.kill(cols.chunk[i]!, id)
      if (type === 'offer') this.offerDrops.add(i)
      if (!row) this.stats.removed += 1
      else if (cols.updated[i] === row.updated) this.stats.unchanged += 1
      else this.stats.updated += 1
    }
    this.next += Math.ceil(items.length / this.size)
    this.stats.kept += cols.id.length - dropped
    this.replaced.set(type, ids)
    this.rows.set(type, rows)
  }

  /**
   * The placements to write: the delta's offers, and the base's offers whose places or
   * establishment chain (resolve.ts) changed. Their old placements become dead.
   */
  placements(deltaOffers: readonly Kept[], options: WriteOptions): ResolvedPlacement[] {
    const changedPlaces = this.changed('location', ['lat', 'lon', 'commune'])
    const changedOrgs = this.changed('organization', ['kind', 'partOf', 'lat', 'lon', 'commune'])
    const below = this.subtrees(changedOrgs)
    const old = this.base.offer
    const offerRows = this.rows.get('offer')!
    const after: FactRow[] = deltaOffers.map((k) => offerRows.get(k.id)!)
    const moved = new Set<string>()
    for (const i of this.offersPlacedAgain(changedPlaces, below)) {
      if (this.offerDrops.has(i)) continue
      moved.add(old.id[i]!)
      after.push(rowAt('offer', old, i))
    }
    after.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    // Old placements of every offer placed again, replaced or removed.
    for (const id of [...this.replaced.get('offer')!, ...moved]) {
      const i = findId(old.id, id)
      if (i >= 0) this.kill(old.pchunk![i] as number, id)
    }
    const lookup = this.lookup(options)
    const placements = after.map((row) => {
      const ref: OfferRef = { id: row.id, locationIds: row.locations ?? [] }
      if (row.org) ref.providedBy = row.org
      return resolvePlacement(ref, lookup)
    })
    // Each offer placed again points at its placement's new chunk.
    after.forEach((row, k) => {
      this.placed.push({ ...row, pchunk: this.next + Math.floor(k / this.size) })
    })
    this.next += Math.ceil(placements.length / this.size)
    return placements
  }

  /** Rows of the base's offers at one of `places` or provided by one of `orgs`, in row order. */
  private offersPlacedAgain(places: ReadonlySet<string>, orgs: ReadonlySet<string>): number[] {
    const rows = new Set<number>()
    for (const l of places) for (const i of this.lookups.offerRowsAtLocation(l)) rows.add(i)
    for (const o of orgs) for (const i of this.lookups.offerRowsOfOrganization(o)) rows.add(i)
    return [...rows].sort((a, b) => a - b)
  }

  /**
   * What the delta changed in the facts: its rows (offers: with their new placement chunk),
   * the rows of the base's offers placed again, and the ids it removed.
   */
  layer(): FactsLayer {
    const rows = {} as Record<RecordType, FactRow[]>
    const gone = {} as Record<RecordType, string[]>
    for (const type of RECORD_TYPES) {
      const kept = this.rows.get(type)!
      gone[type] = [...this.replaced.get(type)!].filter((id) => !kept.has(id))
      rows[type] = [...kept.values()]
    }
    rows.offer = this.placed
    return factsLayer(rows, gone)
  }

  /** Records of `type` the delta met whose placement facts changed (or that came or went). */
  private changed(type: 'location' | 'organization', keys: (keyof FactRow)[]): Set<string> {
    const out = new Set<string>()
    const before = this.base[type]
    for (const id of this.replaced.get(type)!) {
      const a = findId(before.id, id)
      const rowA = a < 0 ? undefined : rowAt(type, before, a)
      if (!sameRow(rowA, this.rows.get(type)!.get(id), keys)) out.add(id)
    }
    return out
  }

  /** The organisations at or below the given ones (`partOf` tree after the delta). */
  private subtrees(roots: ReadonlySet<string>): Set<string> {
    const out = new Set<string>()
    if (roots.size === 0) return out
    const orgs = this.base.organization
    const replaced = this.replaced.get('organization')!
    const children = new Map<string, string[]>()
    const link = (parent: string | null | undefined, child: string) => {
      if (parent === null || parent === undefined) return
      const list = children.get(parent)
      if (list) list.push(child)
      else children.set(parent, [child])
    }
    ;(orgs.partOf as (string | null)[]).forEach((parent, i) => {
      const id = orgs.id[i]!
      if (!replaced.has(id)) link(parent, id)
    })
    for (const row of this.rows.get('organization')!.values()) link(row.partOf, row.id)
    const queue = [...roots]
    while (queue.length > 0) {
      const id = queue.pop()!
      if (out.has(id)) continue
      out.add(id)
      queue.push(...(children.get(id) ?? []))
    }
    return out
  }

  private lookup(options: WriteOptions): PlacementLookup {
    return {
      location: (id) => {
        const r = this.after('location', id)
        return r && placeOfRow(r)
      },
      organization: (id) => {
        const r = this.after('organization', id)
        return r && structureOfRow(r)
      },
      ...(options.communeCentroid ? { communeCentroid: options.communeCentroid } : {}),
    }
  }
}
