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
  /** The reverse lookups, once built (`warm`, or at the first question). */
  private links?: Links
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
    if (this.links) return
    const { links, steps } = linkSteps(this.facts)
    for (const [rows, step] of steps) {
      for (let from = 0; from < rows; from += ROWS_PER_TURN) {
        step(from, Math.min(rows, from + ROWS_PER_TURN))
        await pause()
      }
    }
    this.links = links
  }

  /** The reverse lookups, built at once if `warm` did not. */
  private linksNow(): Links {
    if (!this.links) {
      const { links, steps } = linkSteps(this.facts)
      for (const [rows, step] of steps) step(0, rows)
      this.links = links
    }
    return this.links
  }

  /** Rows (in the facts' offers) of the offers at a place. */
  offerRowsAtLocation(locationId: string): readonly number[] {
    return this.linksNow().offersAt.get(locationId) ?? []
  }

  /** Rows of the offers an organisation provides itself (not those below it). */
  offerRowsOfOrganization(organizationId: string): readonly number[] {
    return this.linksNow().offersOf.get(organizationId) ?? []
  }

  offersOfLocation(locationId: string): readonly OfferFacts[] {
    return (this.linksNow().offersAt.get(locationId) ?? []).map((i) => this.offerAt(i))
  }

  offersOfOrganization(organizationId: string): readonly OfferFacts[] {
    const { offersOf, children } = this.linksNow()
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
    for (const i of this.linksNow().rolesOf.get(practitionerId) ?? []) {
      for (const offerId of (roles.offers![i] as string[] | undefined) ?? []) {
        const facts = this.offer(offerId)
        if (facts) out.set(offerId, facts)
      }
    }
    return [...out.values()]
  }
}

/** Offers' rows by place and by organisation, organisations by parent, roles by practitioner. */
interface Links {
  offersAt: Map<string, number[]>
  offersOf: Map<string, number[]>
  children: Map<string, string[]>
  rolesOf: Map<string, number[]>
}

/** Empty lookups, and the steps that fill them: [rows, fill rows [from, to)] per kind. */
function linkSteps(facts: SnapshotFacts): {
  links: Links
  steps: [number, (from: number, to: number) => void][]
} {
  const { offer, organization, practitionerRole } = facts
  const links: Links = {
    offersAt: new Map(),
    offersOf: new Map(),
    children: new Map(),
    rolesOf: new Map(),
  }
  return {
    links,
    steps: [
      [offer.id.length, (f, t) => offerLinks(offer, links.offersAt, links.offersOf, f, t)],
      [organization.id.length, (f, t) => childLinks(organization, links.children, f, t)],
      [practitionerRole.id.length, (f, t) => roleLinks(practitionerRole, links.rolesOf, f, t)],
    ],
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
