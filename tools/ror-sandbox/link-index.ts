/**
 * Reverse links the store does not index but the access policy asks about
 * (`AccessContext.offersOfOrganization`, `offersOfPractitioner`): organisation → child
 * organisations and offers, practitioner → roles, role → offers. Built lazily in one pass over
 * the store's reference helpers (no materialisation) and dropped after a mutation.
 */
import type { GeneratedStore } from '../generate/store-types'

const MAX_ORG_DEPTH = 16

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
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
      ids.push(...(links.offers.get(org) ?? []))
      for (const child of links.children.get(org) ?? []) walk(child, depth + 1)
    }
    walk(orgId, 0)
    this.subtreeCache.set(orgId, ids)
    return ids
  }

  /** Offer ids of all the roles of a practitioner, without duplicates. */
  offersOfPractitioner(practitionerId: string): string[] {
    const links = this.practitionerLinks()
    const ids = new Set<string>()
    for (const role of links.roles.get(practitionerId) ?? []) {
      for (const offer of links.offersOfRole.get(role) ?? []) ids.add(offer)
    }
    return [...ids]
  }

  clear(): void {
    this.orgs = undefined
    this.practitioners = undefined
    this.subtreeCache.clear()
  }

  private orgLinks(): OrgLinks {
    if (this.orgs) return this.orgs
    const links: OrgLinks = { children: new Map(), offers: new Map() }
    for (const org of this.store.ids('Organization')) {
      const parent = this.store.organizationPartOf(org)
      if (parent !== undefined) push(links.children, parent, org)
    }
    for (const offer of this.store.ids('HealthcareService')) {
      const org = this.store.offerOrganization(offer)
      if (org !== undefined) push(links.offers, org, offer)
    }
    this.orgs = links
    return links
  }

  private practitionerLinks(): PractitionerLinks {
    if (this.practitioners) return this.practitioners
    const links: PractitionerLinks = { roles: new Map(), offersOfRole: new Map() }
    for (const role of this.store.ids('PractitionerRole')) {
      const practitioner = this.store.practitionerRolePractitioner(role)
      if (practitioner !== undefined) push(links.roles, practitioner, role)
    }
    for (const offer of this.store.ids('HealthcareService')) {
      for (const role of this.store.offerPractitionerRoles(offer)) {
        push(links.offersOfRole, role, offer)
      }
    }
    this.practitioners = links
    return links
  }
}
