/**
 * Access-profile filter on raw ROR FHIR resources (ROR-FHIR-NOTES §4). Runs before anything is
 * persisted (ARCHITECTURE decision 3) and is reused by the local ROR sandbox to filter its
 * responses like the national ROR does. The rules themselves are the table in access-rules.ts;
 * this module walks each resource type and removes what the table forbids.
 */
import type { AccessProfile } from '../snapshot/records'
import type { AccessContext, OfferFacts } from './access-context'
import { offerFactsOf } from './access-context'
import type { Scope } from './access-rules'
import { ACCESS_RULES, allows, allowsLevel, scopeOfFields } from './access-rules'
import { RESTRICTED_SLICES, characteristicSlice } from './characteristic'
import {
  hsContactLevel,
  hsContactTelecomLevel,
  orgContactLevel,
  stricter,
  telecomLevel,
} from './confidentiality'
import type {
  ContactPoint,
  Element,
  Extension,
  HealthcareService,
  Location,
  Organization,
  Practitioner,
  PractitionerRole,
  Resource,
} from './fhir-types'
import { isRorResource } from './fhir-types'
import { referenceId } from './fhir'
import { EXT, SD } from './urls'

export type { AccessContext, OfferFacts } from './access-context'
export { AccessFactsIndex, buildAccessContext, offerFactsOf } from './access-context'

/** Where a resource sits with respect to the offers it belongs to, for one profile. */
export interface Placement {
  /** The whole resource is hidden (it belongs only to sensitive units the profile may not see). */
  hidden: boolean
  /** The visible offers, against which field conditions are evaluated. */
  scope: Scope
}

export interface AccessPolicyResult<T> {
  /** Filtered copy, or null when the profile may not see the resource at all. */
  resource: T | null
  /** Element paths removed (audit, tests), e.g. `Location.telecom[0]`. */
  removed: string[]
}

/** Placement from the offers an element belongs to (sensitive ones drop out unless profile 1). */
export function placementOf(offers: readonly OfferFacts[], profile: AccessProfile): Placement {
  const seesSensitive = ACCESS_RULES.sensitiveOffer[profile] === true
  const visible = seesSensitive ? offers : offers.filter((o) => !o.isSensitive)
  return {
    hidden: offers.length > 0 && visible.length === 0,
    scope: scopeOfFields(visible.map((o) => o.field)),
  }
}

/** Placement of a resource given the context (offers of a place, of a role, of a person…). */
export function placementInContext(
  resource: Resource,
  profile: AccessProfile,
  ctx: AccessContext,
): Placement {
  const id = resource.id ?? ''
  if (!isRorResource(resource)) return { hidden: false, scope: scopeOfFields([]) }
  switch (resource.resourceType) {
    case 'HealthcareService':
      return placementOf([offerFactsOf(resource)], profile)
    case 'Location':
      return placementOf(ctx.offersOfLocation(id), profile)
    case 'Organization':
      // An organisation is never hidden; its offers only open field-dependent contacts.
      return {
        hidden: false,
        scope: placementOf(ctx.offersOfOrganization?.(id) ?? [], profile).scope,
      }
    case 'PractitionerRole':
      return placementOf(offersOfRole(resource, ctx), profile)
    case 'Practitioner':
      return placementOf(ctx.offersOfPractitioner?.(id) ?? [], profile)
  }
}

function offersOfRole(pr: PractitionerRole, ctx: AccessContext): OfferFacts[] {
  return (pr.healthcareService ?? []).flatMap((r) => {
    const id = referenceId(r, 'HealthcareService')
    return (id === undefined ? undefined : ctx.offer(id)) ?? []
  })
}

/**
 * Filters one resource for `profile`. Returns a deep copy without the elements the profile may
 * not see, or `null` when the whole resource is hidden. Resource types the ROR policy does not
 * cover (Task…) are returned unchanged.
 */
export function applyAccessPolicy<T extends Resource>(
  resource: T,
  profile: AccessProfile,
  ctx: AccessContext,
): AccessPolicyResult<T> {
  const result = filterWithPlacement(resource, profile, placementInContext(resource, profile, ctx))
  return { resource: result.resource && structuredClone(result.resource), removed: result.removed }
}

/**
 * Same as {@link applyAccessPolicy} with an explicit placement, without the final deep copy:
 * the result shares unchanged parts with `resource` (callers must not mutate either).
 */
export function filterWithPlacement<T extends Resource>(
  resource: T,
  profile: AccessProfile,
  placement: Placement,
): AccessPolicyResult<T> {
  const type = resource.resourceType
  if (placement.hidden) return { resource: null, removed: [type] }
  const f = new Filter(profile, placement.scope, type)
  const out = f.resource(resource)
  return { resource: out as T | null, removed: out === null ? [type] : f.removed }
}

/** One filtering pass: holds the profile, the scope and the list of removed paths. */
class Filter {
  readonly removed: string[] = []
  constructor(
    private readonly profile: AccessProfile,
    private readonly scope: Scope,
    private readonly type: string,
  ) {}

  resource(r: Resource): Resource | null {
    if (!isRorResource(r)) return r
    switch (r.resourceType) {
      case 'HealthcareService':
        return this.healthcareService(r)
      case 'Organization':
        return this.organization(r)
      case 'Location':
        return this.location(r)
      case 'PractitionerRole':
        return this.practitionerRole(r)
      case 'Practitioner':
        return this.practitioner(r)
    }
  }

  private allows(element: Parameters<typeof allows>[0]): boolean {
    return allows(element, this.profile, this.scope)
  }

  private healthcareService(hs: HealthcareService): HealthcareService | null {
    // §4.1 point 3: a sensitive unit is hidden whole from every profile but 1.
    if (offerFactsOf(hs).isSensitive && !this.allows('sensitiveOffer')) return null
    const out: HealthcareService = { ...hs }
    out.extension = this.extensions(hs, 'HealthcareService', (ext, path) => {
      if (ext.url === EXT.sensitiveUnit) return this.allows('sensitiveFlag') ? ext : null
      if (ext.url === EXT.hsContact) return this.hsContact(ext, path)
      return ext
    })
    out.telecom = this.telecoms(hs.telecom, 'HealthcareService.telecom')
    // §4.2: restricted characteristic slices.
    if (!this.allows('restrictedCharacteristic')) {
      out.characteristic = this.list(hs.characteristic, 'HealthcareService.characteristic', (cc) =>
        RESTRICTED_SLICES.has(characteristicSlice(cc)) ? null : cc,
      )
    }
    return clean(out)
  }

  private hsContact(contact: Extension, path: string): Extension | null {
    const level = hsContactLevel(contact)
    if (!allowsLevel(level, this.profile, this.scope)) return null
    // A telecom is never more visible than the contact block holding it.
    const extension = this.extensions(contact, path, (sub) =>
      sub.url !== EXT.hsContactTelecom ||
      allowsLevel(stricter(hsContactTelecomLevel(sub), level), this.profile, this.scope)
        ? sub
        : null,
    )
    return clean({ ...contact, extension })
  }

  private organization(org: Organization): Organization {
    const out: Organization = { ...org }
    out.extension = this.extensions(org, 'Organization', (ext) => {
      if (ext.url === EXT.dropZone) return this.allows('dropZone') ? ext : null
      if (ext.url === EXT.orsanLevel || ext.url === EXT.orsanLevelId) {
        return this.allows('orsanLevel') ? ext : null
      }
      return ext
    })
    out.contact = this.list(org.contact, 'Organization.contact', (contact, path) => {
      const level = orgContactLevel(contact)
      if (!allowsLevel(level, this.profile, this.scope)) return null
      const telecom = this.telecoms(contact.telecom, `${path}.telecom`, level)
      return clean({ ...contact, telecom })
    })
    out.telecom = this.telecoms(org.telecom, 'Organization.telecom')
    return clean(out)
  }

  private location(loc: Location): Location {
    const out: Location = { ...loc }
    // §4.2 Location.telecom: a field rule on top of the confidentiality level.
    out.telecom = this.allows('locationTelecom')
      ? this.telecoms(loc.telecom, 'Location.telecom')
      : this.list(loc.telecom, 'Location.telecom', () => null)
    if (!this.allows('capacities')) {
      out.extension = this.extensions(loc, 'Location', (ext) =>
        ext.url === EXT.supportedCapacity || ext.url === EXT.residentialCapacity ? null : ext,
      )
    }
    return clean(out)
  }

  private practitionerRole(pr: PractitionerRole): PractitionerRole | null {
    if (!this.allows('practitionerRole')) return null
    const out: PractitionerRole = { ...pr }
    if (!this.allows('practitionerRolePersonalData')) {
      out.identifier = this.list(pr.identifier, 'PractitionerRole.identifier', () => null)
      if (pr.practitioner) this.removed.push('PractitionerRole.practitioner')
      delete out.practitioner
      out.extension = this.extensions(pr, 'PractitionerRole', (ext) =>
        ext.url === EXT.practitionerRoleName ? null : ext,
      )
    }
    out.telecom = this.telecoms(pr.telecom, 'PractitionerRole.telecom')
    return clean(out)
  }

  private practitioner(p: Practitioner): Practitioner | null {
    if (!this.allows('practitioner')) return null
    return clean({ ...p, telecom: this.telecoms(p.telecom, 'Practitioner.telecom') })
  }

  /** ContactPoints filtered by level (the stricter of their own and their holder's). */
  private telecoms(
    list: ContactPoint[] | undefined,
    path: string,
    holderLevel: '1' | '2' | '3' = '1',
  ): ContactPoint[] | undefined {
    return this.list(list, path, (cp) =>
      allowsLevel(stricter(telecomLevel(cp), holderLevel), this.profile, this.scope) ? cp : null,
    )
  }

  /** Keeps the items `keep` returns (possibly rewritten); records the others as removed. */
  private list<E>(
    items: E[] | undefined,
    path: string | ((item: E, index: number) => string),
    keep: (item: E, path: string) => E | null,
  ): E[] | undefined {
    if (!items) return undefined
    const out: E[] = []
    items.forEach((item, i) => {
      const itemPath = typeof path === 'string' ? `${path}[${i}]` : path(item, i)
      const kept = keep(item, itemPath)
      if (kept === null) this.removed.push(itemPath)
      else out.push(kept)
    })
    return out
  }

  /** Like `list` on `holder.extension`, with paths written `extension:<slice>[n]`. */
  private extensions(
    holder: Element,
    path: string,
    keep: (ext: Extension, path: string) => Extension | null,
  ): Extension[] | undefined {
    const seen = new Map<string, number>()
    const pathOf = (ext: Extension): string => {
      const slice = ext.url.startsWith(SD) ? ext.url.slice(SD.length) : ext.url
      const n = seen.get(slice) ?? 0
      seen.set(slice, n + 1)
      return `${path}.extension:${slice}[${n}]`
    }
    return this.list(holder.extension, pathOf, keep)
  }
}

/** Drops the array properties a filter emptied or left undefined (FHIR forbids empty arrays). */
function clean<T extends object>(o: T): T {
  const rec = o as Record<string, unknown>
  for (const key of Object.keys(rec)) {
    const v = rec[key]
    if (v === undefined || (Array.isArray(v) && v.length === 0)) delete rec[key]
  }
  return o
}
