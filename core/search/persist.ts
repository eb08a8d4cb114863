/**
 * Persisted search index: the app and the CLI store it next to the snapshot so a cold start
 * loads columns instead of decoding and re-indexing every record (at national scale, decoding
 * the records alone takes far longer than the 2 s budget — see tools/bench/search.ts).
 *
 *   offset 0  8 bytes  magic "RORSIDX\n"
 *          8  u32 LE   format version
 *         12  u32 LE   header length H
 *         16  H bytes  header: UTF-8 JSON (array directory, small dictionaries, meta)
 *   16+H…     arrays   each typed array's bytes, 8-byte aligned, in directory order; the large
 *                      string tables are stored there too, as text (persist-layout.ts)
 *
 * Typed arrays are read back as views on the file's buffer (no copy when it is 8-aligned).
 * Inverse relations (activity → offers, token → documents…) are not stored but recomputed by
 * transposition at load, which is cheaper than reading them.
 */
import KDBush from 'kdbush'
import { newScratch } from './build'
import { type Csr, Dictionary, csrTranspose } from './csr'
import {
  type ArrayEntry,
  type Strings,
  TYPES,
  type TypeName,
  type Typed,
  arraysOf,
  decodeTable,
  encodeTable,
  stringsOf,
  tablesOf,
  typeName,
} from './persist-layout'
import { SearchIndexFormatError } from './persist-error'
import type { TextIndex } from './text-index'
import type { ActivityCatalog, ActivitySuggestion, SearchIndex, StructureCatalog } from './types'

const MAGIC = 'RORSIDX\n'
/** Bump when the layout or the meaning of a column changes. */
export const SEARCH_INDEX_FORMAT_VERSION = 1

export { SearchIndexFormatError }

/**
 * Serialises the index; `meta` (e.g. the snapshot checksum and the terminology version) is
 * stored as is and returned by {@link readSearchIndexMeta} so callers can tell a stale file.
 */
export function serializeSearchIndex(
  index: SearchIndex,
  meta: Record<string, unknown> = {},
): Uint8Array {
  const parts = serializeSearchIndexParts(index, meta)
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/**
 * The same bytes as {@link serializeSearchIndex}, in parts whose concatenation is the file:
 * most are views on the index's own typed arrays, so a host that stores them as a `Blob`
 * (IndexedDB) never holds a second, contiguous copy of the index in its heap.
 */
export function serializeSearchIndexParts(
  index: SearchIndex,
  meta: Record<string, unknown> = {},
): Uint8Array[] {
  const tables = tablesOf(index)
  const counts = Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, v.length]))
  const arrays: Record<string, Typed> = { ...arraysOf(index) }
  for (const [name, values] of Object.entries(tables)) arrays[`table:${name}`] = encodeTable(values)
  const directory: Record<string, ArrayEntry> = {}
  let offset = 0
  for (const [name, a] of Object.entries(arrays)) {
    directory[name] = { type: typeName(a), offset, length: a.length }
    offset += Math.ceil(a.byteLength / 8) * 8
  }
  const header = new TextEncoder().encode(
    JSON.stringify({ meta, arrays: directory, counts, strings: stringsOf(index) }),
  )
  const start = Math.ceil((16 + header.length) / 8) * 8
  const head = new Uint8Array(start)
  head.set(new TextEncoder().encode(MAGIC), 0)
  const view = new DataView(head.buffer)
  view.setUint32(8, SEARCH_INDEX_FORMAT_VERSION, true)
  view.setUint32(12, header.length, true)
  head.set(header, 16)
  const parts: Uint8Array[] = [head]
  const padding = new Uint8Array(8)
  for (const a of Object.values(arrays)) {
    parts.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
    const pad = Math.ceil(a.byteLength / 8) * 8 - a.byteLength
    if (pad > 0) parts.push(padding.subarray(0, pad))
  }
  return parts
}

function readHeader(bytes: Uint8Array): { header: Header; start: number } {
  const magic = new TextDecoder().decode(bytes.subarray(0, 8))
  if (bytes.length < 16 || magic !== MAGIC) {
    throw new SearchIndexFormatError('Ce fichier n’est pas un index de recherche ROR hors ligne.')
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const version = view.getUint32(8, true)
  if (version !== SEARCH_INDEX_FORMAT_VERSION) {
    throw new SearchIndexFormatError(
      `Index de recherche au format ${version}, ${SEARCH_INDEX_FORMAT_VERSION} attendu : le reconstruire.`,
    )
  }
  const length = view.getUint32(12, true)
  if (16 + length > bytes.length) throw new SearchIndexFormatError('Index de recherche tronqué.')
  let header: Header
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + length))) as Header
  } catch {
    throw new SearchIndexFormatError('Index de recherche endommagé (en-tête illisible).')
  }
  return { header, start: Math.ceil((16 + length) / 8) * 8 }
}

interface Header {
  meta: Record<string, unknown>
  arrays: Record<string, ArrayEntry>
  /** Number of strings of each table. */
  counts: Record<string, number>
  strings: Strings
}

/** The `meta` stored with an index (cheap: parses the header only). */
export function readSearchIndexMeta(bytes: Uint8Array): Record<string, unknown> {
  return readHeader(bytes).header.meta
}

function dictionary(values: readonly string[]): Dictionary {
  const d = new Dictionary()
  for (const v of values) d.intern(v)
  return d
}

/** Typed views and string tables of a persisted index, checked against its directory. */
class Reader {
  private readonly bytes: Uint8Array

  constructor(
    input: Uint8Array,
    private readonly header: Header,
    private readonly start: number,
  ) {
    // Typed-array views need their element alignment: copy once if the buffer is not 8-aligned.
    this.bytes = input.byteOffset % 8 === 0 ? input : input.slice()
  }

  get<T extends TypeName>(name: string, type: T): InstanceType<(typeof TYPES)[T]> {
    const e = this.header.arrays[name]
    if (!e || e.type !== type) {
      throw new SearchIndexFormatError(`Index de recherche : « ${name} » absent.`)
    }
    const at = this.start + e.offset
    if (at + e.length * TYPES[type].BYTES_PER_ELEMENT > this.bytes.length) {
      throw new SearchIndexFormatError('Index de recherche tronqué.')
    }
    const buffer = this.bytes.buffer as ArrayBuffer
    return new TYPES[type](buffer, this.bytes.byteOffset + at, e.length) as InstanceType<
      (typeof TYPES)[T]
    >
  }

  csr(offsets: string, values: string): Csr {
    return { offsets: this.get(offsets, 'u32'), values: this.get(values, 'u32') }
  }

  table(name: string): string[] {
    return decodeTable(this.get(`table:${name}`, 'u8'), this.header.counts[name] ?? -1)
  }

  text(prefix: string, tokens: readonly string[], docs: number): TextIndex {
    const postings = this.csr(`${prefix}TextOffsets`, `${prefix}TextValues`)
    const short = this.csr(`${prefix}ShortOffsets`, `${prefix}ShortValues`)
    return { tokens, postings, short, docTokens: csrTranspose(postings, docs) }
  }
}

function filtersOf(r: Reader, codes: Strings['codes']): SearchIndex['filters'] {
  const single = (ids: string, values: readonly string[]) => ({
    codes: dictionary(values),
    ids: r.get(ids, 'u16'),
  })
  return {
    field: single('field', codes.field),
    offerType: single('offerType', codes.offerType),
    category: single('category', codes.category),
    departement: single('departement', codes.departement),
    region: single('region', codes.region),
    careModes: {
      codes: dictionary(codes.careModes),
      rows: r.csr('careModeOffsets', 'careModeValues'),
    },
    publics: { codes: dictionary(codes.publics), rows: r.csr('publicOffsets', 'publicValues') },
  }
}

function catalogsOf(r: Reader, s: Strings, orgIds: readonly string[]) {
  const structures: StructureCatalog = {
    offerCount: r.get('structOfferCount', 'u32'),
    rank: r.get('structRank', 'u32'),
    byKey: r.get('structByKey', 'u32'),
    sortKeys: r.table('structSortKeys'),
    cities: r.table('structCities'),
    text: r.text('struct', r.table('structTokens'), orgIds.length),
  }
  const activityCatalog: ActivityCatalog = {
    entries: s.actEntries as ActivitySuggestion[],
    rank: r.get('actRank', 'u32'),
    byKey: r.get('actByKey', 'u32'),
    sortKeys: s.actSortKeys,
    text: r.text('act', s.actTokens, s.actEntries.length),
  }
  return { structures, activityCatalog }
}

function activitiesOf(r: Reader, s: Strings) {
  const activityCodes = dictionary(s.activityCodes)
  const familyCodes = dictionary(s.familyCodes)
  const offerActivities = r.csr('actOffsets', 'actValues')
  const offerFamilies = r.csr('famOffsets', 'famValues')
  return {
    activityCodes,
    offerActivities,
    activityOffers: csrTranspose(offerActivities, activityCodes.size),
    familyCodes,
    offerFamilies,
    familyOffers: csrTranspose(offerFamilies, familyCodes.size),
    familyActivities: new Map(s.familyActivities),
  }
}

/** Loads an index written by {@link serializeSearchIndex}. */
export function deserializeSearchIndex(input: Uint8Array): SearchIndex {
  const { header, start } = readHeader(input)
  const r = new Reader(input, header, start)
  const s = header.strings
  const n = s.size
  const orgIds = r.table('orgIds')
  return {
    size: n,
    offerIds: r.table('offerIds'),
    names: r.table('names'),
    nameRank: r.get('nameRank', 'u32'),
    structure: r.get('structure', 'i32'),
    legalEntity: r.get('legalEntity', 'i32'),
    orgs: {
      ids: orgIds,
      names: r.table('orgNames'),
      finess: r.table('orgFiness'),
      kinds: r.get('orgKinds', 'u8'),
    },
    ...activitiesOf(r, s),
    ageMin: r.get('ageMin', 'f64'),
    ageMaxExclusive: r.get('ageMaxExclusive', 'f64'),
    ageBounds: {
      lowValue: r.get('ageLowValue', 'f64'),
      lowUnit: r.get('ageLowUnit', 'u8'),
      highValue: r.get('ageHighValue', 'f64'),
      highUnit: r.get('ageHighUnit', 'u8'),
      units: s.ageUnits,
    },
    filters: filtersOf(r, s.codes),
    closureStart: r.get('closureStart', 'f64'),
    closureEnd: r.get('closureEnd', 'f64'),
    orgClosedAt: r.get('orgClosedAt', 'f64'),
    locationsClosed: r.get('locationsClosed', 'u8'),
    pointOffsets: r.get('pointOffsets', 'u32'),
    pointOffer: r.get('pointOffer', 'u32'),
    pointLat: r.get('pointLat', 'f64'),
    pointLon: r.get('pointLon', 'f64'),
    // KDBush reads its own header from byte 0 of its buffer: give it a buffer of its own.
    kdTree: KDBush.from(r.get('kdTree', 'u8').slice().buffer),
    precision: r.get('precision', 'u8'),
    commune: { values: r.table('communes'), ids: r.get('commune', 'u32') },
    city: { values: r.table('cities'), ids: r.get('city', 'u32') },
    text: textIndexOf(r, n),
    ...catalogsOf(r, s, orgIds),
    scratch: newScratch(n),
  }
}

function textIndexOf(r: Reader, docs: number): TextIndex {
  return r.text('text', r.table('tokens'), docs)
}
