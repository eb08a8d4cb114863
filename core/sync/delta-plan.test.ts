import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CS } from '../ror/urls'
import { initialParts, MIN_WINDOW_MS, partUrl, REGION_CODES, splitPart } from './delta-plan'

describe('delta queries (ROR-FHIR-NOTES §5.5)', () => {
  it('uses the 18 regions of JDV_J237-RegionOM', () => {
    const file = JSON.parse(
      readFileSync(
        new URL('../../data/terminology/JDV_J237-RegionOM-ROR.json', import.meta.url),
        'utf8',
      ),
    ) as { concepts: { code: string }[] }
    expect([...REGION_CODES].sort()).toEqual(file.concepts.map((c) => c.code).sort())
  })

  it('asks for changed offers with the documented include set', () => {
    const [hs] = initialParts('2026-11-01T00:00:00.000Z', null)
    const url = new URL(partUrl('https://ror/fhir', hs!, 500))
    expect(url.pathname).toBe('/fhir/HealthcareService')
    expect(url.searchParams.getAll('_lastUpdated')).toEqual(['ge2026-11-01T00:00:00.000Z'])
    expect(url.searchParams.getAll('_include')).toEqual([
      'HealthcareService:organization',
      'HealthcareService:location',
      'PractitionerRole:practitioner',
    ])
    expect(url.searchParams.get('_include:iterate')).toBe('Organization:partof')
    expect(url.searchParams.get('_revinclude')).toBe('PractitionerRole:service')
    expect(url.searchParams.get('_count')).toBe('500')
    const types = initialParts('2026-11-01T00:00:00.000Z', null).map((p) => p.resourceType)
    expect(types).toEqual([
      'HealthcareService',
      'Location',
      'Organization',
      'PractitionerRole',
      'Practitioner',
    ])
  })

  it('limits every query to the region scope with _tag', () => {
    for (const part of initialParts('2026-11-01T00:00:00.000Z', '84')) {
      expect(new URL(partUrl('https://ror/fhir', part, 10)).searchParams.get('_tag')).toBe(
        `${CS.region}|84`,
      )
    }
  })
})

describe('splitPart (10,000-result cap)', () => {
  const part = initialParts('2026-11-01T00:00:00.000Z', null)[1]!

  it('splits by region first, then halves the window into two parts that cover it', () => {
    const regions = splitPart(part, '2026-11-02T00:00:00.000Z')!
    expect(regions.map((p) => p.region)).toEqual([...REGION_CODES])
    const [a, b] = splitPart(regions[0]!, '2026-11-02T00:00:00.000Z')!
    expect(a).toMatchObject({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-01T12:00:00.000Z' })
    // The second half stays open: what changes after "now" is not lost.
    expect(b).toMatchObject({ from: '2026-11-01T12:00:00.000Z' })
    expect(b!.to).toBeUndefined()
    const [c, d] = splitPart(a!, 'ignored')!
    expect([c!.from, c!.to, d!.from, d!.to]).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-11-01T06:00:00.000Z',
      '2026-11-01T06:00:00.000Z',
      '2026-11-01T12:00:00.000Z',
    ])
    const url = new URL(partUrl('https://ror/fhir', c!, 10))
    expect(url.searchParams.getAll('_lastUpdated')).toEqual([
      'ge2026-11-01T00:00:00.000Z',
      'lt2026-11-01T06:00:00.000Z',
    ])
  })

  it('gives up below the shortest window', () => {
    const short = {
      ...part,
      region: '84',
      to: new Date(Date.parse(part.from) + MIN_WINDOW_MS).toISOString(),
    }
    expect(splitPart(short, '2026-12-01T00:00:00.000Z')).toBeNull()
  })
})
