import { describe, expect, it } from 'vitest'
import { haversineKm } from '../geo/haversine'
import { capBoxes } from './geo'

/** Point at `km` from (lat, lon) along `bearing` degrees, on the same sphere as haversineKm. */
function destination(lat: number, lon: number, km: number, bearing: number): [number, number] {
  const r = Math.PI / 180
  const a = km / 6371.0088
  const phi = Math.asin(
    Math.sin(lat * r) * Math.cos(a) + Math.cos(lat * r) * Math.sin(a) * Math.cos(bearing * r),
  )
  const lambda =
    lon * r +
    Math.atan2(
      Math.sin(bearing * r) * Math.sin(a) * Math.cos(lat * r),
      Math.cos(a) - Math.sin(lat * r) * Math.sin(phi),
    )
  return [phi / r, ((lambda / r + 540) % 360) - 180]
}

function inBoxes(boxes: number[][], lat: number, lon: number): boolean {
  return boxes.some(([x0, y0, x1, y1]) => lon >= x0! && lon <= x1! && lat >= y0! && lat <= y1!)
}

describe('bounding boxes of the radius prefilter', () => {
  it('contain every point of the circle rim, also across the antimeridian', () => {
    for (const [lat, lon, km] of [
      [47.08, 2.4, 30],
      [-21.1, 55.5, 80], // La Réunion
      [16.2, -61.5, 200], // Guadeloupe
      [-17.5, 179.9, 50], // across ±180°
      [80, 10, 1500],
    ] as const) {
      const boxes = capBoxes(lat, lon, km)
      for (let bearing = 0; bearing < 360; bearing += 7.5) {
        const [plat, plon] = destination(lat, lon, km, bearing)
        expect(haversineKm(lat, lon, plat, plon)).toBeCloseTo(km, 6)
        expect(inBoxes(boxes, plat, plon)).toBe(true)
      }
    }
  })

  it('splits in two at the antimeridian and covers all longitudes near a pole', () => {
    expect(capBoxes(-17.5, 179.9, 50)).toHaveLength(2)
    expect(capBoxes(89.9, 0, 50)[0]).toEqual([-180, expect.any(Number), 180, 90])
  })
})
