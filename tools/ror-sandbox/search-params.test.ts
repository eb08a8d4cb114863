import { describe, expect, it } from 'vitest'
import { matchesBound, parseDateBound, parseSearch } from './search-params'

const limits = { defaultCount: 200, maxCount: 1000 }
const ms = (iso: string) => Date.parse(iso)

describe('parseDateBound', () => {
  it('gives each precision its implicit range', () => {
    expect(parseDateBound('ge2024')).toMatchObject({
      startMs: ms('2024-01-01T00:00:00Z'),
      endMs: ms('2025-01-01T00:00:00Z'),
    })
    expect(parseDateBound('le2024-02')).toMatchObject({
      startMs: ms('2024-02-01T00:00:00Z'),
      endMs: ms('2024-03-01T00:00:00Z'),
    })
    expect(parseDateBound('2024-02-29').endMs - parseDateBound('2024-02-29').startMs).toBe(
      86_400_000,
    )
    // The ROR documentation's own example has minutes and no time zone.
    expect(parseDateBound('ge2022-11-06T15:00')).toMatchObject({
      prefix: 'ge',
      startMs: ms('2022-11-06T15:00:00Z'),
      endMs: ms('2022-11-06T15:01:00Z'),
    })
    expect(parseDateBound('gt2024-05-01T10:00:00.250+02:00')).toMatchObject({
      prefix: 'gt',
      startMs: ms('2024-05-01T08:00:00.250Z'),
      endMs: ms('2024-05-01T08:00:00.251Z'),
    })
  })

  it('applies the FHIR prefix semantics to an instant', () => {
    const day = parseDateBound('2024-03-10')
    const inside = ms('2024-03-10T12:00:00Z')
    const after = ms('2024-03-11T00:00:00Z')
    expect(matchesBound(inside, { ...day, prefix: 'eq' })).toBe(true)
    expect(matchesBound(after, { ...day, prefix: 'eq' })).toBe(false)
    expect(matchesBound(inside, { ...day, prefix: 'le' })).toBe(true)
    expect(matchesBound(inside, { ...day, prefix: 'gt' })).toBe(false)
    expect(matchesBound(after, { ...day, prefix: 'gt' })).toBe(true)
    expect(matchesBound(inside, { ...day, prefix: 'lt' })).toBe(false)
  })

  it('refuses impossible dates', () => {
    for (const bad of ['ge2024-13', '2024-02-30', 'ge2024-01-01T25:00', 'yesterday', 'ne2024']) {
      expect(() => parseDateBound(bad), bad).toThrow(/_lastUpdated/)
    }
  })
})

describe('parseSearch', () => {
  it('reads lists, repetitions and includes', () => {
    const q = parseSearch(
      'HealthcareService',
      new URLSearchParams(
        '_id=a,b&_id=b&_tag=24,52&identifier=sys|X&_count=5000' +
          '&_include=HealthcareService:organization&_include:iterate=Organization:partof' +
          '&_revinclude=PractitionerRole:service',
      ),
      limits,
    )
    expect(q.ids).toEqual([['a', 'b'], ['b']])
    expect(q.regions).toEqual([['24', '52']])
    expect(q.identifiers).toEqual([['X']])
    expect(q.count).toBe(1000)
    expect([...q.includes]).toEqual(['HealthcareService:organization'])
    expect([...q.iterateIncludes]).toEqual(['Organization:partof'])
    expect([...q.revIncludes]).toEqual(['PractitionerRole:service'])
  })

  it('names what it refuses', () => {
    expect(() => parseSearch('Location', new URLSearchParams('_sort=name'), limits)).toThrow(
      /_sort/,
    )
    expect(() =>
      parseSearch('Location', new URLSearchParams('_include=Location:organization'), limits),
    ).toThrow(/Location:organization/)
    expect(() =>
      parseSearch('Location', new URLSearchParams('_tag=http://other|24'), limits),
    ).toThrow(/http:\/\/other/)
  })
})
