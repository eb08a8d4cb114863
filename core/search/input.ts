/**
 * Glue between a snapshot and the engine: splits the records of a snapshot by kind and wires
 * the terminology (labels, ASS_A14) and the gazetteer (commune names, départements, régions)
 * into a {@link SearchIndexInput} (CLI, benchmarks), or into the {@link SearchIndexContext} the
 * app's engine worker builds its index on while it reads the offers chunk by chunk.
 */
import { placementResolver } from '../snapshot/resolve'
import type {
  DomainRecord,
  LocationRecord,
  OfferRecord,
  OrganizationRecord,
  ResolvedPlacement,
} from '../snapshot/records'
import type { SearchIndexContext, SearchIndexInput } from './build'
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
 * them; otherwise each offer's is resolved with the gazetteer's centroids).
 */
export function searchInputFromRecords(
  records: Iterable<DomainRecord | ResolvedPlacement>,
  deps: SearchInputDeps = {},
): SearchIndexInput {
  const offers: OfferRecord[] = []
  const rest: (DomainRecord | ResolvedPlacement)[] = []
  for (const r of records) {
    if ('type' in r && r.type === 'offer') offers.push(r)
    else rest.push(r)
  }
  return { offers, ...searchContextFromRecords(rest, deps) }
}

/**
 * The same input but the offers, from the records they refer to (organisations, places,
 * placements; offers among them are ignored): the offers are then handed one by one to a
 * `SearchIndexBuilder`.
 */
export function searchContextFromRecords(
  records: Iterable<DomainRecord | ResolvedPlacement>,
  deps: SearchInputDeps = {},
  /** The offers' placements when the caller has them its own way (no resolver is built). */
  placementOf?: SearchIndexContext['placementOf'],
): SearchIndexContext {
  const organizations: OrganizationRecord[] = []
  const locations: LocationRecord[] = []
  const placements: ResolvedPlacement[] = []
  for (const r of records) {
    if (!('type' in r)) placements.push(r)
    else if (r.type === 'organization') organizations.push(r)
    else if (r.type === 'location') locations.push(r)
  }
  const { terminology: t, gazetteer: g } = deps
  const context: SearchIndexContext = { organizations, locations, placements }
  if (placementOf) context.placementOf = placementOf
  else if (placements.length === 0) {
    const centroid = g && ((code: string) => g.centroid(code))
    context.placementOf = placementResolver([...organizations, ...locations], centroid)
  }
  if (g) context.commune = (code) => g.resolve(code)
  if (t) {
    context.activityLabel = (code) => t.label(ACTIVITIES, code)
    context.familyLabel = (code) => t.label(FAMILIES, code)
    context.familyActivities = familyActivityMap(t)
    context.knownActivities = t.concepts(ACTIVITIES).map((c) => c.code)
    context.knownFamilies = t.concepts(FAMILIES).map((c) => c.code)
  }
  return context
}

export interface SearchInputDeps {
  terminology?: SearchTerminology
  gazetteer?: SearchGazetteer & CentroidSource
}

/** Commune centroids, to resolve placements of a snapshot that does not store them. */
export interface CentroidSource {
  centroid(insee: string): { lat: number; lon: number } | undefined
}
