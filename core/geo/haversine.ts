/**
 * Great-circle distance on a spherical Earth. The search contract (issue « Distance ») fixes
 * the haversine formula with the IUGG mean Earth radius, so every host (app, browser mode,
 * CLI) returns the same kilometres for the same pair of points.
 */

/** IUGG mean Earth radius R1 = (2a + b) / 3, in kilometres. */
export const EARTH_RADIUS_KM = 6371.0088

/** A WGS84 position in decimal degrees. */
export interface LatLon {
  lat: number
  lon: number
}

const DEG_TO_RAD = Math.PI / 180

/**
 * Great-circle distance in kilometres between two WGS84 points given as degrees.
 * Allocation-free, for hot loops (distance filter over every offer point).
 *
 * The haversine form is well conditioned for small distances; the square root is clamped
 * to 1 so nearly antipodal points cannot produce `NaN` from floating-point overshoot.
 *
 * @param lat1 - latitude of the first point, degrees (−90…90)
 * @param lon1 - longitude of the first point, degrees
 * @param lat2 - latitude of the second point, degrees
 * @param lon2 - longitude of the second point, degrees
 * @returns distance in km, between 0 and π·{@link EARTH_RADIUS_KM}
 */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const phi1 = lat1 * DEG_TO_RAD
  const phi2 = lat2 * DEG_TO_RAD
  const sinHalfDPhi = Math.sin((phi2 - phi1) / 2)
  const sinHalfDLambda = Math.sin(((lon2 - lon1) * DEG_TO_RAD) / 2)
  const h =
    sinHalfDPhi * sinHalfDPhi + Math.cos(phi1) * Math.cos(phi2) * sinHalfDLambda * sinHalfDLambda
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

/**
 * Great-circle distance in kilometres between two {@link LatLon} points.
 *
 * @example distanceKm({ lat: 48.8566, lon: 2.3522 }, { lat: 45.764, lon: 4.8357 }) // ≈ 392
 */
export function distanceKm(a: LatLon, b: LatLon): number {
  return haversineKm(a.lat, a.lon, b.lat, b.lon)
}
