/**
 * Offline search engine (issue 6): build an index from the active snapshot's records, then
 * search it by activity, age, distance, text and filters; autocomplete; CSV export.
 */
export { buildSearchIndex, type SearchIndexInput } from './build'
export { search, matchAll, DEFAULT_LIMIT } from './search'
export { resultItem } from './items'
export { suggestActivities, suggestStructures } from './suggest'
export { compareByName, compareDistance } from './order'
export { familyActivityMap } from './families'
export { resultsToCsv, toCsv } from './csv'
export { formatAgeBound } from './format'
export type * from './types'
