/**
 * Builds the in-memory search index from the records of the active snapshot (ARCHITECTURE
 * decision 4: typed columns, activity postings, a kd-tree over the offers' points, a prefix
 * text index with French folding). One pass over the offers, then a few transposes. The index
 * copies what it needs from the records (it keeps no reference to them), so it can be
 * persisted and reloaded without the records (persist.ts).
 */
import { tokenize } from '../geo/fold'
import type {
  LocationRecord,
  OfferRecord,
  OrganizationRecord,
  ResolvedPlacement,
} from '../snapshot/records'
import { buildActivityCatalog, buildStructureCatalog } from './catalogs'
import { CsrBuilder, Dictionary, csrTranspose } from './csr'
import { OrgChains, allLocationsClosed, instantMs } from './organizations'
import { PointsBuilder, memoCommune, placeOf } from './places'
import { TextIndexBuilder } from './text-index'
import {
  type CodedColumn,
  type CommuneInfo,
  PRECISIONS,
  type SearchIndex,
  type StringColumn,
} from './types'

/** Everything the index is built from; only `offers` is required. */
export interface SearchIndexInput {
  offers: readonly OfferRecord[]
  organizations?: readonly OrganizationRecord[]
  locations?: readonly LocationRecord[]
  /** Offer placements (core/snapshot/resolve.ts); an offer without one has precision `none`. */
  placements?: readonly ResolvedPlacement[]
  /** Gazetteer lookup by INSEE code: commune name, département, région. */
  commune?: (code: string) => CommuneInfo | undefined
  /** French labels from the terminologies (JDV_J17 activities, JDV_J51 families). */
  activityLabel?: (code: string) => string | undefined
  familyLabel?: (code: string) => string | undefined
  /** ASS_A14 family → activity codes (see families.ts). */
  familyActivities?: ReadonlyMap<string, readonly string[]>
  /** Codes to offer in autocomplete even when no offer of the snapshot uses them. */
  knownActivities?: readonly string[]
  knownFamilies?: readonly string[]
}

type SingleColumn = 'field' | 'offerType' | 'category' | 'departement' | 'region'

/** Interns optional strings into a {@link StringColumn} (id 0 = none). */
class StringColumnBuilder {
  private readonly dict = new Dictionary()
  readonly ids: Uint32Array

  constructor(n: number) {
    this.ids = new Uint32Array(n)
  }

  set(row: number, value: string | undefined): void {
    this.ids[row] = value === undefined || value === '' ? 0 : this.dict.intern(value) + 1
  }

  finish(): StringColumn {
    return { values: this.dict.values, ids: this.ids }
  }
}

/** The organisations used as EG or EJ, numbered in first-use order. */
class OrgSlots {
  private readonly slots: Int32Array
  /** Slot → index in the input organisations. */
  readonly inputs: number[] = []

  constructor(private readonly orgs: readonly OrganizationRecord[]) {
    this.slots = new Int32Array(orgs.length).fill(-1)
  }

  slotOf(input: number): number {
    if (input < 0) return -1
    let slot = this.slots[input] ?? -1
    if (slot < 0) {
      slot = this.inputs.length
      this.slots[input] = slot
      this.inputs.push(input)
    }
    return slot
  }

  records(): OrganizationRecord[] {
    return this.inputs.map((i) => this.orgs[i] as OrganizationRecord)
  }
}

/** Accumulates the per-row columns during the single pass over the offers. */
class Rows {
  readonly offerIds: string[] = []
  readonly names: string[] = []
  readonly sortKeys: string[] = []
  readonly structure: Int32Array
  readonly legalEntity: Int32Array
  readonly ageMin: Float64Array
  readonly ageMaxExclusive: Float64Array
  readonly ageLowValue: Float64Array
  readonly ageHighValue: Float64Array
  readonly ageLowUnit: Uint8Array
  readonly ageHighUnit: Uint8Array
  readonly ageUnits = new Dictionary()
  readonly closureStart: Float64Array
  readonly closureEnd: Float64Array
  readonly orgClosedAt: Float64Array
  readonly locationsClosed: Uint8Array
  readonly precision: Uint8Array
  readonly commune: StringColumnBuilder
  readonly city: StringColumnBuilder
  readonly activityCodes = new Dictionary()
  readonly familyCodes = new Dictionary()
  readonly activities = new CsrBuilder()
  readonly families = new CsrBuilder()
  readonly careModes = { codes: new Dictionary(), rows: new CsrBuilder() }
  readonly publics = { codes: new Dictionary(), rows: new CsrBuilder() }
  readonly single: Record<SingleColumn, CodedColumn>
  readonly text = new TextIndexBuilder()
  /** Offer names repeat a lot (« Consultation de cardiologie »): fold each once. */
  private readonly nameMemo = new Map<string, { ids: readonly number[]; key: string }>()

  constructor(n: number) {
    const f64 = () => new Float64Array(n)
    ;[this.ageMin, this.ageMaxExclusive, this.ageLowValue, this.ageHighValue] = [
      f64(),
      f64(),
      f64(),
      f64(),
    ]
    ;[this.closureStart, this.closureEnd, this.orgClosedAt] = [f64(), f64(), f64()]
    this.ageLowUnit = new Uint8Array(n)
    this.ageHighUnit = new Uint8Array(n)
    this.structure = new Int32Array(n)
    this.legalEntity = new Int32Array(n)
    this.locationsClosed = new Uint8Array(n)
    this.precision = new Uint8Array(n)
    this.commune = new StringColumnBuilder(n)
    this.city = new StringColumnBuilder(n)
    const col = (): CodedColumn => ({ codes: new Dictionary(), ids: new Uint16Array(n) })
    this.single = {
      field: col(),
      offerType: col(),
      category: col(),
      departement: col(),
      region: col(),
    }
  }

  setCode(column: SingleColumn, row: number, code: string | undefined): void {
    const c = this.single[column]
    const id = code === undefined || code === '' ? 0 : c.codes.intern(code) + 1
    if (id > 0xffff) throw new RangeError(`Plus de 65 535 codes distincts dans « ${column} »`)
    c.ids[row] = id
  }

  private unitId(unit: string | undefined): number {
    return unit === undefined ? 0 : this.ageUnits.intern(unit) + 1
  }

  /** Coded criteria, age bounds and closure inputs of one offer. */
  addCodes(r: number, offer: OfferRecord, category: string | undefined): void {
    for (const c of offer.activities) this.activities.push(this.activityCodes.intern(c))
    this.activities.endRow()
    for (const c of offer.activityFamilies) this.families.push(this.familyCodes.intern(c))
    this.families.endRow()
    for (const c of offer.careModes) this.careModes.rows.push(this.careModes.codes.intern(c))
    this.careModes.rows.endRow()
    for (const c of offer.publics) this.publics.rows.push(this.publics.codes.intern(c))
    this.publics.rows.endRow()
    this.setCode('field', r, offer.field)
    this.setCode('offerType', r, offer.offerType)
    this.setCode('category', r, category)
    // ageRange is 1..1 in the ROR; NaN marks an offer whose range is unknown.
    const age = offer.age
    this.ageMin[r] = age?.minMinutes ?? NaN
    this.ageMaxExclusive[r] = age?.maxMinutesExclusive ?? NaN
    this.ageLowValue[r] = age?.low.value ?? NaN
    this.ageHighValue[r] = age?.high.value ?? NaN
    this.ageLowUnit[r] = this.unitId(age?.low.unit)
    this.ageHighUnit[r] = this.unitId(age?.high.unit)
    // notAvailable[closingReopeningDate]: closed from during.start until during.end (if any).
    this.closureStart[r] = instantMs(offer.closure?.start)
    this.closureEnd[r] = instantMs(offer.closure?.end)
  }

  /** Name columns and the name's tokens (the rest of the text document is added by the caller). */
  addName(offer: OfferRecord): void {
    let folded = this.nameMemo.get(offer.name)
    if (folded === undefined) {
      const tokens = tokenize(offer.name)
      folded = { ids: this.text.internTokens(tokens), key: tokens.join(' ') }
      this.nameMemo.set(offer.name, folded)
    }
    this.offerIds.push(offer.id)
    this.names.push(offer.name)
    this.sortKeys.push(folded.key)
    this.text.add(folded.ids)
  }
}

/** Input of the build once the lookups are prepared. */
interface Context {
  orgs: readonly OrganizationRecord[]
  chains: OrgChains
  slots: OrgSlots
  locations: ReadonlyMap<string, LocationRecord>
  placements: ReadonlyMap<string, ResolvedPlacement>
  communeOf: (code: string | undefined) => CommuneInfo | undefined
}

function addOffer(
  ctx: Context,
  rows: Rows,
  points: PointsBuilder,
  r: number,
  offer: OfferRecord,
): void {
  const chain = ctx.chains.of(offer.providedBy)
  const eg = ctx.orgs[chain.structure]
  const ej = ctx.orgs[chain.legalEntity]
  rows.structure[r] = ctx.slots.slotOf(chain.structure)
  rows.legalEntity[r] = ctx.slots.slotOf(chain.legalEntity)
  rows.orgClosedAt[r] = chain.closedAt
  rows.locationsClosed[r] = allLocationsClosed(offer.locationIds, ctx.locations) ? 1 : 0
  rows.addCodes(r, offer, eg?.category)
  const placement = ctx.placements.get(offer.id)
  rows.precision[r] = PRECISIONS.indexOf(placement?.precision ?? 'none')
  points.add(r, placement)
  const t = rows.text
  rows.addName(offer)
  for (const org of [eg, ej]) {
    if (!org) continue
    t.add(t.tokenIds(org.name))
    t.add(t.tokenIds(org.alias))
    t.add(t.tokenIds(org.finess))
  }
  const place = placeOf(offer, placement, eg, ctx.locations, ctx.communeOf, (city) =>
    t.add(t.tokenIds(city)),
  )
  t.endDoc()
  rows.commune.set(r, place.communeCode)
  rows.city.set(r, place.city)
  rows.setCode('departement', r, place.departement)
  rows.setCode('region', r, place.region)
}

/**
 * Builds a {@link SearchIndex}. Cost is linear in the number of offers, organisations and
 * points; see tools/bench/search.ts for the figures at national scale.
 */
export function buildSearchIndex(input: SearchIndexInput): SearchIndex {
  const orgs = input.organizations ?? []
  const ctx: Context = {
    orgs,
    chains: new OrgChains(orgs),
    slots: new OrgSlots(orgs),
    locations: new Map((input.locations ?? []).map((l) => [l.id, l])),
    placements: new Map((input.placements ?? []).map((p) => [p.offerId, p])),
    communeOf: memoCommune(input.commune),
  }
  const n = input.offers.length
  const rows = new Rows(n)
  const points = new PointsBuilder(n)
  input.offers.forEach((offer, r) => addOffer(ctx, rows, points, r, offer))
  const index = assemble(input, rows, points, ctx.slots.records())
  return {
    ...index,
    structures: buildStructureCatalog(index, ctx.slots.records(), ctx.communeOf),
    activityCatalog: buildActivityCatalog(index, input),
  }
}

/** Turns the gathered rows into the index (catalogs are filled in by the caller). */
function assemble(
  input: SearchIndexInput,
  rows: Rows,
  points: PointsBuilder,
  orgs: readonly OrganizationRecord[],
): SearchIndex {
  const n = input.offers.length
  const offerActivities = rows.activities.finish()
  const offerFamilies = rows.families.finish()
  const empty = new TextIndexBuilder().finish()
  return {
    size: n,
    offerIds: rows.offerIds,
    names: rows.names,
    sortKeys: rows.sortKeys,
    structure: rows.structure,
    legalEntity: rows.legalEntity,
    orgs: {
      ids: orgs.map((o) => o.id),
      names: orgs.map((o) => o.name),
      finess: orgs.map((o) => o.finess ?? ''),
      kinds: Uint8Array.from(orgs, (o) => (o.kind === 'EJ' ? 1 : 0)),
    },
    activityCodes: rows.activityCodes,
    offerActivities,
    activityOffers: csrTranspose(offerActivities, rows.activityCodes.size),
    familyCodes: rows.familyCodes,
    offerFamilies,
    familyOffers: csrTranspose(offerFamilies, rows.familyCodes.size),
    familyActivities: input.familyActivities ?? new Map(),
    ageMin: rows.ageMin,
    ageMaxExclusive: rows.ageMaxExclusive,
    ageBounds: {
      lowValue: rows.ageLowValue,
      lowUnit: rows.ageLowUnit,
      highValue: rows.ageHighValue,
      highUnit: rows.ageHighUnit,
      units: rows.ageUnits.values,
    },
    filters: {
      ...rows.single,
      careModes: { codes: rows.careModes.codes, rows: rows.careModes.rows.finish() },
      publics: { codes: rows.publics.codes, rows: rows.publics.rows.finish() },
    },
    closureStart: rows.closureStart,
    closureEnd: rows.closureEnd,
    orgClosedAt: rows.orgClosedAt,
    locationsClosed: rows.locationsClosed,
    ...points.finish(),
    precision: rows.precision,
    commune: rows.commune.finish(),
    city: rows.city.finish(),
    text: rows.text.finish(),
    structures: { offerCount: new Uint32Array(0), sortKeys: [], cities: [], text: empty },
    activityCatalog: { entries: [], sortKeys: [], text: empty },
    scratch: newScratch(n),
  }
}

/** Fresh scratch buffers for an index of `n` rows. */
export function newScratch(n: number): SearchIndex['scratch'] {
  return {
    stamp: new Uint32Array(n),
    epoch: 0,
    matches: new Uint32Array(n),
    distances: new Float64Array(n),
    nearest: new Int32Array(n),
  }
}
