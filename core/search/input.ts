/**
 * Glue between a snapshot and the engine: splits the records of a snapshot by kind and wires
 * the terminology (labels, ASS_A14) and the gazetteer (commune names, départements, régions)
 * into a {@link SearchIndexInput}. Used by the CLI and the benchmark; the app's search worker
 * can use it the same way once it has read the active snapshot's chunks.
 */
import { resolvePlacements } from '../snapshot/resolve'
import type {
  DomainRecord,
  LocationRecord,
  OfferRecord,
  OrganizationRecord,
  ResolvedPlacement,
} from '../snapshot/records'
import type { SearchIndexInput } from './build'
import { type FamilyTerminology, familyActivityMap } from './families'
import type { CommuneInfo } from './types'

/** The terminology features used (core/terminology `Terminology` satisfies it). */
export interface SearchTerminology extends FamilyTerminology {
  label(valueSet: string, code: string): string
}

/** The gazetteer feature used (core/geo `Gazetteer` satisfies it). */
export interface SearchGazetteer {
  resolve(insee: string): CommuneInfo | undefined
}

const ACTIVITIES = 'JDV_J17-ActiviteOperationnelle-ROR'
const FAMILIES = 'JDV_J51-FamilleActiviteOperationnelle-ROR'

/**
 * Builds the engine input from snapshot records (placements included when the snapshot has
 * them; otherwise they are resolved here with the gazetteer's centroids).
 */
export function searchInputFromRecords(
  records: Iterable<DomainRecord | ResolvedPlacement>,
  deps: { terminology?: SearchTerminology; gazetteer?: SearchGazetteer & CentroidSource } = {},
): SearchIndexInput {
  const offers: OfferRecord[] = []
  const organizations: OrganizationRecord[] = []
  const locations: LocationRecord[] = []
  let placements: ResolvedPlacement[] = []
  for (const r of records) {
    if (!('type' in r)) placements.push(r)
    else if (r.type === 'offer') offers.push(r)
    else if (r.type === 'organization') organizations.push(r)
    else if (r.type === 'location') locations.push(r)
  }
  const { terminology: t, gazetteer: g } = deps
  if (placements.length === 0 && offers.length > 0) {
    const centroid = g && ((code: string) => g.centroid(code))
    placements = resolvePlacements([...offers, ...organizations, ...locations], centroid)
  }
  const input: SearchIndexInput = { offers, organizations, locations, placements }
  if (g) input.commune = (code) => g.resolve(code)
  if (t) {
    input.activityLabel = (code) => t.label(ACTIVITIES, code)
    input.familyLabel = (code) => t.label(FAMILIES, code)
    input.familyActivities = familyActivityMap(t)
    input.knownActivities = t.concepts(ACTIVITIES).map((c) => c.code)
    input.knownFamilies = t.concepts(FAMILIES).map((c) => c.code)
  }
  return input
}

/** Commune centroids, to resolve placements of a snapshot that does not store them. */
export interface CentroidSource {
  centroid(insee: string): { lat: number; lon: number } | undefined
}
