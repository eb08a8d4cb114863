import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { EARTH_RADIUS_KM, distanceKm, haversineKm } from './haversine'

/**
 * Independent reference: the Vincenty special case for a sphere (atan2 form), a different
 * formula from haversine that is exact on a sphere for every pair, antipodes included.
 */
function vincentySphereKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180
  const p1 = lat1 * r
  const p2 = lat2 * r
  const dl = (lon2 - lon1) * r
  const y = Math.hypot(
    Math.cos(p2) * Math.sin(dl),
    Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl),
  )
  const x = Math.sin(p1) * Math.sin(p2) + Math.cos(p1) * Math.cos(p2) * Math.cos(dl)
  return EARTH_RADIUS_KM * Math.atan2(y, x)
}

const lat = fc.double({ min: -90, max: 90, noNaN: true })
const lon = fc.double({ min: -180, max: 180, noNaN: true })
const point = fc.record({ lat, lon })

describe('haversineKm', () => {
  it('uses the IUGG mean Earth radius', () => {
    expect(EARTH_RADIUS_KM).toBe(6371.0088)
  })

  it('gives the published Paris–Lyon great-circle distance (≈ 392 km)', () => {
    // Notre-Dame de Paris → place Bellecour, Lyon.
    const d = haversineKm(48.853, 2.3499, 45.7578, 4.832)
    expect(d).toBeGreaterThan(389)
    expect(d).toBeLessThan(395)
  })

  it('gives about 111.195 km for one degree along the equator or a meridian', () => {
    expect(haversineKm(0, 0, 0, 1)).toBeCloseTo(111.195, 3)
    expect(haversineKm(10, 5, 11, 5)).toBeCloseTo(111.195, 3)
  })

  it('is zero for the same point and half the circumference for antipodes', () => {
    expect(haversineKm(47.9029, 1.9039, 47.9029, 1.9039)).toBe(0)
    const half = Math.PI * EARTH_RADIUS_KM
    expect(haversineKm(0, 0, 0, 180)).toBeCloseTo(half, 6)
    expect(haversineKm(45, 10, -45, -170)).toBeCloseTo(half, 6)
    expect(haversineKm(90, 0, -90, 0)).toBeCloseTo(half, 6)
  })

  it('treats longitudes 180 and −180 as the same meridian', () => {
    expect(haversineKm(-17.5, 180, -17.5, -180)).toBeCloseTo(0, 9)
  })

  it('is symmetric, non-negative and bounded (property)', () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        const ab = distanceKm(a, b)
        expect(ab).toBe(distanceKm(b, a))
        expect(ab).toBeGreaterThanOrEqual(0)
        expect(ab).toBeLessThanOrEqual(Math.PI * EARTH_RADIUS_KM + 1e-9)
      }),
    )
  })

  it('agrees with the Vincenty sphere formula within a metre (property)', () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        const expected = vincentySphereKm(a.lat, a.lon, b.lat, b.lon)
        expect(Math.abs(distanceKm(a, b) - expected)).toBeLessThan(1e-3)
      }),
    )
  })

  it('respects the triangle inequality (property)', () => {
    fc.assert(
      fc.property(point, point, point, (a, b, c) => {
        // 1 m of slack: near antipodal points haversine goes through asin(≈1), whose rounding
        // reaches a few centimetres on a 20,000 km distance (seen: 4.5 cm).
        expect(distanceKm(a, c)).toBeLessThanOrEqual(distanceKm(a, b) + distanceKm(b, c) + 1e-3)
      }),
    )
  })
})
