/**
 * The search API shared by the app (in its search worker), the browser mode and the CLI.
 * Same engine, same order everywhere (issue 6).
 */
import { resultItem } from './items'
import { sortPositions, windowPositions } from './order'
import { findMatches } from './query'
import type { MatchSet, SearchIndex, SearchQuery, SearchResult } from './types'

/** Default page size of {@link search}. */
export const DEFAULT_LIMIT = 50

/**
 * Runs a query and returns the total count and one page of result items, in result order
 * (distance then name with an origin, name otherwise). Timings are always measured (they
 * cost two `performance.now()` calls).
 */
export function search(index: SearchIndex, query: SearchQuery): SearchResult {
  const t0 = performance.now()
  const raw = findMatches(index, query)
  const t1 = performance.now()
  const offset = Math.max(0, Math.floor(query.offset ?? 0))
  const limit = Math.max(0, Math.floor(query.limit ?? DEFAULT_LIMIT))
  const hasOrigin = query.origin !== undefined
  const positions = windowPositions(
    index.nameRank,
    raw.rows,
    hasOrigin ? raw.distances : undefined,
    offset,
    limit,
  )
  const now = query.now ?? Date.now()
  const items = Array.from(positions, (p) =>
    resultItem(index, raw.rows[p] ?? 0, raw.nearest[p] ?? -1, raw.distances[p] ?? NaN, now),
  )
  const t2 = performance.now()
  return {
    total: raw.count,
    items,
    timings: {
      source: raw.source,
      candidates: raw.candidates,
      matchMs: t1 - t0,
      sortMs: t2 - t1,
      totalMs: t2 - t0,
    },
  }
}

/**
 * Every match of a query, as typed arrays: what the map (one marker per match) and a
 * virtualised list (items built on demand with `resultItem`) need. In result order unless
 * `ordered` is false (the map does not need an order; sorting 400,000 matches costs ~100 ms
 * on our slow VM, finding them ~10–30 ms).
 */
export function matchAll(
  index: SearchIndex,
  query: SearchQuery,
  options: { ordered?: boolean } = {},
): MatchSet {
  const t0 = performance.now()
  const raw = findMatches(index, query)
  const t1 = performance.now()
  const order =
    options.ordered === false
      ? Uint32Array.from(raw.rows, (_, p) => p)
      : sortPositions(index.nameRank, raw.rows, query.origin ? raw.distances : undefined)
  const offers = new Uint32Array(order.length)
  const distanceKm = new Float64Array(order.length)
  const nearestPoint = new Int32Array(order.length)
  order.forEach((p, k) => {
    offers[k] = raw.rows[p] ?? 0
    distanceKm[k] = raw.distances[p] ?? NaN
    nearestPoint[k] = raw.nearest[p] ?? -1
  })
  const t2 = performance.now()
  return {
    offers,
    distanceKm,
    nearestPoint,
    timings: {
      source: raw.source,
      candidates: raw.candidates,
      matchMs: t1 - t0,
      sortMs: t2 - t1,
      totalMs: t2 - t0,
    },
  }
}
