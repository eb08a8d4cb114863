import { describe, expect, it } from 'vitest'
import type { LocationRecord, OfferRecord, OrganizationRecord } from './records'
import {
  isPlausiblePosition,
  placeInfo,
  resolvePlacement,
  resolvePlacements,
  structureInfo,
} from './resolve'

const offer = (id: string, locationIds: string[], providedBy?: string): OfferRecord => ({
  type: 'offer',
  id,
  name: id,
  lastUpdated: '2025-01-01T00:00:00Z',
  locationIds,
  activities: [],
  activityFamilies: [],
  careModes: [],
  characteristics: [],
  publics: [],
  openingHours: [],
  interventionZones: [],
  psychiatricSectors: [],
  contacts: [],
  telecoms: [],
  ...(providedBy ? { providedBy } : {}),
})
const place = (id: string, lat?: number, lon?: number, commune?: string): LocationRecord => ({
  type: 'location',
  id,
  lastUpdated: '2025-01-01T00:00:00Z',
  telecoms: [],
  ...(lat !== undefined && lon !== undefined ? { position: { lat, lon } } : {}),
  ...(commune ? { address: { communeCode: commune } } : {}),
})
const orgRec = (
  id: string,
  kind: OrganizationRecord['kind'],
  opts: { partOf?: string; geo?: [number, number]; commune?: string } = {},
): OrganizationRecord => ({
  type: 'organization',
  id,
  kind,
  name: id,
  lastUpdated: '2025-01-01T00:00:00Z',
  contacts: [],
  telecoms: [],
  ...(opts.partOf ? { partOf: opts.partOf } : {}),
  ...(opts.geo ? { geolocation: { lat: opts.geo[0], lon: opts.geo[1] } } : {}),
  ...(opts.commune ? { address: { communeCode: opts.commune } } : {}),
})

const CENTROIDS: Record<string, { lat: number; lon: number }> = {
  '18033': { lat: 47.08, lon: 2.4 },
  '18279': { lat: 47.22, lon: 2.07 },
}
const centroid = (insee: string) => CENTROIDS[insee]

function lookup(records: (LocationRecord | OrganizationRecord)[], withCentroids = true) {
  const byId = new Map(records.map((r) => [r.id, r]))
  return {
    location: (id: string) => {
      const r = byId.get(id)
      return r?.type === 'location' ? placeInfo(r) : undefined
    },
    organization: (id: string) => {
      const r = byId.get(id)
      return r?.type === 'organization' ? structureInfo(r) : undefined
    },
    ...(withCentroids ? { communeCentroid: centroid } : {}),
  }
}

describe('isPlausiblePosition', () => {
  it.each([
    [{ lat: 47.834781, lon: 1.92204 }, true],
    [{ lat: -21.1, lon: 55.5 }, true], // La Réunion
    [{ lat: 0, lon: 0 }, false],
    [{ lat: 0, lon: 2 }, true],
    [{ lat: 91, lon: 2 }, false],
    [{ lat: 47, lon: -181 }, false],
    [{ lat: Number.NaN, lon: 2 }, false],
    [undefined, false],
  ])('%j → %s', (p, expected) => {
    expect(isPlausiblePosition(p)).toBe(expected)
  })
})

describe('resolvePlacement', () => {
  it('uses every plausible position of the offer places (precision location)', () => {
    const l = lookup([place('a', 47.1, 2.4, '18033'), place('b', 47.2, 2.5), place('c', 0, 0)])
    expect(resolvePlacement(offer('o', ['a', 'b', 'c', 'missing']), l)).toEqual({
      offerId: 'o',
      points: [
        { lat: 47.1, lon: 2.4 },
        { lat: 47.2, lon: 2.5 },
      ],
      precision: 'location',
      communeCode: '18033',
    })
  })

  it('falls back to the EG geolocation, walking up from an OI (precision structure)', () => {
    const l = lookup([
      orgRec('ej', 'EJ', { geo: [48.8, 2.3] }),
      orgRec('eg', 'EG', { partOf: 'ej', geo: [47.09, 2.39], commune: '18033' }),
      orgRec('oi', 'OI', { partOf: 'eg' }),
    ])
    expect(resolvePlacement(offer('o', [], 'oi'), l)).toEqual({
      offerId: 'o',
      points: [{ lat: 47.09, lon: 2.39 }],
      precision: 'structure',
      communeCode: '18033',
    })
  })

  it('never uses the EJ (legal seat) geolocation', () => {
    const l = lookup([orgRec('ej', 'EJ', { geo: [48.8, 2.3], commune: '75056' })], false)
    expect(resolvePlacement(offer('o', [], 'ej'), l)).toEqual({
      offerId: 'o',
      points: [],
      precision: 'none',
    })
  })

  it('falls back to the centroid of the place commune, then of the EG commune', () => {
    const absurd = lookup([
      place('z', 0, 0, '18279'),
      orgRec('eg', 'EG', { geo: [0, 0], commune: '18033' }),
    ])
    expect(resolvePlacement(offer('o', ['z'], 'eg'), absurd)).toEqual({
      offerId: 'o',
      points: [{ lat: 47.22, lon: 2.07 }],
      precision: 'commune',
      communeCode: '18279',
    })
    const egOnly = lookup([orgRec('eg', 'EG', { commune: '18033' })])
    expect(resolvePlacement(offer('o', [], 'eg'), egOnly)).toMatchObject({
      precision: 'commune',
      points: [{ lat: 47.08, lon: 2.4 }],
    })
  })

  it("says 'none' when the commune is unknown to the gazetteer or there is no gazetteer", () => {
    const records = [orgRec('eg', 'EG', { commune: '99999' })]
    expect(resolvePlacement(offer('o', [], 'eg'), lookup(records)).precision).toBe('none')
    const noGazetteer = lookup([orgRec('eg', 'EG', { commune: '18033' })], false)
    expect(resolvePlacement(offer('o', [], 'eg'), noGazetteer)).toEqual({
      offerId: 'o',
      points: [],
      precision: 'none',
      communeCode: '18033',
    })
  })

  it('resolves every offer of a record set', () => {
    const records = [offer('o1', ['a']), offer('o2', []), place('a', 47.1, 2.4)]
    expect(resolvePlacements(records, centroid).map((p) => p.precision)).toEqual([
      'location',
      'none',
    ])
  })
})
