/**
 * Compiles the criteria of a {@link SearchQuery} into tight row predicates over the index
 * columns. Each criterion is one AND term; the values inside a criterion are OR-ed through a
 * mark array (one byte per code), so a test costs a few array reads whatever the number of
 * values.
 */
import type { Csr } from './csr'
import { type TokenMatcher, cheapestMatcher, forEachPosting, textMatchers } from './text-index'
import type {
  CodeSet,
  CodedColumn,
  CodedMultiColumn,
  CoreIndex,
  SearchIndex,
  SearchQuery,
} from './types'

/** True when the code set constrains something (absent and empty lists do not). */
export function isSet(codes: CodeSet): codes is readonly string[] {
  return codes !== undefined && codes.length > 0
}

/** Starts a new candidate-deduplication round; returns the stamp value of this round. */
export function nextEpoch(index: CoreIndex): number {
  const s = index.scratch
  if (s.epoch >= 0xfffffffe) {
    s.stamp.fill(0)
    s.epoch = 0
  }
  s.epoch += 1
  return s.epoch
}

/** Any value of row `row` of `csr` marked in `mark`. */
export function rowHasMarked(csr: Csr, mark: Uint8Array, row: number): boolean {
  const end = csr.offsets[row + 1] ?? 0
  for (let k = csr.offsets[row] ?? 0; k < end; k++) if (mark[csr.values[k] ?? 0] === 1) return true
  return false
}

/** The activity criterion: activities ∪ (families, directly or through ASS_A14). */
export interface ActivityMatcher {
  /** Postings to enumerate (rows counted with repetition). */
  readonly cost: number
  test(row: number): boolean
  /** Visits every matching row once (uses the index's stamp array). */
  forEachCandidate(visit: (row: number) => void): void
}

/**
 * Compiles the activity criterion, or returns undefined when neither activities nor families
 * are given. Codes unknown to the snapshot select nothing (but do not fail).
 */
export function activityMatcher(
  index: CoreIndex,
  activities: CodeSet,
  families: CodeSet,
): ActivityMatcher | undefined {
  if (!isSet(activities) && !isSet(families)) return undefined
  const actMark = new Uint8Array(index.activityCodes.size)
  const famMark = new Uint8Array(index.familyCodes.size)
  const actIds: number[] = []
  const famIds: number[] = []
  const markActivity = (code: string): void => {
    const id = index.activityCodes.get(code)
    if (id !== undefined && actMark[id] === 0) {
      actMark[id] = 1
      actIds.push(id)
    }
  }
  for (const code of activities ?? []) markActivity(code)
  for (const family of families ?? []) {
    const id = index.familyCodes.get(family)
    if (id !== undefined && famMark[id] === 0) {
      famMark[id] = 1
      famIds.push(id)
    }
    for (const code of index.familyActivities.get(family) ?? []) markActivity(code)
  }
  const span = (csr: Csr, id: number): number => (csr.offsets[id + 1] ?? 0) - (csr.offsets[id] ?? 0)
  let cost = 0
  for (const id of actIds) cost += span(index.activityOffers, id)
  for (const id of famIds) cost += span(index.familyOffers, id)
  return {
    cost,
    test: (row) =>
      rowHasMarked(index.offerActivities, actMark, row) ||
      (famIds.length > 0 && rowHasMarked(index.offerFamilies, famMark, row)),
    forEachCandidate(visit) {
      const epoch = nextEpoch(index)
      const { stamp } = index.scratch
      const walk = (csr: Csr, ids: readonly number[]): void => {
        for (const id of ids) {
          const end = csr.offsets[id + 1] ?? 0
          for (let k = csr.offsets[id] ?? 0; k < end; k++) {
            const row = csr.values[k] ?? 0
            if (stamp[row] === epoch) continue
            stamp[row] = epoch
            visit(row)
          }
        }
      }
      walk(index.activityOffers, actIds)
      walk(index.familyOffers, famIds)
    },
  }
}

/** A single-valued coded column restricted to a set of codes. */
export interface SingleFilter {
  ids: Uint16Array
  mark: Uint8Array
}

/** A multi-valued coded column restricted to a set of codes (any value matches). */
export interface MultiFilter {
  rows: Csr
  mark: Uint8Array
}

function singleFilter(col: CodedColumn, codes: CodeSet): SingleFilter | undefined {
  if (!isSet(codes)) return undefined
  // Column ids are dictionary id + 1; mark[0] (code absent) stays 0: no code, no match.
  const mark = new Uint8Array(col.codes.size + 1)
  for (const c of codes) {
    const id = col.codes.get(c)
    if (id !== undefined) mark[id + 1] = 1
  }
  return { ids: col.ids, mark }
}

function multiFilter(col: CodedMultiColumn, codes: CodeSet): MultiFilter | undefined {
  if (!isSet(codes)) return undefined
  const mark = new Uint8Array(col.codes.size)
  for (const c of codes) {
    const id = col.codes.get(c)
    if (id !== undefined) mark[id] = 1
  }
  return { rows: col.rows, mark }
}

/** The coded filters of a query (champ, type d'offre, catégorie, territoire, mode, public). */
export function codedFilters(
  index: SearchIndex,
  q: SearchQuery,
): { singles: SingleFilter[]; multis: MultiFilter[] } {
  const f = index.filters
  const singles = [
    singleFilter(f.field, q.fields),
    singleFilter(f.offerType, q.offerTypes),
    singleFilter(f.category, q.categories),
    singleFilter(f.departement, q.departements),
    singleFilter(f.region, q.regions),
  ].filter((s): s is SingleFilter => s !== undefined)
  const multis = [multiFilter(f.careModes, q.careModes), multiFilter(f.publics, q.publics)].filter(
    (m): m is MultiFilter => m !== undefined,
  )
  return { singles, multis }
}

/** The text criterion, with its cheapest token as a candidate source. */
export interface TextCriterion {
  matchers: TokenMatcher[]
  /** The cheapest matcher, which enumerates the candidates. */
  best?: TokenMatcher
  cost: number
  forEachCandidate(visit: (row: number) => void): void
}

export function textCriterion(
  index: SearchIndex,
  text: string | undefined,
): TextCriterion | undefined {
  if (text === undefined) return undefined
  const matchers = textMatchers(index.text, text)
  if (matchers === undefined) return undefined
  const best = cheapestMatcher(matchers)
  return {
    matchers,
    best,
    cost: best?.cost ?? 0,
    forEachCandidate(visit) {
      if (best === undefined) return
      const epoch = nextEpoch(index)
      const { stamp } = index.scratch
      forEachPosting(index.text, best, (row) => {
        if (stamp[row] === epoch) return
        stamp[row] = epoch
        visit(row)
      })
    },
  }
}

/**
 * Whether row `row` is closed at `now`: its own closure is in progress
 * (`notAvailable[closingReopeningDate]`: start ≤ now and no end or end > now), an
 * organisation of its chain has closed (`organization-period.end` ≤ now), or all of its
 * places are closed (Location.status).
 */
export function isClosedAt(index: SearchIndex, row: number, now: number): boolean {
  const start = index.closureStart[row] ?? Infinity
  return (
    (start <= now && (index.closureEnd[row] ?? Infinity) > now) ||
    (index.orgClosedAt[row] ?? Infinity) <= now ||
    index.locationsClosed[row] === 1
  )
}
