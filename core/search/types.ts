/**
 * Public types of the offline search engine (issue 6 « Search engine »): what the index is
 * built from, the query, and the result rows shared by the app, the CLI and the CSV export.
 */
import type { AgeBound, GeoPrecision } from '../snapshot/records'
import type { Csr, Dictionary } from './csr'
import type { TextIndex } from './text-index'
import type KDBush from 'kdbush'

/** What the engine needs to know about a commune (from the bundled gazetteer). */
export interface CommuneInfo {
  name: string
  /** Code of the département (`18`, `2A`, `974`). */
  departement: string
  /** INSEE code of the région (`24` Centre-Val de Loire). */
  region: string
}

/** A criterion value set: a code list; an empty or absent list means « no constraint ». */
export type CodeSet = readonly string[] | undefined

/**
 * A search. Criteria combine with AND; the values of one criterion with OR (issue 6).
 * Activities and families are one criterion: an offer matches when any of its activities is
 * one of `activities`, or belongs to one of `families` (by the offer's own `activityFamilies`
 * or by the ASS_A14 family → activity association).
 */
export interface SearchQuery {
  /** Operational activity codes, TRE_R211 (`"022"`). */
  activities?: CodeSet
  /** Operational activity family codes (JDV_J51 / TRE_R266 / SERAFIN-PH). */
  families?: CodeSet
  /**
   * Patient age in minutes (core/ror/age.ts `parsePatientAge`). An offer matches when
   * `minMinutes <= age < maxMinutesExclusive`, i.e. the age expressed in each bound's unit and
   * rounded down lies within the inclusive bounds.
   */
  ageMinutes?: number
  /**
   * Offers whose age range is unknown (the 1..1 `ageRange` was missing or unusable) are
   * excluded when an age is given: nothing says they take that patient. Set to also keep them.
   */
  includeUnknownAge?: boolean
  /** Origin of the distance criterion and of the distance sort (callers resolve communes). */
  origin?: { lat: number; lon: number }
  /** Radius in km around `origin`, inclusive. Ignored without an origin. */
  radiusKm?: number
  /** Free text: every token must prefix-match a token of the offer, structure, EJ, FINESS or city. */
  text?: string
  /** Champ d'activité, TRE_R227. */
  fields?: CodeSet
  /** Mode de prise en charge, TRE_R213. */
  careModes?: CodeSet
  /** Type d'offre, TRE_R244. */
  offerTypes?: CodeSet
  /** Catégorie d'établissement of the offer's EG, TRE_R66. */
  categories?: CodeSet
  /** Public pris en charge, TRE_R239. */
  publics?: CodeSet
  /** Département codes of the offer's commune. */
  departements?: CodeSet
  /** Région codes (INSEE) of the offer's commune, else the offer's source region. */
  regions?: CodeSet
  /** Closed offers are hidden unless this is true. */
  includeClosed?: boolean
  /** Instant used to decide closures, epoch ms (default: now). */
  now?: number
  /** Paging of `items` (default 0 and 50). `total` always counts every match. */
  offset?: number
  limit?: number
}

/** One result row: what a list, a map marker, the CLI and the CSV need. */
export interface SearchResultItem {
  /** HealthcareService id. */
  offerId: string
  name: string
  /** Name of the entité géographique (EG) providing the offer. */
  structureName?: string
  /** Name of the entité juridique (EJ). */
  legalEntityName?: string
  /** FINESS of the EG, else of the EJ. */
  finess?: string
  /** Operational activity codes as served (TRE_R211). */
  activities: string[]
  /** Age bounds as served (no unit = years). */
  ageMin?: AgeBound
  ageMax?: AgeBound
  /** The offer's point nearest to the origin (its first point without origin). */
  lat?: number
  lon?: number
  precision: GeoPrecision
  /** Great-circle distance to the nearest point, when an origin is given and the offer is placed. */
  distanceKm?: number
  communeCode?: string
  city?: string
  isClosed: boolean
}

export type CandidateSource = 'activity' | 'text' | 'geo' | 'scan'

export interface SearchTimings {
  /** Where candidates came from and how many were checked. */
  source: CandidateSource
  candidates: number
  matchMs: number
  sortMs: number
  totalMs: number
}

export interface SearchResult {
  total: number
  items: SearchResultItem[]
  timings: SearchTimings
}

/**
 * Every match of a query, in result order — for the map (all markers) and a virtualised list.
 * `distanceKm[k]` is the distance of `offers[k]` (NaN when the offer has no point or no origin);
 * `nearestPoint[k]` its point nearest to the origin (-1 when none).
 */
export interface MatchSet {
  offers: Uint32Array
  distanceKm: Float64Array
  nearestPoint: Int32Array
  timings: SearchTimings
}

/** Geographic precision codes stored in the `precision` column. */
export const PRECISIONS: readonly GeoPrecision[] = ['location', 'structure', 'commune', 'none']

/**
 * The in-memory index: one row per offer, typed columns, CSR relations, a kd-tree over every
 * point of every offer and a prefix text index. It holds no reference to the records: result
 * items are built from its own columns, so it can be persisted (persist.ts) and loaded at start
 * without decoding the snapshot's records (ARCHITECTURE decision 4). Built by
 * `buildSearchIndex`; immutable except for the scratch buffers used during a query.
 */
export interface SearchIndex {
  readonly size: number
  /** HealthcareService ids and names as served, by row. */
  readonly offerIds: readonly string[]
  readonly names: readonly string[]
  /** Position of each row in name order (order.ts: folded name, name, id), so sorts compare integers. */
  readonly nameRank: Uint32Array
  /** Row → EG / EJ in `orgs`, -1 when unknown. */
  readonly structure: Int32Array
  readonly legalEntity: Int32Array
  /** The organisations offers point to as EG or EJ. */
  readonly orgs: OrgTable
  readonly activityCodes: Dictionary
  /** Row → activity ids (as served, in order); activity id → rows. */
  readonly offerActivities: Csr
  readonly activityOffers: Csr
  readonly familyCodes: Dictionary
  /** Row → family ids (the offer's own activityFamilies); family id → rows. */
  readonly offerFamilies: Csr
  readonly familyOffers: Csr
  /** Family code → activity codes (ASS_A14 association). */
  readonly familyActivities: ReadonlyMap<string, readonly string[]>
  /** Normalised age range (NaN when unknown) and the bounds as served. */
  readonly ageMin: Float64Array
  readonly ageMaxExclusive: Float64Array
  readonly ageBounds: AgeBoundColumns
  /** Filters: single-valued columns hold a dictionary id (0 = absent, ids start at 1). */
  readonly filters: FilterColumns
  /** Closure inputs, epoch ms (+Infinity when absent). */
  readonly closureStart: Float64Array
  readonly closureEnd: Float64Array
  readonly orgClosedAt: Float64Array
  /** 1 when every location of the offer is inactive or suspended. */
  readonly locationsClosed: Uint8Array
  /** Points: row → point ids (contiguous); point → row, lat, lon. */
  readonly pointOffsets: Uint32Array
  readonly pointOffer: Uint32Array
  readonly pointLat: Float64Array
  readonly pointLon: Float64Array
  readonly kdTree: KDBush
  readonly precision: Uint8Array
  /** Commune (INSEE) and city of each row, as ids into string tables (0 = none). */
  readonly commune: StringColumn
  readonly city: StringColumn
  readonly text: TextIndex
  readonly structures: StructureCatalog
  readonly activityCatalog: ActivityCatalog
  /** Scratch buffers reused by queries (single-threaded engine). */
  readonly scratch: Scratch
}

/** The index without its autocomplete catalogues (what the catalogues are built from). */
export type CoreIndex = Omit<SearchIndex, 'structures' | 'activityCatalog'>

/** Organisations (EG, EJ) referenced by offers: what results and autocomplete show. */
export interface OrgTable {
  readonly ids: readonly string[]
  readonly names: readonly string[]
  /** FINESS, '' when absent. */
  readonly finess: readonly string[]
  /** 0 = EG, 1 = EJ. */
  readonly kinds: Uint8Array
}

/** Age bounds as served: value and unit id (0 = no unit, i.e. years; else `units[id - 1]`). */
export interface AgeBoundColumns {
  readonly lowValue: Float64Array
  readonly lowUnit: Uint8Array
  readonly highValue: Float64Array
  readonly highUnit: Uint8Array
  readonly units: readonly string[]
}

/** A string per row, stored once per distinct value: `values[ids[row] - 1]`, id 0 = none. */
export interface StringColumn {
  readonly values: readonly string[]
  readonly ids: Uint32Array
}

/** Single-valued coded columns (dictionary id + 1, 0 = absent) and multi-valued CSRs. */
export interface FilterColumns {
  readonly field: CodedColumn
  readonly offerType: CodedColumn
  readonly category: CodedColumn
  readonly departement: CodedColumn
  readonly region: CodedColumn
  readonly careModes: CodedMultiColumn
  readonly publics: CodedMultiColumn
}

export interface CodedColumn {
  readonly codes: Dictionary
  readonly ids: Uint16Array
}

export interface CodedMultiColumn {
  readonly codes: Dictionary
  readonly rows: Csr
}

/** Structures (EG and EJ offering something) for autocomplete. */
export interface StructureCatalog extends SuggestionCatalog {
  /** Offers of each structure (entry d = org d of the organisation table). */
  readonly offerCount: Uint32Array
  /** City of the structure's address, '' when unknown. */
  readonly cities: readonly string[]
}

/**
 * What autocomplete needs of a list of entries: folded labels, a token index, the static
 * order of the entries (most offers first, then label, then id) and the entries sorted by
 * folded label (so the entries whose label starts with the typed text form one range).
 */
export interface SuggestionCatalog {
  readonly sortKeys: readonly string[]
  readonly text: TextIndex
  /** Entry → position in the static order. */
  readonly rank: Uint32Array
  /** Entries by folded label. */
  readonly byKey: Uint32Array
}

/** Activities and families with their French labels, for autocomplete. */
export interface ActivityCatalog extends SuggestionCatalog {
  readonly entries: readonly ActivitySuggestion[]
}

export interface ActivitySuggestion {
  kind: 'activity' | 'family'
  code: string
  /** French label from the terminologies; the code itself when unknown. */
  label: string
  /** Offers of the index with this activity (or family), closed ones included. */
  offerCount: number
}

export interface StructureSuggestion {
  id: string
  kind: 'EG' | 'EJ'
  name: string
  finess?: string
  city?: string
  offerCount: number
}

export interface Scratch {
  /** Per-row stamp, to deduplicate candidates without clearing an array per query. */
  stamp: Uint32Array
  epoch: number
  matches: Uint32Array
  distances: Float64Array
  nearest: Int32Array
}
