import { describe, expect, it } from 'vitest'
import { ageOf, formatAgeBound, formatAgeRange, formatDistance, isStale } from './format'

describe('French formatting', () => {
  const now = Date.parse('2026-11-26T12:00:00Z')

  it('says how old a snapshot is', () => {
    expect(ageOf('2026-11-23T12:00:00Z', now)).toBe('il y a 3 jours')
    expect(ageOf('2026-11-26T11:30:00Z', now)).toBe('il y a 30 minutes')
    expect(ageOf('2026-11-26T11:59:50Z', now)).toBe('à l’instant')
    expect(ageOf('2026-11-26T11:59:00Z', now)).toBe('il y a 1 minute')
    expect(ageOf('pas une date', now)).toBe('date inconnue')
  })

  it('writes age bounds with their unit, years when there is none', () => {
    expect(formatAgeBound({ value: 18, unit: 'mo' })).toBe('18 mois')
    expect(formatAgeBound({ value: 1, unit: 'a' })).toBe('1 an')
    expect(formatAgeBound({ value: 18 })).toBe('18 ans')
    expect(formatAgeBound({ value: 0, unit: 'd' })).toBe('0 jour')
    expect(formatAgeRange({ value: 60, unit: 'a' }, { value: 120, unit: 'a' })).toBe(
      'de 60 à 120 ans',
    )
    expect(formatAgeRange(undefined, undefined)).toBe('âge non renseigné')
  })

  it('writes distances the French way', () => {
    expect(formatDistance(3.14159)).toBe('3,1 km')
    expect(formatDistance(29.6)).toBe('30 km')
  })

  it('flags a snapshot older than a week as stale', () => {
    expect(isStale('2026-11-18T12:00:00Z', now)).toBe(true)
    expect(isStale('2026-11-20T12:00:00Z', now)).toBe(false)
  })
})
