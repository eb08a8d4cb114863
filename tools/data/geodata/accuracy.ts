/**
 * Measures how far the mean-based fallbacks (`postal`, `epci`) land from the true point, by
 * leave-one-out on the communes that do have a GeoNames point: for each of them, pretend it
 * has none, compute its fallback from the others, and measure the error. The figures go into
 * SOURCES.md so the documented precision is the measured one for this build.
 */
import { haversineKm } from '../../../core/geo/haversine'
import type { GeoSources, SourceCommune } from './sources'

export interface ErrorStats {
  method: 'postal' | 'epci'
  /** Communes measured (those with a GeoNames point and at least one other in the group). */
  count: number
  medianKm: number
  p90Km: number
  maxKm: number
}

type Known = Map<string, { lat: number; lon: number }>

function leaveOneOut(
  method: ErrorStats['method'],
  communes: readonly SourceCommune[],
  known: Known,
  groupsOf: (c: SourceCommune) => readonly string[],
): ErrorStats {
  const members = new Map<string, string[]>()
  for (const c of communes) {
    if (!known.has(c.code)) continue
    for (const g of groupsOf(c)) {
      const list = members.get(g)
      if (list) list.push(c.code)
      else members.set(g, [c.code])
    }
  }
  const errors: number[] = []
  for (const c of communes) {
    const self = known.get(c.code)
    if (!self) continue
    const others = new Set(groupsOf(c).flatMap((g) => members.get(g) ?? []))
    others.delete(c.code)
    if (others.size === 0) continue
    let lat = 0
    let lon = 0
    for (const o of others) {
      lat += known.get(o)!.lat
      lon += known.get(o)!.lon
    }
    errors.push(haversineKm(self.lat, self.lon, lat / others.size, lon / others.size))
  }
  errors.sort((a, b) => a - b)
  const at = (q: number) => Math.round((errors[Math.floor(q * (errors.length - 1))] ?? 0) * 10) / 10
  return { method, count: errors.length, medianKm: at(0.5), p90Km: at(0.9), maxKm: at(1) }
}

/** Leave-one-out error of the postal and EPCI fallbacks over `known` GeoNames points. */
export function measureFallbacks(
  sources: GeoSources,
  current: readonly SourceCommune[],
  known: Known,
): ErrorStats[] {
  const epciOf = new Map<string, string>()
  for (const e of sources.epci) for (const m of e.membres) epciOf.set(m.code, e.code)
  return [
    leaveOneOut('postal', current, known, (c) => c.codesPostaux ?? []),
    leaveOneOut('epci', current, known, (c) => {
      const e = epciOf.get(c.code)
      return e === undefined ? [] : [`${e}|${c.departement}`]
    }),
  ]
}
