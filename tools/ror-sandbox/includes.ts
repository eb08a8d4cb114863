/**
 * Resolves `_include` / `_revinclude` for one page of matches from the store's reference
 * indexes. Rule (documented in README): `_revinclude` applies to the matches; plain `_include`
 * to the matches and the revincluded resources (so the ROR delta query's
 * `_revinclude=PractitionerRole:service&_include=PractitionerRole:practitioner` returns the
 * practitioners, as the ROR documentation expects); `_include:iterate` is repeated over
 * everything added until nothing new appears (Organization:partof walks OI → EG → EJ).
 * Hidden resources (access policy) are neither returned nor followed.
 */
import type { AccessProfile } from '../../core/snapshot/records'
import type { GeneratedStore, RorResourceType } from '../generate/store-types'
import type { AccessView, StoreResource } from './access'
import type { IncludeKey, RevIncludeKey, SearchQuery } from './search-params'

export interface Ref {
  type: RorResourceType
  id: string
}

function follow(store: GeneratedStore, key: IncludeKey, from: Ref): Ref[] {
  switch (key) {
    case 'HealthcareService:organization': {
      if (from.type !== 'HealthcareService') return []
      const org = store.offerOrganization(from.id)
      return org ? [{ type: 'Organization', id: org }] : []
    }
    case 'HealthcareService:location':
      if (from.type !== 'HealthcareService') return []
      return store.offerLocations(from.id).map((id) => ({ type: 'Location', id }))
    case 'Organization:partof': {
      if (from.type !== 'Organization') return []
      const parent = store.organizationPartOf(from.id)
      return parent ? [{ type: 'Organization', id: parent }] : []
    }
    case 'PractitionerRole:practitioner': {
      if (from.type !== 'PractitionerRole') return []
      const practitioner = store.practitionerRolePractitioner(from.id)
      return practitioner ? [{ type: 'Practitioner', id: practitioner }] : []
    }
  }
}

function reverse(store: GeneratedStore, key: RevIncludeKey, from: Ref): Ref[] {
  switch (key) {
    case 'PractitionerRole:service':
      if (from.type !== 'HealthcareService') return []
      return store.offerPractitionerRoles(from.id).map((id) => ({ type: 'PractitionerRole', id }))
    case 'HealthcareService:location':
      if (from.type !== 'Location') return []
      return store.locationOffers(from.id).map((id) => ({ type: 'HealthcareService', id }))
  }
}

/**
 * The included resources for a page, filtered for `profile`, without duplicates and without
 * the page's own matches. `seen` (keys `Type/id`) lets a caller dedupe across several calls.
 */
export function resolveIncludes(
  store: GeneratedStore,
  access: AccessView,
  query: SearchQuery,
  matches: readonly Ref[],
  profile: AccessProfile,
  seen: Set<string> = new Set(),
): StoreResource[] {
  const load = (ref: Ref) => access.view(ref.type, ref.id, profile)
  return includedBy(store, query, matches, load, seen)
}

/**
 * The walk of {@link resolveIncludes} with the loading left to the caller: `load` gives what
 * to return for a resource (e.g. its JSON), or null when the profile may not see it.
 */
export function includedBy<T>(
  store: GeneratedStore,
  query: SearchQuery,
  matches: readonly Ref[],
  load: (ref: Ref) => T | null,
  seen: Set<string> = new Set(),
): T[] {
  for (const r of matches) seen.add(`${r.type}/${r.id}`)
  const out: T[] = []
  const admit = (refs: Ref[]): Ref[] => {
    const added: Ref[] = []
    for (const ref of refs) {
      const key = `${ref.type}/${ref.id}`
      if (seen.has(key)) continue
      seen.add(key)
      const loaded = load(ref)
      if (loaded === null) continue
      out.push(loaded)
      added.push(ref)
    }
    return added
  }

  const revIncluded = admit(
    [...query.revIncludes].flatMap((key) => matches.flatMap((m) => reverse(store, key, m))),
  )
  let frontier = [...matches, ...revIncluded]
  const once = admit(
    [...query.includes].flatMap((key) => frontier.flatMap((r) => follow(store, key, r))),
  )
  if (query.iterateIncludes.size === 0) return out
  frontier = [...frontier, ...once]
  while (frontier.length > 0) {
    const current = frontier
    frontier = admit(
      [...query.iterateIncludes].flatMap((key) => current.flatMap((r) => follow(store, key, r))),
    )
  }
  return out
}
