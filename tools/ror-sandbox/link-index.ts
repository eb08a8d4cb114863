/**
 * Reverse links the store does not index but the access policy asks about
 * (`AccessContext.offersOfOrganization`, `offersOfPractitioner`): organisation → child
 * organisations and offers, practitioner → roles, role → offers. Built in one pass over the
 * store's reference helpers (no materialisation; ~0.9 s at national scale) when first needed or
 * by `warm` after start, then kept up to date by `mutated` (a rebuild after every mutation cost
 * that time again in the first delta query after it).
 * Links are only ever added; a link whose source is gone is dropped when read.
 */
import { referenceId } from '../../core/ror/fhir'
import type { PractitionerRole } from '../../core/ror/fhir-types'
import type { GeneratedStore, MutationSummary } from '../generate/store-types'
import { runNow, runSliced } from './steps'

/** Levels of sub-organisations an organisation's offers are looked for in. */
export const MAX_ORG_DEPTH = 16
/** Resources read between two pauses of a sliced build. */
const BUILD_SLICE = 10_000

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

function pushNew(map: Map<string, string[]>, key: string, value: string): void {
  if (!map.get(key)?.includes(value)) push(map, key, value)
}

/** `Type/id` keys of a mutation summary, grouped by type. */
function idsByType(keys: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const key of keys) {
    const slash = key.indexOf('/')
    push(out, key.slice(0, slash), key.slice(slash + 1))
  }
  return out
}

interface OrgLinks {
  children: Map<string, string[]>
  offers: Map<string, string[]>
}

interface PractitionerLinks {
  roles: Map<string, string[]>
  offersOfRole: Map<string, string[]>
}

export class LinkIndex {
  private orgs: OrgLinks | undefined
  private practitioners: PractitionerLinks | undefined
  private readonly subtreeCache = new Map<string, readonly string[]>()
  /** Mutations seen: a sliced build that saw one midway is dropped. */
  private generation = 0

  constructor(private readonly store: GeneratedStore) {}

  /** Offer ids provided by the organisation or any organisation below it (partOf). */
  offersUnderOrganization(orgId: string): readonly string[] {
    const cached = this.subtreeCache.get(orgId)
    if (cached) return cached
    const links = this.orgLinks()
    const ids: string[] = []
    const seen = new Set<string>()
    const walk = (org: string, depth: number): void => {
      if (seen.has(org) || depth > MAX_ORG_DEPTH) return
      seen.add(org)
      for (const offer of links.offers.get(org) ?? []) {
        if (this.store.has('HealthcareService', offer)) ids.push(offer)
      }
      for (const child of links.children.get(org) ?? []) {
        if (this.store.has('Organization', child)) walk(child, depth + 1)
      }
    }
    walk(orgId, 0)
    this.subtreeCache.set(orgId, ids)
    return ids
  }

  /** Offers linked to the organisation itself (possibly gone: callers check). */
  organizationOffers(orgId: string): readonly string[] {
    return this.orgLinks().offers.get(orgId) ?? []
  }

  /** Organisations whose `partOf` is this one (possibly gone: callers check). */
  childOrganizations(orgId: string): readonly string[] {
    return this.orgLinks().children.get(orgId) ?? []
  }

  /** Offer ids of all the roles of a practitioner, without duplicates. */
  offersOfPractitioner(practitionerId: string): string[] {
    const links = this.practitionerLinks()
    const ids = new Set<string>()
    for (const role of links.roles.get(practitionerId) ?? []) {
      if (!this.store.has('PractitionerRole', role)) continue
      for (const offer of links.offersOfRole.get(role) ?? []) {
        if (this.store.has('HealthcareService', offer)) ids.add(offer)
      }
    }
    return [...ids]
  }

  /**
   * Adds the links of the resources a mutation created or changed (the store never re-points
   * the references of an existing resource; deletions are filtered when read).
   */
  mutated(summary: Pick<MutationSummary, 'changedKeys'>): void {
    this.generation += 1
    this.subtreeCache.clear()
    const changed = idsByType(summary.changedKeys)
    const offers = changed.get('HealthcareService') ?? []
    if (this.orgs) {
      for (const org of changed.get('Organization') ?? []) {
        const parent = this.store.organizationPartOf(org)
        if (parent !== undefined) pushNew(this.orgs.children, parent, org)
      }
      for (const offer of offers) {
        const org = this.store.offerOrganization(offer)
        if (org !== undefined) pushNew(this.orgs.offers, org, offer)
      }
    }
    if (this.practitioners) {
      const { roles, offersOfRole } = this.practitioners
      for (const role of changed.get('PractitionerRole') ?? []) {
        const practitioner = this.store.practitionerRolePractitioner(role)
        if (practitioner !== undefined) pushNew(roles, practitioner, role)
        // A new role may serve an offer the mutation left alone: read its references.
        const resource = this.store.get('PractitionerRole', role) as PractitionerRole | undefined
        for (const ref of resource?.healthcareService ?? []) {
          const offer = referenceId(ref, 'HealthcareService')
          if (offer !== undefined && this.store.offerPractitionerRoles(offer).includes(role)) {
            pushNew(offersOfRole, role, offer)
          }
        }
      }
      for (const offer of offers) {
        for (const role of this.store.offerPractitionerRoles(offer)) {
          pushNew(offersOfRole, role, offer)
        }
      }
    }
  }

  /** Builds both link sets without holding the event loop for long (warm-up after start). */
  async warm(stop: () => boolean = () => false): Promise<void> {
    const generation = this.generation
    const orgs = this.orgs ? undefined : await runSliced(this.buildOrgLinks(), stop)
    // Built across a mutation, they may mix two states: a later query builds them again.
    if (orgs && generation === this.generation) this.orgs ??= orgs
    const people = this.practitioners ? undefined : await runSliced(this.buildPeople(), stop)
    if (people && generation === this.generation) this.practitioners ??= people
  }

  private orgLinks(): OrgLinks {
    this.orgs ??= runNow(this.buildOrgLinks())
    return this.orgs
  }

  private practitionerLinks(): PractitionerLinks {
    this.practitioners ??= runNow(this.buildPeople())
    return this.practitioners
  }

  private *buildOrgLinks(): Generator<void, OrgLinks> {
    const links: OrgLinks = { children: new Map(), offers: new Map() }
    let work = 0
    for (const org of this.store.ids('Organization')) {
      const parent = this.store.organizationPartOf(org)
      if (parent !== undefined) push(links.children, parent, org)
      if (++work % BUILD_SLICE === 0) yield
    }
    for (const offer of this.store.ids('HealthcareService')) {
      const org = this.store.offerOrganization(offer)
      if (org !== undefined) push(links.offers, org, offer)
      if (++work % BUILD_SLICE === 0) yield
    }
    return links
  }

  private *buildPeople(): Generator<void, PractitionerLinks> {
    const links: PractitionerLinks = { roles: new Map(), offersOfRole: new Map() }
    let work = 0
    for (const role of this.store.ids('PractitionerRole')) {
      const practitioner = this.store.practitionerRolePractitioner(role)
      if (practitioner !== undefined) push(links.roles, practitioner, role)
      if (++work % BUILD_SLICE === 0) yield
    }
    for (const offer of this.store.ids('HealthcareService')) {
      for (const role of this.store.offerPractitionerRoles(offer)) {
        push(links.offersOfRole, role, offer)
      }
      if (++work % BUILD_SLICE === 0) yield
    }
    return links
  }
}
