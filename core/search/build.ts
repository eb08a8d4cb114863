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
import { OrgChains, allLocationsClosed } from './organizations'
import { PointsBuilder, memoCommune, placeOf } from './places'
import type { TextIndexBuilder } from './text-index'
import { type CommuneInfo, type CoreIndex, PRECISIONS, type SearchIndex } from './types'

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

/** Input of the build once the lookups are prepared. */
interface Context {
  orgs: readonly OrganizationRecord[]
  chains: OrgChains
  slots: OrgSlots
  locations: ReadonlyMap<string, LocationRecord>
  placements: ReadonlyMap<string, ResolvedPlacement>
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
  const placement = ctx.placements.get(offer.id)
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
    structures: buildStructureCatalog(index, ctx.slots.records(), ctx.communeOf, rows.folding),
    activityCatalog: buildActivityCatalog(index, input),
  }
}

/** Turns the gathered rows into the index (catalogs are filled in by the caller). */
function assemble(
  input: SearchIndexInput,
  rows: Rows,
  points: PointsBuilder,
  orgs: readonly OrganizationRecord[],
): CoreIndex {
  const n = input.offers.length
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
