import { describe, expect, it } from 'vitest'
import { haversineKm } from '../geo/haversine'
import { parsePatientAge } from '../ror/age'
import { ages, location, offer, org, placement } from '../../tests/support/search-records'
import { buildSearchIndex, type SearchIndexInput } from './build'
import { search } from './search'
import type { SearchQuery } from './types'

const NOW = Date.parse('2025-06-15T12:00:00Z')

function ids(input: SearchIndexInput, query: SearchQuery): string[] {
  const index = buildSearchIndex(input)
  return search(index, { now: NOW, limit: 1000, ...query }).items.map((i) => i.offerId)
}

function age(text: string): number {
  const minutes = parsePatientAge(text)
  if (minutes === undefined) throw new Error(`âge illisible : ${text}`)
  return minutes
}

describe('age criterion (inclusive bounds, rounded down in each bound unit)', () => {
  const input: SearchIndexInput = {
    offers: [
      offer('years', { age: ages([0, 'd'], [17, 'a']) }),
      offer('months', { age: ages([3, 'mo'], [2, 'a']) }),
      offer('weeks', { age: ages([1, 'wk'], [4, 'wk']) }),
      offer('days', { age: ages([10, 'd'], [20, 'd']) }),
      offer('nounit', { age: ages([18], [65]) }),
      offer('unknown'),
    ],
  }
  const match = (text: string): string[] => ids(input, { ageMinutes: age(text) }).sort()

  it('takes a year bound as the whole year: 17 a includes 17 years and 364 days', () => {
    expect(match('17')).toContain('years')
    expect(match('215mo')).toContain('years') // 17 years 11 months
    expect(match('18')).not.toContain('years')
    expect(match('216mo')).not.toContain('years') // 18 years exactly
  })

  it('compares months with month bounds and years with year bounds', () => {
    expect(match('2mo')).not.toContain('months')
    expect(match('3mo')).toContain('months')
    expect(match('35mo')).toContain('months') // 2 years 11 months → 2 a
    expect(match('36mo')).not.toContain('months')
    expect(match('2')).toContain('months')
  })

  it('handles week and day bounds at their exact boundary days', () => {
    expect(match('6d')).not.toContain('weeks')
    expect(match('7d')).toContain('weeks')
    expect(match('34d')).toContain('weeks') // 4 weeks 6 days → 4 wk
    expect(match('35d')).not.toContain('weeks')
    expect(match('9d')).not.toContain('days')
    expect(match('10d')).toContain('days')
    expect(match('20d')).toContain('days')
    expect(match('21d')).not.toContain('days')
    expect(match('3wk')).not.toContain('days') // 21 days
  })

  it('reads a bound without unit as years (ROR-FHIR-NOTES §3.5)', () => {
    expect(match('18')).toContain('nounit')
    expect(match('65')).toContain('nounit')
    expect(match('66')).not.toContain('nounit')
    expect(match('17')).not.toContain('nounit')
  })

  it('excludes offers whose age range is unknown, unless asked to keep them', () => {
    expect(match('30')).not.toContain('unknown')
    expect(ids(input, { ageMinutes: age('30'), includeUnknownAge: true })).toContain('unknown')
    expect(ids(input, {})).toContain('unknown')
  })
})

describe('distance criterion', () => {
  const origin = { lat: 47.081, lon: 2.3988 } // Bourges
  const far = { lat: 47.222, lon: 2.068 } // Vierzon
  const near = { lat: 47.09, lon: 2.41 }
  const input: SearchIndexInput = {
    offers: [offer('two-sites'), offer('far'), offer('commune'), offer('nowhere')],
    placements: [
      placement('two-sites', [far, near]),
      placement('far', [far]),
      placement('commune', [near], 'commune', '18033'),
      placement('nowhere', []),
    ],
  }
  const dFar = haversineKm(origin.lat, origin.lon, far.lat, far.lon)
  const dNear = haversineKm(origin.lat, origin.lon, near.lat, near.lon)

  it('keeps a point exactly at the radius and drops it just inside the rim', () => {
    expect(ids(input, { origin, radiusKm: dFar })).toContain('far')
    expect(ids(input, { origin, radiusKm: dFar * (1 - 1e-12) })).not.toContain('far')
  })

  it('measures to the nearest place of an offer and reports that place', () => {
    const index = buildSearchIndex(input)
    const res = search(index, { origin, radiusKm: dNear, now: NOW })
    const item = res.items.find((i) => i.offerId === 'two-sites')
    expect(item?.distanceKm).toBe(dNear)
    expect([item?.lat, item?.lon]).toEqual([near.lat, near.lon])
  })

  it('includes commune-precision offers with their flag, never unplaced ones', () => {
    const index = buildSearchIndex(input)
    const res = search(index, { origin, radiusKm: 100, now: NOW })
    expect(res.items.find((i) => i.offerId === 'commune')?.precision).toBe('commune')
    expect(res.items.map((i) => i.offerId)).not.toContain('nowhere')
  })

  it('without radius sorts by distance and puts unplaced offers last', () => {
    expect(ids(input, { origin })).toEqual(['commune', 'two-sites', 'far', 'nowhere'])
  })

  it('ignores a radius given without origin', () => {
    expect(ids(input, { radiusKm: 1 })).toHaveLength(4)
  })
})

describe('activity, family and filters (AND across criteria, OR within)', () => {
  const families = new Map([['2.1.1.1', ['409']]])
  const input: SearchIndexInput = {
    offers: [
      offer('a', { activities: ['022'], field: '03', careModes: ['HC'], publics: ['01'] }),
      offer('b', { activities: ['045'], field: '01', careModes: ['HDJ', 'HC'] }),
      offer('c', { activities: ['022', '409'], field: '03', offerType: '157', providedBy: 'eg1' }),
      offer('d', { activities: ['100'], activityFamilies: ['01'], providedBy: 'eg2' }),
    ],
    organizations: [
      org('eg1', 'EG', { category: '355' }),
      org('eg2', 'EG', { category: '292', address: { communeCode: '18033' } }),
    ],
    placements: [placement('a', [], 'none', '18033'), placement('c', [], 'none', '2A004')],
    familyActivities: families,
  }

  it('ORs the values of one criterion and ANDs the criteria', () => {
    expect(ids(input, { activities: ['022', '045'] })).toEqual(['a', 'b', 'c'])
    expect(ids(input, { activities: ['022', '045'], fields: ['03'] })).toEqual(['a', 'c'])
    expect(ids(input, { activities: ['022'], careModes: ['HDJ'] })).toEqual([])
    expect(ids(input, { careModes: ['HDJ', 'HC'] })).toEqual(['a', 'b'])
  })

  it('matches a family by the offer own families and through ASS_A14', () => {
    expect(ids(input, { families: ['01'] })).toEqual(['d'])
    expect(ids(input, { families: ['2.1.1.1'] })).toEqual(['c'])
    expect(ids(input, { families: ['2.1.1.1'], activities: ['045'] })).toEqual(['b', 'c'])
  })

  it('filters by type, EG category, public, département and région', () => {
    expect(ids(input, { offerTypes: ['157'] })).toEqual(['c'])
    expect(ids(input, { categories: ['292', '355'] })).toEqual(['c', 'd'])
    expect(ids(input, { publics: ['01'] })).toEqual(['a'])
    expect(ids(input, { departements: ['18'] })).toEqual(['a', 'd'])
    expect(ids(input, { departements: ['2A'] })).toEqual(['c'])
  })

  it('treats unknown codes as matching nothing and empty lists as no constraint', () => {
    expect(ids(input, { activities: ['999'] })).toEqual([])
    expect(ids(input, { activities: [], fields: [] })).toHaveLength(4)
  })
})

describe('closed offers', () => {
  const input: SearchIndexInput = {
    offers: [
      offer('open'),
      offer('closing', { closure: { start: '2025-06-01', end: '2025-07-01' } }),
      offer('reopened', { closure: { start: '2025-05-01', end: '2025-06-15T12:00:00Z' } }),
      offer('future', { closure: { start: '2025-06-16' } }),
      offer('for-good', { closure: { start: '2024-01-01' } }),
      offer('eg-closed', { providedBy: 'oi' }),
      offer('sites-closed', { locationIds: ['l1', 'l2'] }),
      offer('one-site-open', { locationIds: ['l1', 'l3'] }),
    ],
    organizations: [
      org('ej', 'EJ'),
      org('eg', 'EG', { partOf: 'ej', closedAt: '2025-01-31' }),
      org('oi', 'OI', { partOf: 'eg' }),
    ],
    locations: [
      location('l1', { status: 'inactive' }),
      location('l2', { status: 'suspended' }),
      location('l3', { status: 'active' }),
    ],
  }

  it('hides closed offers by default (closure in progress, EG closed, all places closed)', () => {
    expect(ids(input, {}).sort()).toEqual(['future', 'one-site-open', 'open', 'reopened'])
  })

  it('shows them with their flag on request', () => {
    const index = buildSearchIndex(input)
    const res = search(index, { includeClosed: true, now: NOW })
    expect(res.total).toBe(8)
    const closed = res.items.filter((i) => i.isClosed).map((i) => i.offerId)
    expect(closed.sort()).toEqual(['closing', 'eg-closed', 'for-good', 'sites-closed'])
  })
})
