/**
 * Applies the real access policy (core/ror/access-policy, ROR-FHIR-NOTES §4) to everything the
 * sandbox serves, as the national ROR filters by the consumer's access profile. The policy needs
 * facts about offers (champ d'activité, unité sensible, places) to decide on Locations and
 * PractitionerRoles; those facts are learnt from materialised HealthcareServices and kept as one
 * small number per offer (offer-facts.ts, saved between starts by offer-facts-cache.ts). Whether
 * a resource is visible to a profile is cached too (two bits per profile) so totals and paging
 * do not re-materialise resources; a mutation clears that cache and the facts of the offers it
 * changed, and updates the links (link-index.ts). The resources a search found visible are kept
 * serialised until their page serves them (rendered-stash.ts).
 */
import {
  filterWithPlacement,
  placementInContext,
  type AccessContext,
  type OfferFacts,
} from '../../core/ror/access-policy'
import type { Resource } from '../../core/ror/fhir-types'
import { ACCESS_PROFILES, type AccessProfile } from '../../core/snapshot/records'
import type { GeneratedStore, MutationSummary, RorResourceType } from '../generate/store-types'
import { yieldToLoop } from './http-util'
import { LinkIndex } from './link-index'
import { OfferFactsTable } from './offer-facts'
import { PlacementContext } from './placement-context'
import { RenderedStash } from './rendered-stash'

/** A resource as served (the model's FHIR type). */
export type StoreResource = Resource

export type AccessPolicyFn = (
  resource: Resource,
  profile: AccessProfile,
  ctx: AccessContext,
) => { resource: Resource | null; removed: string[] }

/**
 * The real access policy, i.e. `applyAccessPolicy` without its final defensive deep copy: the
 * resource is freshly materialised for this one response and never mutated, so the copy would
 * only cost time (structuredClone of every served resource).
 */
export const sandboxPolicy: AccessPolicyFn = (resource, profile, ctx) =>
  filterWithPlacement(resource, profile, placementInContext(resource, profile, ctx))

/** Materialisations between two yields to the event loop during long scans. */
const YIELD_EVERY = 250
const VISIBLE_SHIFT = 8

export class AccessView {
  private readonly links: LinkIndex
  readonly offerFacts = new OfferFactsTable()
  /** Mutations seen so far (facts learnt before one may describe another state). */
  private mutations = 0
  /** Per type: id → bit p = "known for profile p", bit p+8 = "visible to profile p". */
  private readonly visibility = new Map<RorResourceType, Map<string, number>>()
  private readonly stash = new RenderedStash()
  /** The offers of each place, organisation, practitioner… as the context lists them. */
  readonly context: AccessContext
  /** The same, reduced to what the real policy reads (placement-context.ts). */
  private readonly placement: PlacementContext
  private readonly placementContext: AccessContext

  constructor(
    private readonly store: GeneratedStore,
    private readonly policy: AccessPolicyFn = sandboxPolicy,
  ) {
    this.links = new LinkIndex(store)
    const factsOf = (ids: readonly string[]): OfferFacts[] =>
      ids.flatMap((id) => this.offer(id) ?? [])
    this.context = {
      offer: (id) => this.offer(id),
      offersOfLocation: (locationId) => factsOf(this.store.locationOffers(locationId)),
      offersOfOrganization: (orgId) => factsOf(this.links.offersUnderOrganization(orgId)),
      offersOfPractitioner: (practitionerId) =>
        factsOf(this.links.offersOfPractitioner(practitionerId)),
    }
    this.placement = new PlacementContext(store, this.links, this.offerFacts, (id) =>
      this.packedFacts(id),
    )
    // Another policy (experiments) may read more than the real one: it gets the full lists.
    this.placementContext = policy === sandboxPolicy ? this.placement : this.context
  }

  private get(type: RorResourceType, id: string): Resource | undefined {
    return this.store.get(type, id) as Resource | undefined
  }

  /** The packed facts of an offer (offer-facts.ts); materialises it only the first time. */
  private packedFacts(id: string): number | undefined {
    const packed = this.offerFacts.get(id)
    if (packed !== undefined) return packed
    const resource = this.get('HealthcareService', id)
    return resource ? this.offerFacts.learn(id, resource) : undefined
  }

  /** Facts about one offer; materialises it only the first time. */
  offer(id: string): OfferFacts | undefined {
    const packed = this.packedFacts(id)
    if (packed === undefined) return undefined
    const facts: OfferFacts = {
      id,
      isSensitive: (packed & 1) === 1,
      locationIds: [...this.store.offerLocations(id)],
    }
    const field = this.offerFacts.field(packed)
    if (field !== undefined) facts.field = field
    const organizationId = this.store.offerOrganization(id)
    if (organizationId !== undefined) facts.organizationId = organizationId
    return facts
  }

  /** The resource as `profile` may see it, or null when hidden (or gone). */
  view(type: RorResourceType, id: string, profile: AccessProfile): StoreResource | null {
    const resource = this.get(type, id)
    if (!resource) return null
    // Known facts are current (a mutation forgets those of the offers it changed).
    if (type === 'HealthcareService' && !this.offerFacts.has(id)) {
      this.offerFacts.learn(id, resource)
    }
    const filtered = this.policy(resource, profile, this.placementContext).resource
    this.remember(type, id, profile, filtered !== null)
    return filtered
  }

  /**
   * {@link view} as the UTF-8 bytes of its JSON (what a Bundle entry carries), or null when
   * hidden (or gone). Bytes rather than a string: they are what is sent, and what a scan keeps
   * for the next pages stays outside the JS heap this way.
   */
  render(type: RorResourceType, id: string, profile: AccessProfile): Uint8Array | null {
    const json = this.json(type, id, profile)
    return json === null ? null : Buffer.from(json, 'utf8')
  }

  /** {@link view} as JSON text, or null when hidden (or gone). */
  json(type: RorResourceType, id: string, profile: AccessProfile): string | null {
    const resource = this.view(type, id, profile)
    return resource && JSON.stringify(resource)
  }

  /** The bytes `visibleAmong` kept for this resource, else its JSON (null when hidden). */
  renderFound(
    type: RorResourceType,
    id: string,
    profile: AccessProfile,
  ): Uint8Array | string | null {
    return this.stash.take(type, id, profile) ?? this.json(type, id, profile)
  }

  /**
   * The candidates visible to `profile`, in order. Stops as soon as more than `cap` are visible
   * (the caller only needs to know the cap is exceeded) and yields to the event loop while it
   * materialises, so other clients keep being served. What it materialises and finds visible is
   * kept serialised for `renderFound`.
   */
  async visibleAmong(
    type: RorResourceType,
    candidates: readonly string[],
    profile: AccessProfile,
    cap: number,
  ): Promise<{ ids: string[]; exceeded: boolean }> {
    const known = this.visibility.get(type)
    const ids: string[] = []
    let work = 0
    for (const id of candidates) {
      const bits = known?.get(id) ?? 0
      let visible: boolean
      if (bits & (1 << profile)) {
        visible = (bits & (1 << (profile + VISIBLE_SHIFT))) !== 0
      } else {
        const json = this.render(type, id, profile)
        visible = json !== null
        if (json !== null) this.stash.put(type, id, profile, json)
        if (++work % YIELD_EVERY === 0) await yieldToLoop()
      }
      if (visible) {
        ids.push(id)
        if (ids.length > cap) return { ids, exceeded: true }
      }
    }
    return { ids, exceeded: false }
  }

  /** Counts of resources visible to each profile, materialising each resource once. */
  async countByProfile(type: RorResourceType): Promise<Record<AccessProfile, number>> {
    const counts = { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }
    let work = 0
    for (const id of this.store.ids(type)) {
      const resource = this.get(type, id)
      if (!resource) continue
      if (type === 'HealthcareService') this.offerFacts.learn(id, resource)
      for (const profile of ACCESS_PROFILES) {
        // The policy never mutates its input, so one materialisation serves the six profiles.
        const visible = this.policy(resource, profile, this.placementContext).resource !== null
        this.remember(type, id, profile, visible)
        if (visible) counts[profile] += 1
      }
      if (++work % YIELD_EVERY === 0) await yieldToLoop()
    }
    return counts
  }

  /** Forgets what a mutation may have changed. */
  invalidate(summary: MutationSummary): void {
    this.mutations += 1
    this.visibility.clear()
    this.stash.clear()
    this.placement.clear()
    this.links.mutated(summary)
    for (const key of [...summary.changedKeys, ...summary.deletedKeys]) {
      const [type, id] = key.split('/', 2)
      if (type === 'HealthcareService' && id !== undefined) this.offerFacts.forget(id)
    }
  }

  /** Whether the store was mutated since this view was made. */
  get mutated(): boolean {
    return this.mutations > 0
  }

  /** Builds the access policy's links between requests (see LinkIndex.warm). */
  warmLinks(stop: () => boolean): Promise<void> {
    return this.links.warm(stop)
  }

  /**
   * Learns the facts of every offer not known yet, yielding to the event loop as it goes;
   * `stop()` ends it early (false is then returned).
   */
  async learnAllOffers(stop: () => boolean = () => false): Promise<boolean> {
    let work = 0
    for (const id of this.store.ids('HealthcareService')) {
      if (stop()) return false
      if (this.offerFacts.has(id)) continue
      const resource = this.get('HealthcareService', id)
      if (resource) this.offerFacts.learn(id, resource)
      if (++work % YIELD_EVERY === 0) await yieldToLoop()
    }
    return true
  }

  private remember(type: RorResourceType, id: string, profile: AccessProfile, visible: boolean) {
    let byId = this.visibility.get(type)
    if (!byId) {
      byId = new Map()
      this.visibility.set(type, byId)
    }
    const bits = byId.get(id) ?? 0
    const known = 1 << profile
    const seen = 1 << (profile + VISIBLE_SHIFT)
    byId.set(id, (bits | known | (visible ? seen : 0)) & ~(visible ? 0 : seen))
  }
}
