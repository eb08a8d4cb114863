/**
 * Offline search engine (issue 6): build an index from the active snapshot's records (or load
 * a persisted one), then search it by activity, age, distance, text and filters; autocomplete;
 * CSV export. See README.md in this folder for the exact semantics.
 */
export { buildSearchIndex, type SearchIndexInput } from './build'
export { searchInputFromRecords, type SearchGazetteer, type SearchTerminology } from './input'
export { search, matchAll, DEFAULT_LIMIT } from './search'
export { resultItem } from './items'
export { suggestActivities, suggestStructures } from './suggest'
export { compareDistance } from './order'
export { familyActivityMap } from './families'
export {
  SEARCH_INDEX_FORMAT_VERSION,
  SearchIndexFormatError,
  deserializeSearchIndex,
  readSearchIndexMeta,
  serializeSearchIndex,
} from './persist'
export { RESULT_COLUMNS, csvCell, resultsToCsv, toCsv } from './csv'
export { formatAgeBound, formatKm } from './format'
export type * from './types'
