import type { SnapshotManifest } from '../../../core/snapshot/manifest'
import type {
  DomainRecord,
  LocationRecord,
  OfferRecord,
  OrganizationRecord,
  PractitionerRecord,
  PractitionerRoleRecord,
  ResolvedPlacement,
} from '../../../core/snapshot/records'
import type { OfferDetail } from './protocol'

/** Longest partOf chain followed (guards against a cycle in bad data). */
export const MAX_CHAIN = 8

/**
 * Records of the active snapshot by id, for the detail panel: an offer in its hierarchy
 * (OI → EG → EJ), its places, the other offers of its structure, its professionals.
 */
export class RecordCatalog {
  private readonly offers = new Map<string, OfferRecord>()
  private readonly orgs = new Map<string, OrganizationRecord>()
  private readonly locations = new Map<string, LocationRecord>()
  private readonly practitioners = new Map<string, PractitionerRecord>()
  private readonly rolesByOffer = new Map<string, PractitionerRoleRecord[]>()
  private readonly offersByStructure = new Map<string, OfferRecord[]>()
  private readonly placements = new Map<string, ResolvedPlacement>()

  constructor(records: Iterable<DomainRecord | ResolvedPlacement> = []) {
    for (const record of records) {
      if (!('type' in record)) this.placements.set(record.offerId, record)
      else if (record.type === 'offer') this.offers.set(record.id, record)
      else if (record.type === 'organization') this.orgs.set(record.id, record)
      else if (record.type === 'location') this.locations.set(record.id, record)
      else if (record.type === 'practitioner') this.practitioners.set(record.id, record)
      else if (record.offerId) push(this.rolesByOffer, record.offerId, record)
    }
    for (const offer of this.offers.values()) {
      const structure = this.structureOf(offer)
      if (structure) push(this.offersByStructure, structure.id, offer)
    }
  }

  /** providedBy, then up partOf: [OI…, EG, EJ] (stops on a missing link or a cycle). */
  chainOf(offer: OfferRecord): OrganizationRecord[] {
    const chain: OrganizationRecord[] = []
    let id = offer.providedBy
    while (id && chain.length < MAX_CHAIN) {
      const org = this.orgs.get(id)
      if (!org || chain.includes(org)) break
      chain.push(org)
      id = org.partOf
    }
    return chain
  }

  /** The EG of an offer, or the EJ when the offer hangs directly off it. */
  structureOf(offer: OfferRecord): OrganizationRecord | undefined {
    const chain = this.chainOf(offer)
    return chain.find((org) => org.kind === 'EG') ?? chain.find((org) => org.kind === 'EJ')
  }

  /**
   * The detail of `offerId`; `siblings` (the other offers of its structure) are computed from
   * the catalog's own offers unless given (the engine takes them from the search index).
   */
  detail(
    offerId: string,
    manifest: SnapshotManifest,
    siblings?: OfferDetail['siblings'],
  ): OfferDetail | null {
    const offer = this.offers.get(offerId)
    if (!offer) return null
    siblings ??= this.siblingsOf(offer)
    const professionals = (this.rolesByOffer.get(offer.id) ?? []).map((role) => {
      const practitioner = role.practitionerId
        ? this.practitioners.get(role.practitionerId)
        : undefined
      return practitioner ? { role, practitioner } : { role }
    })
    return {
      offer,
      chain: this.chainOf(offer),
      locations: offer.locationIds.flatMap((id) => this.locations.get(id) ?? []),
      placement: this.placements.get(offer.id),
      siblings,
      professionals,
      manifest,
    }
  }

  private siblingsOf(offer: OfferRecord): OfferDetail['siblings'] {
    const structure = this.structureOf(offer)
    return (structure ? (this.offersByStructure.get(structure.id) ?? []) : [])
      .filter((other) => other.id !== offer.id)
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
      .map((other) => ({ id: other.id, name: other.name, activities: other.activities }))
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
