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
import type { DomainRecord, OrganizationKind, RecordType } from './records'
import { RECORD_TYPES } from './records'
import { decodeTextColumn, encodeTextColumn, type TextEncoding } from './facts-text'
import { placeInfo, structureInfo, type PlaceInfo, type StructureInfo } from './resolve'

export const FACTS_VERSION = 3

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

/** Numeric columns are stored as binary (null: NaN for f64, -1 for i32). */
const NUMERIC: Readonly<Record<string, 'i32' | 'f64'>> = {
  chunk: 'i32',
  pchunk: 'i32',
  sensitive: 'i32',
  updated: 'f64',
  lat: 'f64',
  lon: 'f64',
}

/** Text columns whose values are lists of ids. */
const LIST: ReadonlySet<string> = new Set(['locations', 'offers'])

/** One column: values by row (typed arrays once read from a file). */
export type Column = unknown[] | Int32Array | Float64Array

/** The facts of one kind, column by column, rows sorted by id. */
export interface FactColumns {
  id: string[]
  chunk: number[] | Int32Array
  updated: number[] | Float64Array
  [column: string]: Column
}

export type SnapshotFacts = Record<RecordType, FactColumns>

export function emptyFacts(): SnapshotFacts {
  const out = {} as SnapshotFacts
  for (const type of RECORD_TYPES) out[type] = columnsOf(type, [])
  return out
}

/** Rows → columns. */
export function columnsOf(type: RecordType, rows: readonly FactRow[]): FactColumns {
  const builder = new ColumnsBuilder(type)
  for (const r of rows) builder.push(r)
  return builder.finish()
}

/** Row `i` of a kind's columns. */
export function rowAt(type: RecordType, cols: FactColumns, i: number): FactRow {
  const row = {} as Record<string, unknown>
  for (const name of COLUMNS[type]) {
    const v = cols[name]![i]
    row[name] = typeof v === 'number' && Number.isNaN(v) ? null : v
  }
  return row as unknown as FactRow
}

/** Builds a kind's columns row by row (rows in id order, else sorted at `finish`). */
export class ColumnsBuilder {
  private readonly cols: Record<string, unknown[]> = {}
  private sorted = true

  constructor(readonly type: RecordType) {
    for (const name of COLUMNS[type]) this.cols[name] = []
  }

  get length(): number {
    return this.cols.id!.length
  }

  push(row: FactRow): void {
    const ids = this.cols.id as string[]
    if (ids.length > 0 && !(ids[ids.length - 1]! < row.id)) this.sorted = false
    for (const name of COLUMNS[this.type]) this.cols[name]!.push(row[name] ?? null)
  }

  finish(): FactColumns {
    if (this.sorted) return this.cols as FactColumns
    const ids = this.cols.id as string[]
    const order = ids.map((_, i) => i).sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1))
    const out: Record<string, unknown[]> = {}
    for (const name of COLUMNS[this.type]) out[name] = order.map((i) => this.cols[name]![i])
    return out as FactColumns
  }
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
 * ones) merged in id order. Numeric columns come out as typed arrays.
 */
export function mergeColumns(
  type: RecordType,
  cols: FactColumns,
  drop: ReadonlySet<number>,
  add: readonly FactRow[],
): FactColumns {
  // The merged order once: row k comes from the base (index >= 0) or from `add` (~index).
  const n = cols.id.length
  const from = new Int32Array(n - drop.size + add.length)
  let k = 0
  let a = 0
  for (let i = 0; i < n; i++) {
    const id = cols.id[i]!
    while (a < add.length && add[a]!.id < id) from[k++] = ~a++
    if (!drop.has(i)) from[k++] = i
  }
  while (a < add.length) from[k++] = ~a++
  const out: Record<string, Column> = {}
  for (const name of COLUMNS[type]) {
    const base = cols[name]!
    const kind = NUMERIC[name]
    const col: Column =
      kind === 'i32'
        ? new Int32Array(k)
        : kind === 'f64'
          ? new Float64Array(k)
          : (new Array(k) as unknown[])
    for (let j = 0; j < k; j++) {
      const f = from[j]!
      const v = f >= 0 ? base[f] : add[~f]![name]
      col[j] = v ?? (kind === 'i32' ? -1 : kind === 'f64' ? NaN : null)
    }
    out[name] = col
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

/** The access facts of the offer at row `i` of the offers' columns (core/ror/access-context.ts). */
export function offerFactsAt(offers: FactColumns, i: number): OfferFacts {
  const facts: OfferFacts = {
    id: offers.id[i]!,
    isSensitive: offers.sensitive![i] === 1,
    locationIds: (offers.locations![i] as string[] | null) ?? [],
  }
  const field = offers.field![i] as string | null | undefined
  const org = offers.org![i] as string | null | undefined
  if (isSet(field)) facts.field = field
  if (isSet(org)) facts.organizationId = org
  return facts
}

/**
 * Facts → the bytes of the section before compression: u32 LE length of a JSON header, the
 * header `{v, n: {kind: rows}, text: {kind: {column: [offset, length, encoding]}}}`, then each
 * text column as its own UTF-8 text (facts-text.ts; offsets from the end of the header), zero
 * padding to 8 bytes, then each numeric column in COLUMNS order as little-endian Int32 or
 * Float64 values, each padded to 8 bytes. Numbers as binary read at no cost; text columns one
 * by one, so a reader can pause between them (`decodeFacts`).
 */
export function factsBytes(facts: SnapshotFacts, extra: Record<string, unknown> = {}): Uint8Array {
  const texts: Uint8Array[] = []
  const layout: Record<string, Record<string, [number, number, TextEncoding]>> = {}
  const rows: Record<string, number> = {}
  let textSize = 0
  let binary = 0
  for (const type of RECORD_TYPES) {
    const cols = facts[type]
    rows[type] = cols.id.length
    layout[type] = {}
    for (const name of COLUMNS[type]) {
      const kind = NUMERIC[name]
      if (kind !== undefined) {
        binary += pad8(cols.id.length * (kind === 'i32' ? 4 : 8))
        continue
      }
      const { text, encoding } = encodeTextColumn(cols[name]!, LIST.has(name))
      const bytes = strToU8(text)
      layout[type]![name] = [textSize, bytes.length, encoding]
      texts.push(bytes)
      textSize += bytes.length
    }
  }
  const header = strToU8(JSON.stringify({ ...extra, v: FACTS_VERSION, n: rows, text: layout }))
  const start = pad8(4 + header.length + textSize)
  const out = new Uint8Array(start + binary)
  new DataView(out.buffer).setUint32(0, header.length, true)
  out.set(header, 4)
  let at = 4 + header.length
  for (const t of texts) {
    out.set(t, at)
    at += t.length
  }
  at = start
  for (const type of RECORD_TYPES) {
    const cols = facts[type]
    const n = cols.id.length
    for (const name of COLUMNS[type]) {
      const kind = NUMERIC[name]
      if (kind === undefined) continue
      const values = cols[name]!
      const view =
        kind === 'i32' ? new Int32Array(out.buffer, at, n) : new Float64Array(out.buffer, at, n)
      // Columns read from a file or merged (mergeColumns) are typed arrays already.
      if (values instanceof (kind === 'i32' ? Int32Array : Float64Array)) view.set(values)
      else {
        for (let i = 0; i < n; i++) {
          const v = values[i]
          view[i] = typeof v === 'number' ? v : kind === 'i32' ? -1 : NaN
        }
      }
      at += pad8(n * (kind === 'i32' ? 4 : 8))
    }
  }
  return out
}

const pad8 = (n: number) => Math.ceil(n / 8) * 8

/** Facts → the bytes of the file section (raw DEFLATE of `factsBytes`). */
export function encodeFacts(facts: SnapshotFacts): Uint8Array {
  return deflateSync(factsBytes(facts), { level: 1 })
}

export type Inflate = (b: Uint8Array) => Uint8Array | Promise<Uint8Array>

export interface FactsHeader {
  [extra: string]: unknown
  v?: unknown
  n?: Record<string, number>
  text?: Record<string, Record<string, [number, number, TextEncoding]>>
}

/**
 * The bytes of a facts section → facts, with the section's header (where a facts layer keeps
 * its removed ids); null when they were written by another version of this code or are not what
 * they should be (the delta then reads the records instead). `pause` is awaited between text
 * columns (~0.1 s each at national scale), so that a host keeps serving its event loop — a
 * delta's first queries run meanwhile.
 */
export async function decodeFacts(
  bytes: Uint8Array,
  inflate: Inflate = (b) => inflateSync(b),
  pause: () => Promise<void> = async () => undefined,
): Promise<{ facts: SnapshotFacts; header: FactsHeader } | null> {
  try {
    const raw = await inflate(bytes)
    await pause()
    const data = raw.byteOffset % 8 === 0 ? raw : raw.slice()
    const length = new DataView(data.buffer, data.byteOffset).getUint32(0, true)
    const header = JSON.parse(strFromU8(data.subarray(4, 4 + length))) as FactsHeader
    if (header.v !== FACTS_VERSION || !header.n || !header.text) return null
    const textStart = 4 + length
    let textSize = 0
    for (const cols of Object.values(header.text)) {
      for (const [, size] of Object.values(cols)) textSize += size
    }
    let at = pad8(textStart + textSize)
    const out = {} as SnapshotFacts
    for (const type of RECORD_TYPES) {
      const n = header.n[type]
      const text = header.text[type]
      if (typeof n !== 'number' || !text) return null
      const cols: Record<string, Column> = {}
      for (const name of COLUMNS[type]) {
        const kind = NUMERIC[name]
        if (kind === undefined) {
          const [offset, size, encoding] = text[name] ?? [0, -1, 'j']
          const bytes = data.subarray(textStart + offset, textStart + offset + size)
          const col = await decodeTextColumn(strFromU8(bytes), encoding, n, LIST.has(name), pause)
          if (!col) return null
          cols[name] = col
          await pause()
          continue
        }
        const size = n * (kind === 'i32' ? 4 : 8)
        if (at + size > data.length) return null
        const offset = data.byteOffset + at
        cols[name] =
          kind === 'i32'
            ? new Int32Array(data.buffer, offset, n)
            : new Float64Array(data.buffer, offset, n)
        at += pad8(size)
      }
      out[type] = cols as FactColumns
    }
    return { facts: out, header }
  } catch {
    return null
  }
}
