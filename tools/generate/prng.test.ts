import { describe, expect, it } from 'vitest'
import { finess, isLuhnValid, rpps, siren, siret } from './identifiers'
import { Rng, seedFor, WeightedSampler } from './prng'

describe('Rng', () => {
  it('replays the same sequence for the same seed and another one for another seed', () => {
    const a = new Rng(42)
    const b = new Rng(42)
    const c = new Rng(43)
    const seqA = Array.from({ length: 20 }, () => a.next())
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA)
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA)
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true)
  })

  it('draws integers within bounds, covering them all', () => {
    const rng = new Rng(7)
    const seen = new Set<number>()
    for (let i = 0; i < 2000; i += 1) seen.add(rng.int(3, 9))
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8, 9])
  })

  it('seedFor depends on every part and on their order', () => {
    expect(seedFor(1, 2, 3)).toBe(seedFor(1, 2, 3))
    expect(seedFor(1, 2, 3)).not.toBe(seedFor(1, 3, 2))
    expect(seedFor(1, 2, 3)).not.toBe(seedFor(1, 2, 4))
    expect(seedFor(1, 2 ** 33)).not.toBe(seedFor(1, 0))
  })

  it('samples in proportion to weights', () => {
    const sampler = new WeightedSampler([1, 0, 3])
    const rng = new Rng(99)
    const counts = [0, 0, 0]
    for (let i = 0; i < 20000; i += 1) counts[sampler.draw(rng)]! += 1
    expect(counts[1]).toBe(0)
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.7)
    expect(counts[2]! / counts[0]!).toBeLessThan(3.3)
  })
})

describe('identifiers', () => {
  it('builds Luhn-valid SIREN, SIRET and RPPS numbers, unique per serial', () => {
    const sirens = new Set<string>()
    for (let i = 0; i < 3000; i += 1) {
      const s = siren(i)
      expect(s).toMatch(/^[1-9]\d{8}$/)
      expect(isLuhnValid(s)).toBe(true)
      sirens.add(s)
      const t = siret(s, i % 7)
      expect(t).toMatch(/^\d{14}$/)
      expect(t.startsWith(s)).toBe(true)
      expect(isLuhnValid(t)).toBe(true)
      expect(isLuhnValid(rpps(i))).toBe(true)
    }
    expect(sirens.size).toBe(3000)
  })

  it('prefixes FINESS numbers with the département (970x for overseas), 9 characters', () => {
    expect(finess('45', 0)).toMatch(/^45\d{7}$/)
    expect(finess('2A', 5)).toMatch(/^2A\d{7}$/)
    expect(finess('974', 12)).toMatch(/^9704\d{5}$/)
    const numbers = new Set(Array.from({ length: 5000 }, (_, i) => finess('59', i)))
    expect(numbers.size).toBe(5000)
    for (const n of [...numbers].slice(0, 50)) expect(isLuhnValid(n)).toBe(true)
  })
})
