import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { PrefixKey } from './prefix-index'
import { PrefixIndex } from './prefix-index'

/** Brute force: every (item, best class) whose key starts with the prefix, sorted. */
function bruteForce(keys: PrefixKey[], ranks: number[], prefix: string, limit: number) {
  const best = new Map<number, number>()
  for (const k of keys) {
    if (!k.key.startsWith(prefix)) continue
    const cls = k.tier * 2 + (k.key === prefix ? 0 : 1)
    best.set(k.item, Math.min(best.get(k.item) ?? 9, cls))
  }
  return [...best]
    .sort((a, b) => a[1] - b[1] || ranks[a[0]]! - ranks[b[0]]!)
    .slice(0, limit)
    .map(([item, matchClass]) => ({ item, matchClass }))
}

describe('PrefixIndex', () => {
  it('ranks exact main keys, main prefixes, exact secondary keys, then secondary prefixes', () => {
    const keys: PrefixKey[] = [
      { key: 'la rochelle', item: 0, tier: 0 },
      { key: 'rochelle', item: 0, tier: 1 },
      { key: 'rochefort', item: 1, tier: 0 },
      { key: 'roche', item: 2, tier: 0 },
      { key: 'roche sur yon', item: 3, tier: 1 },
    ]
    const index = new PrefixIndex(keys, Int32Array.from([0, 1, 2, 3]))
    expect(index.search('roche', 10)).toEqual([
      { item: 2, matchClass: 0 },
      { item: 1, matchClass: 1 },
      { item: 0, matchClass: 3 },
      { item: 3, matchClass: 3 },
    ])
    expect(index.search('', 10)).toEqual([])
    expect(index.search('x', 10)).toEqual([])
  })

  it('agrees with a brute-force scan (property)', () => {
    const word = fc.stringMatching(/^[abc ]{1,6}$/)
    const input = fc
      .array(fc.record({ key: word, tier: fc.constantFrom(0 as const, 1 as const) }), {
        minLength: 1,
        maxLength: 40,
      })
      .chain((raw) =>
        fc.record({
          raw: fc.constant(raw),
          items: fc.array(fc.nat(9), { minLength: raw.length, maxLength: raw.length }),
          ranks: fc.shuffledSubarray([...Array(10).keys()], { minLength: 10, maxLength: 10 }),
          prefix: fc.stringMatching(/^[abc ]{1,3}$/),
          limit: fc.integer({ min: 1, max: 8 }),
        }),
      )
    fc.assert(
      fc.property(input, ({ raw, items, ranks, prefix, limit }) => {
        const keys = raw.map((r, i): PrefixKey => ({ ...r, item: items[i]! }))
        const index = new PrefixIndex(keys, Int32Array.from(ranks))
        expect(index.search(prefix, limit)).toEqual(bruteForce(keys, ranks, prefix, limit))
      }),
    )
  })
})
