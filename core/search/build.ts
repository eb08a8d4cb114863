/**
 * Builds the in-memory search index from the records of the active snapshot (ARCHITECTURE
 * decision 4: typed columns, activity postings, a kd-tree over the offers' points, a prefix
 * text index with French folding). One pass over the offers, then a few transposes. The index
 * copies what it needs from the records (it keeps no reference to them), so it can be
 * persisted and reloaded without the records (persist.ts).
 */
import type {
  LocationRecord,
  OfferRecord,
  OrganizationRecord,
  ResolvedPlacement,
} from '../snapshot/records'
import { buildActivityCatalog, buildStructureCatalog } from './catalogs'
import { OrgSlots, Rows } from './build-rows'
import { csrTranspose } from './csr'
import { nameRanks } from './order'
import { OrgChains, allLocationsClosed, type LocationLookup } from './organizations'
import { PointsBuilder, memoCommune, placeOf } from './places'
import type { TextIndexBuilder } from './text-index'
import { type CommuneInfo, type CoreIndex, PRECISIONS, type SearchIndex } from './types'

/** Everything the index is built from; only `offers` is required. */
export interface SearchIndexInput extends SearchIndexContext {
  offers: readonly OfferRecord[]
}

/** What the offers refer to: everything the index is built from but the offers. */
export interface SearchIndexContext {
  organizations?: readonly OrganizationRecord[]
  locations?: readonly LocationRecord[]
  /** Instead of `locations`: the places by id, in a form the host keeps smaller. */
  locationLookup?: LocationLookup
  /** Offer placements (core/snapshot/resolve.ts); an offer without one has precision `none`. */
  placements?: readonly ResolvedPlacement[]
  /** For a snapshot that stores no placements: an offer's placement, worked out when added. */
  placementOf?: (offer: OfferRecord) => ResolvedPlacement | undefined
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

/** Input of the build once the lookups are prepared. */
interface Context {
  orgs: readonly OrganizationRecord[]
  chains: OrgChains
  slots: OrgSlots
  locations: LocationLookup
  placementOf: (offer: OfferRecord) => ResolvedPlacement | undefined
  communeOf: (code: string | undefined) => CommuneInfo | undefined
}

function addOrgTokens(t: TextIndexBuilder, org: OrganizationRecord | undefined): void {
  if (!org) return
  t.add(t.tokenIds(org.name))
  t.add(t.tokenIds(org.alias))
  t.add(t.tokenIds(org.finess))
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
  const placement = ctx.placementOf(offer)
  rows.precision[r] = PRECISIONS.indexOf(placement?.precision ?? 'none')
  points.add(r, placement)
  const t = rows.text
  rows.addName(offer)
  addOrgTokens(t, eg)
  addOrgTokens(t, ej)
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
  const builder = new SearchIndexBuilder(input, input.offers.length)
  for (const offer of input.offers) builder.add(offer)
  return builder.finish()
}

/**
 * The same build with the offers handed over as they are read, so they need not all be in
 * memory at once (the app reads a national snapshot's 390,000 offers chunk by chunk; holding
 * them all took ~250 MB). The index keeps nothing of an offer but what it copies, and rows
 * follow the order of `add`: the result is the one `buildSearchIndex` gives for the offers in
 * that order.
 */
export class SearchIndexBuilder {
  private readonly ctx: Context
  private readonly rows: Rows
  private readonly points: PointsBuilder
  private added = 0

  /** `size`: the number of offers that will be added (typed columns are sized once). */
  constructor(
    private readonly input: SearchIndexContext,
    private readonly size: number,
  ) {
    const orgs = input.organizations ?? []
    const placements = new Map((input.placements ?? []).map((p) => [p.offerId, p]))
    const resolve = placements.size === 0 ? input.placementOf : undefined
    this.ctx = {
      orgs,
      chains: new OrgChains(orgs),
      slots: new OrgSlots(orgs),
      locations: input.locationLookup ?? new Map((input.locations ?? []).map((l) => [l.id, l])),
      placementOf: resolve ?? ((offer) => placements.get(offer.id)),
      communeOf: memoCommune(input.commune),
    }
    this.rows = new Rows(size)
    this.points = new PointsBuilder(size)
  }

  add(offer: OfferRecord): void {
    if (this.added === this.size) {
      throw new RangeError(`Plus d’offres que les ${this.size} annoncées pour l’index`)
    }
    addOffer(this.ctx, this.rows, this.points, this.added++, offer)
  }

  finish(): SearchIndex {
    if (this.added !== this.size) {
      throw new RangeError(`${this.added} offres reçues pour l’index, ${this.size} annoncées`)
    }
    const { ctx, rows, input } = this
    const index = assemble(this.size, input, rows, this.points, ctx.slots.records())
    return {
      ...index,
      structures: buildStructureCatalog(index, ctx.slots.records(), ctx.communeOf, rows.folding),
      activityCatalog: buildActivityCatalog(index, input),
    }
  }
}

/** Turns the gathered rows into the index (catalogs are filled in by the caller). */
function assemble(
  n: number,
  input: SearchIndexContext,
  rows: Rows,
  points: PointsBuilder,
  orgs: readonly OrganizationRecord[],
): CoreIndex {
  const offerActivities = rows.activities.finish()
  const offerFamilies = rows.families.finish()
  return {
    size: n,
    offerIds: rows.offerIds,
    names: rows.names,
    nameRank: nameRanks(rows),
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
