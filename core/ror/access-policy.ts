/**
 * Access-profile filter on raw ROR FHIR resources (ROR-FHIR-NOTES §4). Runs before anything is
 * persisted (ARCHITECTURE decision 3) and is reused by the local ROR sandbox to filter its
 * responses like the national ROR does. The rules themselves are the table in access-rules.ts;
 * this module places a resource among its offers, and access-filter.ts walks it and removes
 * what the table forbids.
 */
import type { AccessProfile } from '../snapshot/records'
import type { AccessContext, OfferFacts } from './access-context'
import { offerFactsOf } from './access-context'
import { Filter } from './access-filter'
import type { Scope } from './access-rules'
import { ACCESS_RULES, fieldScope, scopeOfFields } from './access-rules'
import type { PractitionerRole, Resource } from './fhir-types'
import { isRorResource } from './fhir-types'
import { referenceId } from './fhir'

export type { AccessContext, OfferFacts } from './access-context'
export { AccessFactsIndex, buildAccessContext, offerFactsOf } from './access-context'

/** Where a resource sits with respect to the offers it belongs to, for one profile. */
export interface Placement {
  /** The whole resource is hidden (it belongs only to sensitive units the profile may not see). */
  readonly hidden: boolean
  /** The visible offers, against which field conditions are evaluated. */
  readonly scope: Scope
}

export interface AccessPolicyResult<T> {
  /** Filtered copy, or null when the profile may not see the resource at all. */
  resource: T | null
  /** Element paths removed (audit, tests), e.g. `Location.telecom[0]`. */
  removed: string[]
}

/**
 * Placement from the offers an element belongs to (sensitive ones drop out unless profile 1).
 * Placements with the same scope are one shared object (see `fieldScope`): callers must not
 * mutate them.
 */
export function placementOf(offers: readonly OfferFacts[], profile: AccessProfile): Placement {
  const seesSensitive = ACCESS_RULES.sensitiveOffer[profile] === true
  const visible = seesSensitive ? offers : offers.filter((o) => !o.isSensitive)
  const scope = fieldScope(visible.map((o) => o.field))
  const { placements } = scope
  if (offers.length > 0 && visible.length === 0) {
    return (placements.hidden ??= { hidden: true, scope })
  }
  return (placements.shown ??= { hidden: false, scope })
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
 * the result shares unchanged parts with `resource` — it is `resource` itself when nothing is
 * removed (callers must not mutate either).
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
