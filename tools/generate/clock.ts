/**
 * Fixed time frame of the generated data. The data must not depend on the day it is generated
 * (same seed → same resources), so dates are spread relative to a constant epoch rather than
 * to "now"; mutations stamp the real current time, which is always later.
 */
import type { Rng } from './prng'

/** Newest meta.lastUpdated of freshly generated data: 2026-10-01T00:00:00Z. */
export const DATA_EPOCH_MS = Date.UTC(2026, 9, 1)
/** meta.lastUpdated is spread over the three years before the epoch. */
export const SPREAD_MS = 3 * 365 * 24 * 3600 * 1000
/** Oldest ror-meta-creation-date. */
export const CREATION_START_MS = Date.UTC(2015, 0, 1)

export interface Stamps {
  /** Creation, epoch seconds. */
  created: number
  /** meta.lastUpdated, epoch milliseconds (whole seconds). */
  updated: number
}

/** Draws a (creation, last update) pair; recent updates are more frequent than old ones. */
export function drawStamps(rng: Rng): Stamps {
  const age = SPREAD_MS * Math.pow(rng.next(), 1.6)
  const updated = Math.floor((DATA_EPOCH_MS - age) / 1000) * 1000
  const created = CREATION_START_MS + rng.next() * (updated - CREATION_START_MS)
  return { created: Math.floor(created / 1000), updated }
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}
