/**
 * The access facts of a snapshot's live records (facts.ts) as the fallback
 * {@link AccessContext} of a delta sync: the same answers as an `AccessFactsIndex` fed with
 * every stored offer, organisation and role (builder.ts `addAccessFacts`), with the reverse
 * lookups built only when the policy first asks for them.
 */
import type { AccessContext, OfferFacts } from '../ror/access-context'
import { findId, offerFactsAt, type FactColumns, type SnapshotFacts } from './facts'
import { ROWS_PER_TURN } from './facts-text'

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
   * Builds the reverse lookups now, yielding to `pause` every {@link ROWS_PER_TURN} rows (e.g.
   * while a delta's queries run: its pages keep being received, and judging its resources does
   * not wait for the lookups).
   */
  async warm(pause: () => Promise<void>): Promise<void> {
    const offers = this.facts.offer
    const orgs = this.facts.organization
    const roles = this.facts.practitionerRole
    const offersAt = new Map<string, number[]>()
    const offersOf = new Map<string, number[]>()
    const children = new Map<string, string[]>()
    const rolesOf = new Map<string, number[]>()
    const steps: [number, (from: number, to: number) => void][] = [
      [offers.id.length, (from, to) => offerLinks(offers, offersAt, offersOf, from, to)],
      [orgs.id.length, (from, to) => childLinks(orgs, children, from, to)],
      [roles.id.length, (from, to) => roleLinks(roles, rolesOf, from, to)],
    ]
    for (const [rows, step] of steps) {
      for (let from = 0; from < rows; from += ROWS_PER_TURN) {
        step(from, Math.min(rows, from + ROWS_PER_TURN))
        await pause()
      }
    }
    this.offersAt = offersAt
    this.offersOf = offersOf
    this.children = children
    this.rolesOf = rolesOf
  }

  private locationIndex(): Map<string, number[]> {
    if (!this.offersAt) this.buildOfferLinks()
    return this.offersAt!
  }

  private organizationIndex(): {
    offersOf: Map<string, number[]>
    children: Map<string, string[]>
  } {
    if (!this.offersOf) this.buildOfferLinks()
    if (!this.children) {
      const orgs = this.facts.organization
      this.children = new Map()
      childLinks(orgs, this.children, 0, orgs.id.length)
    }
    return { offersOf: this.offersOf!, children: this.children }
  }

  private buildOfferLinks(): void {
    const offers = this.facts.offer
    this.offersAt = new Map()
    this.offersOf = new Map()
    offerLinks(offers, this.offersAt, this.offersOf, 0, offers.id.length)
  }

  private roleIndex(): Map<string, number[]> {
    if (!this.rolesOf) {
      const roles = this.facts.practitionerRole
      this.rolesOf = new Map()
      roleLinks(roles, this.rolesOf, 0, roles.id.length)
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

/** Offers' rows by place and by organisation, for rows [from, to). */
function offerLinks(
  offers: FactColumns,
  at: Map<string, number[]>,
  of: Map<string, number[]>,
  from: number,
  to: number,
): void {
  const locations = offers.locations as string[][]
  const orgs = offers.org as (string | null)[]
  for (let i = from; i < to; i++) {
    for (const l of locations[i] ?? []) push(at, l, i)
    const org = orgs[i]
    if (org !== null && org !== undefined) push(of, org, i)
  }
}

/** Organisations' ids by parent, for rows [from, to). */
function childLinks(orgs: FactColumns, into: Map<string, string[]>, from: number, to: number) {
  const partOf = orgs.partOf as (string | null)[]
  for (let i = from; i < to; i++) {
    const parent = partOf[i]
    if (parent !== null && parent !== undefined) push(into, parent, orgs.id[i]!)
  }
}

/** Roles' rows by practitioner, for rows [from, to). */
function roleLinks(roles: FactColumns, into: Map<string, number[]>, from: number, to: number) {
  const practitioners = roles.practitioner as (string | null)[]
  for (let i = from; i < to; i++) {
    const p = practitioners[i]
    if (p !== null && p !== undefined) push(into, p, i)
  }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
