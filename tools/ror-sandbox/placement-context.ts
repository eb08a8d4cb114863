/**
 * The access context handed to the real policy (core/ror/access-policy), reduced to what it
 * reads. `placementOf` only looks at the champ d'activité and the unité sensible flag of the
 * offers a resource belongs to (which fields the visible offers have, whether any is visible,
 * ROR-FHIR-NOTES §4.1–§4.2), so each list here holds one offer per distinct pair, known by its
 * packed fact (offer-facts.ts), with no id nor links. Placing an organisation needs the offers
 * of its whole subtree (a few hundred for a large entité juridique): their distinct facts are
 * kept per organisation as a bit set and combined up the tree, so a subtree is read once per
 * mutation instead of once per organisation above it.
 * access.test.ts checks that this context filters every resource exactly as the full one.
 */
import type { AccessContext, OfferFacts } from '../../core/ror/access-policy'
import type { GeneratedStore } from '../generate/store-types'
import { MAX_ORG_DEPTH, type LinkIndex } from './link-index'
import type { OfferFactsTable } from './offer-facts'

/** Packed facts from this value on do not fit a 31-bit set (the list is then built as is). */
const MASK_BITS = 31

interface Digest {
  /** Bit p set when an offer of the subtree has packed fact p. */
  mask: number
  /** Levels of organisations below this one. */
  height: number
}

export class PlacementContext implements AccessContext {
  /** Organisation id → digest of its subtree, or null when it must be walked as a list. */
  private readonly digests = new Map<string, Digest | null>()
  private readonly representatives = new Map<number, OfferFacts>()

  constructor(
    private readonly store: GeneratedStore,
    private readonly links: LinkIndex,
    private readonly facts: OfferFactsTable,
    /** The packed fact of a live offer (learnt on demand), undefined when it is gone. */
    private readonly packedFacts: (id: string) => number | undefined,
  ) {}

  offer(id: string): OfferFacts | undefined {
    const packed = this.packedFacts(id)
    return packed === undefined ? undefined : this.representative(packed)
  }

  offersOfLocation(locationId: string): readonly OfferFacts[] {
    return this.distinct(this.store.locationOffers(locationId))
  }

  offersOfOrganization(orgId: string): readonly OfferFacts[] {
    const digest = this.digest(orgId, new Set())
    if (digest === null) return this.distinct(this.links.offersUnderOrganization(orgId))
    const out: OfferFacts[] = []
    for (let packed = 0; packed < MASK_BITS; packed += 1) {
      if (digest.mask & (1 << packed)) out.push(this.representative(packed))
    }
    return out
  }

  offersOfPractitioner(practitionerId: string): readonly OfferFacts[] {
    return this.distinct(this.links.offersOfPractitioner(practitionerId))
  }

  /** The store changed: digests may no longer hold. */
  clear(): void {
    this.digests.clear()
  }

  /** One offer per distinct packed fact among `ids`. */
  private distinct(ids: readonly string[]): OfferFacts[] {
    const seen = new Set<number>()
    const out: OfferFacts[] = []
    for (const id of ids) {
      const packed = this.packedFacts(id)
      if (packed === undefined || seen.has(packed)) continue
      seen.add(packed)
      out.push(this.representative(packed))
    }
    return out
  }

  /** An offer standing for every offer with this packed fact (`placementOf` reads no more). */
  private representative(packed: number): OfferFacts {
    let facts = this.representatives.get(packed)
    if (!facts) {
      facts = { id: '', isSensitive: (packed & 1) === 1, locationIds: [] }
      const field = this.facts.field(packed)
      if (field !== undefined) facts.field = field
      this.representatives.set(packed, facts)
    }
    return facts
  }

  /**
   * The digest of the live offers under `orgId`, the same set `offersUnderOrganization` walks:
   * null (that walk is then used) when the subtree is deeper than the walk goes, loops back on
   * itself (`open`: organisations being digested) or has a packed fact past the bit set.
   */
  private digest(orgId: string, open: Set<string>): Digest | null {
    const known = this.digests.get(orgId)
    if (known !== undefined) return known
    if (open.has(orgId)) return null
    open.add(orgId)
    let mask = 0
    let height = 0
    let ok = true
    for (const offer of this.links.organizationOffers(orgId)) {
      if (!this.store.has('HealthcareService', offer)) continue
      const packed = this.packedFacts(offer)
      if (packed === undefined) continue
      if (packed >= MASK_BITS) ok = false
      mask |= 1 << packed
    }
    for (const child of ok ? this.links.childOrganizations(orgId) : []) {
      if (!this.store.has('Organization', child)) continue
      const sub = this.digest(child, open)
      if (sub === null) {
        ok = false
        break
      }
      mask |= sub.mask
      height = Math.max(height, sub.height + 1)
    }
    open.delete(orgId)
    const digest = ok && height <= MAX_ORG_DEPTH ? { mask, height } : null
    this.digests.set(orgId, digest)
    return digest
  }
}
