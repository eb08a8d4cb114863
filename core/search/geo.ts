/**
 * The distance criterion (issue 6 « Distance »): great-circle distance (haversine, mean Earth
 * radius 6371.0088 km, core/geo/haversine.ts) from the origin to the NEAREST point of the
 * offer, radius inclusive. The kd-tree only narrows candidates with a bounding box that is
 * guaranteed to contain the whole circle; the exact haversine then decides.
 */
import { EARTH_RADIUS_KM, haversineKm } from '../geo/haversine'
import type { SearchIndex } from './types'

const RAD_TO_DEG = 180 / Math.PI

/** Bounding boxes `[minLon, minLat, maxLon, maxLat]` covering a spherical cap (1 or 2 boxes). */
export function capBoxes(lat: number, lon: number, radiusKm: number): number[][] {
  // Widen a little so floating-point rounding at the rim never drops a point the exact
  // haversine test would keep (the radius is inclusive).
  const angle = (radiusKm / EARTH_RADIUS_KM) * (1 + 1e-9) + 1e-12
  const dLat = angle * RAD_TO_DEG
  const minLat = lat - dLat
  const maxLat = lat + dLat
  if (minLat <= -90 || maxLat >= 90 || angle >= Math.PI / 2) {
    return [[-180, Math.max(-90, minLat), 180, Math.min(90, maxLat)]]
  }
  // Largest longitude gap on a cap of angular radius `angle` centred at `lat`.
  const ratio = Math.sin(angle) / Math.cos(lat / RAD_TO_DEG)
  if (ratio >= 1) return [[-180, minLat, 180, maxLat]]
  const dLon = Math.asin(ratio) * RAD_TO_DEG * (1 + 1e-9) + 1e-9
  const minLon = lon - dLon
  const maxLon = lon + dLon
  if (minLon < -180)
    return [
      [minLon + 360, minLat, 180, maxLat],
      [-180, minLat, maxLon, maxLat],
    ]
  if (maxLon > 180)
    return [
      [minLon, minLat, 180, maxLat],
      [-180, minLat, maxLon - 360, maxLat],
    ]
  return [[minLon, minLat, maxLon, maxLat]]
}

/** Point ids of the kd-tree inside the cap's bounding boxes (a superset of the cap). */
export function pointsNear(
  index: SearchIndex,
  lat: number,
  lon: number,
  radiusKm: number,
): number[] {
  const boxes = capBoxes(lat, lon, radiusKm)
  const out: number[] = []
  for (const [minLon, minLat, maxLon, maxLat] of boxes) {
    const ids = index.kdTree.range(minLon ?? 0, minLat ?? 0, maxLon ?? 0, maxLat ?? 0)
    for (const id of ids) if (id < index.pointOffer.length) out.push(id)
  }
  return out
}

/** Where {@link nearestDistance} leaves the id of the nearest point (-1 when none). */
export const nearest = { point: -1 }

/**
 * Distance from the origin to the nearest point of row `row` (NaN when the offer has no
 * point); the point id is left in {@link nearest}.point. Ties keep the first point. Written
 * allocation-free because it runs once per candidate.
 */
export function nearestDistance(index: SearchIndex, row: number, lat: number, lon: number): number {
  let best = NaN
  let point = -1
  const end = index.pointOffsets[row + 1] ?? 0
  for (let p = index.pointOffsets[row] ?? 0; p < end; p++) {
    const d = haversineKm(lat, lon, index.pointLat[p] ?? 0, index.pointLon[p] ?? 0)
    if (point < 0 || d < best) {
      best = d
      point = p
    }
  }
  nearest.point = point
  return best
}
