/**
 * The records the search index is built from, without what the index never reads, and the
 * order they are read in.
 *
 * After a sync or an import the engine worker builds the index from every offer, organisation,
 * place and placement of the new snapshot. At national scale those 1.34 million records took
 * ~1.25 GB of JavaScript heap when all decoded at once — the largest part of the renderer's
 * peak (bench `sync-browser`: 2.7 GB). Two things keep that down:
 * - Contacts, telecoms, opening hours, capacities… are only shown by the detail panel, which
 *   reads its records from IndexedDB (detail-loader.ts); dropping them while reading halves
 *   that heap (~560 MB).
 * - {@link IndexFeed}: what the offers refer to (organisations, places, placements: ~300 MB of
 *   views) is read first and kept; the offers (~250 MB of views) then go one chunk at a time
 *   into a `SearchIndexBuilder`, which keeps only what it copies.
 *
 * A list of what to drop rather than of what to keep: a field the index starts reading is
 * kept unless it is listed here, and index-records.test.ts builds the index from the
 * bundled demo snapshot both ways and requires the same bytes.
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
} from '../../../core/snapshot/records'

/** The kinds the index is built from. */
export const INDEX_KINDS: readonly ChunkKind[] = ['offer', 'organization', 'location', 'placement']

/** The kinds the offers refer to, read before them (see {@link IndexFeed}). */
const CONTEXT_KINDS: readonly ChunkKind[] = ['organization', 'location', 'placement']

/** The order an {@link IndexFeed} needs its chunks in: what the offers refer to, then offers. */
export const INDEX_PASSES: readonly (readonly ChunkKind[])[] = [CONTEXT_KINDS, ['offer']]

const DROPPED: Partial<Record<ChunkKind, ReadonlySet<string>>> = {
  offer: new Set<keyof OfferRecord>([
    'identifier',
    'lastUpdated',
    'characteristics',
    'openingHours',
    'interventionZones',
    'psychiatricSectors',
    'isSensitive',
    'contacts',
    'telecoms',
    'createdAt',
  ]),
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
  location: new Set<keyof LocationRecord>([
    'identifier',
    'description',
    'operationalStatus',
    'telecoms',
    'capacities',
    'residentialCapacities',
    'equipment',
    'managingOrganization',
    'lastUpdated',
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
 * Builds the search index from a snapshot's chunks read in {@link INDEX_PASSES} order: the
 * chunks the offers refer to are kept (as index views) until `startOffers`, then each offer
 * chunk goes into the index builder and is dropped. Chunks of other kinds are ignored.
 */
export class IndexFeed {
  private context: StoredChunkRecord[] = []
  private builder: SearchIndexBuilder | undefined

  constructor(private readonly deps: SearchInputDeps) {}

  /** `offers`: the number of live offers the snapshot holds (the index's row count). */
  startOffers(offers: number): void {
    if (this.builder) throw new Error('IndexFeed: startOffers called twice')
    this.builder = new SearchIndexBuilder(searchContextFromRecords(this.context, this.deps), offers)
    this.context = []
  }

  see(kind: ChunkKind, records: readonly StoredChunkRecord[]): void {
    if (kind !== 'offer') {
      if (this.builder) throw new Error(`IndexFeed: ${kind} chunk after the offers started`)
      collectForIndex(this.context, kind, records)
      return
    }
    if (!this.builder) throw new Error('IndexFeed: offers before startOffers')
    for (const record of records) this.builder.add(indexView(kind, record) as OfferRecord)
  }

  finish(): SearchIndex {
    if (!this.builder) this.startOffers(0)
    return this.builder!.finish()
  }
}
