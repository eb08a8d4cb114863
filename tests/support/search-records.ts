/**
 * Small builders of domain records for search-engine tests: every field the search reads,
 * with neutral defaults, so a test states only what it is about.
 */
import { ageRangeFromBounds } from '../../core/ror/age'
import type {
  AgeBound,
  AgeRange,
  GeoPrecision,
  LocationRecord,
  OfferRecord,
  OrganizationRecord,
  ResolvedPlacement,
} from '../../core/snapshot/records'

export function offer(id: string, fields: Partial<OfferRecord> = {}): OfferRecord {
  return {
    type: 'offer',
    id,
    name: `Offre ${id}`,
    lastUpdated: '2025-01-01T00:00:00Z',
    locationIds: [],
    activities: [],
    activityFamilies: [],
    careModes: [],
    characteristics: [],
    publics: [],
    openingHours: [],
    interventionZones: [],
    psychiatricSectors: [],
    contacts: [],
    telecoms: [],
    ...fields,
  }
}

export function org(
  id: string,
  kind: OrganizationRecord['kind'],
  fields: Partial<OrganizationRecord> = {},
): OrganizationRecord {
  return {
    type: 'organization',
    id,
    kind,
    name: `Structure ${id}`,
    lastUpdated: '2025-01-01T00:00:00Z',
    contacts: [],
    telecoms: [],
    ...fields,
  }
}

export function location(id: string, fields: Partial<LocationRecord> = {}): LocationRecord {
  return { type: 'location', id, lastUpdated: '2025-01-01T00:00:00Z', telecoms: [], ...fields }
}

export function placement(
  offerId: string,
  points: { lat: number; lon: number }[],
  precision: GeoPrecision = points.length > 0 ? 'location' : 'none',
  communeCode?: string,
): ResolvedPlacement {
  const p: ResolvedPlacement = { offerId, points, precision }
  if (communeCode !== undefined) p.communeCode = communeCode
  return p
}

/** An age range as the model builds it (core/ror/age.ts), e.g. `ages([3, 'mo'], [17])`. */
export function ages(low: [number, string?], high: [number, string?]): AgeRange {
  const bound = ([value, unit]: [number, string?]): AgeBound =>
    unit === undefined ? { value } : { value, unit }
  const range = ageRangeFromBounds(bound(low), bound(high))
  if (!range) throw new Error(`Tranche d'âge invalide dans le test : ${low} – ${high}`)
  return range
}
