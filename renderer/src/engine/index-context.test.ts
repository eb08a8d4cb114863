import { describe, expect, it } from 'vitest'
import type { LocationRecord, ResolvedPlacement } from '../../../core/snapshot/records'
import { placeInfo } from '../../../core/snapshot/resolve'
import { CompactLocations, CompactPlacements } from './index-context'

const place = (id: string, extra: Partial<LocationRecord> = {}): LocationRecord =>
  ({ type: 'location', id, ...extra }) as LocationRecord

describe('compact places and placements of the index build', () => {
  it('give back what search and placement read of a place, the last record of an id winning', () => {
    const places = new CompactLocations()
    places.add(
      place('l1', {
        status: 'active',
        address: { lines: ['1 rue X'], city: 'Bourges', communeCode: '18033' },
        position: { lat: 47.08, lon: 2.39, isReliable: true },
      }),
    )
    places.add(place('l2'))
    places.add(place('l1', { status: 'suspended', address: { city: 'Vierzon' } }))
    expect(places.size).toBe(2)
    expect(places.get('l1')).toEqual({ status: 'suspended', address: { city: 'Vierzon' } })
    expect(places.get('l2')).toEqual({})
    expect(places.get('l3')).toBeUndefined()
    // Placement reads the position and the commune, like placeInfo on the record.
    const record = place('l4', {
      address: { communeCode: '18033' },
      position: { lat: 47.08, lon: 2.39 },
    })
    places.add(record)
    expect(places.placeInfo('l4')).toEqual(placeInfo(record))
    expect(places.placeInfo('l2')).toEqual(placeInfo(place('l2')))
  })

  it('give back each offer’s placement as it was stored', () => {
    const stored: ResolvedPlacement[] = [
      {
        offerId: 'o1',
        points: [
          { lat: 47.08, lon: 2.39 },
          { lat: 47.2, lon: 2.1 },
        ],
        precision: 'location',
        communeCode: '18033',
      },
      { offerId: 'o2', points: [], precision: 'none' },
      {
        offerId: 'o3',
        points: [{ lat: 45.75, lon: 4.85 }],
        precision: 'commune',
        communeCode: '69123',
      },
    ]
    const placements = new CompactPlacements()
    for (const p of stored) placements.add(p)
    expect(placements.size).toBe(3)
    for (const p of stored) expect(placements.of(p.offerId)).toEqual(p)
    expect(placements.of('o4')).toBeUndefined()
  })
})
