/**
 * What a persisted search index holds (persist.ts): the typed arrays under stable names, the
 * large string tables (as text blobs) and the small rest (JSON header).
 */
import { SearchIndexFormatError } from './persist-error'
import type { SearchIndex } from './types'

export type Typed = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array
export const TYPES = {
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i32: Int32Array,
  f64: Float64Array,
}
export type TypeName = keyof typeof TYPES

export interface ArrayEntry {
  type: TypeName
  offset: number
  length: number
}

export function typeName(a: Typed): TypeName {
  if (a instanceof Uint8Array) return 'u8'
  if (a instanceof Uint16Array) return 'u16'
  if (a instanceof Uint32Array) return 'u32'
  if (a instanceof Int32Array) return 'i32'
  return 'f64'
}

/** Row-side relations and columns stored as arrays (names are stable file keys). */
export function arraysOf(ix: SearchIndex): Record<string, Typed> {
  const f = ix.filters
  return {
    nameRank: ix.nameRank,
    structure: ix.structure,
    legalEntity: ix.legalEntity,
    orgKinds: ix.orgs.kinds,
    actOffsets: ix.offerActivities.offsets,
    actValues: ix.offerActivities.values,
    famOffsets: ix.offerFamilies.offsets,
    famValues: ix.offerFamilies.values,
    ageMin: ix.ageMin,
    ageMaxExclusive: ix.ageMaxExclusive,
    ageLowValue: ix.ageBounds.lowValue,
    ageLowUnit: ix.ageBounds.lowUnit,
    ageHighValue: ix.ageBounds.highValue,
    ageHighUnit: ix.ageBounds.highUnit,
    field: f.field.ids,
    offerType: f.offerType.ids,
    category: f.category.ids,
    departement: f.departement.ids,
    region: f.region.ids,
    careModeOffsets: f.careModes.rows.offsets,
    careModeValues: f.careModes.rows.values,
    publicOffsets: f.publics.rows.offsets,
    publicValues: f.publics.rows.values,
    closureStart: ix.closureStart,
    closureEnd: ix.closureEnd,
    orgClosedAt: ix.orgClosedAt,
    locationsClosed: ix.locationsClosed,
    pointOffsets: ix.pointOffsets,
    pointOffer: ix.pointOffer,
    pointLat: ix.pointLat,
    pointLon: ix.pointLon,
    kdTree: new Uint8Array(ix.kdTree.data),
    precision: ix.precision,
    commune: ix.commune.ids,
    city: ix.city.ids,
    textTextOffsets: ix.text.postings.offsets,
    textTextValues: ix.text.postings.values,
    textShortOffsets: ix.text.short.offsets,
    textShortValues: ix.text.short.values,
    structOfferCount: ix.structures.offerCount,
    structRank: ix.structures.rank,
    structByKey: ix.structures.byKey,
    actRank: ix.activityCatalog.rank,
    actByKey: ix.activityCatalog.byKey,
    structTextOffsets: ix.structures.text.postings.offsets,
    structTextValues: ix.structures.text.postings.values,
    structShortOffsets: ix.structures.text.short.offsets,
    structShortValues: ix.structures.text.short.values,
    actTextOffsets: ix.activityCatalog.text.postings.offsets,
    actTextValues: ix.activityCatalog.text.postings.values,
    actShortOffsets: ix.activityCatalog.text.short.offsets,
    actShortValues: ix.activityCatalog.text.short.values,
  }
}

/** Large string tables, stored as text blobs in the binary section (see `encodeTable`). */
export function tablesOf(ix: SearchIndex): Record<string, readonly string[]> {
  return {
    offerIds: ix.offerIds,
    names: ix.names,
    orgIds: ix.orgs.ids,
    orgNames: ix.orgs.names,
    orgFiness: ix.orgs.finess,
    communes: ix.commune.values,
    cities: ix.city.values,
    tokens: ix.text.tokens,
    structSortKeys: ix.structures.sortKeys,
    structCities: ix.structures.cities,
    structTokens: ix.structures.text.tokens,
  }
}

/** Everything else that is not a typed array (small: JSON in the header). */
export function stringsOf(ix: SearchIndex) {
  const f = ix.filters
  return {
    size: ix.size,
    activityCodes: ix.activityCodes.values,
    familyCodes: ix.familyCodes.values,
    familyActivities: [...ix.familyActivities],
    ageUnits: ix.ageBounds.units,
    codes: {
      field: f.field.codes.values,
      offerType: f.offerType.codes.values,
      category: f.category.codes.values,
      departement: f.departement.codes.values,
      region: f.region.codes.values,
      careModes: f.careModes.codes.values,
      publics: f.publics.codes.values,
    },
    actEntries: ix.activityCatalog.entries,
    actSortKeys: ix.activityCatalog.sortKeys,
    actTokens: ix.activityCatalog.text.tokens,
  }
}

/**
 * A string table as bytes: one line per string (fast to split back), or JSON when a string
 * holds a line break. The first byte says which (`L` or `J`).
 */
export function encodeTable(values: readonly string[]): Uint8Array {
  const lines = values.every((v) => !v.includes('\n'))
  return new TextEncoder().encode(lines ? `L${values.join('\n')}` : `J${JSON.stringify(values)}`)
}

export function decodeTable(bytes: Uint8Array, count: number): string[] {
  const text = new TextDecoder().decode(bytes)
  const values = text.startsWith('L')
    ? count === 0
      ? []
      : text.slice(1).split('\n')
    : (JSON.parse(text.slice(1)) as string[])
  if (values.length !== count)
    throw new SearchIndexFormatError('Index de recherche : table abîmée.')
  return values
}

export type Strings = ReturnType<typeof stringsOf>
