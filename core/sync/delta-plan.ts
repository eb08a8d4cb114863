/**
 * The queries of a delta sync (ROR-FHIR-NOTES §5.5) and how one is split when it passes the
 * ROR's 10,000-result cap (§5.4): first by source region (`_tag`, TRE_R30), then by halving its
 * `_lastUpdated` window, until every part fits.
 *
 * - HealthcareService changed, with the documented include set (organisation chain, places,
 *   roles and their practitioners), so each changed offer arrives with what depends on it;
 * - Location changed alone (capacities…), with the offers using it
 *   (`_revinclude=HealthcareService:location`, use case 1 S4), whose facts decide its access;
 * - Organization, PractitionerRole and Practitioner changed alone ("same pattern", §5.5).
 */
import { CS } from '../ror/urls'
import type { DeltaPart } from './checkpoint'

/**
 * The 18 source regions of JDV_J237-RegionOM-ROR (TRE_R30). The ROR tags every resource with
 * exactly one of them (notes §1), so the parts of a region split cover the whole query.
 */
export const REGION_CODES: readonly string[] = [
  '01', '02', '03', '04', '06', '11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84',
  '93', '94',
] // prettier-ignore

type DeltaType = DeltaPart['resourceType']

/** Include parameters per query (ROR-FHIR-NOTES §5.5 and §6 use cases 1 and 2). */
const INCLUDES: Readonly<Record<DeltaType, readonly [string, string][]>> = {
  HealthcareService: [
    ['_include', 'HealthcareService:organization'],
    ['_include:iterate', 'Organization:partof'],
    ['_include', 'HealthcareService:location'],
    ['_revinclude', 'PractitionerRole:service'],
    ['_include', 'PractitionerRole:practitioner'],
  ],
  Location: [['_revinclude', 'HealthcareService:location']],
  Organization: [],
  PractitionerRole: [['_include', 'PractitionerRole:practitioner']],
  Practitioner: [],
}

const SHORT: Readonly<Record<DeltaType, string>> = {
  HealthcareService: 'hs',
  Location: 'loc',
  Organization: 'org',
  PractitionerRole: 'role',
  Practitioner: 'prac',
}

/** Shortest `_lastUpdated` window worth splitting further (ms). */
export const MIN_WINDOW_MS = 1000

/** The five queries of a delta from `since` (limited to `region` when the scope is regional). */
export function initialParts(since: string, region: string | null): DeltaPart[] {
  return (Object.keys(INCLUDES) as DeltaType[]).map((resourceType) => ({
    id: SHORT[resourceType],
    resourceType,
    from: since,
    ...(region === null ? {} : { region }),
  }))
}

/** First page URL of a part. */
export function partUrl(fhirBase: string, part: DeltaPart, pageSize: number): string {
  const params = new URLSearchParams()
  params.append('_lastUpdated', `ge${part.from}`)
  if (part.to !== undefined) params.append('_lastUpdated', `lt${part.to}`)
  if (part.region !== undefined) params.append('_tag', `${CS.region}|${part.region}`)
  for (const [name, value] of INCLUDES[part.resourceType]) params.append(name, value)
  params.append('_count', String(pageSize))
  return `${fhirBase}/${part.resourceType}?${params.toString()}`
}

/**
 * Splits a part that exceeds the cap: into the 18 regions when it is not limited to one, else
 * into two halves of its window. An open window (no upper bound) keeps its second half open,
 * so nothing changed after `now` (the caller's best estimate of the server clock) is missed.
 * Null when the window is already too short to split: the delta is then abandoned for a full
 * sync.
 */
export function splitPart(part: DeltaPart, now: string): DeltaPart[] | null {
  if (part.region === undefined) {
    return REGION_CODES.map((region) => ({ ...part, id: `${part.id}.r${region}`, region }))
  }
  const from = Date.parse(part.from)
  const to = Date.parse(part.to ?? now)
  if (!(to - from > MIN_WINDOW_MS)) return null
  const mid = new Date(from + Math.floor((to - from) / 2)).toISOString()
  const second: DeltaPart = { ...part, id: `${part.id}.b`, from: mid }
  return [{ ...part, id: `${part.id}.a`, to: mid }, second]
}
