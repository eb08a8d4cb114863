/**
 * Query evaluation. Candidates come from the cheapest source — activity postings, the most
 * selective text token, the kd-tree box around the origin, or a plain scan — and every
 * candidate is then checked against ALL criteria through the typed columns (criteria AND,
 * values OR). Checking again the criterion that produced the candidates costs little and keeps
 * one code path for every plan.
 */
import {
  type ActivityMatcher,
  type MultiFilter,
  type SingleFilter,
  type TextCriterion,
  activityMatcher,
  codedFilters,
  isClosedAt,
  nextEpoch,
  rowHasMarked,
  textCriterion,
} from './criteria'
import { nearest, nearestDistance, pointsNear } from './geo'
import { type TokenMatcher, docMatchesAll } from './text-index'
import type { CandidateSource, SearchIndex, SearchQuery } from './types'

/** Below this many postings, checking distances beats a kd-tree probe. */
const GEO_PROBE_THRESHOLD = 2_000

/** A compiled query. */
interface Plan {
  activity?: ActivityMatcher
  text?: TextCriterion
  singles: SingleFilter[]
  multis: MultiFilter[]
  age?: number
  includeUnknownAge: boolean
  /** Instant for the closed test; undefined when closed offers are kept. */
  closedAt?: number
  origin?: { lat: number; lon: number }
  radiusKm: number
  /** The text matcher that produced the candidates, when it did: no need to check it again. */
  knownText?: TokenMatcher
}

/** Unsorted matches: rows with their distance and nearest point (scratch-backed views). */
export interface RawMatches {
  count: number
  rows: Uint32Array
  distances: Float64Array
  nearest: Int32Array
  source: CandidateSource
  candidates: number
}

function compile(index: SearchIndex, q: SearchQuery): Plan {
  const { singles, multis } = codedFilters(index, q)
  const radius = q.radiusKm
  return {
    activity: activityMatcher(index, q.activities, q.families),
    text: textCriterion(index, q.text),
    singles,
    multis,
    age: q.ageMinutes,
    includeUnknownAge: q.includeUnknownAge === true,
    closedAt: q.includeClosed === true ? undefined : (q.now ?? Date.now()),
    origin: q.origin,
    radiusKm: q.origin && radius !== undefined ? radius : Infinity,
  }
}

/** Checks every criterion except distance; distance is checked by the caller. */
function acceptsRow(index: SearchIndex, plan: Plan, row: number): boolean {
  if (plan.closedAt !== undefined && isClosedAt(index, row, plan.closedAt)) return false
  if (plan.age !== undefined) {
    const min = index.ageMin[row] ?? NaN
    if (Number.isNaN(min)) {
      if (!plan.includeUnknownAge) return false
    } else if (!(min <= plan.age && plan.age < (index.ageMaxExclusive[row] ?? NaN))) {
      return false
    }
  }
  for (const f of plan.singles) if (f.mark[f.ids[row] ?? 0] !== 1) return false
  for (const f of plan.multis) if (!rowHasMarked(f.rows, f.mark, row)) return false
  if (plan.activity && !plan.activity.test(row)) return false
  if (plan.text && !docMatchesAll(index.text, row, plan.text.matchers, plan.knownText)) return false
  return true
}

/** Calls `visit` for each candidate row of the cheapest source (each row at most once). */
function forEachCandidate(
  index: SearchIndex,
  plan: Plan,
  visit: (row: number) => void,
): CandidateSource {
  let best: { cost: number; source: CandidateSource; run: (v: (r: number) => void) => void } = {
    cost: index.size,
    source: 'scan',
    run: (v) => {
      for (let r = 0; r < index.size; r++) v(r)
    },
  }
  const consider = (cost: number, source: CandidateSource, run: typeof best.run): void => {
    if (cost < best.cost) best = { cost, source, run }
  }
  if (plan.activity) consider(plan.activity.cost, 'activity', plan.activity.forEachCandidate)
  if (plan.text) consider(plan.text.cost, 'text', plan.text.forEachCandidate)
  const { origin } = plan
  if (origin && Number.isFinite(plan.radiusKm) && best.cost > GEO_PROBE_THRESHOLD) {
    const points = pointsNear(index, origin.lat, origin.lon, plan.radiusKm)
    consider(points.length, 'geo', (v) => {
      const epoch = nextEpoch(index)
      const { stamp } = index.scratch
      for (const p of points) {
        const row = index.pointOffer[p] ?? 0
        if (stamp[row] === epoch) continue
        stamp[row] = epoch
        v(row)
      }
    })
  }
  if (best.source === 'text') plan.knownText = plan.text?.best
  best.run(visit)
  return best.source
}

/**
 * Every row matching the query, unsorted, in the index's scratch buffers (valid until the
 * next query). Distances are NaN without origin or for offers without coordinates.
 */
export function findMatches(index: SearchIndex, q: SearchQuery): RawMatches {
  const plan = compile(index, q)
  const { matches, distances, nearest: nearestOut } = index.scratch
  const origin = plan.origin
  const radius = plan.radiusKm
  let count = 0
  let candidates = 0
  const source = forEachCandidate(index, plan, (row) => {
    candidates++
    if (!acceptsRow(index, plan, row)) return
    let d = NaN
    let point = index.pointOffsets[row] ?? 0
    if (origin) {
      d = nearestDistance(index, row, origin.lat, origin.lon)
      point = nearest.point
      // Radius inclusive; an offer without coordinates cannot be within any radius.
      if (Number.isFinite(radius) && !(d <= radius)) return
    } else if (point >= (index.pointOffsets[row + 1] ?? 0)) {
      point = -1
    }
    matches[count] = row
    distances[count] = d
    nearestOut[count] = point
    count++
  })
  return {
    count,
    rows: matches.subarray(0, count),
    distances: distances.subarray(0, count),
    nearest: nearestOut.subarray(0, count),
    source,
    candidates,
  }
}
