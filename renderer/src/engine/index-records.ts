/**
 * The records the search index is built from, without what the index never reads, and the
 * order they are read in.
 *
 * After a sync or an import the engine worker builds the index from every offer, organisation,
 * place and placement of the new snapshot. At national scale those 1.34 million records took
 * ~1.25 GB of JavaScript heap when all decoded at once — the largest part of the renderer's
 * peak (bench `sync-browser`: 2.7 GB). What keeps that down:
 * - {@link IndexFeed}: what the offers refer to is read first and kept; the offers then go one
 *   chunk at a time into a `SearchIndexBuilder`, which keeps only what it copies.
 * - Organisations are kept as index views: contacts, telecoms, identifiers… are only shown by
 *   the detail panel, which reads its records from IndexedDB (detail-loader.ts).
 * - Places and placements are kept in compact tables (index-context.ts): as views they were
 *   ~230 MB of small objects for the whole build; the live heap fell from ~400 to ~240 MB,
 *   the renderer's peak during the build from 1.6 to 1.1–1.2 GB and the collector's time by half.
 *
 * The views are a list of what to drop rather than of what to keep: a field the index starts
 * reading is kept unless it is listed here; index-records.test.ts builds the index from the
 * bundled demo snapshot both ways (with and without stored placements) and requires the same
 * bytes.
 */
import { SearchIndexBuilder } from '../../../core/search/build'
import { searchContextFromRecords, type SearchInputDeps } from '../../../core/search/input'
import type { SearchIndex } from '../../../core/search/types'
import type { StoredChunkRecord } from '../../../core/snapshot/chunk'
import type { ChunkKind } from '../../../core/snapshot/manifest'
import type {
  LocationRecord,
  OfferRecord,
  OrganizationRecord,
  ResolvedPlacement,
} from '../../../core/snapshot/records'
import {
  resolvePlacement,
  structureInfo,
  type PlacementLookup,
  type StructureInfo,
} from '../../../core/snapshot/resolve'
import { CompactLocations, CompactPlacements } from './index-context'

/** The kinds the index is built from. */
export const INDEX_KINDS: readonly ChunkKind[] = ['offer', 'organization', 'location', 'placement']

/** The kinds the offers refer to, read before them (see {@link IndexFeed}). */
const CONTEXT_KINDS: readonly ChunkKind[] = ['organization', 'location', 'placement']

/** The order an {@link IndexFeed} needs its chunks in: what the offers refer to, then offers. */
export const INDEX_PASSES: readonly (readonly ChunkKind[])[] = [CONTEXT_KINDS, ['offer']]

/**
 * What the index never reads of an organisation (kept until the offers are in). Offers need
 * no view (the builder keeps nothing of them); places and placements are kept compact
 * (index-context.ts).
 */
const DROPPED: Partial<Record<ChunkKind, ReadonlySet<string>>> = {
  organization: new Set<keyof OrganizationRecord>([
    'lastUpdated',
    'siret',
    'siren',
    'idNatStruct',
    'legalStatus',
    'oiType',
    'contacts',
    'telecoms',
    'hasDropZone',
    'orsanLevel',
    'openedAt',
  ]),
}

/** `record` without the fields the search index does not read (the record itself if none). */
export function indexView(kind: ChunkKind, record: StoredChunkRecord): StoredChunkRecord {
  const dropped = DROPPED[kind]
  if (!dropped) return record
  const view: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) if (!dropped.has(key)) view[key] = value
  return view as unknown as StoredChunkRecord
}

/** Appends to `out` the index views of a chunk's records, when its kind feeds the index. */
export function collectForIndex(
  out: StoredChunkRecord[],
  kind: ChunkKind,
  records: readonly StoredChunkRecord[],
): void {
  if (!INDEX_KINDS.includes(kind)) return
  for (const record of records) out.push(indexView(kind, record))
}

/**
 * Builds the search index from a snapshot's chunks read in {@link INDEX_PASSES} order: what
 * the offers refer to is kept until `startOffers` — organisations as index views, places and
 * placements in compact tables (index-context.ts) —, then each offer chunk goes into the index
 * builder, which copies what it needs, and is dropped. Chunks of other kinds are ignored.
 */
export class IndexFeed {
  private organizations: StoredChunkRecord[] = []
  private readonly locations = new CompactLocations()
  private readonly placements = new CompactPlacements()
  private builder: SearchIndexBuilder | undefined

  constructor(private readonly deps: SearchInputDeps) {}

  /** `offers`: the number of live offers the snapshot holds (the index's row count). */
  startOffers(offers: number): void {
    if (this.builder) throw new Error('IndexFeed: startOffers called twice')
    // Stored placements when the snapshot has them, else each offer's worked out as it comes.
    const stored = this.placements.size > 0
    const placementOf = stored
      ? (offer: OfferRecord) => this.placements.of(offer.id)
      : this.resolver()
    const context = searchContextFromRecords(this.organizations, this.deps, placementOf)
    context.locationLookup = this.locations
    this.builder = new SearchIndexBuilder(context, offers)
    this.organizations = []
  }

  /** Placement from the places and organisations (core/snapshot/resolve.ts), as stored ones are. */
  private resolver(): (offer: OfferRecord) => ResolvedPlacement {
    const structures = new Map<string, StructureInfo>()
    for (const r of this.organizations) {
      if ('type' in r && r.type === 'organization') structures.set(r.id, structureInfo(r))
    }
    const g = this.deps.gazetteer
    const lookup: PlacementLookup = {
      location: (id) => this.locations.placeInfo(id),
      organization: (id) => structures.get(id),
      ...(g ? { communeCentroid: (code: string) => g.centroid(code) } : {}),
    }
    return (offer) => resolvePlacement(offer, lookup)
  }

  see(kind: ChunkKind, records: readonly StoredChunkRecord[]): void {
    if (kind !== 'offer') {
      if (this.builder) throw new Error(`IndexFeed: ${kind} chunk after the offers started`)
      if (kind === 'location') {
        for (const r of records) this.locations.add(r as LocationRecord)
      } else if (kind === 'placement') {
        for (const r of records) this.placements.add(r as ResolvedPlacement)
      } else collectForIndex(this.organizations, kind, records)
      return
    }
    if (!this.builder) throw new Error('IndexFeed: offers before startOffers')
    // No index view: the builder keeps nothing of an offer but what it copies.
    for (const record of records) this.builder.add(record as OfferRecord)
  }

  finish(): SearchIndex {
    if (!this.builder) this.startOffers(0)
    return this.builder!.finish()
  }
}
