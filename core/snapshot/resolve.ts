/**
 * Where an offer is, for distance search and the map (ROR-FHIR-NOTES §3.6): the positions of
 * its places; else the geolocation of its establishment (EG) address; else the centroid of its
 * commune; and the precision reached is recorded with the points.
 */
import type {
  DomainRecord,
  LocationRecord,
  OfferRecord,
  OrganizationKind,
  OrganizationRecord,
  Position,
  ResolvedPlacement,
} from './records'

/** Centroid of a commune by INSEE code (data/geo/communes.json in the app and the CLI). */
export type CommuneCentroid = (insee: string) => { lat: number; lon: number } | undefined

/** What placement needs from a place (LocationRecord). */
export interface PlaceInfo {
  position?: Position
  communeCode?: string
}

/** What placement needs from an organisation (OrganizationRecord). */
export interface StructureInfo {
  kind: OrganizationKind
  partOf?: string
  geolocation?: Position
  communeCode?: string
}

export interface PlacementLookup {
  location(id: string): PlaceInfo | undefined
  organization(id: string): StructureInfo | undefined
  communeCentroid?: CommuneCentroid
}

export type OfferRef = Pick<OfferRecord, 'id' | 'locationIds' | 'providedBy'>

/** The placement facts of a place record. */
export function placeInfo(l: LocationRecord): PlaceInfo {
  const info: PlaceInfo = {}
  if (l.position) info.position = l.position
  if (l.address?.communeCode) info.communeCode = l.address.communeCode
  return info
}

/** The placement facts of an organisation record. */
export function structureInfo(o: OrganizationRecord): StructureInfo {
  const info: StructureInfo = { kind: o.kind }
  if (o.partOf) info.partOf = o.partOf
  if (o.geolocation) info.geolocation = o.geolocation
  if (o.address?.communeCode) info.communeCode = o.address.communeCode
  return info
}

/**
 * Whether a position can be used: finite WGS84 latitude/longitude in range, and not exactly
 * (0, 0) — the "null island" a missing geocode often turns into.
 */
export function isPlausiblePosition(p: { lat: number; lon: number } | undefined): boolean {
  if (!p || !Number.isFinite(p.lat) || !Number.isFinite(p.lon)) return false
  if (p.lat < -90 || p.lat > 90 || p.lon < -180 || p.lon > 180) return false
  return !(p.lat === 0 && p.lon === 0)
}

const MAX_DEPTH = 16

/**
 * The establishment chain of an offer: `providedBy` and its `partOf` ancestors up to and
 * including the EG (OI → … → EG). The EJ is left out: its address is the legal seat, which
 * can be far from where care is given.
 */
function establishmentChain(offer: OfferRef, lookup: PlacementLookup): StructureInfo[] {
  const chain: StructureInfo[] = []
  const seen = new Set<string>()
  let id = offer.providedBy
  while (id !== undefined && !seen.has(id) && chain.length < MAX_DEPTH) {
    seen.add(id)
    const org = lookup.organization(id)
    if (!org || org.kind === 'EJ') break
    chain.push(org)
    if (org.kind === 'EG') break
    id = org.partOf
  }
  return chain
}

const point = (p: Position) => ({ lat: p.lat, lon: p.lon })

/** Resolves the placement of one offer. */
export function resolvePlacement(offer: OfferRef, lookup: PlacementLookup): ResolvedPlacement {
  const places = offer.locationIds.flatMap((id) => lookup.location(id) ?? [])
  const chain = establishmentChain(offer, lookup)
  const communeCode =
    places.find((l) => l.communeCode)?.communeCode ?? chain.find((o) => o.communeCode)?.communeCode
  const withCommune = (p: ResolvedPlacement): ResolvedPlacement =>
    communeCode === undefined ? p : { ...p, communeCode }

  const points = places.flatMap((l) =>
    isPlausiblePosition(l.position) ? [point(l.position!)] : [],
  )
  if (points.length > 0) return withCommune({ offerId: offer.id, points, precision: 'location' })

  const structure = chain.find((o) => isPlausiblePosition(o.geolocation))
  if (structure?.geolocation) {
    return withCommune({
      offerId: offer.id,
      points: [point(structure.geolocation)],
      precision: 'structure',
    })
  }
  const centroid = communeCode === undefined ? undefined : lookup.communeCentroid?.(communeCode)
  if (centroid && isPlausiblePosition(centroid)) {
    return withCommune({ offerId: offer.id, points: [point(centroid)], precision: 'commune' })
  }
  return withCommune({ offerId: offer.id, points: [], precision: 'none' })
}

/**
 * Resolves every offer of a set of records, read once in any order (only what placement needs
 * is kept, so a lazily decoded national snapshot does not end up in memory). Placements come
 * in the order the offers came.
 */
export function resolvePlacements(
  records: Iterable<DomainRecord>,
  communeCentroid?: CommuneCentroid,
): ResolvedPlacement[] {
  const offers: OfferRef[] = []
  const places = new PlacementInputs()
  for (const r of records) {
    if (r.type === 'offer') {
      const ref: OfferRef = { id: r.id, locationIds: r.locationIds }
      if (r.providedBy !== undefined) ref.providedBy = r.providedBy
      offers.push(ref)
    } else places.see(r)
  }
  const lookup = places.lookup(communeCentroid)
  return offers.map((o) => resolvePlacement(o, lookup))
}

/**
 * The placement of any offer, from the places and organisations among `records` (offers
 * among them are ignored): for offers read one at a time after what they refer to.
 */
export function placementResolver(
  records: Iterable<DomainRecord>,
  communeCentroid?: CommuneCentroid,
): (offer: OfferRef) => ResolvedPlacement {
  const places = new PlacementInputs()
  for (const r of records) places.see(r)
  const lookup = places.lookup(communeCentroid)
  return (offer) => resolvePlacement(offer, lookup)
}

/** What placement keeps of the places and organisations. */
class PlacementInputs {
  private readonly locations = new Map<string, PlaceInfo>()
  private readonly organizations = new Map<string, StructureInfo>()

  see(r: DomainRecord): void {
    if (r.type === 'location') this.locations.set(r.id, placeInfo(r))
    else if (r.type === 'organization') this.organizations.set(r.id, structureInfo(r))
  }

  lookup(communeCentroid: CommuneCentroid | undefined): PlacementLookup {
    const lookup: PlacementLookup = {
      location: (id) => this.locations.get(id),
      organization: (id) => this.organizations.get(id),
    }
    if (communeCentroid) lookup.communeCentroid = communeCentroid
    return lookup
  }
}
