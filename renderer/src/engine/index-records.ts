/**
 * The records the search index is built from, without what the index never reads.
 *
 * After a sync or an import the engine worker builds the index from every offer, organisation,
 * place and placement of the new snapshot, all decoded at once (core/search/input.ts takes
 * arrays). At national scale those 1.34 million records take ~1.25 GB of JavaScript heap —
 * the largest part of the renderer's peak (bench `sync-browser`: 2.7 GB). Contacts, telecoms,
 * opening hours, capacities… are only shown by the detail panel, which reads its records from
 * IndexedDB (detail-loader.ts); dropping them while reading halves that heap (~560 MB).
 *
 * A list of what to drop rather than of what to keep: a field the index starts reading is
 * kept unless it is listed here, and index-records.test.ts builds the index from the
 * bundled demo snapshot both ways and requires the same bytes.
 */
import type { StoredChunkRecord } from '../../../core/snapshot/chunk'
import type { ChunkKind } from '../../../core/snapshot/manifest'
import type {
  LocationRecord,
  OfferRecord,
  OrganizationRecord,
} from '../../../core/snapshot/records'

/** The kinds the index is built from. */
export const INDEX_KINDS: readonly ChunkKind[] = ['offer', 'organization', 'location', 'placement']

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
