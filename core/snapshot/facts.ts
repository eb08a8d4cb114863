/**
 * Sync facts of a snapshot: for every live record, where it is (chunk index) and the little a
 * delta sync needs to know about it without decoding the snapshot — its version, its access
 * facts (ROR-FHIR-NOTES §4.1 point 3, §4.2) and its placement inputs (§3.6). Written by the
 * sync as a section of the snapshot file (codec.ts `SectionInfo`), column by column, each kind
 * sorted by id: a national snapshot's facts are ~1/20 of its records and read in well under a
 * second, where decoding the records takes ~25 s.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate'
import type { OfferFacts } from '../ror/access-context'
import type { MappedItem } from './batch'
import type { SnapshotReader } from './codec'
import type { DomainRecord, OrganizationKind, RecordType } from './records'
import { RECORD_TYPES } from './records'
import { placeInfo, structureInfo, type PlaceInfo, type StructureInfo } from './resolve'

export const FACTS_VERSION = 1

/** One live record's facts (the columns of its kind; absent values are null). */
export interface FactRow {
  id: string
  /** Index of the chunk that holds the record. */
  chunk: number
  /** `meta.lastUpdated`, epoch ms. */
  updated: number
  // offer
  field?: string | null
  sensitive?: 0 | 1
  locations?: string[]
  org?: string | null
  /** Index of the chunk that holds the offer's placement. */
  pchunk?: number
  // organization
  kind?: OrganizationKind
  partOf?: string | null
  // organization, location
  lat?: number | null
  lon?: number | null
  commune?: string | null
  // practitionerRole
  practitioner?: string | null
  offers?: string[]
}

const COLUMNS: Readonly<Record<RecordType, readonly (keyof FactRow)[]>> = {
  offer: ['id', 'chunk', 'updated', 'field', 'sensitive', 'locations', 'org', 'pchunk'],
  organization: ['id', 'chunk', 'updated', 'kind', 'partOf', 'lat', 'lon', 'commune'],
  location: ['id', 'chunk', 'updated', 'lat', 'lon', 'commune'],
  practitionerRole: ['id', 'chunk', 'updated', 'practitioner', 'offers'],
  practitioner: ['id', 'chunk', 'updated'],
}

/** The facts of one kind, column by column, rows sorted by id. */
export interface FactColumns {
  id: string[]
  chunk: number[]
  updated: number[]
  [column: string]: unknown[]
}

export type SnapshotFacts = Record<RecordType, FactColumns>

export function emptyFacts(): SnapshotFacts {
  const out = {} as SnapshotFacts
  for (const type of RECORD_TYPES) out[type] = columnsOf(type, [])
  return out
}

/** Rows (sorted by id) → columns. */
export function columnsOf(type: RecordType, rows: readonly FactRow[]): FactColumns {
  const cols: Record<string, unknown[]> = {}
  for (const name of COLUMNS[type]) cols[name] = rows.map((r) => r[name] ?? null)
  return cols as FactColumns
}

/** Row `i` of a kind's columns. */
export function rowAt(type: RecordType, cols: FactColumns, i: number): FactRow {
  const row = {} as Record<string, unknown>
  for (const name of COLUMNS[type]) row[name] = cols[name]![i]
  return row as unknown as FactRow
}

/** Index of `id` in sorted ids (code-unit order, as the builder sorts), or -1. */
export function findId(ids: readonly string[], id: string): number {
  let lo = 0
  let hi = ids.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const v = ids[mid]!
    if (v === id) return mid
    if (v < id) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

/**
 * The columns without the rows at `drop`, with `add` (sorted by id, ids not among the kept
 * ones) merged in id order.
 */
export function mergeColumns(
  type: RecordType,
  cols: FactColumns,
  drop: ReadonlySet<number>,
  add: readonly FactRow[],
): FactColumns {
  const names = COLUMNS[type]
  const out: Record<string, unknown[]> = {}
  for (const name of names) out[name] = []
  const push = (row: (name: keyof FactRow) => unknown) => {
    for (const name of names) out[name]!.push(row(name) ?? null)
  }
  let a = 0
  const n = cols.id.length
  for (let i = 0; i <= n; i++) {
    const id = i < n ? cols.id[i]! : undefined
    while (a < add.length && (id === undefined || add[a]!.id < id)) {
      const row = add[a++]!
      push((name) => row[name])
    }
    if (id === undefined || drop.has(i)) continue
    push((name) => cols[name]![i])
  }
  return out as FactColumns
}

function position(p: { lat: number; lon: number } | undefined): {
  lat: number | null
  lon: number | null
} {
  return p ? { lat: p.lat, lon: p.lon } : { lat: null, lon: null }
}

/** The fact row of a mapped item (what the builder kept), stored in chunk `chunk`. */
export function factRowOfItem(item: MappedItem, chunk: number): FactRow {
  const row: FactRow = { id: item.id, chunk, updated: item.lastUpdated }
  switch (item.type) {
    case 'offer': {
      const offer = item.offer
      row.field = offer?.field ?? null
      row.sensitive = offer?.isSensitive ? 1 : 0
      row.locations = item.ref?.locationIds ?? offer?.locationIds ?? []
      row.org = item.ref ? (item.ref.providedBy ?? null) : (offer?.organizationId ?? null)
      break
    }
    case 'organization':
      Object.assign(row, structureColumns(item.structure, item.parent ?? undefined))
      break
    case 'location':
      Object.assign(row, placeColumns(item.place))
      break
    case 'practitionerRole':
      row.practitioner = item.role?.practitionerId ?? null
      row.offers = item.role?.offerIds ?? []
      break
    case 'practitioner':
      break
  }
  return row
}

/** The fact row of a stored record (snapshots without a facts section). */
export function factRowOfRecord(r: DomainRecord, chunk: number): FactRow {
  const row: FactRow = { id: r.id, chunk, updated: Date.parse(r.lastUpdated ?? '') || 0 }
  switch (r.type) {
    case 'offer':
      row.field = r.field ?? null
      row.sensitive = r.isSensitive === true ? 1 : 0
      row.locations = r.locationIds
      row.org = r.providedBy ?? null
      break
    case 'organization':
      Object.assign(row, structureColumns(structureInfo(r), r.partOf))
      break
    case 'location':
      Object.assign(row, placeColumns(placeInfo(r)))
      break
    case 'practitionerRole':
      row.practitioner = r.practitionerId ?? null
      row.offers = r.offerId === undefined ? [] : [r.offerId]
      break
    case 'practitioner':
      break
  }
  return row
}

function structureColumns(
  s: StructureInfo | undefined,
  parent: string | undefined,
): Partial<FactRow> {
  return {
    kind: s?.kind ?? ('OI' as OrganizationKind),
    partOf: s?.partOf ?? parent ?? null,
    ...position(s?.geolocation),
    commune: s?.communeCode ?? null,
  }
}

function placeColumns(p: PlaceInfo | undefined): Partial<FactRow> {
  return { ...position(p?.position), commune: p?.communeCode ?? null }
}

const isSet = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined

/** The placement facts of a location row (resolve.ts `PlaceInfo`). */
export function placeOfRow(row: FactRow): PlaceInfo {
  const info: PlaceInfo = {}
  if (isSet(row.lat) && isSet(row.lon)) info.position = { lat: row.lat, lon: row.lon }
  if (isSet(row.commune)) info.communeCode = row.commune
  return info
}

/** The placement facts of an organization row (resolve.ts `StructureInfo`). */
export function structureOfRow(row: FactRow): StructureInfo {
  const info: StructureInfo = { kind: row.kind ?? 'OI' }
  if (isSet(row.partOf)) info.partOf = row.partOf
  if (isSet(row.lat) && isSet(row.lon)) info.geolocation = { lat: row.lat, lon: row.lon }
  if (isSet(row.commune)) info.communeCode = row.commune
  return info
}

/** The access facts of an offer row (core/ror/access-context.ts). */
export function offerFactsOfRow(row: FactRow): OfferFacts {
  const facts: OfferFacts = {
    id: row.id,
    isSensitive: row.sensitive === 1,
    locationIds: row.locations ?? [],
  }
  if (isSet(row.field)) facts.field = row.field
  if (isSet(row.org)) facts.organizationId = row.org
  return facts
}

/** Facts → their JSON (UTF-8), before compression. */
export function factsJson(facts: SnapshotFacts): Uint8Array {
  return strToU8(JSON.stringify({ v: FACTS_VERSION, ...facts }))
}

/** Facts → the bytes of the file section (raw DEFLATE of their JSON). */
export function encodeFacts(facts: SnapshotFacts): Uint8Array {
  return deflateSync(factsJson(facts), { level: 1 })
}

/**
 * The bytes of a facts section → facts; null when they were written by another version of
 * this code or are not what they should be (the delta then reads the records instead).
 */
export function decodeFacts(
  bytes: Uint8Array,
  inflate: (b: Uint8Array) => Uint8Array = (b) => inflateSync(b),
): SnapshotFacts | null {
  let raw: unknown
  try {
    raw = JSON.parse(strFromU8(inflate(bytes)))
  } catch {
    return null
  }
  if (typeof raw !== 'object' || raw === null || (raw as { v?: unknown }).v !== FACTS_VERSION) {
    return null
  }
  const out = {} as SnapshotFacts
  for (const type of RECORD_TYPES) {
    const cols = (raw as Record<string, unknown>)[type] as Record<string, unknown> | undefined
    if (typeof cols !== 'object' || cols === null) return null
    const n = Array.isArray(cols.id) ? cols.id.length : -1
    for (const name of COLUMNS[type]) {
      const col = cols[name]
      if (!Array.isArray(col) || col.length !== n) return null
    }
    out[type] = cols as FactColumns
  }
  return out
}

/** Live records per kind according to the facts (placements: one per offer). */
export function factCounts(facts: SnapshotFacts): Record<RecordType | 'placement', number> {
  const counts = {} as Record<RecordType | 'placement', number>
  for (const type of RECORD_TYPES) counts[type] = facts[type].id.length
  counts.placement = facts.offer.id.length
  return counts
}

/** The sync facts of a snapshot file, or null when it has none (or unreadable ones). */
export function readFacts(
  reader: SnapshotReader,
  inflate: (b: Uint8Array) => Uint8Array = (b) => inflateSync(b),
): SnapshotFacts | null {
  const bytes = reader.factsBytes()
  return bytes ? decodeFacts(bytes, inflate) : null
}
