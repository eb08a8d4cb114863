/**
 * Realistic benchmark workloads, drawn with a seeded PRNG from the snapshot itself:
 * - combined queries « activity + patient age + 30 km »: the origin is a commune drawn by
 *   population (coordinators work where people live), the activity by how common it is (70 %)
 *   or uniformly among those present (30 %), sometimes two or three activities (OR);
 * - typing sessions: structure names, activity labels and city names typed one key at a time.
 */
import { readFileSync } from 'node:fs'
import { parseCommunesFile } from '../../core/geo/communes-file'
import { DEFAULT_COMMUNES_PATH } from '../../cli/lib/communes'
import { MINUTES_PER_UNIT } from '../../core/ror/age'
import type { SearchIndex, SearchQuery } from '../../core/search/types'
import { pick, prng } from './stats'

export interface CombinedQuery {
  query: SearchQuery & {
    origin: { lat: number; lon: number }
    radiusKm: number
    ageMinutes: number
  }
  /** The same, in words, for reports. */
  label: string
}

/** Cumulative-weight sampler. */
function weighted<T>(rand: () => number, items: readonly T[], weight: (t: T) => number): () => T {
  const cumulative: number[] = []
  let total = 0
  for (const it of items) cumulative.push((total += Math.max(0, weight(it))))
  return () => {
    const x = rand() * total
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((cumulative[mid] ?? 0) < x) lo = mid + 1
      else hi = mid
    }
    return items[lo] as T
  }
}

function drawAge(rand: () => number): [number, string] {
  const r = rand()
  if (r < 0.5) return [18 + Math.floor(rand() * 73), 'a']
  if (r < 0.8) return [Math.floor(rand() * 18), 'a']
  const unit = pick(rand, ['mo', 'wk', 'd'])
  const max = unit === 'mo' ? 36 : unit === 'wk' ? 52 : 60
  return [Math.floor(rand() * max), unit]
}

/** `count` combined queries with a 30 km radius. */
export function combinedQueries(index: SearchIndex, count: number, seed: number): CombinedQuery[] {
  const rand = prng(seed)
  const communes = parseCommunesFile(JSON.parse(readFileSync(DEFAULT_COMMUNES_PATH, 'utf8'))).rows
  const commune = weighted(rand, communes, (c) => c[7])
  const codes = index.activityCodes.values
  const spans = codes.map(
    (_, id) =>
      (index.activityOffers.offsets[id + 1] ?? 0) - (index.activityOffers.offsets[id] ?? 0),
  )
  const byFrequency = weighted(rand, codes, (c) => spans[codes.indexOf(c)] ?? 0)
  const activity = () => (rand() < 0.7 ? byFrequency() : pick(rand, codes))
  const out: CombinedQuery[] = []
  for (let i = 0; i < count; i++) {
    const c = commune()
    const n = rand() < 0.8 ? 1 : 2 + Math.floor(rand() * 2)
    const activities = [...new Set(Array.from({ length: n }, activity))]
    const [value, unit] = drawAge(rand)
    const ageMinutes = value * (MINUTES_PER_UNIT[unit] ?? 0)
    out.push({
      query: {
        activities,
        ageMinutes,
        origin: { lat: c[5], lon: c[6] },
        radiusKm: 30,
        limit: 50,
      },
      label: `${activities.join('|')} · ${value}${unit} · 30 km de ${c[1]}`,
    })
  }
  return out
}

/** Typing sessions: each string is typed one character at a time (every prefix ≥ 1 char). */
export function typingSessions(index: SearchIndex, count: number, seed: number): string[] {
  const rand = prng(seed)
  const cities = index.city.values
  const sources: (() => string)[] = [
    () => pick(rand, index.orgs.names),
    () => pick(rand, index.activityCatalog.entries).label,
    () => pick(rand, cities),
  ]
  const out: string[] = []
  while (out.length < count) {
    // Users type the first two or three words, not a whole 80-character name.
    const text = pick(rand, sources)()
      .split(/\s+/)
      .slice(0, 2 + Math.floor(rand() * 2))
      .join(' ')
    if (text.trim() !== '') out.push(text)
  }
  return out
}

/** Every prefix of a typed string (what each keystroke sends). */
export function keystrokes(text: string): string[] {
  return Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1)).filter(
    (p) => p.trim() !== '',
  )
}
