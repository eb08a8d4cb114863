import { describe, expect, it } from 'vitest'
import { offer as baseOffer } from '../../tests/support/search-records'
import { ACCESS_PROFILES, type AccessProfile } from './records'
import { isPurgeNeeded, ProfileNarrower, profileCovers, purgeWarning } from './profile-narrowing'
import type { OfferRecord, ResolvedPlacement } from './records'

describe('profileCovers (ROR-FHIR-NOTES §4.1)', () => {
  it('is reflexive, and profile 1 covers every profile', () => {
    for (const p of ACCESS_PROFILES) {
      expect(profileCovers(p, p)).toBe(true)
      expect(profileCovers(1, p)).toBe(true)
    }
  })

  it('follows the profile definitions', () => {
    // 2 = everything but « très restreint »; 5 = like 2 without capacities; 0 = public data.
    expect(profileCovers(2, 5)).toBe(true)
    expect(profileCovers(5, 2)).toBe(false)
    expect(profileCovers(2, 0)).toBe(true)
    expect(profileCovers(5, 0)).toBe(true)
    expect(profileCovers(3, 0)).toBe(true)
    // 4 sees no contact data at all, 0 sees public contacts: neither covers the other.
    expect(profileCovers(4, 0)).toBe(false)
    expect(profileCovers(0, 4)).toBe(false)
    // Nothing but 1 sees sensitive units.
    for (const p of ACCESS_PROFILES.filter((q) => q !== 1)) expect(profileCovers(p, 1)).toBe(false)
  })

  it('asks for a purge exactly when the new profile does not cover the old one', () => {
    const pairs = ACCESS_PROFILES.flatMap((a) => ACCESS_PROFILES.map((b) => [a, b] as const))
    for (const [from, to] of pairs) {
      expect(isPurgeNeeded(from, to)).toBe(!profileCovers(to, from))
    }
    expect(isPurgeNeeded(0, 1)).toBe(false)
    expect(isPurgeNeeded(1, 2)).toBe(true)
    expect(purgeWarning(0 as AccessProfile)).toBe(
      'Les données que le profil 0 ne peut pas voir seront supprimées de cet ordinateur.',
    )
  })
})

describe('ProfileNarrower', () => {
  const offer = (id: string, patch: Partial<OfferRecord>): OfferRecord =>
    baseOffer(id, { name: id, lastUpdated: '2026-11-01T00:00:00Z', ...patch })

  it('drops sensitive units with their placements, and the flag itself', () => {
    const narrower = new ProfileNarrower(2)
    const offers = [
      offer('a', { isSensitive: true, field: '01' }),
      offer('b', { isSensitive: false, field: '01' }),
    ]
    narrower.learn('offer', offers)
    expect(narrower.narrow('offer', offers)).toEqual([offer('b', { field: '01' })])
    const placements: ResolvedPlacement[] = ['a', 'b'].map((offerId) => ({
      offerId,
      points: [],
      precision: 'none',
    }))
    expect(narrower.narrow('placement', placements).map((p) => p.offerId)).toEqual(['b'])
    expect(narrower.hidden).toBe(1)
  })

  it('keeps level-2 offer contacts for profile 3 in médico-social only', () => {
    const narrower = new ProfileNarrower(3)
    const level2 = {
      confidentiality: '2' as const,
      telecoms: [{ value: '0102030405', confidentiality: '2' as const }],
    }
    const offers = [
      offer('ms', { field: '04', contacts: [level2] }),
      offer('mco', { field: '01', contacts: [level2] }),
    ]
    narrower.learn('offer', offers)
    const out = narrower.narrow('offer', offers)
    expect(out.map((o) => o.contacts.length)).toEqual([1, 0])
  })
})
