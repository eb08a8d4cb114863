/**
 * Contract between the synthetic data generator (tools/generate) and the local ROR sandbox
 * server (tools/ror-sandbox). The generator keeps national-scale data compact (one small
 * record per entity, not the FHIR JSON) and materialises a FHIR resource on demand, so the
 * sandbox can page and stream ~1M resources without holding them all as objects.
 */
import type { Resource } from 'fhir/r4'

export type RorResourceType =
  'HealthcareService' | 'Location' | 'Organization' | 'PractitionerRole' | 'Practitioner'

export const ROR_RESOURCE_TYPES: readonly RorResourceType[] = [
  'HealthcareService',
  'Location',
  'Organization',
  'PractitionerRole',
  'Practitioner',
]

export type Scale = 'demo' | 'region' | 'national'

export interface ScaleCounts {
  /** Entités géographiques (establishments / sites). */
  eg: number
}

export interface StoreOptions {
  scale: Scale | ScaleCounts
  seed: number
  /** Folder where the generated dataset is cached by seed and scale (created if missing). */
  cacheDir?: string
  /** Progress callback for long generations (phase, done, total). */
  onProgress?: (phase: string, done: number, total: number) => void
}

export interface MutationSummary {
  created: number
  modified: number
  closed: number
  /** Deleted resources: as in the real ROR, deletions are NOT visible through _lastUpdated. */
  deleted: number
  /** ISO instant stamped as meta.lastUpdated on every created/modified/closed resource. */
  at: string
  /** Keys `Type/id` of what changed (created, modified or closed), for tests. */
  changedKeys: string[]
  deletedKeys: string[]
}

/** Read side used by the sandbox; all ids are returned in a stable order. */
export interface GeneratedStore {
  readonly scale: Scale | ScaleCounts
  readonly seed: number
  /** Number of live resources of a type. */
  count(type: RorResourceType): number
  /** Ids of live resources of a type, in a stable order (creation order). */
  ids(type: RorResourceType): readonly string[]
  has(type: RorResourceType, id: string): boolean
  /** A fresh, fully materialised FHIR R4 resource (ROR profiles' element paths), or undefined. */
  get(type: RorResourceType, id: string): Resource | undefined
  /** meta.lastUpdated as epoch milliseconds, for fast _lastUpdated filtering. */
  lastUpdatedMs(type: RorResourceType, id: string): number
  /** Source region code (meta.tag TRE_R30), e.g. "24". */
  region(type: RorResourceType, id: string): string
  /** Identifier values of the resource (for `identifier=` search), e.g. FINESS, ROR functional id. */
  identifierValues(type: RorResourceType, id: string): readonly string[]
  /** Reference helpers for _include / _revinclude. */
  offerOrganization(hsId: string): string | undefined
  offerLocations(hsId: string): readonly string[]
  organizationPartOf(orgId: string): string | undefined
  offerPractitionerRoles(hsId: string): readonly string[]
  practitionerRolePractitioner(prId: string): string | undefined
  locationOffers(locationId: string): readonly string[]
  /** Apply N evolutions now (new offers, modifications, closures, deletions). */
  mutate(changes: number, now?: Date): MutationSummary
}
