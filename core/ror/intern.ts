/**
 * String interning for mapped records. A national snapshot holds about a million records that
 * repeat the same codes, code systems, opening times and city names; JSON.parse gives every
 * occurrence its own string. Mappers pass such values (never names or timestamps, which are
 * mostly unique) through `intern` so that equal strings share one instance. The pool lives as
 * long as the process: it is bounded, and what it holds is small and reused by the next build.
 */

const MAX_LENGTH = 128
const MAX_ENTRIES = 100_000
const pool = new Map<string, string>()

/** The canonical instance of a short string (long or undefined values pass through). */
export function intern<T extends string | undefined>(s: T): T {
  if (s === undefined || s.length > MAX_LENGTH) return s
  const hit = pool.get(s)
  if (hit !== undefined) return hit as T
  // Past the bound new strings are simply not pooled: memory stays bounded on odd input.
  if (pool.size < MAX_ENTRIES) pool.set(s, s)
  return s
}
