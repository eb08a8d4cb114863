/**
 * Facts about offers that the access policy needs to judge resources that are not offers
 * themselves (ROR-FHIR-NOTES §4.1 point 3 and §4.2): a Location, a PractitionerRole or a
 * Practitioner is hidden when all its offers are sensitive units, and some of their elements
 * depend on the champ d'activité of those offers. The facts come from the HealthcareServices
 * of a batch, optionally completed by a fallback (e.g. the facts of the current snapshot
 * during a delta sync).
 */
import type { HealthcareService, Resource } from './fhir-types'
import { isRorResource } from './fhir-types'
import { referenceId } from './fhir'
import { fieldOf, isSensitiveOffer, locationIdsOf } from './map-healthcare-service'

/** What the policy knows about one offer (HealthcareService). */
export interface OfferFacts {
  id: string
  /** Champ d'activité (TRE_R227) as served. */
  field?: string
  isSensitive: boolean
  locationIds: string[]
  /** `providedBy` Organization id. */
  organizationId?: string
}

/**
 * Lookups the policy makes. `offer` and `offersOfLocation` are required; the other two are
 * optional and, when absent, the policy decides as if nothing were known (it then hides the
 * elements whose visibility needs evidence, e.g. a level-2 contact of an organisation for
 * profile 3, and keeps the others).
 */
export interface AccessContext {
  offer(id: string): OfferFacts | undefined
  offersOfLocation(locationId: string): readonly OfferFacts[]
  /** Offers provided by the organisation or any organisation below it (`partOf`). */
  offersOfOrganization?(organizationId: string): readonly OfferFacts[]
  /** Offers of the practitioner's roles (`PractitionerRole.practitioner` + `healthcareService`). */
  offersOfPractitioner?(practitionerId: string): readonly OfferFacts[]
}

/** Facts of one HealthcareService. */
export function offerFactsOf(hs: HealthcareService): OfferFacts {
  const facts: OfferFacts = {
    id: hs.id ?? '',
    isSensitive: isSensitiveOffer(hs),
    locationIds: locationIdsOf(hs),
  }
  const field = fieldOf(hs)
  if (field !== undefined) facts.field = field
  const org = referenceId(hs.providedBy, 'Organization')
  if (org !== undefined) facts.organizationId = org
  return facts
}

const MAX_ORG_DEPTH = 16

/**
 * An incrementally built {@link AccessContext}. Adding a resource replaces what was known from
 * an earlier version of the same resource (the caller decides which version wins).
 */
export class AccessFactsIndex implements AccessContext {
  private readonly offers = new Map<string, OfferFacts>()
  private readonly offersAtLocation = new IdSets()
  private readonly offersOfOrg = new IdSets()
  private readonly childrenOfOrg = new IdSets()
  private readonly parentOfOrg = new Map<string, string>()
  private readonly rolesOfPractitioner = new IdSets()
  private readonly roles = new Map<string, { practitionerId?: string; offerIds: string[] }>()

  constructor(private readonly fallback?: AccessContext) {}

  /** Learns from a HealthcareService, an Organization or a PractitionerRole; ignores others. */
  add(resource: Resource): void {
    if (!isRorResource(resource)) return
    if (resource.resourceType === 'HealthcareService') {
      this.addOffer(offerFactsOf(resource))
    } else if (resource.resourceType === 'Organization') {
      const { id, partOf } = resource
      if (id) this.setParent(id, referenceId(partOf, 'Organization'))
    } else if (resource.resourceType === 'PractitionerRole') {
      const { id, healthcareService, practitioner } = resource
      if (!id) return
      const offerIds = (healthcareService ?? []).flatMap(
        (r) => referenceId(r, 'HealthcareService') ?? [],
      )
      this.setRole(id, referenceId(practitioner, 'Practitioner'), offerIds)
    }
  }

  addOffer(facts: OfferFacts): void {
    const old = this.offers.get(facts.id)
    if (old) {
      for (const l of old.locationIds) this.offersAtLocation.delete(l, old.id)
      if (old.organizationId) this.offersOfOrg.delete(old.organizationId, old.id)
    }
    this.offers.set(facts.id, facts)
    for (const l of facts.locationIds) this.offersAtLocation.add(l, facts.id)
    if (facts.organizationId) this.offersOfOrg.add(facts.organizationId, facts.id)
  }

  setParent(orgId: string, parentId: string | undefined): void {
    const old = this.parentOfOrg.get(orgId)
    if (old !== undefined) this.childrenOfOrg.delete(old, orgId)
    if (parentId === undefined) {
      this.parentOfOrg.delete(orgId)
      return
    }
    this.parentOfOrg.set(orgId, parentId)
    this.childrenOfOrg.add(parentId, orgId)
  }

  setRole(roleId: string, practitionerId: string | undefined, offerIds: string[]): void {
    const old = this.roles.get(roleId)
    if (old?.practitionerId) this.rolesOfPractitioner.delete(old.practitionerId, roleId)
    const role: { practitionerId?: string; offerIds: string[] } = { offerIds }
    if (practitionerId !== undefined) {
      role.practitionerId = practitionerId
      this.rolesOfPractitioner.add(practitionerId, roleId)
    }
    this.roles.set(roleId, role)
  }

  offer(id: string): OfferFacts | undefined {
    return this.offers.get(id) ?? this.fallback?.offer(id)
  }

  offersOfLocation(locationId: string): readonly OfferFacts[] {
    const own = this.factsOf(this.offersAtLocation.get(locationId))
    // Fallback offers that this batch redefines are judged on the batch version only.
    const more = (this.fallback?.offersOfLocation(locationId) ?? []).filter(
      (o) => !this.offers.has(o.id),
    )
    return more.length > 0 ? [...own, ...more] : own
  }

  offersOfOrganization(organizationId: string): readonly OfferFacts[] {
    const ids = new Set<string>()
    const seen = new Set<string>()
    const walk = (org: string, depth: number): void => {
      if (seen.has(org) || depth > MAX_ORG_DEPTH) return
      seen.add(org)
      for (const o of this.offersOfOrg.get(org)) ids.add(o)
      for (const child of this.childrenOfOrg.get(org)) walk(child, depth + 1)
    }
    walk(organizationId, 0)
    const own = this.factsOf(ids)
    const more = (this.fallback?.offersOfOrganization?.(organizationId) ?? []).filter(
      (o) => !this.offers.has(o.id),
    )
    return more.length > 0 ? [...own, ...more] : own
  }

  offersOfPractitioner(practitionerId: string): readonly OfferFacts[] {
    const roleIds = this.rolesOfPractitioner.get(practitionerId)
    const own = new Map<string, OfferFacts>()
    for (const roleId of roleIds) {
      for (const offerId of this.roles.get(roleId)?.offerIds ?? []) {
        const facts = this.offer(offerId)
        if (facts) own.set(offerId, facts)
      }
    }
    for (const o of this.fallback?.offersOfPractitioner?.(practitionerId) ?? []) {
      if (!own.has(o.id) && !this.offers.has(o.id)) own.set(o.id, o)
    }
    return [...own.values()]
  }

  private factsOf(ids: Iterable<string> | undefined): OfferFacts[] {
    const out: OfferFacts[] = []
    for (const id of ids ?? []) {
      const f = this.offers.get(id)
      if (f) out.push(f)
    }
    return out
  }
}

/**
 * Sets of ids by key, in insertion order, like `Map<string, Set<string>>` but compact: most
 * keys hold one id (a place has one offer, a practitioner one role), kept as the string itself,
 * and a few ids as an array; only large ones as a Set. A Set per key cost ~100 bytes: ~55 MB at
 * national scale.
 */
class IdSets {
  private readonly map = new Map<string, string | string[] | Set<string>>()

  get(key: string): Iterable<string> {
    const v = this.map.get(key)
    return v === undefined ? [] : typeof v === 'string' ? [v] : v
  }

  add(key: string, id: string): void {
    const v = this.map.get(key)
    if (v === undefined) this.map.set(key, id)
    else if (typeof v === 'string') {
      if (v !== id) this.map.set(key, [v, id])
    } else if (v instanceof Set) v.add(id)
    else if (!v.includes(id)) {
      v.push(id)
      if (v.length > MAX_ARRAY) this.map.set(key, new Set(v))
    }
  }

  delete(key: string, id: string): void {
    const v = this.map.get(key)
    if (v === id) this.map.delete(key)
    else if (v instanceof Set) v.delete(id)
    else if (Array.isArray(v)) {
      const at = v.indexOf(id)
      if (at < 0) return
      v.splice(at, 1)
      if (v.length === 1) this.map.set(key, v[0]!)
    }
  }
}

/** Ids an {@link IdSets} key holds in an array (searched on each add) before it takes a Set. */
const MAX_ARRAY = 16

/**
 * Builds an {@link AccessContext} from a batch of resources (HealthcareServices give the offer
 * facts, Organizations the `partOf` tree, PractitionerRoles the practitioner ↔ offer links).
 * `fallback` answers for offers the batch does not contain, e.g. from the current snapshot.
 */
export function buildAccessContext(
  resources: Iterable<Resource>,
  fallback?: AccessContext,
): AccessFactsIndex {
  const index = new AccessFactsIndex(fallback)
  for (const r of resources) index.add(r)
  return index
}
