/**
 * The access facts of a snapshot's live records (facts.ts) as the fallback
 * {@link AccessContext} of a delta sync: the same answers as an `AccessFactsIndex` fed with
 * every stored offer, organisation and role (builder.ts `addAccessFacts`), with the reverse
 * lookups built only when the policy first asks for them.
 */
import type { AccessContext, OfferFacts } from '../ror/access-context'
import { findId, offerFactsAt, type SnapshotFacts } from './facts'

const MAX_ORG_DEPTH = 16

export class FactsContext implements AccessContext {
  private offersAt?: Map<string, number[]>
  private offersOf?: Map<string, number[]>
  private children?: Map<string, string[]>
  private rolesOf?: Map<string, number[]>
  /** Offer facts by row, made once (an establishment's offers are asked for again and again). */
  private readonly offerCache: (OfferFacts | undefined)[] = []

  constructor(readonly facts: SnapshotFacts) {}

  private offerAt(i: number): OfferFacts {
    let facts = this.offerCache[i]
    if (!facts) {
      facts = offerFactsAt(this.facts.offer, i)
      this.offerCache[i] = facts
    }
    return facts
  }

  offer(id: string): OfferFacts | undefined {
    const i = findId(this.facts.offer.id, id)
    return i < 0 ? undefined : this.offerAt(i)
  }

  /**
   * Builds the reverse lookups now, yielding to `pause` between them (e.g. while a delta's
   * queries run, so that judging its resources does not wait for them).
   */
  async warm(pause: () => Promise<void>): Promise<void> {
    this.locationIndex()
    await pause()
    this.organizationIndex()
    await pause()
    this.roleIndex()
  }

  private locationIndex(): Map<string, number[]> {
    if (!this.offersAt) {
      this.offersAt = new Map()
      const locations = this.facts.offer.locations as string[][]
      locations.forEach((ids, i) => {
        for (const l of ids) push(this.offersAt!, l, i)
      })
    }
    return this.offersAt
  }

  private organizationIndex(): {
    offersOf: Map<string, number[]>
    children: Map<string, string[]>
  } {
    if (!this.offersOf || !this.children) {
      this.offersOf = new Map()
      this.children = new Map()
      ;(this.facts.offer.org as (string | null)[]).forEach((org, i) => {
        if (org !== null) push(this.offersOf!, org, i)
      })
      const orgs = this.facts.organization
      ;(orgs.partOf as (string | null)[]).forEach((parent, i) => {
        if (parent !== null) push(this.children!, parent, orgs.id[i]!)
      })
    }
    return { offersOf: this.offersOf, children: this.children }
  }

  private roleIndex(): Map<string, number[]> {
    if (!this.rolesOf) {
      this.rolesOf = new Map()
      ;(this.facts.practitionerRole.practitioner as (string | null)[]).forEach((p, i) => {
        if (p !== null) push(this.rolesOf!, p, i)
      })
    }
    return this.rolesOf
  }

  /** Rows (in the facts' offers) of the offers at a place. */
  offerRowsAtLocation(locationId: string): readonly number[] {
    return this.locationIndex().get(locationId) ?? []
  }

  /** Rows of the offers an organisation provides itself (not those below it). */
  offerRowsOfOrganization(organizationId: string): readonly number[] {
    return this.organizationIndex().offersOf.get(organizationId) ?? []
  }

  offersOfLocation(locationId: string): readonly OfferFacts[] {
    return (this.locationIndex().get(locationId) ?? []).map((i) => this.offerAt(i))
  }

  offersOfOrganization(organizationId: string): readonly OfferFacts[] {
    const { offersOf, children } = this.organizationIndex()
    const found = new Set<number>()
    const seen = new Set<string>()
    const walk = (org: string, depth: number): void => {
      if (seen.has(org) || depth > MAX_ORG_DEPTH) return
      seen.add(org)
      for (const i of offersOf.get(org) ?? []) found.add(i)
      for (const child of children.get(org) ?? []) walk(child, depth + 1)
    }
    walk(organizationId, 0)
    return [...found].map((i) => this.offerAt(i))
  }

  offersOfPractitioner(practitionerId: string): readonly OfferFacts[] {
    const roles = this.facts.practitionerRole
    const out = new Map<string, OfferFacts>()
    for (const i of this.roleIndex().get(practitionerId) ?? []) {
      for (const offerId of (roles.offers![i] as string[] | undefined) ?? []) {
        const facts = this.offer(offerId)
        if (facts) out.set(offerId, facts)
      }
    }
    return [...out.values()]
  }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
